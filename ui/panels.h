// Small pieces the batch and audit windows build alike.
#pragma once

#include <QLabel>

class QScrollArea;
class QWidget;

namespace cutmix::ui
{

// One line that, when narrower than its text, shortens it in the middle
// ("A: chelsea…png  451 × 300") instead of holding the window wide or
// cutting its end (give it the whole text as tooltip).
class ElidedLabel : public QLabel
{
public:
    using QLabel::QLabel;
    QSize minimumSizeHint() const override;
    // The text as shown (shortened or whole).
    QString shownText() const;

protected:
    void paintEvent(QPaintEvent*) override;
};

// A scroll area that sizes `content` to its width and scrolls only up and
// down (tiles reflow to the width).
QScrollArea* verticalScroller(QWidget* content);
// A bold, word-wrapped line (a view's summary).
QLabel* headingLabel();
// A word-wrapped line in a warning colour (what could not be done).
QLabel* warningLabel();

} // namespace cutmix::ui
