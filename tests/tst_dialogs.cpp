// The window's dialogs (sample grid, export, comparison, animation) driven
// through their widgets.
#include "objectio.h"
#include "screenfit.h"
#include "uitest.h"

#include <QDialogButtonBox>

using namespace cutmix::uitest;

namespace
{
// The objects and rule the dialogs' tests give the window, as the command
// line says them: the demo pair's box files, Albumentations with
// min_visibility 0.5.
QStringList demoBoxFlags()
{
    return {"--boxes",
            CUTMIX_RESOURCES "/labels/chelsea.txt",
            CUTMIX_RESOURCES "/labels/coffee.txt",
            "--box-rule",
            "albumentations",
            "--min-visibility",
            "0.5"};
}

// The window at seed 5 judging its objects by those flags' rule, saved as a
// preset at `path` for the command line's --preset.
bool judgeByAlbumentations(StudioModel* m, const QString& path)
{
    m->setSeed(5);
    m->setKeepRule(keepRuleNamed("albumentations"));
    m->setKeepValue(Setting::MinVisibility, {0.5});
    return m->savePreset(path);
}
} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void gridDialogPreviewAndExport();
    void gridDialogDrawsTheObjects();
    void exportDialogListAndForce();
    void exportDialogDetectionIsTheCli();
    void exportDialogInstancesAreTheCli();
    void exportDialogMosaicIsTheCli();
    void compareDialogDrawsThePlan();
    void compareDialogDrawsTheObjects();
    void compareDialogFollowsTheWindow();
    void compareDialogLeavesTheParametersInView();
    void exportAnimationDialog();
    void animationDialogDrawsTheObjects();
    void windowsFitTheScreen();

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

void TestDialogs::init()
{
    w_ = new MainWindow(MainWindow::Options{false, {}});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestDialogs::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestDialogs::gridDialogPreviewAndExport()
{
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(0.4);
    GridDialog dialog(m_, w_);
    QSignalSpy previewed(&dialog, &GridDialog::previewUpdated);
    // The preview renders on a pool thread: wait for it, never for a time.
    QVERIFY(previewed.wait(60000));
    QVERIFY(!dialog.preview().isNull());
    GridOptions o = dialog.options();
    QCOMPARE(o.params.alpha, 0.4);
    QCOMPARE(o.rows * o.cols, 12);
    QTemporaryDir dir;
    const QString path = dir.filePath("grid.png");
    QVERIFY(dialog.exportTo(path));
    GridInput in;
    in.pathA = kCat.toStdString();
    in.pathB = kCoffee.toStdString();
    in.labelA = "chelsea";
    in.labelB = "coffee";
    // The pair's objects (found beside the images) are on the sheet, as
    // `cutmix grid --boxes` draws them.
    in.boxFiles = {CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt"};
    const GridPlan plan = planGrid(o, in);
    QVERIFY(!plan.tiles.front().objects.empty());
    const QImage expected = render::renderGrid(plan).image;
    QCOMPARE(QImage(path).convertToFormat(QImage::Format_RGB32), expected);
    // The preview follows the options.
    previewed.clear();
    dialog.findChildren<QSpinBox*>().first()->setValue(1);
    QVERIFY(previewed.count() > 0 || previewed.wait(60000));
    QCOMPARE(dialog.options().rows, 1);
    QVERIFY(!dialog.previewPending());
    // The demo pair (inside the program) works too.
    QVERIFY(m_->loadPair(MainWindow::demoPathA(), MainWindow::demoPathB()));
    GridDialog demo(m_, w_);
    QSignalSpy demoPreviewed(&demo, &GridDialog::previewUpdated);
    QVERIFY(demoPreviewed.wait(60000));
    QVERIFY(!demo.preview().isNull());
}

// File > Export grid draws the objects the window shows, carried and judged
// by the window's rule: the sheet is the command line's `cutmix grid --boxes
// ... --box-rule ...` for the same pair, parameters and seed, pixel for pixel.
void TestDialogs::gridDialogDrawsTheObjects()
{
    QVERIFY(m_->hasObjects());
    QTemporaryDir dir;
    const QString preset = dir.filePath("preset.json");
    QVERIFY(judgeByAlbumentations(m_, preset));
    GridDialog dialog(m_, w_);
    named<QSpinBox>(&dialog, "rows")->setValue(2);
    named<QSpinBox>(&dialog, "cols")->setValue(3);
    named<QSpinBox>(&dialog, "tile")->setValue(200);
    const QString window = dir.filePath("window.png"), cli = dir.filePath("cli.png");
    QVERIFY(dialog.exportTo(window));
    const CliRun r = runCli(QStringList({"grid", kCat, kCoffee, "--preset", preset}) + demoBoxFlags() +
                            QStringList({"--rows", "2", "--cols", "3", "--tile", "200", "-o", cli}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QImage fromWindow(window), fromCli(cli);
    QVERIFY(!fromWindow.isNull());
    QCOMPARE(fromWindow, fromCli);
    // The rule matters: some object is dropped on this sheet, so a sheet
    // without the objects (or by another rule) would differ.
    GridInput in;
    in.pathA = kCat.toStdString();
    in.pathB = kCoffee.toStdString();
    in.labelA = "chelsea";
    in.labelB = "coffee";
    const GridPlan plan = planGrid(dialog.options(), in);
    QVERIFY(render::renderGrid(plan).image != fromWindow.convertToFormat(QImage::Format_RGB32));
    in.boxFiles = {CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt"};
    in.rule = &keepRuleNamed("albumentations");
    in.keep.minVisibility = 0.5;
    const GridPlan withObjects = planGrid(dialog.options(), in);
    bool dropped = false;
    for (const GridTile& t : withObjects.tiles)
        for (const CarriedObject& o : t.objects)
            dropped = dropped || !o.kept;
    QVERIFY(dropped);
}

void TestDialogs::exportDialogListAndForce()
{
    QTemporaryDir dir;
    // A CSV list of two images, chosen with the dialog's List button.
    QVERIFY(QFile::copy(kCat, dir.filePath("cat.png")) && QFile::copy(kCoffee, dir.filePath("cup.png")));
    const QString list = dir.filePath("pairs.csv");
    QFile f(list);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("cat.png,cat\ncup.png,cup\n");
    f.close();
    ExportDialog dialog(m_, w_);
    chooseInFileDialog(&dialog, list,
                       [&] { QTest::mouseClick(named<QPushButton>(&dialog, "input_list"), Qt::LeftButton); });
    QCOMPARE(QFileInfo(named<QLineEdit>(&dialog, "input")->text()).canonicalFilePath(),
             QFileInfo(list).canonicalFilePath());
    // A folder that is not empty and not a previous run is refused, with the
    // window's words for it...
    const QString out = dir.filePath("busy");
    QVERIFY(QDir().mkpath(out));
    QFile mine(out + "/notes.txt");
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.close();
    named<QLineEdit>(&dialog, "output")->setText(out);
    named<QSpinBox>(&dialog, "count")->setValue(5);
    QVERIFY(!dialog.run());
    QVERIFY2(dialog.lastError().contains("Export into a non-empty folder"), qPrintable(dialog.lastError()));
    QVERIFY(!dialog.lastError().contains("--force"));
    auto* error = w_->findChild<QMessageBox*>("exportError");
    QVERIFY(error);
    error->close();
    // ...and accepted when the user ticks the box; the user's file stays.
    named<QCheckBox>(&dialog, "force")->setChecked(true);
    QVERIFY2(dialog.run(), qPrintable(dialog.lastError()));
    QVERIFY(QFile::exists(out + "/notes.txt"));
    QVERIFY(QFile::exists(out + "/manifest.jsonl"));
    QCOMPARE(QDir(out + "/images").entryList({"*.jpg"}, QDir::Files).size(), 5);
    QVERIFY(QFile::exists(out + "/images/metadata.jsonl"));
    auto* summary = w_->findChild<QMessageBox*>("exportSummary");
    QVERIFY(summary);
    QVERIFY(summary->text().contains("5 written"));
    summary->close();
    // The Folder button chooses folders.
    chooseInFileDialog(&dialog, dir.path(),
                       [&] { QTest::mouseClick(named<QPushButton>(&dialog, "input_folder"), Qt::LeftButton); });
    QCOMPARE(QFileInfo(named<QLineEdit>(&dialog, "input")->text()).canonicalFilePath(),
             QFileInfo(dir.path()).canonicalFilePath());
    // WebDataset shards: the shard size is offered only for that layout.
    QVERIFY(!named<QSpinBox>(&dialog, "shard_samples")->isEnabled());
    named<QComboBox>(&dialog, "layout")->setCurrentIndex(named<QComboBox>(&dialog, "layout")->findData("webdataset"));
    QVERIFY(named<QSpinBox>(&dialog, "shard_samples")->isEnabled());
    named<QSpinBox>(&dialog, "shard_samples")->setValue(2);
    named<QLineEdit>(&dialog, "input")->setText(list);
    const QString shards = dir.filePath("shards-out");
    named<QLineEdit>(&dialog, "output")->setText(shards);
    QVERIFY2(dialog.run(), qPrintable(dialog.lastError()));
    QCOMPARE(QDir(shards + "/shards").entryList({"*.tar"}, QDir::Files),
             QStringList({"000000.tar", "000001.tar", "000002.tar"}));
    QVERIFY(!QFile::exists(shards + "/images"));
    w_->findChild<QMessageBox*>("exportSummary")->close();
}

// A detection dataset (YOLO layout) of four bundled photos and their boxes in `folder`.
void TestDialogs::exportDialogDetectionIsTheCli()
{
    QTemporaryDir dir;
    QVERIFY(writeBundledDetectionDataset(dir.filePath("data")));
    m_->setSeed(9);
    m_->setKeepRule(keepRuleNamed("albumentations"));
    m_->setKeepValue(Setting::MinVisibility, {0.4});
    const QString preset = dir.filePath("preset.json");
    QVERIFY(m_->savePreset(preset));
    ExportDialog dialog(m_, w_);
    // The box settings are offered for a detection export only, and a list of
    // images is no detection dataset.
    auto* task = named<QComboBox>(&dialog, "task");
    QVERIFY(!named<QComboBox>(&dialog, "box_format")->isEnabled());
    QVERIFY(named<QComboBox>(&dialog, "box_format")->isHidden());
    QVERIFY(named<QPushButton>(&dialog, "input_list")->isEnabled());
    task->setCurrentIndex(task->findData("detect"));
    QVERIFY(named<QComboBox>(&dialog, "box_format")->isEnabled());
    QVERIFY(!named<QComboBox>(&dialog, "box_format")->isHidden());
    QVERIFY(named<QLineEdit>(&dialog, "annotations")->isEnabled());
    QVERIFY(!named<QPushButton>(&dialog, "input_list")->isEnabled());
    named<QLineEdit>(&dialog, "input")->setText(dir.filePath("data"));
    named<QLineEdit>(&dialog, "output")->setText(dir.filePath("window"));
    named<QSpinBox>(&dialog, "count")->setValue(12);
    named<QSpinBox>(&dialog, "width")->setValue(320);
    named<QSpinBox>(&dialog, "height")->setValue(240);
    QVERIFY2(dialog.run(), qPrintable(dialog.lastError()));
    w_->findChild<QMessageBox*>("exportSummary")->close();
    const CliRun r = runCli({"export", dir.filePath("data"), "-o", dir.filePath("cli"), "--preset", preset, "--task",
                             "detect", "--box-rule", "albumentations", "--min-visibility", "0.4", "--count", "12",
                             "--size", "320x240", "--format", "jpg"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // The same samples, boxes and data.yaml as the command line's; some box
    // was judged (the rule matters: a label file differs from the sources').
    const QStringList labels = QDir(dir.filePath("cli/labels")).entryList({"*.txt"}, QDir::Files);
    QCOMPARE(labels.size(), 12);
    QCOMPARE(QDir(dir.filePath("window/labels")).entryList({"*.txt"}, QDir::Files), labels);
    auto bytes = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
    };
    for (const QString& name : labels)
        QCOMPARE(bytes(dir.filePath("window/labels/" + name)), bytes(dir.filePath("cli/labels/" + name)));
    for (const QString& name : QDir(dir.filePath("cli/images")).entryList({"*.jpg"}, QDir::Files))
        QCOMPARE(bytes(dir.filePath("window/images/" + name)), bytes(dir.filePath("cli/images/" + name)));
    QCOMPARE(bytes(dir.filePath("window/data.yaml")), bytes(dir.filePath("cli/data.yaml")));
    QCOMPARE(bytes(dir.filePath("window/manifest.jsonl")), bytes(dir.filePath("cli/manifest.jsonl")));
    // The window's rule was used: keeping every box writes other labels.
    const CliRun all = runCli({"export", dir.filePath("data"), "-o", dir.filePath("all"), "--preset", preset, "--task",
                               "detect", "--box-rule", "all", "--count", "12", "--size", "320x240"});
    QVERIFY2(all.code == 0, qPrintable(all.err));
    QVERIFY(std::any_of(labels.begin(), labels.end(), [&](const QString& name) {
        return bytes(dir.filePath("all/labels/" + name)) != bytes(dir.filePath("window/labels/" + name));
    }));
}

// A segmentation export from the window takes its masks as instance masks
// when the window does (File > Masks are instance masks), as `cutmix export
// --task segment --instances` does: the same masks, byte for byte.
void TestDialogs::exportDialogInstancesAreTheCli()
{
    // The bundled photos with their boxes and an instance mask each: every
    // box filled with its line number in the label file.
    QTemporaryDir dir;
    for (const char* folder : {"data/images", "data/labels", "data/masks"})
        QVERIFY(QDir().mkpath(dir.filePath(folder)));
    for (const char* name : {"chelsea", "coffee", "horse", "astronaut"}) {
        const QString image = QString(CUTMIX_RESOURCES "/%1.png").arg(name);
        const QString labels = QString(CUTMIX_RESOURCES "/labels/%1.txt").arg(name);
        QVERIFY(QFile::copy(image, dir.filePath(QString("data/images/%1.png").arg(name))));
        QVERIFY(QFile::copy(labels, dir.filePath(QString("data/labels/%1.txt").arg(name))));
        const cv::Mat pixels = loadImage(image.toStdString());
        cv::Mat mask(pixels.rows, pixels.cols, CV_8UC1, cv::Scalar(0));
        const std::vector<Object> objects = readYolo(labels.toStdString(), sizeOf(pixels)).image.objects;
        for (std::size_t j = 0; j < objects.size(); ++j) {
            const BoxF& b = objects[j].box;
            mask(cv::Rect(cv::Point(int(b.x1), int(b.y1)), cv::Point(int(b.x2), int(b.y2)))).setTo(int(j) + 1);
        }
        saveImageAtomic(dir.filePath(QString("data/masks/%1.png").arg(name)).toStdString(), mask);
    }
    m_->setSeed(9);
    m_->setKeepRule(keepRuleNamed("ultralytics"));
    m_->setMasksAreInstances(true);
    const QString preset = dir.filePath("preset.json");
    QVERIFY(m_->savePreset(preset));
    ExportDialog dialog(m_, w_);
    auto* task = named<QComboBox>(&dialog, "task");
    task->setCurrentIndex(task->findData("segment"));
    named<QLineEdit>(&dialog, "input")->setText(dir.filePath("data"));
    named<QLineEdit>(&dialog, "output")->setText(dir.filePath("window"));
    named<QSpinBox>(&dialog, "count")->setValue(8);
    named<QSpinBox>(&dialog, "width")->setValue(320);
    named<QSpinBox>(&dialog, "height")->setValue(240);
    QVERIFY2(dialog.run(), qPrintable(dialog.lastError()));
    w_->findChild<QMessageBox*>("exportSummary")->close();
    const QStringList common{"--preset", preset, "--task", "segment", "--box-rule", "ultralytics",
                             "--count",  "8",    "--size", "320x240", "--format",   "jpg"};
    CliRun r = runCli(QStringList{"export", dir.filePath("data"), "-o", dir.filePath("cli"), "--instances"} + common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runCli(QStringList{"export", dir.filePath("data"), "-o", dir.filePath("classes")} + common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto bytes = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
    };
    const QStringList masks = QDir(dir.filePath("cli/masks")).entryList({"*.png"}, QDir::Files);
    QCOMPARE(masks.size(), 8);
    QCOMPARE(QDir(dir.filePath("window/masks")).entryList({"*.png"}, QDir::Files), masks);
    for (const QString& name : masks)
        QCOMPARE(bytes(dir.filePath("window/masks/" + name)), bytes(dir.filePath("cli/masks/" + name)));
    QCOMPARE(bytes(dir.filePath("window/run.json")), bytes(dir.filePath("cli/run.json")));
    // The setting was used: the same masks taken as classes give others.
    QVERIFY(std::any_of(masks.begin(), masks.end(), [&](const QString& name) {
        return bytes(dir.filePath("classes/masks/" + name)) != bytes(dir.filePath("window/masks/" + name));
    }));
}

// File > Export dataset with the window in Mosaic (four sources): the same
// samples as `cutmix export --method mosaic` with the window's preset (its
// --mosaic-size and seed) and box rule, byte for byte.
void TestDialogs::exportDialogMosaicIsTheCli()
{
    QTemporaryDir dir;
    QVERIFY(writeBundledDetectionDataset(dir.filePath("data")));
    QVERIFY(m_->addSource(CUTMIX_RESOURCES "/horse.png"));
    QVERIFY(m_->addSource(CUTMIX_RESOURCES "/astronaut.png"));
    auto* method = named<QComboBox>(w_->panel(), "method");
    method->setCurrentIndex(method->findData(QString("mosaic")));
    QCOMPARE(std::string(m_->params().method->family), std::string("mosaic"));
    named<QSpinBox>(w_->panel(), "mosaic_size")->setValue(96);
    m_->setSeed(4);
    m_->setKeepRule(keepRuleNamed("albumentations"));
    m_->setKeepValue(Setting::MinVisibility, {0.4});
    const QString preset = dir.filePath("preset.json");
    QVERIFY(m_->savePreset(preset));

    ExportDialog dialog(m_, w_);
    auto* task = named<QComboBox>(&dialog, "task");
    task->setCurrentIndex(task->findData("detect"));
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    QPushButton* start = nullptr;
    for (QAbstractButton* b : buttons->buttons())
        if (buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            start = qobject_cast<QPushButton*>(b);
    QVERIFY(start && start->isEnabled());
    named<QLineEdit>(&dialog, "input")->setText(dir.filePath("data"));
    named<QLineEdit>(&dialog, "output")->setText(dir.filePath("window"));
    named<QSpinBox>(&dialog, "count")->setValue(6);
    QVERIFY2(dialog.run(), qPrintable(dialog.lastError()));
    w_->findChild<QMessageBox*>("exportSummary")->close();
    const CliRun r =
        runCli({"export", dir.filePath("data"), "-o", dir.filePath("cli"), "--preset", preset, "--task", "detect",
                "--box-rule", "albumentations", "--min-visibility", "0.4", "--count", "6", "--format", "jpg"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.isEmpty() || !r.err.contains("error"), qPrintable(r.err));
    auto bytes = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
    };
    // Mosaic samples: the manifest names four sources each, on a 2s x 2s canvas.
    const QByteArray manifest = bytes(dir.filePath("cli/manifest.jsonl"));
    QVERIFY2(manifest.contains("\"mosaic\""), manifest.left(400).constData());
    QCOMPARE(bytes(dir.filePath("window/manifest.jsonl")), manifest);
    const QStringList labels = QDir(dir.filePath("cli/labels")).entryList({"*.txt"}, QDir::Files);
    QCOMPARE(labels.size(), 6);
    QCOMPARE(QDir(dir.filePath("window/labels")).entryList({"*.txt"}, QDir::Files), labels);
    for (const QString& name : labels)
        QCOMPARE(bytes(dir.filePath("window/labels/" + name)), bytes(dir.filePath("cli/labels/" + name)));
    const QStringList images = QDir(dir.filePath("cli/images")).entryList({"*.jpg"}, QDir::Files);
    QCOMPARE(images.size(), 6);
    for (const QString& name : images)
        QCOMPARE(bytes(dir.filePath("window/images/" + name)), bytes(dir.filePath("cli/images/" + name)));
    const cv::Mat first = cv::imread(dir.filePath("window/images/" + images.first()).toStdString());
    QCOMPARE(first.cols, 192);
    QCOMPARE(bytes(dir.filePath("window/data.yaml")), bytes(dir.filePath("cli/data.yaml")));
}

void TestDialogs::compareDialogDrawsThePlan()
{
    m_->setSeed(4);
    CompareDialog dialog(m_, w_);
    QSignalSpy updated(&dialog, &CompareDialog::figureUpdated);
    QVERIFY(updated.wait(60000));
    const std::vector<std::string> chosen = dialog.methods();
    QCOMPARE(chosen, defaultCompareMethods());
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    // The pair's objects (found beside the images) are on the figure, as
    // `cutmix compare --boxes` draws them (the window's rule: keep all).
    ObjectInput objects;
    objects.boxFiles = {CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt"};
    const ComparePlan plan = planComparison(a, b, kCat.toStdString(), kCoffee.toStdString(), "chelsea", "coffee",
                                            m_->params(), chosen, std::nullopt, objects);
    QVERIFY(!plan.panels.back().objects.empty());
    const QImage expected = render::renderComparison(plan).image;
    QCOMPARE(dialog.figure(), expected);
    // The figure grows with the dialog.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.resize(700, 400);
    QApplication::processEvents();
    const QSize small = dialog.shownSize();
    dialog.resize(1600, 900);
    QApplication::processEvents();
    QVERIFY2(dialog.shownSize().width() > small.width() && dialog.shownSize().height() > small.height(),
             qPrintable(QString("%1x%2 -> %3x%4")
                            .arg(small.width())
                            .arg(small.height())
                            .arg(dialog.shownSize().width())
                            .arg(dialog.shownSize().height())));
    // One λ for all, and another panel.
    updated.clear();
    dialog.methodBox("fmix")->setChecked(true);
    named<QCheckBox>(&dialog, "same_lam")->setChecked(true);
    while (dialog.pending() || updated.isEmpty())
        QVERIFY(updated.wait(60000));
    QCOMPARE(dialog.methods().size(), 5u);
    QCOMPARE(dialog.lam().value_or(-1), 0.5);
    QTemporaryDir dir;
    QVERIFY(dialog.save(dir.filePath("figure.pdf")));
    QFile pdf(dir.filePath("figure.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(4) == "%PDF");
    // The next comparison starts with the panels chosen here.
    {
        CompareDialog again(m_, w_);
        QCOMPARE(again.methods(), dialog.methods());
        dialog.methodBox("fmix")->setChecked(false);
    }
    // Saving says so, in the dialog.
    QVERIFY2(named<QLabel>(&dialog, "compareSaved")->text().startsWith("Saved figure.pdf"),
             qPrintable(named<QLabel>(&dialog, "compareSaved")->text()));
}

// View > Compare methods draws the objects the window shows, carried and
// judged by the window's rule: its figure is `cutmix compare --boxes ...
// --box-rule ...` for the same pair, parameters and seed, pixel for pixel.
void TestDialogs::compareDialogDrawsTheObjects()
{
    QVERIFY(m_->hasObjects());
    QTemporaryDir dir;
    const QString preset = dir.filePath("preset.json");
    QVERIFY(judgeByAlbumentations(m_, preset));
    CompareDialog dialog(m_, w_);
    QSignalSpy updated(&dialog, &CompareDialog::figureUpdated);
    QVERIFY(updated.wait(60000));
    const QString window = dir.filePath("window.png"), cli = dir.filePath("cli.png");
    QVERIFY(dialog.save(window));
    QStringList methods;
    for (const std::string& m : dialog.methods())
        methods << QString::fromStdString(m);
    const CliRun r =
        runCli(QStringList({"compare", kCat, kCoffee, "--preset", preset, "--methods", methods.join(',')}) +
               demoBoxFlags() + QStringList({"-o", cli}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QImage fromWindow(window), fromCli(cli);
    QVERIFY(!fromWindow.isNull());
    QCOMPARE(fromWindow, fromCli);
    // The rule matters: some object is dropped on this figure.
    bool dropped = false;
    for (const ComparePanel& panel : dialog.plan().panels)
        for (const CarriedObject& o : panel.objects)
            dropped = dropped || !o.kept;
    QVERIFY(dropped);
}

// View > Compare methods stays open beside the window and follows its model:
// after a new seed, alpha and box rule its figure is `cutmix compare --boxes
// ... --box-rule ...` for the new state, pixel for pixel, drawn once for the
// several changes. Before, the dialog was modal and kept the state it opened
// with.
// View > Compare methods opens beside the window where the screen has room,
// else over its views at the top right: the parameters it follows stay in
// view (at 1024x700 it filled the screen over the whole window).
void TestDialogs::compareDialogLeavesTheParametersInView()
{
    const QRect wide(0, 0, 3000, 1200), small(0, 0, 1024, 700);
    const QSize wanted(1296, 760), least(700, 400);
    const QRect beside = placeFollowing(QRect(0, 0, 1600, 1000), 350, wanted, least, wide);
    QCOMPARE(beside, QRect(QPoint(1600, 0), wanted));
    const QRect over = placeFollowing(QRect(0, 0, 1024, 700), 300, wanted, least, small);
    QCOMPARE(over, QRect(301, 0, 723, 424)); // the shape wanted
    // Never smaller than it can be, nor off the screen.
    const QRect narrow = placeFollowing(QRect(0, 0, 1024, 700), 600, wanted, least, small);
    QCOMPARE(narrow, QRect(324, 0, 700, 410));

    for (const QRect& screen : {small, QRect(0, 0, 960, 540), QRect(0, 0, 1920, 1080)}) {
        MainWindow w(MainWindow::Options{false, screen});
        QVERIFY(w.model()->loadPair(kCat, kCoffee));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QAction*>("compare_methods")->trigger();
        CompareDialog* dialog = w.compareDialog();
        QVERIFY(dialog && dialog->isVisible());
        const QRect frame(dialog->pos(), dialog->size() + frameAllowance());
        QVERIFY2(screen.contains(frame), qPrintable(QString("%1x%2").arg(screen.width()).arg(screen.height())));
        auto* params = named<QDockWidget>(&w, "parametersDock");
        const QRect paramsOnScreen(params->mapToGlobal(QPoint(0, 0)), params->size());
        QVERIFY2(!frame.intersects(paramsOnScreen) ||
                     frame.width() == dialog->minimumSizeHint().width() + frameAllowance().width(),
                 qPrintable(QString("%1x%2").arg(screen.width()).arg(screen.height())));
        QVERIFY(frame.size() != fitSize(QSize(1296, 760), screen) || screen.width() >= 1920);
    }
}

void TestDialogs::compareDialogFollowsTheWindow()
{
    QVERIFY(m_->hasObjects());
    m_->setSeed(5);
    QAction* open = nullptr;
    for (QAction* a : w_->findChildren<QAction*>())
        if (a->shortcut() == QKeySequence("Ctrl+K"))
            open = a;
    QVERIFY(open);
    open->trigger();
    QPointer<CompareDialog> dialog = w_->compareDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible() && !dialog->isModal());
    dialog->flush();
    QVERIFY(!dialog->pending());
    const QImage before = dialog->figure();
    QVERIFY(!before.isNull());
    // Opened again: the same dialog, raised.
    open->trigger();
    QCOMPARE(w_->compareDialog(), dialog.data());

    QSignalSpy updated(dialog.data(), &CompareDialog::figureUpdated);
    m_->setSeed(9);
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(0.4);
    m_->setKeepRule(keepRuleNamed("albumentations"));
    m_->setKeepValue(Setting::MinVisibility, {0.5});
    QVERIFY(dialog->pending());
    dialog->flush();
    QVERIFY(!dialog->pending());
    QCOMPARE(updated.count(), 1); // four changes, one figure
    QApplication::processEvents();
    QCOMPARE(updated.count(), 1);
    QVERIFY(dialog->figure() != before);

    QTemporaryDir dir;
    const QString preset = dir.filePath("preset.json");
    QVERIFY(m_->savePreset(preset));
    const QString window = dir.filePath("window.png"), cli = dir.filePath("cli.png");
    QVERIFY(dialog->save(window));
    QStringList methods;
    for (const std::string& m : dialog->methods())
        methods << QString::fromStdString(m);
    const CliRun r =
        runCli(QStringList({"compare", kCat, kCoffee, "--preset", preset, "--methods", methods.join(',')}) +
               demoBoxFlags() + QStringList({"-o", cli}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QImage(window), QImage(cli));
    // The rule followed too: some object is dropped on this figure.
    bool dropped = false;
    for (const ComparePanel& panel : dialog->plan().panels)
        for (const CarriedObject& o : panel.objects)
            dropped = dropped || !o.kept;
    QVERIFY(dropped);
    // A dialog opened afresh draws the same figure.
    {
        CompareDialog fresh(m_, w_);
        fresh.flush();
        QCOMPARE(fresh.figure(), dialog->figure());
    }
    // Another pair: the figure is the new pair's; closing deletes the dialog.
    QVERIFY(m_->loadPair(kCoffee, kCat));
    dialog->flush();
    CompareDialog swapped(m_, w_);
    swapped.flush();
    QCOMPARE(dialog->figure(), swapped.figure());
    dialog->close();
    QApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!dialog);
    QVERIFY(!w_->compareDialog());
}

void TestDialogs::exportAnimationDialog()
{
    QTemporaryDir dir;
    AnimationDialog d(m_, w_);
    named<QComboBox>(&d, "sweep")->setCurrentIndex(named<QComboBox>(&d, "sweep")->findData(int(Sweep::Lam)));
    QCOMPARE(named<QDoubleSpinBox>(&d, "from")->value(), 0.05);
    QVERIFY(named<QDoubleSpinBox>(&d, "from")->isEnabled());
    named<QComboBox>(&d, "sweep")->setCurrentIndex(named<QComboBox>(&d, "sweep")->findData(int(Sweep::Draws)));
    QVERIFY(!named<QDoubleSpinBox>(&d, "from")->isEnabled());
    named<QComboBox>(&d, "sweep")->setCurrentIndex(named<QComboBox>(&d, "sweep")->findData(int(Sweep::Alpha)));
    QCOMPARE(named<QDoubleSpinBox>(&d, "to")->value(), 10.0);
    named<QSpinBox>(&d, "frames")->setValue(6);
    named<QSpinBox>(&d, "width")->setValue(120);
    const AnimationSpec s = d.spec();
    QCOMPARE(s.frames, 6);
    QCOMPARE(s.width, 120);
    QCOMPARE(s.sweep, Sweep::Alpha);
    const QString out = dir.filePath("sweep.gif");
    QVERIFY2(d.exportTo(out), qPrintable(d.lastError()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray head = f.read(10);
    QVERIFY(head.startsWith("GIF89a"));
    QCOMPARE(int(quint8(head[6])) | (int(quint8(head[7])) << 8), 120);
    // An unknown extension is refused with a message, nothing written.
    QVERIFY(!d.exportTo(dir.filePath("sweep.avi")));
    QVERIFY(d.lastError().contains(".gif"));
    QVERIFY(!QFile::exists(dir.filePath("sweep.avi")));
}

// File > Export animation draws the objects the window shows, by its rule:
// the same GIF bytes as `cutmix animate --boxes ... --box-rule ...`, and not
// those of the animation without them.
void TestDialogs::animationDialogDrawsTheObjects()
{
    QVERIFY(m_->hasObjects());
    QTemporaryDir dir;
    const QString preset = dir.filePath("preset.json");
    QVERIFY(judgeByAlbumentations(m_, preset));
    AnimationDialog d(m_, w_);
    named<QComboBox>(&d, "sweep")->setCurrentIndex(named<QComboBox>(&d, "sweep")->findData(int(Sweep::Draws)));
    named<QSpinBox>(&d, "frames")->setValue(4);
    named<QSpinBox>(&d, "width")->setValue(120);
    const QString window = dir.filePath("window.gif"), cli = dir.filePath("cli.gif");
    QVERIFY2(d.exportTo(window), qPrintable(d.lastError()));
    const CliRun r =
        runCli(QStringList({"animate", kCat, kCoffee, "--preset", preset}) + demoBoxFlags() +
               QStringList({"--sweep", "draws", "--frames", "4", "--width", "120", "--box", "--caption", "-o", cli}));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto bytesOf = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    QVERIFY(!bytesOf(window).isEmpty());
    QVERIFY(bytesOf(window) == bytesOf(cli));
    const QString plain = dir.filePath("plain.gif");
    QVERIFY(render::writeAnimation(plain.toStdString(), {m_->imageA(), m_->imageB()}, m_->params(), d.spec()));
    QVERIFY(bytesOf(plain) != bytesOf(window));
}

void TestDialogs::windowsFitTheScreen()
{
    // Every secondary window and dialog opens whole on the screen (the
    // offscreen screen is 800x600) and can be made to fit 1920x1080 at
    // scale 2 (960x540).
    const QSize scaled = roomOnScreen(QRect(0, 0, 960, 540));
    GridDialog grid(m_, w_);
    ExportDialog exporting(m_, w_);
    CompareDialog compare(m_, w_);
    AnimationDialog animation(m_, w_);
    const std::vector<std::pair<QString, QWidget*>> windows = {
        {"batch", w_->batchWindow()}, {"audit", w_->auditWindow()}, {"grid", &grid},
        {"export", &exporting},       {"compare", &compare},        {"animation", &animation}};
    for (const auto& [name, window] : windows) {
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QRect screen = window->screen()->availableGeometry();
        const QSize room = roomOnScreen(screen);
        QVERIFY2(window->width() <= room.width() && window->height() <= room.height(),
                 qPrintable(QString("%1: %2x%3").arg(name).arg(window->width()).arg(window->height())));
        // A field's hint, which says what to choose, is whole (the dataset
        // dialog showed "folder with one s…" at 1024x700).
        for (QLineEdit* field : window->findChildren<QLineEdit*>()) {
            if (!field->isVisible() || field->placeholderText().isEmpty())
                continue;
            const QFontMetrics fm = field->fontMetrics();
            const int frame = field->sizeHint().width() - fm.horizontalAdvance(QLatin1Char('x')) * 17;
            QVERIFY2(field->width() - frame >= fm.horizontalAdvance(field->placeholderText()),
                     qPrintable(QString("%1: %2").arg(name, field->placeholderText())));
        }
        const QSize min = window->minimumSizeHint();
        QVERIFY2(min.width() <= scaled.width() && min.height() <= scaled.height(),
                 qPrintable(QString("%1: minimum %2x%3").arg(name).arg(min.width()).arg(min.height())));
        window->hide();
    }
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
