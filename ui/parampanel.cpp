#include "parampanel.h"

#include "studiomodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace cutmix::ui
{

double ParamPanel::sliderToAlpha(int position)
{
    const double t = double(position) / kSliderSteps;
    return std::exp(std::log(kMinAlpha) + t * (std::log(kMaxAlpha) - std::log(kMinAlpha)));
}

int ParamPanel::alphaToSlider(double alpha)
{
    const double t = (std::log(alpha) - std::log(kMinAlpha)) / (std::log(kMaxAlpha) - std::log(kMinAlpha));
    return int(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

ParamPanel::ParamPanel(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    // Mixing parameters.
    alphaSlider_ = new QSlider(Qt::Horizontal);
    alphaSlider_->setRange(0, kSliderSteps);
    alphaSlider_->setToolTip("α on a logarithmic scale from 0.05 to 20. Small α: λ near 0 or 1; α = 1: uniform; "
                             "large α: λ near 0.5.");
    alphaSpin_ = new QDoubleSpinBox;
    alphaSpin_->setRange(0.001, 1000.0);
    alphaSpin_->setDecimals(3);
    alphaSpin_->setSingleStep(0.05);
    alphaSpin_->setKeyboardTracking(false);
    auto* alphaRow = new QHBoxLayout;
    alphaRow->addWidget(alphaSlider_, 1);
    alphaRow->addWidget(alphaSpin_);

    convention_ = new QComboBox;
    for (Convention c : allConventions())
        convention_->addItem(QString::fromStdString(std::string(conventionName(c))), int(c));
    convention_->setItemData(0, "The official code, timm rand_bbox, torchvision v2 CutMix", Qt::ToolTipRole);
    convention_->setItemData(1, "The first official commit, timm correct_lam=False: reports the drawn λ",
                             Qt::ToolTipRole);
    convention_->setItemData(2, "Keras-CV: odd cuts keep their pixel; weight from the unclipped area", Qt::ToolTipRole);
    convention_->setItemData(3, "Kornia RandomCutMixV2: box always inside; legacy weight is the pasted area",
                             Qt::ToolTipRole);
    convention_->setItemData(4, "timm with cutmix_minmax: the cut size is drawn directly", Qt::ToolTipRole);

    correct_ = new QCheckBox("Correct λ from the clipped area");
    minmaxLo_ = new QDoubleSpinBox;
    minmaxHi_ = new QDoubleSpinBox;
    for (QDoubleSpinBox* s : {minmaxLo_, minmaxHi_}) {
        s->setRange(0.0, 1.0);
        s->setDecimals(2);
        s->setSingleStep(0.05);
        s->setKeyboardTracking(false);
    }
    minmaxRow_ = new QWidget;
    auto* mm = new QHBoxLayout(minmaxRow_);
    mm->setContentsMargins(0, 0, 0, 0);
    mm->addWidget(minmaxLo_);
    mm->addWidget(new QLabel("to"));
    mm->addWidget(minmaxHi_);

    resize_ = new QComboBox;
    resize_->addItem("Resize B to A", int(ResizePolicy::ResizeB));
    resize_->addItem("Centre-crop both", int(ResizePolicy::CenterCrop));

    auto* mixing = new QGroupBox("Mixing");
    auto* mixForm = new QFormLayout(mixing);
    mixForm->addRow("α", alphaRow);
    mixForm->addRow("Convention", convention_);
    mixForm->addRow(correct_);
    mixForm->addRow("Cut range", minmaxRow_);
    mixForm->addRow("Sizes differ", resize_);

    // Labels.
    smoothing_ = new QDoubleSpinBox;
    smoothing_->setRange(0.0, 1.0);
    smoothing_->setDecimals(3);
    smoothing_->setSingleStep(0.05);
    smoothing_->setKeyboardTracking(false);
    classes_ = new QSpinBox;
    classes_->setRange(0, 100000);
    classes_->setSpecialValueText("as named");
    classes_->setKeyboardTracking(false);
    auto* labels = new QGroupBox("Label");
    auto* labelForm = new QFormLayout(labels);
    labelForm->addRow("Smoothing", smoothing_);
    labelForm->addRow("Classes K", classes_);

    // The draw.
    seed_ = new QLineEdit;
    seed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,19}"), seed_));
    seed_->setToolTip("Seed and index determine a draw exactly: the same numbers give the same box in the "
                      "window and in the cutmix command.");
    newDraw_ = new QPushButton("New draw");
    newDraw_->setToolTip("Next sample index (Space)");
    back_ = new QPushButton("◀");
    back_->setToolTip("Previous draw");
    forward_ = new QPushButton("▶");
    forward_->setToolTip("Next draw already seen");
    index_ = new QLabel;
    hold_ = new QCheckBox("Hold the draw");
    hold_->setToolTip("Keep the random number behind λ fixed: dragging α then moves λ and the box smoothly.");
    auto* nav = new QHBoxLayout;
    nav->addWidget(back_);
    nav->addWidget(newDraw_, 1);
    nav->addWidget(forward_);
    auto* draws = new QGroupBox("Draw");
    auto* drawForm = new QFormLayout(draws);
    drawForm->addRow("Seed", seed_);
    drawForm->addRow(nav);
    drawForm->addRow("Index", index_);
    drawForm->addRow(hold_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mixing);
    layout->addWidget(draws);
    layout->addWidget(labels);
    layout->addStretch(1);

    connect(alphaSlider_, &QSlider::valueChanged, this, [this](int v) { model_->setAlpha(sliderToAlpha(v)); });
    connect(alphaSpin_, &QDoubleSpinBox::valueChanged, this, [this](double v) { model_->setAlpha(v); });
    connect(convention_, &QComboBox::currentIndexChanged, this,
            [this] { model_->setConvention(Convention(convention_->currentData().toInt())); });
    connect(correct_, &QCheckBox::toggled, this, [this](bool on) { model_->setCorrectLam(on); });
    auto setMinMax = [this] { model_->setMinMax({minmaxLo_->value(), minmaxHi_->value()}); };
    connect(minmaxLo_, &QDoubleSpinBox::valueChanged, this, setMinMax);
    connect(minmaxHi_, &QDoubleSpinBox::valueChanged, this, setMinMax);
    connect(resize_, &QComboBox::currentIndexChanged, this,
            [this] { model_->setResize(ResizePolicy(resize_->currentData().toInt())); });
    connect(smoothing_, &QDoubleSpinBox::valueChanged, this, [this](double v) { model_->setSmoothing(v); });
    connect(classes_, &QSpinBox::valueChanged, this, [this](int k) { model_->setNumClasses(k); });
    connect(seed_, &QLineEdit::editingFinished, this, [this] {
        bool ok = false;
        const auto seed = seed_->text().toULongLong(&ok);
        if (ok && seed != model_->params().seed)
            model_->setSeed(seed);
    });
    connect(newDraw_, &QPushButton::clicked, model_, &StudioModel::newDraw);
    connect(back_, &QPushButton::clicked, model_, &StudioModel::back);
    connect(forward_, &QPushButton::clicked, model_, &StudioModel::forward);
    connect(hold_, &QCheckBox::toggled, model_, &StudioModel::setHold);
    connect(model_, &StudioModel::paramsChanged, this, &ParamPanel::syncFromModel);
    connect(model_, &StudioModel::historyChanged, this, &ParamPanel::syncFromModel);
    // A refused value goes back to what the model holds.
    connect(model_, &StudioModel::errorOccurred, this, &ParamPanel::syncFromModel);
    syncFromModel();
}

void ParamPanel::syncFromModel()
{
    const Params& p = model_->params();
    const QSignalBlocker b1(alphaSlider_), b2(alphaSpin_), b3(convention_), b4(correct_), b5(minmaxLo_), b6(minmaxHi_),
        b7(resize_), b8(smoothing_), b9(classes_), b10(hold_);
    alphaSpin_->setValue(p.alpha);
    // Moving the slider to a rounded position must not round alpha itself.
    if (std::abs(sliderToAlpha(alphaSlider_->value()) - p.alpha) > 1e-9)
        alphaSlider_->setValue(alphaToSlider(p.alpha));
    convention_->setCurrentIndex(convention_->findData(int(p.convention)));
    correct_->setChecked(effectiveCorrection(p));
    correct_->setEnabled(hasCorrectionSwitch(p.convention));
    correct_->setToolTip(hasCorrectionSwitch(p.convention)
                             ? "Report λ_adj, the share of A's pixels actually kept, instead of the library's raw "
                               "weight"
                             : "This library has no switch: it always reports the weight shown in the read-out");
    // The bounds keep lo < hi, so the spin boxes cannot ask for an empty range.
    minmaxLo_->setMaximum(p.minmax.hi - 0.01);
    minmaxHi_->setMinimum(p.minmax.lo + 0.01);
    minmaxLo_->setValue(p.minmax.lo);
    minmaxHi_->setValue(p.minmax.hi);
    minmaxRow_->setEnabled(p.convention == Convention::TimmMinMax);
    resize_->setCurrentIndex(resize_->findData(int(p.resize)));
    smoothing_->setValue(p.smoothing);
    classes_->setValue(p.numClasses);
    if (!seed_->hasFocus())
        seed_->setText(QString::number(p.seed));
    index_->setText(
        QString("%1   (%2 of %3 seen)")
            .arg(p.index)
            .arg(std::find(model_->history().begin(), model_->history().end(), p.index) - model_->history().begin() + 1)
            .arg(model_->history().size()));
    back_->setEnabled(model_->canGoBack());
    forward_->setEnabled(model_->canGoForward());
    hold_->setChecked(model_->hold());
}

} // namespace cutmix::ui
