#include "mainwindow.h"

#include "auditmodel.h"
#include "auditwindow.h"
#include "batchmodel.h"
#include "batchwindow.h"
#include "charts.h"
#include "comparedialog.h"
#include "demo.h"
#include "exportdialogs.h"
#include "format.h"
#include "imagefile.h"
#include "imageio.h"
#include "imageview.h"
#include "lamexplorer.h"
#include "language.h"
#include "lastfolder.h"
#include "lesson.h"
#include "lessonpanel.h"
#include "method.h"
#include "mixer.h"
#include "objectspanel.h"
#include "panels.h"
#include "parampanel.h"
#include "presentation.h"
#include "readout.h"
#include "readouttext.h"
#include "screenfit.h"
#include "sourcespanel.h"
#include "studiomodel.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTextEdit>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>
#include <tuple>

namespace cutmix::ui
{

namespace
{

constexpr int kMaxRecent = 8;
constexpr int kClassFieldWidth = 160; // the widest a class field gets

// The title line (name, size, class-label editor) and the view, for image A
// or B.
QWidget* imagePanel(ImageHeader* header, QLineEdit* label, ImageView* view)
{
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(2, 2, 2, 2);
    label->setMaximumWidth(kClassFieldWidth);
    // The field gives way to the title down to its name's width.
    label->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    label->setToolTip(
        QCoreApplication::translate("MainWindow", "The class name of this image, used in the soft label"));
    v->addWidget(header);
    v->addWidget(view, 1);
    return w;
}

} // namespace

QString MainWindow::demoPathA()
{
    return demoImages().at(0);
}
QString MainWindow::demoPathB()
{
    return demoImages().at(1);
}

MainWindow::MainWindow(Options options, QWidget* parent) : QMainWindow(parent), options_(options)
{
    model_ = new StudioModel(this);
    setWindowTitle("CutMix Studio");
    setWindowIcon(QIcon(":/icons/cutmix-studio.svg"));
    setAcceptDrops(true);
    languageChoice_ = options_.useSettings ? savedLanguage() : currentLanguage();
    buildLayout();
    fitToScreen(options_.screen.isEmpty() ? availableFor(this) : options_.screen);
    buildActions();
    connect(model_, &StudioModel::pairChanged, this, &MainWindow::refreshPair);
    connect(model_, &StudioModel::labelsChanged, this, &MainWindow::refreshPair);
    connect(model_, &StudioModel::drawChanged, this, &MainWindow::refreshDraw);
    connect(model_, &StudioModel::errorOccurred, this, &MainWindow::showError);
    connect(model_, &StudioModel::noted, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
    // Re-made in another language, the panel may need another width.
    connect(panel_, &ParamPanel::rebuilt, this, [this] {
        if (auto* scroll = qobject_cast<QScrollArea*>(panel_->parentWidget()->parentWidget()))
            scroll->setMinimumWidth(panel_->minimumSizeHint().width() +
                                    scroll->verticalScrollBar()->sizeHint().width());
    });
    restoreSettings();
    refreshPair();
    refreshDraw();
    qApp->installEventFilter(this);
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

namespace
{

// Where Space is a character: a line of text (not a spin box's own line)
// or a text area.
bool typesText(const QWidget* w)
{
    if (!w)
        return false;
    if (qobject_cast<const QPlainTextEdit*>(w) || qobject_cast<const QTextEdit*>(w))
        return true;
    return qobject_cast<const QLineEdit*>(w) && !qobject_cast<const QAbstractSpinBox*>(w->parentWidget());
}

} // namespace

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        auto* focus = QApplication::focusWidget();
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier && watched == focus && focus &&
            focus->window() == this && !typesText(focus)) {
            if (event->type() == QEvent::KeyPress && !key->isAutoRepeat())
                newDrawAct_->trigger();
            event->accept();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!focusShown_) {
        // Not A's class field: the keys of the window's shortcuts reach it.
        focusShown_ = true;
        result_->setFocus(Qt::OtherFocusReason);
    }
}

void MainWindow::changeEvent(QEvent* event)
{
    // Installing a language sends a LanguageChange for each translator
    // removed and added: the window is translated once, after them, and not
    // while the event still goes round its children.
    if (event->type() == QEvent::LanguageChange && !retranslatePending_) {
        retranslatePending_ = true;
        QMetaObject::invokeMethod(this, &MainWindow::retranslate, Qt::QueuedConnection);
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    retranslatePending_ = false;
    // The menus and the tool bar are made again; the checks carry over, the
    // bar's place comes back with the state.
    const QByteArray state = saveState();
    const bool showBox = showBoxAct_->isChecked(), showSources = showSourcesAct_->isChecked();
    for (QToolBar* bar : findChildren<QToolBar*>(Qt::FindDirectChildrenOnly)) {
        removeToolBar(bar);
        delete bar;
    }
    setMenuBar(new QMenuBar); // the old one goes, with its menus and actions
    buildActions();
    showBoxAct_->setChecked(showBox);
    showSourcesAct_->setChecked(showSources);
    rebuildRecentMenu();
    restoreState(state);
    // The words set once in buildLayout; the panels, charts and the other
    // windows follow LanguageChange themselves.
    const std::pair<QDockWidget*, QString> titles[] = {
        {paramsDock_, tr("Parameters")}, {sourcesDock_, tr("Sources")},     {distributionDock_, tr("Distribution")},
        {numbersDock_, tr("Numbers")},   {labelDock_, tr("Label weights")}, {explorerDock_, tr("λ explorer")},
        {lessonDock_, tr("Lesson")},     {objectsDock_, tr("Objects")}};
    for (const auto& [dock, title] : titles)
        if (dock)
            dock->setWindowTitle(title);
    viewA_->setPlaceholderText(tr("Drop image A here, or File > Open A"));
    viewB_->setPlaceholderText(tr("Drop image B here, or File > Open B"));
    result_->setPlaceholderText(tr("Open two images (File > Open pair, or drop two files here) to see CutMix"));
    for (QLabel* caption : findChildren<QLabel*>("classCaption"))
        caption->setText(QCoreApplication::translate("MainWindow", "class"));
    if (!zoomLabel_->text().isEmpty())
        zoomLabel_->setText(tr("zoom %1 %").arg(qRound(result_->zoom() * 100)));
    statusBar()->clearMessage();
    refreshPair();
    refreshDraw();
    followLesson();
}

void MainWindow::buildLayout()
{
    viewA_ = new ImageView;
    viewA_->setObjectName("view_a");
    viewB_ = new ImageView;
    viewB_->setObjectName("view_b");
    result_ = new ImageView;
    viewA_->setPlaceholderText(tr("Drop image A here, or File > Open A"));
    viewB_->setPlaceholderText(tr("Drop image B here, or File > Open B"));
    result_->setPlaceholderText(tr("Open two images (File > Open pair, or drop two files here) to see CutMix"));
    auto* titleA = new ElidedLabel("A");
    titleA->setObjectName("title_a");
    auto* titleB = new ElidedLabel("B");
    titleB->setObjectName("title_b");
    auto* sizeA = new QLabel;
    sizeA->setObjectName("size_a");
    auto* sizeB = new QLabel;
    sizeB->setObjectName("size_b");
    labelA_ = new QLineEdit;
    labelA_->setObjectName("class_a");
    labelB_ = new QLineEdit;
    labelB_->setObjectName("class_b");
    headerA_ = new ImageHeader(titleA, sizeA, labelA_);
    headerA_->setObjectName("header_a");
    headerB_ = new ImageHeader(titleB, sizeB, labelB_);
    headerB_->setObjectName("header_b");
    connect(labelA_, &QLineEdit::editingFinished, this, [this] { model_->setLabelA(labelA_->text()); });
    connect(labelB_, &QLineEdit::editingFinished, this, [this] { model_->setLabelB(labelB_->text()); });

    auto* pair = new QSplitter(Qt::Horizontal);
    pair->addWidget(imagePanel(headerA_, labelA_, viewA_));
    pair->addWidget(imagePanel(headerB_, labelB_, viewB_));

    auto* resultPanel = new QWidget;
    auto* rv = new QVBoxLayout(resultPanel);
    rv->setContentsMargins(2, 2, 2, 2);
    summary_ = new QLabel;
    QFont big = summary_->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    summary_->setFont(big);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setWordWrap(true);
    legend_ = new QLabel;
    legend_->setObjectName("sourceLegend");
    legend_->setTextFormat(Qt::RichText);
    legend_->setWordWrap(true); // many sources: more lines, never a wider window
    legend_->setVisible(false);
    summaryBox_ = new SteadyLabelBox(summary_);
    rv->addWidget(summaryBox_);
    rv->addWidget(result_, 1);
    rv->addWidget(legend_);

    auto* centre = new QSplitter(Qt::Vertical);
    centre->setObjectName("centreSplitter");
    centre->addWidget(pair);
    centre->addWidget(resultPanel);
    centre->setStretchFactor(0, 2);
    centre->setStretchFactor(1, 3);
    setCentralWidget(centre);

    panel_ = new ParamPanel(model_);
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Never a sideways scroll bar: the dock is at least as wide as the panel.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(panel_->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    paramsDock_ = new QDockWidget(tr("Parameters"));
    paramsDock_->setObjectName("parametersDock");
    paramsDock_->setWidget(scroll);
    sources_ = new SourcesPanel(model_);
    sourcesDock_ = new QDockWidget(tr("Sources"));
    sourcesDock_->setObjectName("sourcesDock");
    sourcesDock_->setWidget(sources_);
    connect(sources_, &SourcesPanel::addRequested, this, &MainWindow::addSource);
    objects_ = new ObjectsPanel(model_);
    objectsDock_ = new QDockWidget(tr("Objects"));
    objectsDock_->setObjectName("objectsDock");
    // A short dock scrolls the panel instead of squeezing its lines together.
    auto* objectsScroll = new QScrollArea;
    objectsScroll->setWidget(objects_);
    objectsScroll->setWidgetResizable(true);
    objectsScroll->setFrameShape(QFrame::NoFrame);
    objectsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    objectsDock_->setWidget(objectsScroll);
    connect(objects_, &ObjectsPanel::visibilityChanged, this, [this](bool shown) {
        for (ImageView* v : {viewA_, viewB_, result_})
            v->setObjectsVisible(shown);
        if (presentation_)
            presentation_->resultView()->setObjectsVisible(shown);
    });
    connect(model_, &StudioModel::masksChanged, this, [this] {
        // A mask opened is a mask to see.
        if (model_->hasMasks())
            showMasksAct_->setChecked(true);
        const QSignalBlocker block(instanceMasksAct_);
        instanceMasksAct_->setChecked(model_->masksAreInstances());
    });
    connect(sources_, &SourcesPanel::filesDropped, this, &MainWindow::addSources);

    beta_ = new BetaChart(model_);
    readout_ = new Readout(model_);
    labelChart_ = new LabelChart(model_);
    explorer_ = new LamExplorer(model_);
    // Panels scroll vertically where a short dock cannot hold them.
    auto* explorerScroll = new QScrollArea;
    explorerScroll->setWidget(explorer_);
    explorerScroll->setWidgetResizable(true);
    explorerScroll->setFrameShape(QFrame::NoFrame);
    explorerScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto dock = [](const QString& title, const char* name, QWidget* widget) {
        auto* d = new QDockWidget(title);
        d->setObjectName(name);
        d->setWidget(widget);
        return d;
    };
    distributionDock_ = dock(tr("Distribution"), "distributionDock", beta_);
    numbersDock_ = dock(tr("Numbers"), "numbersDock", readout_);
    labelDock_ = dock(tr("Label weights"), "labelDock", labelChart_);
    explorerDock_ = dock(tr("λ explorer"), "explorerDock", explorerScroll);
    zoomLabel_ = new QLabel;
    statusBar()->addPermanentWidget(zoomLabel_);
    for (ImageView* v : {viewA_, viewB_, result_})
        connect(v, &ImageView::hovered, this, &MainWindow::showPixel);
    connect(result_, &ImageView::zoomChanged, this,
            [this](double z) { zoomLabel_->setText(tr("zoom %1 %").arg(qRound(z * 100))); });
    connect(viewA_, &ImageView::filesDropped, this, [this](const QStringList& f) { openFiles(f, 0); });
    connect(viewB_, &ImageView::filesDropped, this, [this](const QStringList& f) { openFiles(f, 1); });
    connect(result_, &ImageView::filesDropped, this, [this](const QStringList& f) { openFiles(f, -1); });
}

QList<QDockWidget*> MainWindow::docks() const
{
    return {paramsDock_, sourcesDock_, objectsDock_, distributionDock_, numbersDock_, labelDock_, explorerDock_};
}

void MainWindow::fitToScreen(const QRect& available)
{
    const QSize room = roomOnScreen(available);
    // 1024x700 leaves about 660 px: the three panels on the right would get
    // a sliver each. 1920x1080 at scale 2 leaves about 500: one panel a side.
    const bool shortScreen = room.height() < 800;
    const bool smallScreen = room.height() < 600 || room.width() < 1000;
    addDockWidget(Qt::LeftDockWidgetArea, paramsDock_);
    if (smallScreen)
        tabifyDockWidget(paramsDock_, sourcesDock_);
    else
        splitDockWidget(paramsDock_, sourcesDock_, Qt::Vertical);
    // The objects: a tab beside the sources (both list what the draw does to its inputs).
    tabifyDockWidget(sourcesDock_, objectsDock_);
    addDockWidget(Qt::RightDockWidgetArea, distributionDock_);
    // Beside the density: the explorer; the numbers and the label weights
    // below it, or, on a short screen, the label weights among the tabs.
    // (Splits first: a dock split from a tabbed one becomes another tab.)
    if (!smallScreen)
        splitDockWidget(distributionDock_, numbersDock_, Qt::Vertical);
    if (!shortScreen)
        splitDockWidget(numbersDock_, labelDock_, Qt::Vertical);
    tabifyDockWidget(distributionDock_, explorerDock_);
    if (smallScreen)
        tabifyDockWidget(distributionDock_, numbersDock_);
    if (shortScreen)
        tabifyDockWidget(distributionDock_, labelDock_);
    paramsDock_->raise();
    // The sources before the objects in their tabs (on the smallest screen
    // they are tabs beside the parameters, which stay in front).
    if (!smallScreen)
        sourcesDock_->raise();
    // The density first; the explorer is one click away. On the smallest
    // screen the numbers are the panel shown.
    (smallScreen ? numbersDock_ : distributionDock_)->raise();

    const QSize size = fitSize({1480, 940}, available);
    resize(size);
    const int side = std::clamp(size.width() * 3 / 10, 280, 470);
    resizeDocks({paramsDock_, distributionDock_}, {std::min(300, side), side}, Qt::Horizontal);
    if (!smallScreen)
        resizeDocks({paramsDock_, sourcesDock_}, {size.height() * 6 / 10, size.height() * 3 / 10}, Qt::Vertical);
    if (!shortScreen)
        resizeDocks({distributionDock_, numbersDock_, labelDock_}, {250, 330, 300}, Qt::Vertical);
    else if (!smallScreen)
        resizeDocks({distributionDock_, numbersDock_}, {size.height() / 2, size.height() / 2}, Qt::Vertical);
}

void MainWindow::buildActions()
{
    QAction* openPair = buildFileMenu();
    buildEditMenu();
    buildViewMenu();
    buildDrawMenu();
    buildHelpMenu();
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName("mainToolBar");
    bar->addAction(openPair);
    bar->addAction(newDrawAct_);
    bar->addAction(showBoxAct_);
    bar->addAction(showSourcesAct_);
}

QAction* MainWindow::buildFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openPair = file->addAction(tr("Open &pair..."), this, [this] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, tr("Open A and B (select two images)"), dialogFolder(), imageFilter());
        if (!files.isEmpty() && !rememberFolder(files.first()).isEmpty())
            openFiles(files, -1);
    });
    openPair->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &A..."), QKeySequence("Ctrl+Shift+A"), this, [this] {
        const QString f =
            rememberFolder(QFileDialog::getOpenFileName(this, tr("Open image A"), dialogFolder(), imageFilter()));
        if (!f.isEmpty())
            openFiles({f}, 0);
    });
    file->addAction(tr("Open &B..."), QKeySequence("Ctrl+Shift+B"), this, [this] {
        const QString f =
            rememberFolder(QFileDialog::getOpenFileName(this, tr("Open image B"), dialogFolder(), imageFilter()));
        if (!f.isEmpty())
            openFiles({f}, 1);
    });
    recentMenu_ = file->addMenu(tr("Open r&ecent"));
    file->addAction(tr("Open the &demo pair"), this, [this] { model_->loadPair(demoPathA(), demoPathB()); });
    file->addAction(tr("Add s&ource..."), QKeySequence("Ctrl+Shift+D"), this, &MainWindow::addSource);
    for (int k : {0, 1}) {
        const QString title = k == 0 ? tr("Open objects for A...") : tr("Open objects for B...");
        file->addAction(title, this, [this, k, title] {
            const QString f =
                rememberFolder(QFileDialog::getOpenFileName(this, title, dialogFolder(), objectsFilter()));
            if (!f.isEmpty() && model_->loadObjects(k, f))
                objectsDock_->raise();
        });
    }
    for (int k : {0, 1}) {
        const QString title = k == 0 ? tr("Open mask for A...") : tr("Open mask for B...");
        file->addAction(title, this, [this, k, title] {
            const QString f = rememberFolder(QFileDialog::getOpenFileName(this, title, dialogFolder(), masksFilter()));
            if (!f.isEmpty() && model_->loadMask(k, f))
                objectsDock_->raise();
        });
    }
    instanceMasksAct_ = file->addAction(tr("Masks are &instance masks"));
    instanceMasksAct_->setObjectName("instance_masks");
    instanceMasksAct_->setCheckable(true);
    instanceMasksAct_->setToolTip(tr("As cutmix mix --instances: a mask's pixel value k is the k-th object of its "
                                     "image, 0 none"));
    connect(instanceMasksAct_, &QAction::toggled, model_, &StudioModel::setMasksAreInstances);
    file->addSeparator();
    file->addAction(tr("&Save result..."), QKeySequence::Save, this, &MainWindow::exportResult);
    file->addAction(tr("Export draw &record..."), QKeySequence("Ctrl+Shift+E"), this, &MainWindow::exportRecord);
    file->addAction(tr("Save kept ob&jects..."), this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("Save the kept objects"), dialogFolder(),
                                         tr("YOLO text (*.txt);;COCO JSON (*.json);;Pascal VOC XML (*.xml)"));
        if (!f.isEmpty() && model_->saveObjects(f))
            statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(f)), 5000);
    });
    file->addAction(tr("Save mi&xed mask..."), this, [this] {
        if (!model_->hasPair())
            return;
        const QString path = rememberFolder(
            QFileDialog::getSaveFileName(this, tr("Save the mixed mask (PNG: each pixel the label of its source)"),
                                         inLastFolder("mixed-mask.png"), "PNG (*.png)"));
        if (!path.isEmpty() && model_->saveMixedMask(path))
            statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
    });
    file->addAction(tr("Save source &map..."), this, [this] {
        if (!model_->hasPair())
            return;
        const QString path =
            rememberFolder(QFileDialog::getSaveFileName(this, tr("Save the source map (8-bit PNG: 0 = A, 1 = B, ...)"),
                                                        inLastFolder("source-map.png"), "PNG (*.png)"));
        if (!path.isEmpty() && model_->saveSourceMap(path))
            statusBar()->showMessage(tr("Saved %1").arg(path), 6000);
    });
    file->addAction(tr("Export &grid..."), QKeySequence("Ctrl+G"), this, [this] {
        if (!model_->hasPair())
            return;
        GridDialog dialog(model_, this);
        if (dialog.exec() == QDialog::Accepted)
            statusBar()->showMessage(tr("Grid exported"), 6000);
    });
    file->addAction(tr("Export a&nimation..."), QKeySequence("Ctrl+Shift+G"), this, [this] {
        if (!model_->hasPair())
            return;
        AnimationDialog dialog(model_, this);
        if (dialog.exec() == QDialog::Accepted)
            statusBar()->showMessage(tr("Animation exported"), 6000);
    });
    file->addAction(tr("Export da&taset..."), this, [this] {
        ExportDialog dialog(model_, this);
        dialog.exec();
    });
    file->addAction(tr("Open batch d&ump..."), QKeySequence("Ctrl+Shift+O"), this, [this] {
        AuditWindow* w = auditWindow();
        w->show();
        w->raise();
        w->chooseFolder();
    });
    file->addAction(tr("&Watch folder..."), this, [this] {
        AuditWindow* w = auditWindow();
        w->show();
        w->raise();
        w->chooseWatchFolder();
    });
    file->addAction(tr("Sa&ve preset..."), QKeySequence("Ctrl+Shift+S"), this, &MainWindow::savePreset);
    file->addAction(tr("&Load preset..."), QKeySequence("Ctrl+Shift+L"), this, &MainWindow::loadPreset);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    return openPair;
}

void MainWindow::buildEditMenu()
{
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Copy result image"), QKeySequence::Copy, this, &MainWindow::copyResult);
    edit->addAction(tr("Copy &label as text"), QKeySequence("Ctrl+Shift+C"), labelChart_, &LabelChart::copyToClipboard);
    edit->addAction(tr("Copy draw &record (JSON)"), QKeySequence("Ctrl+Alt+C"), this,
                    [this] { QApplication::clipboard()->setText(QString::fromStdString(model_->record().dump(2))); });
    edit->addSeparator();
    edit->addAction(tr("S&wap A and B"), QKeySequence("Ctrl+Shift+X"), model_, &StudioModel::swap);
}

void MainWindow::buildViewMenu()
{
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, result_, &ImageView::zoomIn);
    view->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, result_, &ImageView::zoomOut);
    view->addAction(tr("&Fit to window"), QKeySequence("Ctrl+0"), result_, &ImageView::fitToWindow);
    view->addAction(tr("&Actual size (1:1)"), QKeySequence("Ctrl+1"), result_, &ImageView::actualSize);
    view->addSeparator();
    showBoxAct_ = view->addAction(tr("Show the &box"));
    showBoxAct_->setObjectName("show_box");
    showBoxAct_->setShortcut(QKeySequence("B"));
    showBoxAct_->setCheckable(true);
    showBoxAct_->setChecked(true);
    connect(showBoxAct_, &QAction::toggled, this, [this](bool on) {
        for (ImageView* v : {viewA_, viewB_, result_})
            v->setBoxVisible(on);
    });
    showSourcesAct_ = view->addAction(tr("Show where pi&xels come from"));
    showSourcesAct_->setObjectName("show_sources");
    showSourcesAct_->setShortcut(QKeySequence("M"));
    showSourcesAct_->setCheckable(true);
    showSourcesAct_->setToolTip(tr("One colour per source (blue: A, orange: B, ...), grey where Cutout filled"));
    connect(showSourcesAct_, &QAction::toggled, this, [this](bool on) {
        result_->setSourceMaskVisible(on);
        refreshDraw();
    });
    showMasksAct_ = view->addAction(tr("Show mas&ks"));
    showMasksAct_->setObjectName("show_masks");
    showMasksAct_->setCheckable(true);
    showMasksAct_->setToolTip(tr("Each image's label mask as a translucent wash, one colour per label; 0 (background) "
                                 "is left clear"));
    connect(showMasksAct_, &QAction::toggled, this, [this](bool on) {
        const QSignalBlocker block(objects_->showMasksBox());
        objects_->showMasksBox()->setChecked(on);
        refreshMasks();
    });
    connect(objects_->showMasksBox(), &QCheckBox::toggled, showMasksAct_, &QAction::setChecked);
    view->addAction(tr("&Compare methods..."), QKeySequence("Ctrl+K"), this, &MainWindow::showCompareDialog)
        ->setObjectName("compare_methods");
    presentAct_ = view->addAction(tr("&Presentation"), QKeySequence(Qt::Key_F11), this, [this] {
        PresentationWindow* p = presentation();
        // The whole screen of this window, also where no window manager
        // applies the full-screen state.
        p->setGeometry(screen()->geometry());
        p->showFullScreen();
        p->raise();
        p->activateWindow();
        followLesson();
    });
    presentAct_->setToolTip(tr("Full screen, large type, the result and the numbers only; Esc leaves"));
    view->addAction(tr("Ba&tch view..."), QKeySequence("Ctrl+B"), this, [this] {
        BatchWindow* w = batchWindow();
        w->show();
        w->raise();
        w->activateWindow();
    });
    view->addSeparator();
    for (QDockWidget* d : docks())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    buildLanguageMenu(view);
}

void MainWindow::buildLanguageMenu(QMenu* view)
{
    // Each language is named in itself; the choice applies at once (see
    // retranslate) and is remembered for the next start.
    QMenu* language = view->addMenu(tr("&Language"));
    language->setObjectName("languageMenu");
    auto* group = new QActionGroup(language);
    const std::pair<QString, QString> names[] = {
        {QString(), tr("System language")}, {"en", "English"}, {"zh_CN", QString::fromUtf8("中文")}};
    for (const auto& entry : names) {
        const QString code = entry.first;
        QAction* a = language->addAction(entry.second);
        a->setObjectName("language_" + (code.isEmpty() ? QString("system") : code));
        a->setCheckable(true);
        a->setChecked(code == languageChoice_);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            languageChoice_ = code;
            if (options_.useSettings)
                saveLanguage(code);
            installLanguage(code); // every window hears LanguageChange
        });
    }
}

CompareDialog* MainWindow::compareDialog() const
{
    return compare_;
}

void MainWindow::showCompareDialog()
{
    if (!model_->hasPair())
        return;
    // Modeless: the pair, alpha, seed, objects and rule are changed here
    // while the figure follows (it was modal, and showed the state it opened with).
    if (!compare_) {
        compare_ = new CompareDialog(model_, this);
        compare_->setAttribute(Qt::WA_DeleteOnClose);
        // Beside the window where the screen has room, else over its views
        // (the figure shows them for each method): the parameters on the
        // left, which the figure follows, stay in view.
        const QRect screen = options_.screen.isEmpty() ? availableFor(compare_) : options_.screen;
        const bool paramsLeft = paramsDock_->isVisible() && !paramsDock_->isFloating() &&
                                dockWidgetArea(paramsDock_) == Qt::LeftDockWidgetArea;
        const int keepRight =
            paramsLeft ? paramsDock_->mapToGlobal(QPoint(paramsDock_->width(), 0)).x() - 1 : frameGeometry().left() - 1;
        const QRect frame = placeFollowing(frameGeometry(), keepRight, QSize(1280, 720) + frameAllowance(),
                                           compare_->minimumSizeHint() + frameAllowance(), screen);
        compare_->resize(frame.size() - frameAllowance());
        compare_->move(frame.topLeft());
    }
    compare_->show();
    compare_->raise();
    compare_->activateWindow();
}

BatchWindow* MainWindow::batchWindow()
{
    if (batchWindow_)
        return batchWindow_;
    batchModel_ = new BatchModel(this);
    batchModel_->followBoxRule(model_); // the box rule of the objects panel
    batchModel_->loadDemo();
    batchWindow_ = new BatchWindow(batchModel_, this);
    connect(batchWindow_, &BatchWindow::elementActivated, this, [this](int i) {
        QString why;
        if (!batchModel_->showInPairView(i, *model_, &why)) {
            batchWindow_->showMessage(why);
            return;
        }
        batchWindow_->showMessage(tr("Element #%1 and its partner are in the pair view, with the same draw.").arg(i) +
                                  (why.isEmpty() ? QString() : " " + why));
        raise();
    });
    return batchWindow_;
}

PresentationWindow* MainWindow::presentation()
{
    if (!presentation_) {
        presentation_ = new PresentationWindow(model_, this);
        presentation_->resultView()->setObjectsVisible(objects_->showBox()->isChecked());
        presentation_->setMasksShown(showMasksAct_->isChecked());
        connect(presentation_, &PresentationWindow::lessonStepRequested, this, [this](int delta) {
            if (lesson_ && lesson_->active())
                lesson_->goTo(lesson_->current() + delta);
        });
        connect(presentation_, &PresentationWindow::left, this, &MainWindow::followLesson);
        followLesson();
    }
    return presentation_;
}

Lesson* MainWindow::lesson()
{
    if (lesson_)
        return lesson_;
    Lesson::Models models;
    models.batch = [this] {
        batchWindow();
        return batchModel_;
    };
    models.audit = [this] {
        auditWindow();
        return auditModel_;
    };
    lesson_ = new Lesson(model_, models, this);
    lessonDock_ = new QDockWidget(tr("Lesson"));
    lessonDock_->setObjectName("lessonDock");
    lessonDock_->setWidget(new LessonPanel(lesson_));
    addDockWidget(Qt::LeftDockWidgetArea, lessonDock_);
    if (auto* sources = findChild<QDockWidget*>("sourcesDock"))
        tabifyDockWidget(sources, lessonDock_);
    lessonDock_->hide();
    connect(lesson_, &Lesson::stepChanged, this, [this] {
        followLesson();
        // A step in another window takes the lesson's panel with it, floating
        // above that window, so that Next stays at hand; back in the pair view
        // it docks again.
        QWidget* other = nullptr;
        switch (lesson_->view()) {
        case Lesson::View::Batch:
            other = batchWindow();
            break;
        case Lesson::View::Audit:
            other = auditWindow();
            break;
        case Lesson::View::Pair:
            break;
        }
        if (other) {
            // Both placed on the screen's room before the window shows: its
            // frame as the window manager will draw it, or, shown already,
            // where it is (the user may have moved it).
            const bool shown = other->isVisible();
            const QRect frame = shown ? other->frameGeometry() : QRect(other->pos(), other->size() + frameAllowance());
            const QRect screen = options_.screen.isEmpty() ? availableFor(other) : options_.screen;
            const Beside b = placeBeside(frame, !shown, {420, std::min(frame.height(), 560)}, screen,
                                         other == batchWindow() ? Qt::BottomRightCorner : Qt::BottomLeftCorner);
            if (!shown)
                other->move(b.window.topLeft());
            other->show();
            other->raise();
            lessonDock_->setFloating(true);
            // No smaller than its text and buttons allow, and whole on the screen.
            const QSize size = b.panel.size().expandedTo(lessonDock_->minimumSizeHint());
            lessonDock_->resize(size);
            lessonDock_->show();
            const QSize frameSize = size + lessonDock_->frameGeometry().size() - lessonDock_->geometry().size();
            lessonDock_->move(
                std::max(screen.left(), std::min(b.panel.left(), screen.right() + 1 - frameSize.width())),
                std::max(screen.top(), std::min(b.panel.top(), screen.bottom() + 1 - frameSize.height())));
            lessonDock_->raise();
        } else {
            lessonDock_->setFloating(false);
            raise();
        }
    });
    connect(lesson_, &Lesson::finished, this, [this] {
        lessonDock_->hide();
        // The objects come back as the user had them.
        objects_->showBox()->setChecked(objectsBeforeLesson_);
        followLesson();
    });
    return lesson_;
}

void MainWindow::startLesson()
{
    Lesson* l = lesson();
    // The lesson teaches the label of a classification mix: the objects'
    // outlines would only hide its box (they stay in the Objects panel).
    if (!l->active())
        objectsBeforeLesson_ = objects_->showBox()->isChecked();
    objects_->showBox()->setChecked(false);
    lessonDock_->show();
    lessonDock_->raise();
    // The lesson's text beside the parameters, as tall as they are.
    if (auto* params = findChild<QDockWidget*>("parametersDock"))
        resizeDocks({params, lessonDock_}, {1, 1}, Qt::Vertical);
    l->start();
}

void MainWindow::followLesson()
{
    // Page Down / Page Up step the lesson from every window in presentation mode.
    if (lessonDock_)
        static_cast<LessonPanel*>(lessonDock_->widget())->setPageKeys(presentation_ && presentation_->isVisible());
    if (!presentation_)
        return;
    if (lesson_ && lesson_->active())
        presentation_->setLessonCaption(lesson_->title(lesson_->current()), lesson_->task());
    else
        presentation_->setLessonCaption(QString(), QString());
}

AuditWindow* MainWindow::auditWindow()
{
    if (!auditWindow_) {
        auditModel_ = new AuditModel(this);
        auditWindow_ = new AuditWindow(auditModel_, this);
    }
    return auditWindow_;
}

void MainWindow::buildDrawMenu()
{
    QMenu* draw = menuBar()->addMenu(tr("&Draw"));
    newDrawAct_ = draw->addAction(tr("&New draw"), model_, &StudioModel::newDraw);
    newDrawAct_->setShortcut(QKeySequence(Qt::Key_Space));
    draw->addAction(tr("&Previous draw"), QKeySequence(Qt::ALT | Qt::Key_Left), model_, &StudioModel::back);
    draw->addAction(tr("Ne&xt draw"), QKeySequence(Qt::ALT | Qt::Key_Right), model_, &StudioModel::forward);
    QAction* hold = draw->addAction(tr("&Hold the draw"));
    hold->setShortcut(QKeySequence("H"));
    hold->setCheckable(true);
    hold->setChecked(model_->hold());
    connect(hold, &QAction::toggled, model_, &StudioModel::setHold);
    connect(model_, &StudioModel::paramsChanged, hold, [this, hold] { hold->setChecked(model_->hold()); });
}

void MainWindow::buildHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* lessonAct = help->addAction(tr("&Lesson"), QKeySequence("Ctrl+L"), this, &MainWindow::startLesson);
    lessonAct->setToolTip(tr("A guided walk through CutMix in eight steps; your images come back when it ends"));
    help->addAction(tr("&About CutMix Studio"), this, [this] {
        QMessageBox::about(this, tr("About CutMix Studio"),
                           tr("<b>CutMix Studio %1</b><p>See what CutMix (Yun et al., ICCV 2019) does to your "
                              "images, and how the official code, timm, torchvision, Keras-CV and Kornia "
                              "differ.</p><p>The same draw is reproduced by <tt>cutmix mix</tt> with the same "
                              "seed, index and parameters (or a saved preset).</p>")
                               .arg(CUTMIX_VERSION));
    });
}

void MainWindow::refreshPair()
{
    auto title = [](const char* which, const QString& path) {
        if (path.isEmpty())
            return tr("%1: (none)").arg(which);
        const QString name =
            path.startsWith(":/") ? tr("%1 (demo)").arg(QFileInfo(path).fileName()) : QFileInfo(path).fileName();
        return tr("%1: %2").arg(which, name);
    };
    auto size = [](const QString& path, Size s) {
        return path.isEmpty() ? QString() : tr("%1 × %2").arg(s.width).arg(s.height);
    };
    // A class field shows its name from the start and whole (up to its
    // widest), the name in full as its tooltip.
    for (auto [field, name] : {std::pair{labelA_, model_->labelA()}, std::pair{labelB_, model_->labelB()}}) {
        field->setText(name);
        field->setCursorPosition(0);
        field->setToolTip(tr("The class name of this image, used in the soft label: %1").arg(name));
        // (QLineEdit's size hint is 17 x's and its frame.)
        const int frame = field->sizeHint().width() - field->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 17;
        const int whole = field->fontMetrics().horizontalAdvance(name) + std::max(frame, 12) + 4;
        field->setMinimumWidth(std::min(kClassFieldWidth, whole));
        // No wider than the name and room to type a little more: the rest is
        // the image's title's (at 1024 px the title was cut to "A:…00").
        field->setMaximumWidth(std::min(kClassFieldWidth, whole + field->fontMetrics().averageCharWidth() * 4));
    }
    for (auto [header, which, path, s] : {std::tuple{headerA_, "A", model_->pathA(), model_->sizeA()},
                                          std::tuple{headerB_, "B", model_->pathB(), model_->sizeB()}}) {
        const QString t = title(which, path), z = size(path, s);
        header->setTitle(t, z, (z.isEmpty() ? t : t + "   " + z) + "\n" + path);
    }
    viewA_->setImage(model_->displayA());
    viewB_->setImage(model_->displayB());
}

void MainWindow::refreshDraw()
{
    if (!model_->hasPair()) {
        summary_->setText(tr("No pair loaded"));
        summaryBox_->fit();
        return;
    }
    const Draw& d = model_->draw();
    const BoxOverlay o = overlayOf(d);
    viewA_->setOverlay(o);
    result_->setOverlay(o);
    // B shows the box only where B's own pixels under it are pasted.
    BoxOverlay onB = o;
    onB.visible = o.visible && d.method().boxOnB;
    viewB_->setOverlay(onB);
    showObjectMarks(viewA_, *model_, 0);
    showObjectMarks(viewB_, *model_, 1);
    showObjectMarks(result_, *model_, -1);
    if (model_->resultChanges()) {
        std::vector<QRect> changed;
        for (const Box& b : *model_->resultChanges())
            changed.emplace_back(b.x1, b.y1, b.width(), b.height());
        result_->setImage(model_->displayMixed(), changed);
    } else {
        result_->setImage(model_->displayMixed());
    }
    // The source map costs a full-size image: made only while it is shown.
    result_->setSourceMask(showSourcesAct_->isChecked() ? model_->sourceMapImage() : QImage());
    refreshMasks();
    summary_->setText(summaryLine(*model_));
    // The result stays where it is between draws: at one width the line
    // above it keeps the tallest height a draw has needed.
    summaryBox_->fit();
    // MixUp has no region and no map; FMix has a map but no box.
    showBoxAct_->setEnabled(d.method().region == Region::Box);
    showSourcesAct_->setEnabled(hasSourceMap(d));
    refreshLegend();
}

void MainWindow::refreshMasks()
{
    const bool on = showMasksAct_->isChecked();
    const std::pair<ImageView*, int> views[] = {{viewA_, 0}, {viewB_, 1}, {result_, -1}};
    for (auto [v, k] : views) {
        v->setLabelWash(on ? model_->maskWash(k) : QImage());
        v->setLabelWashVisible(on);
    }
    if (presentation_ && presentation_->masksShown() != on)
        presentation_->setMasksShown(on);
}

void MainWindow::setMasksShown(bool shown)
{
    showMasksAct_->setChecked(shown);
}

void MainWindow::setSourcesShown(bool shown)
{
    showSourcesAct_->setChecked(shown);
}

void MainWindow::refreshLegend()
{
    const bool shown = showSourcesAct_->isChecked() && model_->hasPair();
    const Draw& d = model_->draw();
    if (!shown || !hasSourceMap(d)) {
        const bool mixes = !model_->replay().active || model_->replayStep().method;
        legend_->setText(!shown  ? QString()
                         : mixes ? tr("%1 blends every pixel: no map of sources")
                                       .arg(QString::fromStdString(std::string(d.method().family)))
                                 : tr("this iteration does not mix: the result is A"));
        legend_->setVisible(shown);
        return;
    }
    QStringList items;
    auto item = [](const QColor& c, const QString& name) {
        return QString("<span style='color:%1'>■</span>&nbsp;%2").arg(c.name(), name.toHtmlEscaped());
    };
    for (int k = 0; k < std::max(d.sources, 1); ++k) {
        const QString which = k == 0 ? "A" : k == 1 ? "B" : QString::number(k + 1);
        items << item(sourceColour(k), which + " " + model_->sourceLabel(k));
    }
    if (d.method().fillsRegion)
        items << item(sourceColour(255), tr("filled"));
    legend_->setText(items.join("&nbsp;&nbsp;&nbsp;"));
    legend_->setVisible(true);
}

void MainWindow::addSource()
{
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Add sources (multi-source CutMix)"), dialogFolder(), imageFilter());
    if (!files.isEmpty())
        rememberFolder(files.first());
    addSources(files);
}

void MainWindow::addSources(const QStringList& files)
{
    for (const QString& f : files) {
        if (!model_->addSource(f))
            break;
        addRecent(f);
    }
}

void MainWindow::showError(const QString& message)
{
    lastError_ = message;
    statusBar()->showMessage(message, 10000);
    auto* box = new QMessageBox(QMessageBox::Warning, "CutMix Studio", message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName("errorMessage");
    box->open();
}

void MainWindow::openFiles(const QStringList& files, int target)
{
    bool ok = false;
    if (files.size() >= 2 && target < 0) {
        // Two files are a pair; more are the sources of multi-source CutMix
        // or Mosaic, opened at once (a Mosaic in use stays with four).
        if (files.size() > 2) {
            const QStringList used = files.mid(0, kMaxSources);
            if (model_->loadSources(used)) {
                for (const QString& f : used.mid(0, 2))
                    addRecent(f);
                if (files.size() > used.size())
                    statusBar()->showMessage(tr("Used the first %1 of %2 files").arg(used.size()).arg(files.size()),
                                             6000);
            }
            return;
        }
        ok = model_->loadPair(files[0], files[1]);
    } else if (target == 1)
        ok = model_->loadB(files[0]);
    else if (target == 0 || !model_->hasPair() || model_->pathA().isEmpty())
        ok = model_->loadA(files[0]);
    else
        ok = model_->loadB(files[0]);
    if (files.size() > 1 && target >= 0)
        statusBar()->showMessage(tr("Used the first of %1 files").arg(files.size()), 6000);
    if (ok)
        for (const QString& f : files.mid(0, 2))
            addRecent(f);
}

void MainWindow::addRecent(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent_.removeAll(abs);
    recent_.prepend(abs);
    while (recent_.size() > kMaxRecent)
        recent_.removeLast();
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    for (const QString& f : recent_) {
        QMenu* m = recentMenu_->addMenu(QFileInfo(f).fileName());
        m->setToolTip(f);
        m->addAction(tr("Open as A"), this, [this, f] { openFiles({f}, 0); });
        m->addAction(tr("Open as B"), this, [this, f] { openFiles({f}, 1); });
    }
    recentMenu_->setEnabled(!recent_.isEmpty());
}

void MainWindow::showPixel(int x, int y, bool inside)
{
    if (!inside) {
        statusBar()->clearMessage();
        return;
    }
    auto* view = qobject_cast<ImageView*>(sender());
    const QString text = pixelText(*model_,
                                   view == result_  ? -1
                                   : view == viewA_ ? 0
                                                    : 1,
                                   x, y, showMasksAct_->isChecked());
    if (!text.isEmpty())
        statusBar()->showMessage(text);
}

QString MainWindow::dialogFolder() const
{
    if (!lastFolder().isEmpty())
        return lastFolder();
    if (!model_->pathA().isEmpty() && !model_->pathA().startsWith(":/"))
        return QFileInfo(model_->pathA()).absolutePath();
    return QString();
}

void MainWindow::exportResult()
{
    if (!model_->hasPair())
        return;
    const QString suggested =
        QString("cutmix_seed%1_index%2.png").arg(model_->params().seed).arg(model_->params().index);
    const QString path =
        rememberFolder(QFileDialog::getSaveFileName(this, tr("Save the mixed image"), inLastFolder(suggested),
                                                    "PNG (*.png);;JPEG (*.jpg);;WebP (*.webp);;TIFF (*.tif)"));
    if (path.isEmpty())
        return;
    if (model_->saveResult(path))
        statusBar()->showMessage(tr("Saved %1").arg(path), 6000);
}

void MainWindow::exportRecord()
{
    if (!model_->hasPair())
        return;
    const QString path = rememberFolder(QFileDialog::getSaveFileName(
        this, tr("Export the draw record"),
        inLastFolder(QString("cutmix_seed%1_index%2.json").arg(model_->params().seed).arg(model_->params().index)),
        "JSON (*.json)"));
    if (!path.isEmpty() && model_->saveRecord(path))
        statusBar()->showMessage(tr("Saved %1").arg(path), 6000);
}

void MainWindow::copyResult()
{
    if (!model_->hasPair())
        return;
    QApplication::clipboard()->setImage(model_->displayMixed().copy());
    statusBar()->showMessage(tr("Copied the mixed image"), 4000);
}

void MainWindow::savePreset()
{
    const QString path = rememberFolder(
        QFileDialog::getSaveFileName(this, tr("Save preset"), inLastFolder("cutmix-preset.json"), "JSON (*.json)"));
    if (!path.isEmpty() && model_->savePreset(path))
        statusBar()->showMessage(tr("Saved preset %1  (use it with: cutmix mix A B -o out.png --preset %2)")
                                     .arg(path, QFileInfo(path).fileName()),
                                 10000);
}

void MainWindow::loadPreset()
{
    const QString path = rememberFolder(
        QFileDialog::getOpenFileName(this, tr("Load preset"), lastFolder(), tr("JSON (*.json);;All files (*)")));
    if (!path.isEmpty() && model_->loadPreset(path))
        statusBar()->showMessage(tr("Loaded preset %1").arg(path), 6000);
}

void MainWindow::openInitialPair(const QString& a, const QString& b)
{
    if (!a.isEmpty() && !b.isEmpty() && model_->loadPair(a, b))
        return;
    if (!a.isEmpty() && b.isEmpty() && model_->loadPair(a, demoPathB()))
        return;
    if (options_.useSettings && a.isEmpty()) {
        QSettings s;
        const QString lastA = s.value("pair/a").toString(), lastB = s.value("pair/b").toString();
        if (!lastA.isEmpty() && !lastB.isEmpty() && QFileInfo::exists(lastA) && QFileInfo::exists(lastB) &&
            model_->loadPair(lastA, lastB))
            return;
    }
    model_->loadPair(demoPathA(), demoPathB());
}

void MainWindow::restoreSettings()
{
    if (!options_.useSettings)
        return;
    QSettings s;
    recent_ = s.value("recentFiles").toStringList();
    setLastFolder(s.value("dialogs/folder").toString());
    rebuildRecentMenu();
    restoreGeometry(s.value("window/geometry").toByteArray());
    restoreState(s.value("window/state").toByteArray());
    // Settings another version saved may be refused: the defaults stay, and
    // the error says why.
    const QByteArray preset = s.value("params").toByteArray();
    if (!preset.isEmpty())
        model_->restoreParams(QString::fromUtf8(preset));
    showBoxAct_->setChecked(s.value("view/showBox", true).toBool());
    showSourcesAct_->setChecked(s.value("view/showSources", false).toBool());
    model_->setMasksAreInstances(s.value("masks/instances", false).toBool());
}

void MainWindow::saveSettings()
{
    if (!options_.useSettings)
        return;
    QSettings s;
    s.setValue("recentFiles", recent_);
    s.setValue("dialogs/folder", lastFolder());
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    s.setValue("params", QByteArray::fromStdString(paramsToJson(model_->params()).dump()));
    s.setValue("view/showBox", showBoxAct_->isChecked());
    s.setValue("view/showSources", showSourcesAct_->isChecked());
    s.setValue("masks/instances", model_->masksAreInstances());
    if (!model_->pathA().startsWith(":/") && !model_->pathB().startsWith(":/")) {
        s.setValue("pair/a", model_->pathA());
        s.setValue("pair/b", model_->pathB());
    }
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    saveSettings();
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (!localFiles(e->mimeData()).isEmpty())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    const QStringList files = localFiles(e->mimeData());
    if (!files.isEmpty()) {
        e->acceptProposedAction();
        openFiles(files, -1);
    }
}

} // namespace cutmix::ui
