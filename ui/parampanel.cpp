#include "parampanel.h"

#include "constants.h"
#include "method.h"
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

namespace
{

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QDoubleSpinBox* fractionSpin(double lo, double hi, int decimals, double step)
{
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    s->setKeyboardTracking(false);
    return s;
}

} // namespace

double ParamPanel::sliderToAlpha(int position)
{
    const double t = double(position) / kSliderSteps;
    return std::exp(std::log(kAlphaSliderMin) + t * (std::log(kAlphaSliderMax) - std::log(kAlphaSliderMin)));
}

int ParamPanel::alphaToSlider(double alpha)
{
    const double t =
        (std::log(alpha) - std::log(kAlphaSliderMin)) / (std::log(kAlphaSliderMax) - std::log(kAlphaSliderMin));
    return int(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

ParamPanel::ParamPanel(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildMixingGroup());
    layout->addWidget(buildDrawGroup());
    layout->addWidget(buildLabelGroup());
    layout->addStretch(1);
    connectControls();
    syncFromModel();
}

QWidget* ParamPanel::buildMixingGroup()
{
    alphaSlider_ = new QSlider(Qt::Horizontal);
    alphaSlider_->setRange(0, kSliderSteps);
    alphaSlider_->setToolTip(QString("α on a logarithmic scale from %1 to %2 (type any value up to %3 in the box). "
                                     "Small α: λ near 0 or 1; α = 1: uniform; large α: λ near 0.5.")
                                 .arg(kAlphaSliderMin)
                                 .arg(kAlphaSliderMax)
                                 .arg(kAlphaMax));
    alphaSpin_ = fractionSpin(kAlphaInputMin, kAlphaMax, 3, 0.05);
    // Sized for the values people type, not for the largest accepted one.
    alphaSpin_->setMaximumWidth(alphaSpin_->fontMetrics().horizontalAdvance("000.000") + 40);
    auto* alphaRow = new QHBoxLayout;
    alphaRow->addWidget(alphaSlider_, 1);
    alphaRow->addWidget(alphaSpin_);

    // The registry gives the choices, their names and their tooltips.
    convention_ = new QComboBox;
    for (const Method& m : methods()) {
        convention_->addItem(text(m.name), text(m.name));
        convention_->setItemData(convention_->count() - 1, text(m.description), Qt::ToolTipRole);
    }
    correct_ = new QCheckBox("Correct λ from the clipped area");
    minmaxLo_ = fractionSpin(0.0, 1.0, 2, 0.05);
    minmaxHi_ = fractionSpin(0.0, 1.0, 2, 0.05);
    minmaxRow_ = new QWidget;
    auto* mm = new QHBoxLayout(minmaxRow_);
    mm->setContentsMargins(0, 0, 0, 0);
    mm->addWidget(minmaxLo_);
    mm->addWidget(new QLabel("to"));
    mm->addWidget(minmaxHi_);
    resize_ = new QComboBox;
    resize_->addItem("Resize B to A", int(ResizePolicy::ResizeB));
    resize_->addItem("Centre-crop both", int(ResizePolicy::CenterCrop));

    auto* group = new QGroupBox("Mixing");
    auto* form = new QFormLayout(group);
    form->addRow("α", alphaRow);
    form->addRow("Convention", convention_);
    form->addRow(correct_);
    form->addRow("Cut range", minmaxRow_);
    form->addRow("Sizes differ", resize_);
    return group;
}

QWidget* ParamPanel::buildDrawGroup()
{
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
    auto* group = new QGroupBox("Draw");
    auto* form = new QFormLayout(group);
    form->addRow("Seed", seed_);
    form->addRow(nav);
    form->addRow("Index", index_);
    form->addRow(hold_);
    return group;
}

QWidget* ParamPanel::buildLabelGroup()
{
    smoothing_ = fractionSpin(0.0, 1.0, 3, 0.05);
    classes_ = new QSpinBox;
    classes_->setRange(0, 100000);
    classes_->setSpecialValueText("as named");
    classes_->setKeyboardTracking(false);
    auto* group = new QGroupBox("Label");
    auto* form = new QFormLayout(group);
    form->addRow("Smoothing", smoothing_);
    form->addRow("Classes K", classes_);
    return group;
}

void ParamPanel::connectControls()
{
    connect(alphaSlider_, &QSlider::valueChanged, this, [this](int v) { model_->setAlpha(sliderToAlpha(v)); });
    connect(alphaSpin_, &QDoubleSpinBox::valueChanged, this, [this](double v) { model_->setAlpha(v); });
    connect(convention_, &QComboBox::currentIndexChanged, this,
            [this] { model_->setMethod(methodNamed(convention_->currentData().toString().toStdString())); });
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
}

void ParamPanel::syncFromModel()
{
    const Params& p = model_->params();
    const Method& m = *p.method;
    const QSignalBlocker b1(alphaSlider_), b2(alphaSpin_), b3(convention_), b4(correct_), b5(minmaxLo_), b6(minmaxHi_),
        b7(resize_), b8(smoothing_), b9(classes_), b10(hold_);
    alphaSpin_->setValue(p.alpha);
    // Moving the slider to a rounded position must not round alpha itself.
    if (std::abs(sliderToAlpha(alphaSlider_->value()) - p.alpha) > 1e-9)
        alphaSlider_->setValue(alphaToSlider(p.alpha));
    convention_->setCurrentIndex(convention_->findData(text(m.name)));
    convention_->setToolTip(text(m.description));
    correct_->setChecked(effectiveCorrection(p));
    correct_->setEnabled(m.hasCorrectionSwitch());
    correct_->setToolTip(m.hasCorrectionSwitch()
                             ? "Report λ_adj, the share of A's pixels actually kept, instead of the library's raw "
                               "weight"
                             : "This library has no switch: it always reports the weight shown in the read-out");
    // The bounds keep lo < hi, so the spin boxes cannot ask for an empty range.
    minmaxLo_->setMaximum(p.minmax.hi - 0.01);
    minmaxHi_->setMinimum(p.minmax.lo + 0.01);
    minmaxLo_->setValue(p.minmax.lo);
    minmaxHi_->setValue(p.minmax.hi);
    minmaxRow_->setEnabled(m.takes(Parameter::MinMax));
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
