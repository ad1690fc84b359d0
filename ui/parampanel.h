// The controls for the parameters and the draw: alpha (log slider and spin
// box), convention, correction, timm-minmax bounds, resize policy, label
// smoothing and classes, seed, new draw, back/forward and hold. Writes to
// the model, and follows it back.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class ParamPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ParamPanel(StudioModel* model, QWidget* parent = nullptr);

    // The alpha slider's log scale: position 0..kSliderSteps maps to
    // kAlphaSliderMin..kAlphaSliderMax (constants.h).
    static constexpr int kSliderSteps = 1000;
    static double sliderToAlpha(int position);
    static int alphaToSlider(double alpha);

    QDoubleSpinBox* alphaSpin() const { return alphaSpin_; }
    QSlider* alphaSlider() const { return alphaSlider_; }
    QComboBox* conventionBox() const { return convention_; }
    QCheckBox* correctBox() const { return correct_; }
    QCheckBox* holdBox() const { return hold_; }
    QLineEdit* seedEdit() const { return seed_; }
    QPushButton* newDrawButton() const { return newDraw_; }
    QPushButton* backButton() const { return back_; }
    QPushButton* forwardButton() const { return forward_; }
    QDoubleSpinBox* smoothingSpin() const { return smoothing_; }
    QSpinBox* classesSpin() const { return classes_; }

private:
    QWidget* buildMixingGroup();
    QWidget* buildDrawGroup();
    QWidget* buildLabelGroup();
    void connectControls();
    void syncFromModel();

    StudioModel* model_;
    QSlider* alphaSlider_;
    QDoubleSpinBox* alphaSpin_;
    QComboBox* convention_;
    QCheckBox* correct_;
    QDoubleSpinBox* minmaxLo_;
    QDoubleSpinBox* minmaxHi_;
    QWidget* minmaxRow_;
    QComboBox* resize_;
    QDoubleSpinBox* smoothing_;
    QSpinBox* classes_;
    QLineEdit* seed_;
    QPushButton* newDraw_;
    QPushButton* back_;
    QPushButton* forward_;
    QLabel* index_;
    QCheckBox* hold_;
};

} // namespace cutmix::ui
