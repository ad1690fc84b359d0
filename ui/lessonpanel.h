// The lesson's panel (a dock of the main window): the step's title, its
// explanation with live numbers, the one thing to try, and Back / Next /
// Finish. A view of a Lesson (models/lesson.h).
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
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
};

} // namespace cutmix::ui
