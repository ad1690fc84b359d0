#include "parampanel.h"

#include "constants.h"
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

QDoubleSpinBox* numberSpin(double lo, double hi, int decimals, double step)
{
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    s->setKeyboardTracking(false);
    return s;
}

QWidget* rangeRow(QDoubleSpinBox* lo, QDoubleSpinBox* hi)
{
    auto* row = new QWidget;
    auto* l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(lo);
    l->addWidget(new QLabel("to"));
    l->addWidget(hi);
    return row;
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
    layout->addWidget(buildReplayGroup());
    layout->addWidget(buildLabelGroup());
    layout->addStretch(1);
    connectControls();
    connectReplay();
    syncFromModel();
}

void ParamPanel::addParameterRow(QFormLayout* form, Parameter p, const QString& label, QWidget* field)
{
    if (label.isEmpty())
        form->addRow(field);
    else
        form->addRow(label, field);
    parameterRows_[p].push_back(field);
}

bool ParamPanel::showsParameter(Parameter p) const
{
    const auto it = parameterRows_.find(p);
    return it != parameterRows_.end() && !it->second.empty() && !it->second.front()->isHidden();
}

QWidget* ParamPanel::buildMixingGroup()
{
    // The registry gives the choices, their names and their tooltips.
    method_ = new QComboBox;
    for (std::string_view family : methodFamilies()) {
        method_->addItem(text(methodFor(family).title), text(family));
        const Method& m = methodFor(family);
        method_->setItemData(method_->count() - 1,
                             m.isConvention() ? "CutMix (Yun et al., ICCV 2019): B's box pasted into A"
                                              : text(m.description),
                             Qt::ToolTipRole);
    }
    convention_ = new QComboBox;
    for (const Method& m : methods()) {
        if (!m.isConvention())
            continue;
        convention_->addItem(text(m.name), text(m.name));
        convention_->setItemData(convention_->count() - 1, text(m.description), Qt::ToolTipRole);
    }
    conventionRow_ = convention_;

    alphaSlider_ = new QSlider(Qt::Horizontal);
    alphaSlider_->setRange(0, kSliderSteps);
    alphaSlider_->setToolTip(QString("α on a logarithmic scale from %1 to %2 (type any value up to %3 in the box). "
                                     "Small α: λ near 0 or 1; α = 1: uniform; large α: λ near 0.5.")
                                 .arg(kAlphaSliderMin)
                                 .arg(kAlphaSliderMax)
                                 .arg(kAlphaMax));
    alphaSpin_ = numberSpin(kAlphaInputMin, kAlphaMax, 3, 0.05);
    // Sized for the values people type, not for the largest accepted one.
    alphaSpin_->setMaximumWidth(alphaSpin_->fontMetrics().horizontalAdvance("000.000") + 40);
    auto* alphaRow = new QWidget;
    auto* ar = new QHBoxLayout(alphaRow);
    ar->setContentsMargins(0, 0, 0, 0);
    ar->addWidget(alphaSlider_, 1);
    ar->addWidget(alphaSpin_);

    correct_ = new QCheckBox("Correct λ from the clipped area");
    minmaxLo_ = numberSpin(0.0, 1.0, 2, 0.05);
    minmaxHi_ = numberSpin(0.0, 1.0, 2, 0.05);
    scaleLo_ = numberSpin(0.01, 1.0, 2, 0.05);
    scaleHi_ = numberSpin(0.01, 1.0, 2, 0.05);
    scaleLo_->setToolTip("ResizeMix draws the patch scale τ uniformly between these");
    decay_ = numberSpin(0.0, 20.0, 2, 0.25);
    decay_->setToolTip("FMix: the spectrum falls as 1/f^decay; larger values give smoother, blobbier masks");
    cutoutSize_ = numberSpin(0.01, 1.0, 2, 0.05);
    cutoutSize_->setToolTip("The square's side as a fraction of the shorter image side");
    fill_ = new QComboBox;
    fill_->addItem("constant", int(CutoutFill::Constant));
    fill_->addItem("noise", int(CutoutFill::Noise));
    fillValue_ = new QSpinBox;
    fillValue_->setRange(0, 255);
    fillValue_->setKeyboardTracking(false);
    auto* fillRow = new QWidget;
    auto* fr = new QHBoxLayout(fillRow);
    fr->setContentsMargins(0, 0, 0, 0);
    fr->addWidget(fill_, 1);
    fr->addWidget(fillValue_);
    rounding_ = new QComboBox;
    rounding_->addItem("timm (float32, half to even)", int(MixupRounding::Timm));
    rounding_->addItem("exact (double, half to even)", int(MixupRounding::Exact));
    sources_ = new QLabel;
    sources_->setWordWrap(true);
    resize_ = new QComboBox;
    resize_->addItem("Resize to A", int(ResizePolicy::ResizeB));
    resize_->addItem("Centre-crop all", int(ResizePolicy::CenterCrop));

    auto* group = new QGroupBox("Mixing");
    mixingForm_ = new QFormLayout(group);
    mixingForm_->addRow("Method", method_);
    mixingForm_->addRow("Convention", convention_);
    addParameterRow(mixingForm_, Parameter::Alpha, "α", alphaRow);
    addParameterRow(mixingForm_, Parameter::CorrectLam, QString(), correct_);
    addParameterRow(mixingForm_, Parameter::MinMax, "Cut range", rangeRow(minmaxLo_, minmaxHi_));
    addParameterRow(mixingForm_, Parameter::Scale, "Scale τ", rangeRow(scaleLo_, scaleHi_));
    addParameterRow(mixingForm_, Parameter::Decay, "Decay", decay_);
    addParameterRow(mixingForm_, Parameter::CutoutSize, "Size", cutoutSize_);
    addParameterRow(mixingForm_, Parameter::CutoutFill, "Fill", fillRow);
    addParameterRow(mixingForm_, Parameter::Rounding, "Rounding", rounding_);
    addParameterRow(mixingForm_, Parameter::Sources, "Sources", sources_);
    mixingForm_->addRow("Sizes differ", resize_);
    return group;
}

QWidget* ParamPanel::buildDrawGroup()
{
    drawSource_ = new QComboBox;
    drawSource_->addItem("Seed and index");
    drawSource_->addItem("NumPy seed of a training run");
    drawSource_->setToolTip("The project's own draws, or the draws a training run made with NumPy's legacy "
                            "generator (np.random.seed), iteration by iteration");
    seed_ = new QLineEdit;
    seed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,19}"), seed_));
    seed_->setToolTip("Seed and index determine a draw exactly: the same numbers give the same result in the "
                      "window and in the cutmix command.");
    newDraw_ = new QPushButton("New draw");
    newDraw_->setToolTip("Next sample index, or the next iteration of a replayed run (Space)");
    back_ = new QPushButton("◀");
    back_->setToolTip("Previous draw");
    forward_ = new QPushButton("▶");
    forward_->setToolTip("Next draw");
    index_ = new QLabel;
    hold_ = new QCheckBox("Hold the draw");
    hold_->setToolTip("Keep the random numbers fixed: dragging α (or the scale range) then moves λ and the box "
                      "smoothly.");
    auto* nav = new QHBoxLayout;
    nav->addWidget(back_);
    nav->addWidget(newDraw_, 1);
    nav->addWidget(forward_);
    auto* group = new QGroupBox("Draw");
    auto* form = new QFormLayout(group);
    form->addRow("From", drawSource_);
    form->addRow("Seed", seed_);
    form->addRow(nav);
    form->addRow("Index", index_);
    form->addRow(hold_);
    return group;
}

QWidget* ParamPanel::buildReplayGroup()
{
    recipe_ = new QComboBox;
    recipe_->addItem("official train.py", int(ReplayRecipe::Official));
    recipe_->addItem("timm Mixup", int(ReplayRecipe::Timm));
    numpySeed_ = new QLineEdit("0");
    numpySeed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,10}"), numpySeed_));
    numpySeed_->setToolTip("The seed the run gave np.random.seed (0 to 4294967295)");
    iteration_ = new QSpinBox;
    iteration_->setRange(0, 2'000'000'000);
    iteration_->setKeyboardTracking(false);
    replayAlpha_ = numberSpin(0.0, 1000.0, 3, 0.1);
    replayAlpha_->setValue(1.0);
    replayProb_ = numberSpin(0.0, 1.0, 3, 0.05);
    replayProb_->setValue(0.5);
    replayMixupAlpha_ = numberSpin(0.0, 1000.0, 3, 0.1);
    replayMixupAlpha_->setValue(0.8);
    replayCutmixAlpha_ = numberSpin(0.0, 1000.0, 3, 0.1);
    replayCutmixAlpha_->setValue(1.0);
    replaySwitch_ = numberSpin(0.0, 1.0, 3, 0.05);
    replaySwitch_->setValue(0.5);
    replayCorrect_ = new QCheckBox("correct_lam");
    replayCorrect_->setChecked(true);
    replayGroup_ = new QGroupBox("Training run (NumPy seed)");
    replayForm_ = new QFormLayout(replayGroup_);
    replayForm_->addRow("Recipe", recipe_);
    replayForm_->addRow("NumPy seed", numpySeed_);
    replayForm_->addRow("Iteration", iteration_);
    replayForm_->addRow("beta (α)", replayAlpha_);
    replayForm_->addRow("prob", replayProb_);
    replayForm_->addRow("mixup_alpha", replayMixupAlpha_);
    replayForm_->addRow("cutmix_alpha", replayCutmixAlpha_);
    replayForm_->addRow("switch_prob", replaySwitch_);
    replayForm_->addRow(replayCorrect_);
    return replayGroup_;
}

QWidget* ParamPanel::buildLabelGroup()
{
    smoothing_ = numberSpin(0.0, 1.0, 3, 0.05);
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

void ParamPanel::applyCutout()
{
    model_->setCutout(cutoutSize_->value(), CutoutFill(fill_->currentData().toInt()), fillValue_->value());
}

void ParamPanel::connectControls()
{
    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        const std::string family = method_->currentData().toString().toStdString();
        // CutMix keeps the convention shown; the other methods have none.
        model_->setMethod(family == "cutmix" ? methodNamed(convention_->currentData().toString().toStdString())
                                             : methodFor(family));
    });
    connect(convention_, &QComboBox::currentIndexChanged, this,
            [this] { model_->setMethod(methodFor("cutmix", convention_->currentData().toString().toStdString())); });
    connect(alphaSlider_, &QSlider::valueChanged, this, [this](int v) { model_->setAlpha(sliderToAlpha(v)); });
    connect(alphaSpin_, &QDoubleSpinBox::valueChanged, this, [this](double v) { model_->setAlpha(v); });
    connect(correct_, &QCheckBox::toggled, this, [this](bool on) { model_->setCorrectLam(on); });
    auto setMinMax = [this] { model_->setMinMax({minmaxLo_->value(), minmaxHi_->value()}); };
    connect(minmaxLo_, &QDoubleSpinBox::valueChanged, this, setMinMax);
    connect(minmaxHi_, &QDoubleSpinBox::valueChanged, this, setMinMax);
    auto setScale = [this] { model_->setScale({scaleLo_->value(), scaleHi_->value()}); };
    connect(scaleLo_, &QDoubleSpinBox::valueChanged, this, setScale);
    connect(scaleHi_, &QDoubleSpinBox::valueChanged, this, setScale);
    connect(decay_, &QDoubleSpinBox::valueChanged, this, [this](double v) { model_->setDecay(v); });
    connect(cutoutSize_, &QDoubleSpinBox::valueChanged, this, &ParamPanel::applyCutout);
    connect(fill_, &QComboBox::currentIndexChanged, this, &ParamPanel::applyCutout);
    connect(fillValue_, &QSpinBox::valueChanged, this, &ParamPanel::applyCutout);
    connect(rounding_, &QComboBox::currentIndexChanged, this,
            [this] { model_->setRounding(MixupRounding(rounding_->currentData().toInt())); });
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
    connect(model_, &StudioModel::pairChanged, this, &ParamPanel::syncFromModel);
    // A refused value goes back to what the model holds.
    connect(model_, &StudioModel::errorOccurred, this, &ParamPanel::syncFromModel);
}

void ParamPanel::connectReplay()
{
    connect(drawSource_, &QComboBox::currentIndexChanged, this, &ParamPanel::applyReplay);
    connect(recipe_, &QComboBox::currentIndexChanged, this, &ParamPanel::applyReplay);
    connect(numpySeed_, &QLineEdit::editingFinished, this, &ParamPanel::applyReplay);
    connect(iteration_, &QSpinBox::valueChanged, this, &ParamPanel::applyReplay);
    for (QDoubleSpinBox* s : {replayAlpha_, replayProb_, replayMixupAlpha_, replayCutmixAlpha_, replaySwitch_})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ParamPanel::applyReplay);
    connect(replayCorrect_, &QCheckBox::toggled, this, &ParamPanel::applyReplay);
}

void ParamPanel::applyReplay()
{
    ReplaySource r = model_->replay();
    r.active = drawSource_->currentIndex() == 1;
    r.settings.recipe = ReplayRecipe(recipe_->currentData().toInt());
    const unsigned long long seed = numpySeed_->text().toULongLong();
    r.settings.seed = std::uint32_t(std::min<unsigned long long>(seed, 0xFFFFFFFFull));
    r.iteration = std::uint64_t(iteration_->value());
    r.settings.alpha = replayAlpha_->value();
    r.settings.prob = replayProb_->value();
    r.settings.mixupAlpha = replayMixupAlpha_->value();
    r.settings.cutmixAlpha = replayCutmixAlpha_->value();
    r.settings.switchProb = replaySwitch_->value();
    r.settings.correctLam = replayCorrect_->isChecked();
    model_->setReplay(r);
}

void ParamPanel::syncFromModel()
{
    const Params& p = model_->params();
    const Method& m = *p.method;
    const ReplaySource& replay = model_->replay();
    const QSignalBlocker blockers[] = {
        QSignalBlocker(method_),     QSignalBlocker(convention_), QSignalBlocker(alphaSlider_),
        QSignalBlocker(alphaSpin_),  QSignalBlocker(correct_),    QSignalBlocker(minmaxLo_),
        QSignalBlocker(minmaxHi_),   QSignalBlocker(scaleLo_),    QSignalBlocker(scaleHi_),
        QSignalBlocker(decay_),      QSignalBlocker(cutoutSize_), QSignalBlocker(fill_),
        QSignalBlocker(fillValue_),  QSignalBlocker(rounding_),   QSignalBlocker(resize_),
        QSignalBlocker(smoothing_),  QSignalBlocker(classes_),    QSignalBlocker(hold_),
        QSignalBlocker(drawSource_), QSignalBlocker(iteration_),  QSignalBlocker(recipe_)};
    method_->setCurrentIndex(method_->findData(text(m.family)));
    method_->setToolTip(text(m.description));
    if (m.isConvention())
        convention_->setCurrentIndex(convention_->findData(text(m.name)));
    convention_->setToolTip(text(m.description));
    mixingForm_->setRowVisible(convention_, m.isConvention());
    for (const auto& [parameter, rows] : parameterRows_)
        for (QWidget* row : rows)
            mixingForm_->setRowVisible(row, m.takes(parameter));
    alphaSpin_->setValue(p.alpha);
    // Moving the slider to a rounded position must not round alpha itself.
    if (std::abs(sliderToAlpha(alphaSlider_->value()) - p.alpha) > 1e-9)
        alphaSlider_->setValue(alphaToSlider(p.alpha));
    correct_->setChecked(effectiveCorrection(p));
    correct_->setToolTip("Report λ_adj, the share of A's pixels actually kept, instead of the library's raw weight");
    // The bounds keep lo < hi, so the spin boxes cannot ask for an empty range.
    minmaxLo_->setMaximum(p.minmax.hi - 0.01);
    minmaxHi_->setMinimum(p.minmax.lo + 0.01);
    minmaxLo_->setValue(p.minmax.lo);
    minmaxHi_->setValue(p.minmax.hi);
    scaleLo_->setMaximum(p.scale.hi);
    scaleHi_->setMinimum(p.scale.lo);
    scaleLo_->setValue(p.scale.lo);
    scaleHi_->setValue(p.scale.hi);
    decay_->setValue(p.decay);
    cutoutSize_->setValue(p.cutoutSize);
    fill_->setCurrentIndex(fill_->findData(int(p.fill)));
    fillValue_->setValue(p.fillValue);
    fillValue_->setEnabled(p.fill == CutoutFill::Constant);
    rounding_->setCurrentIndex(rounding_->findData(int(p.rounding)));
    sources_->setText(model_->sourceCount() > 2 ? QString("%1 images (File > Add source...)").arg(model_->sourceCount())
                                                : QString("A and B (File > Add source... for more)"));
    resize_->setCurrentIndex(resize_->findData(int(p.resize)));
    smoothing_->setValue(p.smoothing);
    classes_->setValue(p.numClasses);
    if (!seed_->hasFocus())
        seed_->setText(QString::number(p.seed));
    drawSource_->setCurrentIndex(replay.active ? 1 : 0);
    replayGroup_->setVisible(replay.active);
    const bool timm = replay.settings.recipe == ReplayRecipe::Timm;
    recipe_->setCurrentIndex(recipe_->findData(int(replay.settings.recipe)));
    for (QWidget* w : {static_cast<QWidget*>(replayAlpha_)})
        replayForm_->setRowVisible(w, !timm);
    for (QWidget* w : {static_cast<QWidget*>(replayMixupAlpha_), static_cast<QWidget*>(replayCutmixAlpha_),
                       static_cast<QWidget*>(replaySwitch_), static_cast<QWidget*>(replayCorrect_)})
        replayForm_->setRowVisible(w, timm);
    iteration_->setValue(int(std::min<std::uint64_t>(replay.iteration, 2'000'000'000)));
    seed_->setEnabled(!replay.active);
    hold_->setEnabled(!replay.active);
    // A replayed run decides the method, alpha and the weight itself.
    for (QWidget* w : std::initializer_list<QWidget*>{method_, convention_, alphaSlider_, alphaSpin_, correct_})
        w->setEnabled(!replay.active);
    if (replay.active)
        index_->setText(QString("iteration %1 of the run").arg(replay.iteration));
    else
        index_->setText(QString("%1   (%2 of %3 seen)")
                            .arg(p.index)
                            .arg(std::find(model_->history().begin(), model_->history().end(), p.index) -
                                 model_->history().begin() + 1)
                            .arg(model_->history().size()));
    back_->setEnabled(model_->canGoBack());
    forward_->setEnabled(model_->canGoForward() || replay.active);
    hold_->setChecked(model_->hold());
}

} // namespace cutmix::ui
