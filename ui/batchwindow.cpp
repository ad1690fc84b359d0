#include "batchwindow.h"

#include "batchmodel.h"
#include "coretext.h"
#include "format.h"
#include "imagefile.h"
#include "lastfolder.h"
#include "panels.h"
#include "paramcontrol.h"
#include "screenfit.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>

namespace cutmix::ui
{

namespace
{

QString text(std::string_view s)
{
    return coreText(s);
}

// The ways to read the matrix's cells and tiles, at the same scale as the sheet.
constexpr int kCellWidth = 52;
constexpr int kCellHeight = 22;

QString elementText(const BatchModel& m, int i)
{
    const render::BatchPicture& pic = m.picture();
    const BatchElement& e = pic.draw.elements.at(std::size_t(i));
    const int k = pic.numClasses();
    auto cls = [&](int element) {
        return QString::fromStdString(pic.classNames[std::size_t(pic.classes[std::size_t(element)])]);
    };
    QString t =
        "<b>" + render::tileTitle(pic, i).toHtmlEscaped() + "</b>: " + render::tileDetail(pic, i).toHtmlEscaped();
    if (e.mixed)
        t += QCoreApplication::translate("BatchWindow", " (the pair view's draw: seed %1, index %2)")
                 .arg(e.draw.params.seed)
                 .arg(e.draw.params.index);
    const double s = pic.draw.settings.recipe->targetSmoothing(pic.draw.settings);
    QString formula = e.mixed ? QCoreApplication::translate("BatchWindow", "target = %1 · y(%2) + %3 · y(%4)")
                                    .arg(QString::fromStdString(formatFixed(e.lam, 4)), cls(i),
                                         QString::fromStdString(formatFixed(1.0 - e.lam, 4)), cls(e.labelPartner))
                              : QCoreApplication::translate("BatchWindow", "target = y(%1)").arg(cls(i));
    if (s > 0)
        formula +=
            QCoreApplication::translate("BatchWindow", ", y smoothed: on = 1 − %1 + %1/%2, off = %1/%2").arg(s).arg(k);
    QStringList values;
    for (int c = 0; c < k; ++c) {
        const double v = pic.targets[std::size_t(i) * std::size_t(k) + std::size_t(c)];
        if (v > s / k + 1e-12 || k <= 6)
            values << QString("%1 %2").arg(QString::fromStdString(pic.classNames[std::size_t(c)]),
                                           QString::fromStdString(formatFixed(v, 4)));
    }
    if (s > 0 && k > 6)
        values << QCoreApplication::translate("BatchWindow", "every other class %1")
                      .arg(QString::fromStdString(formatFixed(s / k, 4)));
    return t + "<br>" + formula.toHtmlEscaped() + "<br>→ " + values.join(", ").toHtmlEscaped();
}

} // namespace

// ---- tiles

BatchTiles::BatchTiles(const BatchModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
    connect(model_, &BatchModel::batchChanged, this, [this] {
        relayout();
        update();
    });
}

void BatchTiles::setSelected(int i)
{
    selected_ = i;
    update();
}

void BatchTiles::relayout()
{
    const int n = model_->hasBatch() ? model_->mixed().draw.n : 0;
    setMinimumHeight(render::tileGrid(n, width(), side_).size.height());
}

void BatchTiles::resizeEvent(QResizeEvent*)
{
    relayout();
}

QPoint BatchTiles::tileCentre(int i) const
{
    const int n = model_->hasBatch() ? model_->mixed().draw.n : 0;
    const render::TileGrid g = render::tileGrid(n, width(), side_);
    return i >= 0 && i < n ? g.tiles[std::size_t(i)].center() : QPoint(-1, -1);
}

void BatchTiles::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!model_->hasBatch()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, model_->problem());
        return;
    }
    const render::BatchPicture& pic = model_->picture();
    const render::TileGrid g = render::tileGrid(pic.draw.n, width(), side_);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int i = 0; i < pic.draw.n; ++i)
        if (g.tiles[std::size_t(i)].adjusted(-4, -4, 4, 4).intersects(event->rect()))
            render::paintTile(p, g, pic, i, i == selected_);
}

QStringList BatchTiles::caption(int i) const
{
    if (!model_->hasBatch())
        return {};
    return render::tileCaption(render::tileGrid(model_->mixed().draw.n, width(), side_), model_->picture(), i);
}

void BatchTiles::mousePressEvent(QMouseEvent* event)
{
    if (!model_->hasBatch() || event->button() != Qt::LeftButton)
        return;
    const int i = render::tileAt(render::tileGrid(model_->mixed().draw.n, width(), side_), event->position().toPoint());
    if (i >= 0)
        emit tileClicked(i);
}

bool BatchTiles::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip && model_->hasBatch()) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int i = render::tileAt(render::tileGrid(model_->mixed().draw.n, width(), side_), help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(),
                               elementText(*model_, i) + tr("<br><i>Click: open this pair in the pair view</i>"), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

// ---- target matrix

TargetMatrix::TargetMatrix(const BatchModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    setMouseTracking(true);
    connect(model_, &BatchModel::batchChanged, this, [this] {
        relayout();
        update();
    });
}

void TargetMatrix::relayout()
{
    if (!model_->hasBatch()) {
        setFixedSize(1, 1);
        return;
    }
    setFixedSize(render::matrixGrid(model_->picture(), kCellWidth, kCellHeight).size);
}

void TargetMatrix::setSelectedRow(int row)
{
    selectedRow_ = row;
    update();
}

QString TargetMatrix::cellText(int row, int cls) const
{
    const render::BatchPicture& pic = model_->picture();
    const QString name = QString::fromStdString(pic.classNames.at(std::size_t(cls)));
    if (row >= pic.draw.n)
        return tr("Σ %1 over the batch: %2 (of %3 elements)")
            .arg(name, QString::fromStdString(formatExact(render::classTotals(pic)[std::size_t(cls)])))
            .arg(pic.draw.n);
    const double v = pic.targets.at(std::size_t(row) * std::size_t(pic.numClasses()) + std::size_t(cls));
    return tr("#%1 %2, class %3: %4")
        .arg(row)
        .arg(QString::fromStdString(pic.classNames[std::size_t(pic.classes[std::size_t(row)])]), name,
             QString::fromStdString(formatExact(v)));
}

void TargetMatrix::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    if (!model_->hasBatch())
        return;
    const render::MatrixGrid g = render::matrixGrid(model_->picture(), kCellWidth, kCellHeight);
    render::paintMatrix(p, g, model_->picture(), selectedRow_);
}

void TargetMatrix::mousePressEvent(QMouseEvent* event)
{
    if (!model_->hasBatch())
        return;
    const auto cell = render::matrixCellAt(render::matrixGrid(model_->picture(), kCellWidth, kCellHeight),
                                           model_->picture(), event->position().toPoint());
    if (cell && cell->first < model_->mixed().draw.n)
        emit rowClicked(cell->first);
}

bool TargetMatrix::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip && model_->hasBatch()) {
        auto* help = static_cast<QHelpEvent*>(e);
        const auto cell = render::matrixCellAt(render::matrixGrid(model_->picture(), kCellWidth, kCellHeight),
                                               model_->picture(), help->pos());
        if (cell)
            QToolTip::showText(help->globalPos(), cellText(cell->first, cell->second), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

// ---- the window

BatchWindow::BatchWindow(BatchModel* model, QWidget* parent) : QWidget(parent, Qt::Window), model_(model)
{
    build();
    resizeToScreen(this, {1280, 860});
}

void BatchWindow::changeEvent(QEvent* event)
{
    // After the event has gone round the children that rebuild() deletes.
    if (event->type() == QEvent::LanguageChange && !rebuildPending_) {
        rebuildPending_ = true;
        QMetaObject::invokeMethod(this, &BatchWindow::rebuild, Qt::QueuedConnection);
    }
    QWidget::changeEvent(event);
}

void BatchWindow::rebuild()
{
    rebuildPending_ = false;
    // What only the window holds: the split, where the tiles are scrolled,
    // the message; the selection is a member and stays.
    auto* split = findChild<QSplitter*>();
    const QByteArray splitState = split ? split->saveState() : QByteArray();
    auto* tileArea = qobject_cast<QScrollArea*>(tiles_->parentWidget()->parentWidget());
    const int scrolled = tileArea ? tileArea->verticalScrollBar()->value() : 0;
    const QString message = message_->text();
    model_->disconnect(this);
    delete layout();
    const QObjectList old = children();
    for (QObject* child : old) {
        auto* w = qobject_cast<QWidget*>(child);
        if (!w || !w->isWindow())
            delete child;
    }
    controls_.clear();
    build();
    if (auto* again = findChild<QSplitter*>(); again && !splitState.isEmpty())
        again->restoreState(splitState);
    if (auto* area = qobject_cast<QScrollArea*>(tiles_->parentWidget()->parentWidget())) {
        area->widget()->adjustSize();
        area->verticalScrollBar()->setValue(scrolled);
    }
    message_->setText(message);
}

void BatchWindow::build()
{
    setWindowTitle(tr("Batch"));
    tiles_ = new BatchTiles(model_);
    QScrollArea* tileArea = verticalScroller(tiles_);
    matrix_ = new TargetMatrix(model_);
    matrixArea_ = new QScrollArea;
    matrixArea_->setWidget(matrix_);
    matrixArea_->setBackgroundRole(QPalette::Base);

    summary_ = headingLabel();
    detail_ = new QLabel;
    detail_->setWordWrap(true);
    detail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_ = warningLabel();
    message_->setObjectName("batchMessage");

    auto* matrixTitle = new QLabel(tr("<b>Targets</b> (one row per element, one column per class; hover for the exact "
                                      "value; the last row is each class's total over the batch)"));
    matrixTitle->setWordWrap(true);
    auto* notes = new QVBoxLayout;
    notes->addWidget(detail_);
    notes->addWidget(message_);
    notes->addStretch(1);
    auto* matrixRow = new QHBoxLayout;
    matrixRow->addWidget(matrixArea_, 3);
    matrixRow->addLayout(notes, 2);
    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(matrixTitle);
    lowerLayout->addLayout(matrixRow, 1);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(tileArea);
    split->addWidget(lower);
    split->setSizes({480, 340});
    auto* right = new QVBoxLayout;
    right->addWidget(summary_);
    right->addWidget(split, 1);
    auto* layout = new QHBoxLayout(this);
    // The controls scroll up and down on a short screen.
    QScrollArea* controls = verticalScroller(buildControls());
    controls->setFrameShape(QFrame::NoFrame);
    controls->setMinimumWidth(controls->widget()->minimumSizeHint().width() +
                              controls->verticalScrollBar()->sizeHint().width());
    layout->addWidget(controls);
    layout->addLayout(right, 1);

    newDraw_ = new QAction(tr("New draw"), this);
    newDraw_->setShortcut(QKeySequence(Qt::Key_Space));
    newDraw_->setShortcutContext(Qt::WindowShortcut);
    connect(newDraw_, &QAction::triggered, model_, &BatchModel::newDraw);
    addAction(newDraw_);
    auto* backAct = new QAction(this);
    backAct->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    connect(backAct, &QAction::triggered, model_, &BatchModel::back);
    addAction(backAct);
    auto* forwardAct = new QAction(this);
    forwardAct->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    connect(forwardAct, &QAction::triggered, model_, &BatchModel::forward);
    addAction(forwardAct);

    connect(tiles_, &BatchTiles::tileClicked, this, [this](int i) {
        select(i);
        emit elementActivated(i);
    });
    connect(matrix_, &TargetMatrix::rowClicked, this, &BatchWindow::select);
    connect(model_, &BatchModel::batchChanged, this, &BatchWindow::refresh);
    connect(model_, &BatchModel::settingsChanged, this, &BatchWindow::syncFromModel);
    connect(model_, &BatchModel::historyChanged, this, &BatchWindow::syncFromModel);
    connect(model_, &BatchModel::errorOccurred, this, &BatchWindow::showMessage);
    syncFromModel();
    refresh();
}

QWidget* BatchWindow::buildControls()
{
    auto* panel = new QWidget;
    auto* v = new QVBoxLayout(panel);

    auto* images = new QGroupBox(tr("Images"));
    auto* imagesLayout = new QFormLayout(images);
    source_ = new QLabel;
    source_->setWordWrap(true);
    imagesLayout->addRow(source_);
    auto* openImages = new QPushButton(tr("Images…"));
    openImages->setToolTip(tr("Choose the images of the batch, in order (several at once)"));
    connect(openImages, &QPushButton::clicked, this, &BatchWindow::openImages);
    auto* openDataset = new QPushButton(tr("Dataset…"));
    openDataset->setToolTip(tr("A class-folder dataset, a folder of images, or a detection dataset (images/ and "
                               "labels/, or annotations.json) whose boxes are judged by the Objects panel's rule: "
                               "each batch takes the next images of a seeded order"));
    connect(openDataset, &QPushButton::clicked, this, &BatchWindow::openDataset);
    auto* demo = new QPushButton(tr("Demo"));
    demo->setToolTip(tr("The six bundled images"));
    connect(demo, &QPushButton::clicked, model_, &BatchModel::loadDemo);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(openImages);
    buttons->addWidget(openDataset);
    buttons->addWidget(demo);
    imagesLayout->addRow(buttons);
    batchSize_ = new QSpinBox;
    batchSize_->setObjectName("datasetBatchSize");
    batchSize_->setRange(1, 4096);
    batchSize_->setValue(16);
    batchSize_->setToolTip(tr("Images per batch when the batch comes from a dataset"));
    imagesLayout->addRow(tr("Dataset batch size"), batchSize_);
    batchSize_->setKeyboardTracking(false);
    // The batch on show follows at once, not when the dataset is chosen again.
    connect(batchSize_, &QSpinBox::valueChanged, model_, &BatchModel::setDatasetBatchSize);
    resize_ = new QCheckBox(tr("Resize to"));
    resize_->setToolTip(
        tr("Bring every image to this size (otherwise to the first image's size), as a training batch"));
    width_ = new QSpinBox;
    height_ = new QSpinBox;
    for (QSpinBox* s : {width_, height_}) {
        s->setRange(8, 8192);
        s->setValue(224);
        s->setKeyboardTracking(false);
    }
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel("×"));
    sizeRow->addWidget(height_);
    imagesLayout->addRow(resize_, sizeRow);
    v->addWidget(images);

    auto* recipeGroup = new QGroupBox(tr("Recipe"));
    auto* form = new QFormLayout(recipeGroup);
    recipeForm_ = form;
    recipe_ = new QComboBox;
    recipe_->setObjectName("recipe");
    for (const Recipe& r : recipes()) {
        recipe_->addItem(text(r.name), text(r.name));
        recipe_->setItemData(recipe_->count() - 1, text(r.description), Qt::ToolTipRole);
    }
    form->addRow(tr("Library"), recipe_);
    // One control per row of the recipes' settings (recipes.h); each recipe
    // shows the rows it reads, and the pixels' partner overrides any.
    for (const ParamSpec& spec : recipeSpecs()) {
        auto* control = new ParamControl(spec, this);
        if (control->label().isEmpty())
            form->addRow(control->widget());
        else
            form->addRow(control->label(), control->widget());
        controls_[spec.setting] = control;
        connect(control, &ParamControl::edited, this, [this](Setting k, const ParamValue& value) {
            if (!syncing_)
                model_->setRecipeValue(k, value);
        });
    }
    v->addWidget(recipeGroup);

    auto* drawGroup = new QGroupBox(tr("Draw"));
    auto* drawForm = new QFormLayout(drawGroup);
    seed_ = new QSpinBox;
    seed_->setRange(0, 2147483647);
    seed_->setKeyboardTracking(false);
    drawForm->addRow(tr("Seed"), seed_);
    batchNumber_ = new QLabel;
    drawForm->addRow(tr("Batch"), batchNumber_);
    auto* newDraw = new QPushButton(tr("New draw (Space)"));
    connect(newDraw, &QPushButton::clicked, model_, &BatchModel::newDraw);
    back_ = new QPushButton("◀");
    back_->setToolTip(tr("Previous batch (Alt+Left)"));
    connect(back_, &QPushButton::clicked, model_, &BatchModel::back);
    forward_ = new QPushButton("▶");
    forward_->setToolTip(tr("Next batch seen (Alt+Right)"));
    connect(forward_, &QPushButton::clicked, model_, &BatchModel::forward);
    auto* nav = new QHBoxLayout;
    nav->addWidget(back_);
    nav->addWidget(newDraw, 1);
    nav->addWidget(forward_);
    drawForm->addRow(nav);
    v->addWidget(drawGroup);
    v->addStretch(1);

    connect(recipe_, &QComboBox::currentIndexChanged, this, [this] {
        if (!syncing_)
            model_->setRecipe(recipeNamed(recipe_->currentData().toString().toStdString()));
    });
    connect(seed_, &QSpinBox::valueChanged, this, [this](int s) {
        if (!syncing_)
            model_->setSeed(std::uint64_t(s));
    });
    auto applySize = [this] {
        if (!syncing_)
            model_->setSize(resize_->isChecked() ? Size{width_->value(), height_->value()} : Size{0, 0});
    };
    connect(resize_, &QCheckBox::toggled, this, applySize);
    connect(width_, &QSpinBox::valueChanged, this, applySize);
    connect(height_, &QSpinBox::valueChanged, this, applySize);
    panel->setMaximumWidth(340);
    return panel;
}

void BatchWindow::syncFromModel()
{
    syncing_ = true;
    const BatchSettings& s = model_->settings();
    const Recipe& r = *s.recipe;
    recipe_->setCurrentIndex(recipe_->findData(text(r.name)));
    for (const auto& [setting, control] : controls_) {
        control->show(recipeValue(s, setting));
        recipeForm_->setRowVisible(control->widget(), setting == Setting::Partner || r.uses(setting));
    }
    // The unset partner names the recipe's own rule.
    controls_.at(Setting::Partner)->setUnsetText(tr("the recipe's rule (%1)").arg(text(partnerRuleName(r.partner))));
    seed_->setValue(int(std::min<std::uint64_t>(s.seed, 2147483647)));
    batchNumber_->setText(QString::number(s.batch));
    // The size asked for (width 0: the first image's) and the dataset's
    // batch size, as the model holds them.
    const Size size = model_->requestedSize();
    resize_->setChecked(size.width > 0);
    if (size.width > 0) {
        width_->setValue(size.width);
        height_->setValue(size.height);
    }
    batchSize_->setValue(model_->datasetBatchSize());
    back_->setEnabled(model_->canGoBack());
    forward_->setEnabled(model_->canGoForward());
    syncing_ = false;
}

void BatchWindow::refresh()
{
    source_->setText(model_->sourceText());
    summary_->setText(model_->hasBatch() ? render::batchTitle(model_->mixed().draw) + ": " + model_->summary()
                                         : model_->problem());
    message_->clear();
    matrix_->relayout();
    if (!model_->hasBatch() || selected_ >= model_->mixed().draw.n)
        selected_ = -1;
    select(selected_);
}

void BatchWindow::select(int i)
{
    selected_ = i;
    tiles_->setSelected(i);
    matrix_->setSelectedRow(i);
    detail_->setText(model_->hasBatch() && i >= 0
                         ? elementText(*model_, i)
                         : tr("Click a tile to see its element in the pair view; hover the matrix for values."));
}

void BatchWindow::showMessage(const QString& message)
{
    message_->setText(message);
}

void BatchWindow::openImages()
{
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Images of the batch"), lastFolder(), imageFilter());
    if (!files.isEmpty() && !rememberFolder(files.first()).isEmpty())
        model_->loadFiles(files);
}

void BatchWindow::openDataset()
{
    const QString dir = rememberFolder(QFileDialog::getExistingDirectory(
        this, tr("A dataset (one folder per class, a detection dataset) or a folder of images"), lastFolder()));
    if (!dir.isEmpty())
        model_->loadDataset(dir, batchSize_->value());
}

} // namespace cutmix::ui
