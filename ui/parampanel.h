// The controls for the parameters and the draw: the method and, for CutMix,
// the convention; then only the chosen method's parameters (alpha on a log
// slider and a spin box, correction, timm-minmax bounds, ResizeMix's scale
// range, FMix's decay, Cutout's size and fill, MixUp's rounding); the resize
// policy, label smoothing and classes; the seed, new draw, back/forward and
// hold; and the NumPy-seeded replay of a training run as another source of
// draws. Writes to the model, and follows it back.
#pragma once

#include "method.h"

#include <QWidget>
#include <map>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QFormLayout;
class QDoubleSpinBox;
class QGroupBox;
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

    QComboBox* methodBox() const { return method_; }
    QComboBox* conventionBox() const { return convention_; }
    QDoubleSpinBox* alphaSpin() const { return alphaSpin_; }
    QSlider* alphaSlider() const { return alphaSlider_; }
    QCheckBox* correctBox() const { return correct_; }
    QDoubleSpinBox* scaleLoSpin() const { return scaleLo_; }
    QDoubleSpinBox* scaleHiSpin() const { return scaleHi_; }
    QDoubleSpinBox* decaySpin() const { return decay_; }
    QDoubleSpinBox* cutoutSizeSpin() const { return cutoutSize_; }
    QComboBox* fillBox() const { return fill_; }
    QComboBox* roundingBox() const { return rounding_; }
    QCheckBox* holdBox() const { return hold_; }
    QLineEdit* seedEdit() const { return seed_; }
    QPushButton* newDrawButton() const { return newDraw_; }
    QPushButton* backButton() const { return back_; }
    QPushButton* forwardButton() const { return forward_; }
    QDoubleSpinBox* smoothingSpin() const { return smoothing_; }
    QSpinBox* classesSpin() const { return classes_; }
    QComboBox* drawSourceBox() const { return drawSource_; }
    QComboBox* recipeBox() const { return recipe_; }
    QLineEdit* numpySeedEdit() const { return numpySeed_; }
    QSpinBox* iterationSpin() const { return iteration_; }
    // Whether the control of a parameter is shown (the chosen method takes it).
    bool showsParameter(Parameter p) const;

private:
    QWidget* buildMixingGroup();
    QWidget* buildDrawGroup();
    QWidget* buildReplayGroup();
    QWidget* buildLabelGroup();
    void connectControls();
    void connectReplay();
    void applyReplay();
    void applyCutout();
    void syncFromModel();
    // A form row that shows only for the methods that take its parameter.
    void addParameterRow(QFormLayout* form, Parameter p, const QString& label, QWidget* field);

    StudioModel* model_;
    QComboBox* method_;
    QComboBox* convention_;
    QWidget* conventionRow_;
    QSlider* alphaSlider_;
    QDoubleSpinBox* alphaSpin_;
    QCheckBox* correct_;
    QDoubleSpinBox* minmaxLo_;
    QDoubleSpinBox* minmaxHi_;
    QDoubleSpinBox* scaleLo_;
    QDoubleSpinBox* scaleHi_;
    QDoubleSpinBox* decay_;
    QDoubleSpinBox* cutoutSize_;
    QComboBox* fill_;
    QSpinBox* fillValue_;
    QComboBox* rounding_;
    QLabel* sources_;
    QComboBox* resize_;
    QDoubleSpinBox* smoothing_;
    QSpinBox* classes_;
    QComboBox* drawSource_;
    QLineEdit* seed_;
    QPushButton* newDraw_;
    QPushButton* back_;
    QPushButton* forward_;
    QLabel* index_;
    QCheckBox* hold_;
    QGroupBox* replayGroup_;
    QComboBox* recipe_;
    QLineEdit* numpySeed_;
    QSpinBox* iteration_;
    QDoubleSpinBox* replayAlpha_;
    QDoubleSpinBox* replayProb_;
    QDoubleSpinBox* replayMixupAlpha_;
    QDoubleSpinBox* replayCutmixAlpha_;
    QDoubleSpinBox* replaySwitch_;
    QCheckBox* replayCorrect_;
    std::map<Parameter, std::vector<QWidget*>> parameterRows_;
    QFormLayout* mixingForm_ = nullptr;
    QFormLayout* replayForm_ = nullptr;
};

} // namespace cutmix::ui
