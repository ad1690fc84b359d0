// Small pieces the batch and audit windows build alike.
#pragma once

class QLabel;
class QScrollArea;
class QWidget;

namespace cutmix::ui
{

// A scroll area that sizes `content` to its width and scrolls only up and
// down (tiles reflow to the width).
QScrollArea* verticalScroller(QWidget* content);
// A bold, word-wrapped line (a view's summary).
QLabel* headingLabel();
// A word-wrapped line in a warning colour (what could not be done).
QLabel* warningLabel();

} // namespace cutmix::ui
