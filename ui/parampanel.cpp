#include "parampanel.h"

#include "constants.h"
#include "coretext.h"
#include "paramcontrol.h"
#include "readouttext.h"
#include "studiomodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
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
    return coreText(s);
}

} // namespace

ParamPanel::ParamPanel(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    build();
}

void ParamPanel::changeEvent(QEvent* event)
{
    // After the event has gone round the children that rebuild() deletes.
    if (event->type() == QEvent::LanguageChange && !rebuildPending_) {
        rebuildPending_ = true;
        QMetaObject::invokeMethod(this, &ParamPanel::rebuild, Qt::QueuedConnection);
    }
    QWidget::changeEvent(event);
}

void ParamPanel::rebuild()
{
    rebuildPending_ = false;
    const bool focused = isAncestorOf(focusWidget());
    model_->disconnect(this);
    delete layout();
    const QObjectList old = children(); // the controls and their widgets
    for (QObject* child : old)
        delete child;
    controls_.clear();
    forms_.clear();
    replayControls_.clear();
    alphaTip_ = QString();
    build();
    if (focused)
        setFocus();
    emit rebuilt();
}

void ParamPanel::build()
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

void ParamPanel::addControl(QFormLayout* form, Setting s)
{
    auto* control = new ParamControl(paramSpec(s), this);
    if (control->label().isEmpty())
        form->addRow(control->widget());
    else
        form->addRow(control->label(), control->widget());
    controls_[s] = control;
    forms_[s] = form;
    connect(control, &ParamControl::edited, model_, &StudioModel::setParam);
}

bool ParamPanel::showsParameter(Setting s) const
{
    if (s == Setting::Sources)
        return !sources_->isHidden();
    const auto it = controls_.find(s);
    return it != controls_.end() && !it->second->widget()->isHidden();
}

QWidget* ParamPanel::buildMixingGroup()
{
    // The registry gives the choices, their names and their tooltips.
    method_ = new QComboBox;
    method_->setObjectName("method");
    method_->setPlaceholderText(tr("none: no mix"));
    // Mosaic too: it takes four images (the sources loaded; refused with the
    // reason while there are not four).
    for (std::string_view family : allMethodFamilies()) {
        method_->addItem(text(methodFor(family).title), text(family));
        const Method& m = methodFor(family);
        QString tip =
            m.isConvention() ? tr("CutMix (Yun et al., ICCV 2019): B's box pasted into A") : text(m.description);
        if (!m.mixesPair())
            tip += "\n" + tr("Takes %1 images: A and B, then add the others with File > Add source").arg(m.images);
        method_->setItemData(method_->count() - 1, tip, Qt::ToolTipRole);
    }
    convention_ = new QComboBox;
    convention_->setObjectName("convention");
    for (const Method& m : methods()) {
        if (!m.isConvention())
            continue;
        convention_->addItem(text(m.name), text(m.name));
        convention_->setItemData(convention_->count() - 1, text(m.description), Qt::ToolTipRole);
    }
    sources_ = new QLabel;
    sources_->setWordWrap(true);

    auto* group = new QGroupBox(tr("Mixing"));
    mixingForm_ = new QFormLayout(group);
    mixingForm_->addRow(tr("Method"), method_);
    mixingForm_->addRow(tr("Convention"), convention_);
    // The methods' parameters, in the table's order; the number of sources
    // is the number of images given, shown here.
    for (const ParamSpec& spec : paramSpecs()) {
        if (!spec.ofMethod)
            continue;
        if (spec.setting == Setting::Sources)
            mixingForm_->addRow(text(spec.label), sources_);
        else
            addControl(mixingForm_, spec.setting);
    }
    addControl(mixingForm_, Setting::Resize);
    return group;
}

QWidget* ParamPanel::buildDrawGroup()
{
    drawSource_ = new QComboBox;
    drawSource_->setObjectName("draw_source");
    drawSource_->addItem(tr("Seed and index"));
    drawSource_->addItem(tr("NumPy seed of a training run"));
    drawSource_->setToolTip(tr("The project's own draws, or the draws a training run made with NumPy's legacy "
                               "generator (np.random.seed), iteration by iteration"));
    seed_ = new QLineEdit;
    seed_->setObjectName("seed");
    seed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,19}"), seed_));
    seed_->setToolTip(tr("Seed and index determine a draw exactly: the same numbers give the same result in the "
                         "window and in the cutmix command."));
    newDraw_ = new QPushButton(tr("New draw"));
    newDraw_->setObjectName("new_draw");
    newDraw_->setToolTip(tr("Next sample index, or the next iteration of a replayed run (Space)"));
    back_ = new QPushButton("◀");
    back_->setObjectName("back");
    back_->setToolTip(tr("Previous draw"));
    forward_ = new QPushButton("▶");
    forward_->setObjectName("forward");
    forward_->setToolTip(tr("Next draw"));
    index_ = new QLabel;
    hold_ = new QCheckBox(tr("Hold the draw"));
    hold_->setObjectName("hold");
    hold_->setToolTip(tr("Keep the random numbers fixed: dragging α (or the scale range) then moves λ and the box "
                         "smoothly."));
    auto* nav = new QHBoxLayout;
    nav->addWidget(back_);
    nav->addWidget(newDraw_, 1);
    nav->addWidget(forward_);
    auto* group = new QGroupBox(tr("Draw"));
    auto* form = new QFormLayout(group);
    form->addRow(tr("From"), drawSource_);
    form->addRow(tr("Seed"), seed_);
    form->addRow(nav);
    form->addRow(tr("Index"), index_);
    form->addRow(hold_);
    return group;
}

QWidget* ParamPanel::buildReplayGroup()
{
    recipe_ = new QComboBox;
    recipe_->setObjectName("replay_recipe");
    for (const Recipe& r : recipes()) {
        if (!r.replayable())
            continue;
        recipe_->addItem(text(r.title), text(r.name));
        recipe_->setItemData(recipe_->count() - 1, text(r.description), Qt::ToolTipRole);
    }
    numpySeed_ = new QLineEdit("0");
    numpySeed_->setObjectName("numpy_seed");
    numpySeed_->setValidator(new QRegularExpressionValidator(QRegularExpression("[0-9]{1,10}"), numpySeed_));
    numpySeed_->setToolTip(tr("The seed the run gave np.random.seed (0 to 4294967295)"));
    iteration_ = new QSpinBox;
    iteration_->setObjectName("iteration");
    iteration_->setRange(0, 2'000'000'000);
    iteration_->setKeyboardTracking(false);
    replayGroup_ = new QGroupBox(tr("Training run (NumPy seed)"));
    replayForm_ = new QFormLayout(replayGroup_);
    replayForm_->addRow(tr("Recipe"), recipe_);
    replayForm_->addRow(tr("NumPy seed"), numpySeed_);
    replayForm_->addRow(tr("Iteration"), iteration_);
    // The settings a replayed recipe reads, one control per row of the
    // recipes' table (recipes.h), shown for the recipe chosen.
    for (const ParamSpec& spec : recipeSpecs()) {
        bool read = false;
        for (const Recipe& r : recipes())
            read = read ||
                   std::find(r.replaySettings.begin(), r.replaySettings.end(), spec.setting) != r.replaySettings.end();
        if (!read)
            continue;
        auto* control = new ParamControl(spec, this);
        control->widget()->setObjectName("replay_" + control->widget()->objectName());
        if (control->label().isEmpty())
            replayForm_->addRow(control->widget());
        else
            replayForm_->addRow(control->label(), control->widget());
        replayControls_[spec.setting] = control;
        connect(control, &ParamControl::edited, this, [this](Setting k, const ParamValue& v) {
            ReplaySource r = model_->replay();
            setRecipeValue(r.settings, k, v);
            model_->setReplay(r);
        });
    }
    return replayGroup_;
}

QWidget* ParamPanel::buildLabelGroup()
{
    auto* group = new QGroupBox(tr("Label"));
    auto* form = new QFormLayout(group);
    addControl(form, Setting::Smoothing);
    addControl(form, Setting::NumClasses);
    return group;
}

void ParamPanel::connectControls()
{
    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        const std::string family = method_->currentData().toString().toStdString();
        // CutMix keeps the convention shown; the other methods have none.
        const Method& first = methodFor(family);
        model_->setMethod(first.isConvention() ? methodNamed(convention_->currentData().toString().toStdString())
                                               : first);
    });
    connect(convention_, &QComboBox::currentIndexChanged, this,
            [this] { model_->setMethod(methodNamed(convention_->currentData().toString().toStdString())); });
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
    connect(model_, &StudioModel::drawChanged, this, [this] {
        if (model_->replay().active)
            syncFromModel();
    });
    // A refused value goes back to what the model holds.
    connect(model_, &StudioModel::errorOccurred, this, &ParamPanel::syncFromModel);
}

void ParamPanel::connectReplay()
{
    connect(drawSource_, &QComboBox::currentIndexChanged, this, &ParamPanel::applyReplay);
    connect(recipe_, &QComboBox::currentIndexChanged, this, [this] {
        // Another recipe starts from its library's defaults.
        ReplaySource r = model_->replay();
        const ReplaySettings kept = r.settings;
        r.settings = replayDefaults(recipeNamed(recipe_->currentData().toString().toStdString()));
        r.settings.seed = kept.seed;
        r.settings.size = kept.size;
        model_->setReplay(r);
    });
    connect(numpySeed_, &QLineEdit::editingFinished, this, &ParamPanel::applyReplay);
    connect(iteration_, &QSpinBox::valueChanged, this, &ParamPanel::applyReplay);
}

void ParamPanel::applyReplay()
{
    ReplaySource r = model_->replay();
    r.active = drawSource_->currentIndex() == 1;
    const unsigned long long seed = numpySeed_->text().toULongLong();
    r.settings.seed = std::uint32_t(std::min<unsigned long long>(seed, 0xFFFFFFFFull));
    r.iteration = std::uint64_t(iteration_->value());
    model_->setReplay(r);
}

void ParamPanel::syncFromModel()
{
    const ReplaySource& replay = model_->replay();
    // A replayed run decides the method and alpha of each iteration: the
    // (disabled) controls show the run's, not the ones set before.
    const bool replaying = replay.active && model_->hasPair();
    const Params& p = replaying ? model_->draw().params : model_->params();
    const bool mixes = !replaying || model_->replayStep().method;
    const Method& m = *p.method;
    const QSignalBlocker blockers[] = {QSignalBlocker(method_),    QSignalBlocker(convention_),
                                       QSignalBlocker(hold_),      QSignalBlocker(drawSource_),
                                       QSignalBlocker(iteration_), QSignalBlocker(recipe_)};
    method_->setCurrentIndex(mixes ? method_->findData(text(m.family)) : -1);
    method_->setToolTip(text(m.description));
    if (m.isConvention())
        convention_->setCurrentIndex(convention_->findData(text(m.name)));
    convention_->setToolTip(text(m.description));
    mixingForm_->setRowVisible(convention_, mixes && m.isConvention());
    mixingForm_->setRowVisible(sources_, m.takes(Setting::Sources) || !m.mixesPair());
    for (const auto& [setting, control] : controls_) {
        const ParamSpec& spec = control->spec();
        ParamValue v = paramValue(p, setting);
        if (spec.kind == ParamKind::Switch) {
            // Unset: what the library does; set: the user's, said so.
            control->setNote(v.a >= 0 ? tr("set by hand") : QString());
            if (v.a < 0)
                v.a = effectiveCorrection(p) ? 1.0 : 0.0;
        }
        control->show(v);
        // Mosaic brings each image to its tile's size: no resize policy.
        const bool unused = setting == Setting::Resize && m.sourceSize;
        forms_.at(setting)->setRowVisible(control->widget(), (!spec.ofMethod || m.takes(setting)) && !unused);
        control->widget()->setEnabled(spec.onlyWith == Setting::None ||
                                      paramValue(p, spec.onlyWith).a == spec.onlyWithValue);
    }
    if (!m.mixesPair())
        sources_->setText(tr("%1 images: A top left, B top right, the third bottom left, the fourth bottom right")
                              .arg(model_->sourceCount()));
    else
        sources_->setText(model_->sourceCount() > 2 ? tr("%1 images (File > Add source...)").arg(model_->sourceCount())
                                                    : tr("A and B (File > Add source... for more)"));
    if (!seed_->hasFocus())
        seed_->setText(QString::number(model_->params().seed));
    drawSource_->setCurrentIndex(replay.active ? 1 : 0);
    replayGroup_->setVisible(replay.active);
    const Recipe& replayed = *replay.settings.recipe;
    recipe_->setCurrentIndex(recipe_->findData(text(replayed.name)));
    for (const auto& [setting, control] : replayControls_) {
        control->show(recipeValue(replay.settings, setting));
        replayForm_->setRowVisible(control->widget(),
                                   std::find(replayed.replaySettings.begin(), replayed.replaySettings.end(), setting) !=
                                       replayed.replaySettings.end());
    }
    iteration_->setValue(int(std::min<std::uint64_t>(replay.iteration, 2'000'000'000)));
    seed_->setEnabled(!replay.active);
    hold_->setEnabled(!replay.active);
    // A replayed run decides the method, alpha and the weight itself.
    for (QWidget* w :
         std::initializer_list<QWidget*>{method_, convention_, controls_.at(Setting::CorrectLam)->widget()})
        w->setEnabled(!replay.active);
    // Alpha is shown where a convention draws lam and ignores it, but
    // cannot be moved, and says why.
    QWidget* alpha = controls_.at(Setting::Alpha)->widget();
    if (alphaTip_.isNull())
        alphaTip_ = alpha->toolTip();
    alpha->setEnabled(!replay.active && alphaMatters(m));
    alpha->setToolTip(alphaMatters(m) ? alphaTip_
                                      : tr("Not used by %1: the cut is drawn from the cut range and the weight is "
                                           "the box's share, whatever λ was drawn")
                                            .arg(text(m.name)));
    if (replay.active)
        index_->setText(tr("iteration %1 of the run").arg(replay.iteration));
    else
        index_->setText(tr("%1   (%2 of %3 seen)")
                            .arg(p.index)
                            .arg(std::find(model_->history().begin(), model_->history().end(), p.index) -
                                 model_->history().begin() + 1)
                            .arg(model_->history().size()));
    back_->setEnabled(model_->canGoBack());
    forward_->setEnabled(model_->canGoForward() || replay.active);
    hold_->setChecked(model_->hold());
}

} // namespace cutmix::ui
