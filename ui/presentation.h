// Presentation mode (View > Presentation, F11): the result and the numbers
// only, full screen, in large type and thick lines on a dark ground, driven
// from the keyboard: Space a new draw, Left/Right step alpha, H hold the
// draw, M the map of sources, C the next convention, Esc or F11 to leave.
// A view of the window's model; sizes follow the screen, so it reads the same
// on a high-DPI screen.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace cutmix::ui
{

class ImageView;
class StudioModel;

class PresentationWindow : public QWidget
{
    Q_OBJECT
public:
    explicit PresentationWindow(StudioModel* model, QWidget* parent = nullptr);
    ImageView* resultView() const { return result_; }
    QLabel* header() const { return header_; }
    QLabel* numbers() const { return numbers_; }
    bool sourcesShown() const { return sources_; }
    // The result's mask as a wash, following the main window's "Show masks".
    void setMasksShown(bool shown);
    bool masksShown() const { return masks_; }
    // The alpha after one step of the arrows (x 1.25 up, / 1.25 down, within the slider's range).
    static double steppedAlpha(double alpha, int steps);
    // The lesson's step (title and what to try) above the result; empty: none.
    // Page Down / Page Up then ask for the next or previous step (a
    // presenter's clicker sends them).
    void setLessonCaption(const QString& title, const QString& task);
    QLabel* lessonCaption() const { return lesson_; }

signals:
    void left();
    void lessonStepRequested(int delta);

protected:
    void keyPressEvent(QKeyEvent*) override;
    bool event(QEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    static QString keysText(bool lesson);
    void refresh();
    void nextConvention();

    StudioModel* model_;
    ImageView* result_;
    QLabel* header_;
    QLabel* numbers_;
    QLabel* keys_;
    QLabel* lesson_;
    bool sources_ = false;
    bool masks_ = false;
};

} // namespace cutmix::ui
