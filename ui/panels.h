// Small pieces the batch and audit windows build alike.
#pragma once

#include <QLabel>

class QGridLayout;
class QLineEdit;
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

// A word-wrapped label whose text changes at every draw (the summary over
// the result, the Objects panel's count), in a box of its own. A new text in
// a label asks every layout above it again, and a word-wrapped label's size
// hints lay the text out several times (QLabel::sizeHint, heightForWidth:
// the costliest part of an alpha change after the images, and in a scroll
// area its whole panel laid out again). In this box a new text lays out
// nothing around it: the box is as tall as the tallest text has needed at
// its width (what is below stays where it is between draws), laid out again
// only when that height or its width changes. Call fit() after setText.
class SteadyLabelBox : public QWidget
{
public:
    explicit SteadyLabelBox(QLabel* label, QWidget* parent = nullptr);
    // As tall as the text needs at this width, never less than
    // setMinimumLines (two unless set) nor than a text before it at this
    // width.
    void fit();
    void setMinimumLines(int lines) { lines_ = lines; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent*) override;

private:
    QLabel* label_;
    int lines_ = 2;
    int width_ = -1; // the width keep_ was kept for
    int keep_ = 0;
    int height_ = 0; // as laid out
};

// The line above an input image: its title ("A: chelsea.png"), its size
// ("451 × 300") and its class field. When the three do not fit on one line,
// the title gets a line of its own and the size goes beside the field, so
// that a narrow window shows the file's name and size rather than "A: …00".
class ImageHeader : public QWidget
{
public:
    // `field` is the class-name editor, made by the caller.
    ImageHeader(ElidedLabel* title, QLabel* sizeLabel, QLineEdit* field, QWidget* parent = nullptr);
    // Sets the texts (the tooltip on title and size) and lays them out again.
    void setTitle(const QString& title, const QString& size, const QString& toolTip);
    // Lays the line out for its width: one line, or the title above.
    void refit();
    bool onOneLine() const { return oneLine_; }

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    void place(bool oneLine);
    int oneLineWidth() const;

    ElidedLabel* title_;
    QLabel* size_;
    QLabel* classWord_;
    QLineEdit* field_;
    QGridLayout* grid_;
    bool oneLine_ = false;
    bool placed_ = false;
};

// A scroll area that sizes `content` to its width and scrolls only up and
// down (tiles reflow to the width).
QScrollArea* verticalScroller(QWidget* content);
// A bold, word-wrapped line (a view's summary).
QLabel* headingLabel();
// A word-wrapped line in a warning colour (what could not be done).
QLabel* warningLabel();

} // namespace cutmix::ui
