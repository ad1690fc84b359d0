// The lesson's panel (a dock of the main window): the step's title, its
// explanation with live numbers, the one thing to try, and Back / Next /
// Finish. A view of a Lesson (models/lesson.h). While the lesson runs, its
// Next and Back keys (Alt+N, Alt+B; Page Down and Page Up in presentation
// mode, a presenter's clicker) work from any of the application's windows:
// steps 7 and 8 take the focus to the batch and audit views.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace cutmix::ui
{

class Lesson;

class LessonPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LessonPanel(Lesson* lesson, QWidget* parent = nullptr);
    // Page Down / Page Up step the lesson from any window (presentation mode
    // on); off, they stay with the views that scroll.
    void setPageKeys(bool on);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void refresh();

    Lesson* lesson_;
    QLabel* step_;
    QLabel* title_;
    QLabel* text_;
    QLabel* task_;
    QPushButton* back_;
    QPushButton* next_;
    QPushButton* finish_;
    QAction* nextKey_;
    QAction* backKey_;
    QAction* pageDown_;
    QAction* pageUp_;
    bool pageKeys_ = false;
};

} // namespace cutmix::ui
