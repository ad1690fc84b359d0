// The pair view (the main window) driven through its real widgets on the offscreen
// platform: pixels, numbers, history, errors and agreement with the `cutmix` tool.
#include "coretext.h"
#include "keeprules.h"
#include "language.h"
#include "lesson.h"
#include "objectio.h"
#include "objectspanel.h"
#include "uitest.h"

#include <QPlainTextEdit>
#include <QPointer>
#include <QScrollBar>
#include <QStatusBar>
#include <QTextCursor>

using namespace cutmix::uitest;

namespace
{

// The screens the window must work on, as the available geometry a test
// window is fitted to: a laptop, 1920x1080 at scale 2, and 1920x1080.
void addScreenRows()
{
    QTest::addColumn<QRect>("available");
    QTest::newRow("1024x700") << QRect(0, 0, 1024, 700);
    QTest::newRow("1920x1080 at scale 2") << QRect(0, 0, 960, 540);
    QTest::newRow("1920x1080") << QRect(0, 0, 1920, 1080);
}

// Raises the explorer's tab, and waits until it has counted `n` draws.
void runExplorer(MainWindow* w, int n)
{
    LamExplorer* ex = w->explorer();
    QSignalSpy finished(ex, &LamExplorer::finished);
    ex->setCount(n);
    for (QDockWidget* d : w->findChildren<QDockWidget*>())
        if (d->objectName() == "explorerDock") {
            d->show();
            d->raise();
        }
    QApplication::processEvents();
    QVERIFY(ex->isVisible());
    ex->restart(); // now, not after the slider's pause
    if (ex->running() || ex->stats().count != std::uint64_t(n))
        QVERIFY(finished.wait(60000));
    QCOMPARE(ex->stats().count, std::uint64_t(n));
}

} // namespace

class TestPairView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void loadsAndShowsThePair();
    void alphaSpinBoxAndSlider();
    void newDrawPixelsAndNumbers();
    void backAndForwardReturnIdenticalDraws();
    void sameDrawAsTheCli();
    void presetRoundTripWithCli();
    void corruptFileKeepsThePair_data();
    void corruptFileKeepsThePair();
    void holdMovesLamSmoothly();
    void conventionControls();
    void dropOntoImageB();
    void swapAndLabels();
    void sourceMaskAndHover();
    void exportsResultAndRecord();
    void classesBelowNamedRefused();
    void everyMethodThroughTheWidgets_data();
    void everyMethodThroughTheWidgets();
    void switchingMethodWhileHolding();
    void dropSources();
    void multiSourceWithTheSourcesPanel();
    void replayOfATrainingRun();
    void darkPalette();
    void lamExplorerCountsTheSameDraws();
    void lamExplorerCountsMosaicTiles();
    void lamExplorerCountsCutoutErased();
    void lamExplorerCountsResizeMixTau();
    void spaceDrawsUnlessTyping();
    void clickKeepsFitAndZoomHasScrollBars();
    void polishFoundByANewUser();
    void shrinkingOnlyWhatChangedIsExact();
    void fitsSmallAndScaledScreens_data();
    void fitsSmallAndScaledScreens();
    void unusedInputsAreSaidUnused();
    void cutoutCarriesAsObjects();
    void menusAndTitles();
    void textIsWhole();
    void imageTitlesReadable_data();
    void densityLegendFits();
    void imageTitlesReadable();
    void resultStaysBetweenDraws();
    void backReleasesTheHold();
    void numbersShowEveryLine();
    void maximiseAndRestoreKeepThePanels();
    void mosaicOfFourSources();
    void objectsCarriedJudgedAndShown();
    void masksShownMixedAndSavedAsTheCli();
    void instanceMasksAsTheCliAndHover();
    void instanceIdAboveTheObjectsRefused();
    void objectTagsNeverOverlap();
    void objectsRepaintAsAFreshView();
    void blendLinesAsAPainter();
    void sourcesPanelMadeWhenShown();
    void newDrawTextsLayOutNothingAround();

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

// CUTMIX_TEST_LANG=zh_CN runs the suite (ctest: the text-fitting checks)
// with the window in that language.
void TestPairView::initTestCase()
{
    if (qEnvironmentVariableIsSet("CUTMIX_TEST_LANG"))
        QCOMPARE(installLanguage(qEnvironmentVariable("CUTMIX_TEST_LANG")), qEnvironmentVariable("CUTMIX_TEST_LANG"));
}

void TestPairView::init()
{
    w_ = new MainWindow(MainWindow::Options{false, {}});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestPairView::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestPairView::loadsAndShowsThePair()
{
    QCOMPARE(named<ImageView>(w_, "view_a")->image().size(), QSize(451, 300));
    // B is shown as it is mixed: resized to A's size.
    QCOMPARE(named<ImageView>(w_, "view_b")->image().size(), QSize(451, 300));
    QCOMPARE(named<QLineEdit>(w_, "class_a")->text(), QString("chelsea"));
    QCOMPARE(named<QLineEdit>(w_, "class_b")->text(), QString("coffee"));
    QVERIFY(w_->resultView()->overlay().visible);
    QCOMPARE(w_->resultView()->overlay().box, m_->draw().geometry.box);
}

void TestPairView::alphaSpinBoxAndSlider()
{
    ParamPanel* p = w_->panel();
    QSignalSpy spy(m_, &StudioModel::drawChanged);
    named<QDoubleSpinBox>(p, "alpha")->setValue(0.5);
    QCOMPARE(m_->params().alpha, 0.5);
    QVERIFY(spy.count() >= 1);
    QCOMPARE(named<QSlider>(p, "alpha_slider")->value(), ParamControl::valueToSlider(paramSpec(Setting::Alpha), 0.5));
    named<QSlider>(p, "alpha_slider")->setValue(ParamControl::kSliderSteps);
    QCOMPARE(m_->params().alpha, kAlphaSliderMax);
    QCOMPARE(named<QDoubleSpinBox>(p, "alpha")->value(), 20.0);
    QVERIFY(std::abs(ParamControl::sliderToValue(paramSpec(Setting::Alpha), 0) - 0.05) < 1e-12);
    QVERIFY(std::abs(ParamControl::sliderToValue(paramSpec(Setting::Alpha),
                                                 ParamControl::valueToSlider(paramSpec(Setting::Alpha), 1.0)) -
                     1.0) < 0.01);
    QCOMPARE(w_->betaChart()->densityPoints(), 241);
}

void TestPairView::newDrawPixelsAndNumbers()
{
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(0.7);
    QTest::mouseClick(named<QPushButton>(w_->panel(), "new_draw"), Qt::LeftButton);
    QCOMPARE(m_->params().index, 1u);
    const Draw& d = m_->draw();
    QVERIFY(d.geometry.box.area() > 0);

    // What the window shows: B inside the reported box, A outside.
    checkShownPixels(w_->resultView()->image(), m_->displayA(), m_->displayB(), d.geometry.box);
    // And it is the core's mix of the two files for this seed and index.
    Params p;
    p.alpha = 0.7;
    p.index = 1;
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    const Draw expected = sampleDraw(p, sizeOf(a), sizeOf(b));
    QCOMPARE(d.geometry.box, expected.geometry.box);
    QCOMPARE(d.lamAdj, expected.lamAdj);
    QCOMPARE(cv::norm(m_->mixed(), mixPair(a, b, expected), cv::NORM_INF), 0.0);
    QCOMPARE(w_->resultView()->image(), toQImage(mixPair(a, b, expected)));

    // The read-out shows the core's numbers.
    const QString text = w_->readout()->text();
    const Box& bx = expected.geometry.box;
    QVERIFY2(text.contains(QString("box = [%1, %2) × [%3, %4)").arg(bx.x1).arg(bx.x2).arg(bx.y1).arg(bx.y2)),
             qPrintable(text));
    QVERIFY2(text.contains(QString::number(expected.lamAdj, 'f', 6)), qPrintable(text));
    QVERIFY2(text.contains(QString::number(expected.lamSampled, 'f', 6)), qPrintable(text));

    // The label chart plots the core's soft label.
    const auto soft = softLabel(namePair("chelsea", "coffee", 0, 0.0).spec, expected.lam);
    const auto bars = w_->labelChart()->barValues();
    QCOMPARE(int(bars.size()), 2);
    QCOMPARE(w_->labelChart()->barNames(), (QStringList{"chelsea", "coffee"}));
    QCOMPARE(bars[0], soft[0] * 100.0);
    QCOMPARE(bars[1], soft[1] * 100.0);
    QVERIFY(w_->labelChart()->text().contains(QString::number(soft[0] * 100.0, 'f', 2)));
    QCOMPARE(w_->betaChart()->markedLam(), expected.lamSampled);
    QCOMPARE(w_->betaChart()->markedLamAdj(), expected.lamAdj);

    // Smoothing and classes reach the label.
    named<QDoubleSpinBox>(w_->panel(), "smoothing")->setValue(0.1);
    named<QSpinBox>(w_->panel(), "num_classes")->setValue(10);
    const auto smooth = softLabel({10, 0, 1, 0.1}, expected.lam);
    QCOMPARE(int(w_->labelChart()->barValues().size()), 3); // two named + "each of 8 others"
    QVERIFY(std::abs(w_->labelChart()->barValues()[0] - smooth[0] * 100.0) < 1e-9);
    QVERIFY(std::abs(w_->labelChart()->barValues()[2] - 1.0) < 1e-9);
}

void TestPairView::backAndForwardReturnIdenticalDraws()
{
    std::vector<std::string> records;
    std::vector<QImage> images;
    records.push_back(m_->record().dump());
    images.push_back(w_->resultView()->image().copy());
    for (int i = 0; i < 3; ++i) {
        w_->newDrawAction()->trigger();
        records.push_back(m_->record().dump());
        images.push_back(w_->resultView()->image().copy());
    }
    QCOMPARE(m_->params().index, 3u);
    QVERIFY(!named<QPushButton>(w_->panel(), "forward")->isEnabled());
    for (int i = 2; i >= 0; --i) {
        QTest::mouseClick(named<QPushButton>(w_->panel(), "back"), Qt::LeftButton);
        QCOMPARE(m_->record().dump(), records[i]);
        QCOMPARE(w_->resultView()->image(), images[i]);
    }
    QVERIFY(!named<QPushButton>(w_->panel(), "back")->isEnabled());
    QTest::mouseClick(named<QPushButton>(w_->panel(), "forward"), Qt::LeftButton);
    QTest::mouseClick(named<QPushButton>(w_->panel(), "forward"), Qt::LeftButton);
    QCOMPARE(m_->record().dump(), records[2]);
    // A new seed starts a new history at index 0.
    named<QLineEdit>(w_->panel(), "seed")->setText("4242");
    QMetaObject::invokeMethod(named<QLineEdit>(w_->panel(), "seed"), "editingFinished");
    QCOMPARE(m_->params().seed, 4242u);
    QCOMPARE(m_->params().index, 0u);
    QCOMPARE(int(m_->history().size()), 1);
}

void TestPairView::sameDrawAsTheCli()
{
    named<QLineEdit>(w_->panel(), "seed")->setText("99");
    QMetaObject::invokeMethod(named<QLineEdit>(w_->panel(), "seed"), "editingFinished");
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(2.0);
    selectConvention(w_->panel(), "keras-cv");
    w_->newDrawAction()->trigger();
    w_->newDrawAction()->trigger();
    QTemporaryDir dir;
    const QString out = dir.filePath("cli.png");
    const CliRun cli = runCli(
        {"mix", kCat, kCoffee, "-o", out, "--seed", "99", "--index", "2", "--alpha", "2", "--convention", "keras-cv"});
    QCOMPARE(cli.code, 0);
    const auto record = nlohmann::json::parse(cli.out.toStdString());
    QCOMPARE(record["box"]["x1"].get<int>(), m_->draw().geometry.box.x1);
    QCOMPARE(record["box"]["y2"].get<int>(), m_->draw().geometry.box.y2);
    QCOMPARE(record["lam_sampled"].get<double>(), m_->draw().lamSampled);
    const cv::Mat fromCli = cv::imread(out.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(cv::norm(fromCli, m_->mixed(), cv::NORM_INF), 0.0);
}

void TestPairView::presetRoundTripWithCli()
{
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(0.3);
    selectConvention(w_->panel(), "kornia");
    w_->newDrawAction()->trigger();
    QTemporaryDir dir;
    const QString preset = dir.filePath("p.json"), out = dir.filePath("o.png");
    QVERIFY(m_->savePreset(preset));
    QCOMPARE(runCli({"mix", kCat, kCoffee, "-o", out, "--preset", preset}).code, 0);
    QCOMPARE(cv::norm(cv::imread(out.toStdString(), cv::IMREAD_UNCHANGED), m_->mixed(), cv::NORM_INF), 0.0);
    // Loading the preset into a fresh window gives the same draw.
    MainWindow other(MainWindow::Options{false, {}});
    QVERIFY(other.model()->loadPair(kCat, kCoffee));
    QVERIFY(other.model()->loadPreset(preset));
    QCOMPARE(other.model()->record().dump(), m_->record().dump());
}

void TestPairView::corruptFileKeepsThePair_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("name");
    QTest::newRow("text as jpg") << QByteArray("not an image at all") << "notes.jpg";
    QTest::newRow("empty png") << QByteArray() << "empty.png";
    QFile t(CUTMIX_TEST_DATA "/truncated.jpg");
    QVERIFY(t.open(QIODevice::ReadOnly));
    QByteArray png;
    QFile cat(kCat);
    QVERIFY(cat.open(QIODevice::ReadOnly));
    png = cat.read(4000); // a PNG cut short
    QTest::newRow("truncated png") << png << "cut short.png";
    QTest::newRow("missing") << QByteArray("-") << "";
    QByteArray huge("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02\x00\x00\x00", 29);
    QTest::newRow("100000 x 100000 header") << huge << "huge.png";
    QTest::newRow("truncated jpeg") << t.readAll() << "truncated.jpg";
}

void TestPairView::corruptFileKeepsThePair()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, name);
    QTemporaryDir dir;
    QString path = dir.filePath(name.isEmpty() ? "does-not-exist.png" : name);
    if (!name.isEmpty()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(contents);
    }
    const QImage before = w_->resultView()->image().copy();
    const std::string record = m_->record().dump();
    QSignalSpy errors(m_, &StudioModel::errorOccurred);
    QVERIFY(!m_->loadA(path));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(w_->lastError().contains(path), qPrintable(w_->lastError()));
    auto* box = w_->findChild<QMessageBox*>("errorMessage");
    QVERIFY(box);
    QVERIFY(box->text().contains(path));
    QCOMPARE(m_->pathA(), kCat);
    QCOMPARE(m_->record().dump(), record);
    QCOMPARE(w_->resultView()->image(), before);
    box->close();
}

void TestPairView::holdMovesLamSmoothly()
{
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(1.0);
    const double lam0 = m_->draw().lamSampled;
    const auto centre0 = m_->draw().geometry.center;
    named<QCheckBox>(w_->panel(), "hold")->setChecked(true);
    QVERIFY(m_->hold());
    QVERIFY(std::abs(m_->draw().lamSampled - lam0) < 1e-9); // turning hold on changes nothing
    double previous = m_->draw().lamSampled;
    const double u = m_->heldUniform();
    for (double alpha = 1.05; alpha < 3.0; alpha += 0.05) {
        named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(alpha);
        const double lam = m_->draw().lamSampled;
        QCOMPARE(lam, betaQuantile(m_->params().alpha, u));
        QVERIFY(std::abs(lam - previous) < 0.02); // smooth, no jumps
        QCOMPARE(m_->draw().geometry.center, centre0);
        previous = lam;
    }
    // The quantile moves lam towards 0.5 as alpha grows.
    QVERIFY(std::abs(previous - 0.5) <= std::abs(lam0 - 0.5) + 1e-12);
    QCOMPARE(m_->record()["held_u"].get<double>(), u);
}

void TestPairView::conventionControls()
{
    ParamPanel* p = w_->panel();
    // The combo boxes list the registry, with each entry's description as its tooltip.
    std::vector<const Method*> conventions;
    for (const Method& m : methods())
        if (m.isConvention())
            conventions.push_back(&m);
    QCOMPARE(named<QComboBox>(p, "convention")->count(), int(conventions.size()));
    for (int i = 0; i < named<QComboBox>(p, "convention")->count(); ++i)
        QCOMPARE(named<QComboBox>(p, "convention")->itemData(i, Qt::ToolTipRole).toString().toStdString(),
                 std::string(conventions[std::size_t(i)]->description));
    QCOMPARE(named<QComboBox>(p, "method")->count(), int(allMethodFamilies().size())); // Mosaic too
    selectConvention(p, "keras-cv");
    QCOMPARE(m_->params().method, &methodNamed("keras-cv"));
    QVERIFY(!p->showsParameter(Setting::CorrectLam)); // keras-cv has no switch
    selectConvention(p, "official");
    QVERIFY(named<QCheckBox>(p, "correct_lam")->isEnabled());
    QVERIFY(named<QCheckBox>(p, "correct_lam")->isChecked());
    named<QCheckBox>(p, "correct_lam")->setChecked(false);
    QCOMPARE(m_->draw().lam, m_->draw().lamSampled); // raw weight
    QVERIFY(w_->readout()->text().contains("not corrected"));
    QVERIFY(w_->readout()->text().contains("set by hand"));
    QVERIFY(named<QCheckBox>(p, "correct_lam")->text().contains("set by hand"));
    // Another convention follows its own library, not the override: official-raw
    // reports the drawn lam, official the corrected one, each by default.
    selectConvention(p, "official-raw");
    QVERIFY(!named<QCheckBox>(p, "correct_lam")->isChecked());
    QVERIFY(!named<QCheckBox>(p, "correct_lam")->text().contains("set by hand"));
    QCOMPARE(m_->draw().lam, m_->draw().lamSampled);
    QVERIFY(!w_->readout()->text().contains("set by hand"));
    QCOMPARE(m_->record()["correct_lam"].get<bool>(), false);
    selectConvention(p, "official");
    QVERIFY(named<QCheckBox>(p, "correct_lam")->isChecked());
    QCOMPARE(m_->draw().lam, m_->draw().lamAdj);
    // An override on official-raw is said in the read-out.
    selectConvention(p, "official-raw");
    named<QCheckBox>(p, "correct_lam")->setChecked(true);
    QCOMPARE(m_->draw().lam, m_->draw().lamAdj);
    QVERIFY2(w_->readout()->text().contains("set by hand; official-raw reports the drawn λ"),
             qPrintable(w_->readout()->text()));
    selectConvention(p, "timm-minmax"); // no centre
    QVERIFY(!m_->draw().geometry.center);
    QVERIFY(!w_->resultView()->overlay().center);
}

void TestPairView::dropOntoImageB()
{
    QTemporaryDir dir;
    // A file dropped on its own is named by its file name, even in a folder
    // that looks like a class folder (folder names are classes only for a
    // dataset, in the batch view); A keeps its name.
    QVERIFY(QDir(dir.path()).mkdir("dog"));
    const QString dog = dir.filePath("dog/photo 1.png");
    cv::Mat img = patternImage(64, 80, CV_8UC3, 3);
    QVERIFY(cv::imwrite(dog.toStdString(), img));
    dropFiles(named<ImageView>(w_, "view_b"), {dog});
    QCOMPARE(m_->pathB(), dog);
    QCOMPARE(m_->pathA(), kCat);
    QCOMPARE(m_->sizeB(), (Size{80, 64}));
    QCOMPARE(named<QLineEdit>(w_, "class_b")->text(), QString("photo 1"));
    QCOMPARE(named<QLineEdit>(w_, "class_a")->text(), QString("chelsea"));
}

void TestPairView::swapAndLabels()
{
    m_->swap();
    QCOMPARE(m_->pathA(), kCoffee);
    QCOMPARE(named<ImageView>(w_, "view_a")->image().size(), QSize(600, 400));
    QCOMPARE(named<QLineEdit>(w_, "class_a")->text(), QString("coffee"));
    named<QLineEdit>(w_, "class_a")->setText("espresso");
    QMetaObject::invokeMethod(named<QLineEdit>(w_, "class_a"), "editingFinished");
    QCOMPARE(m_->labelA(), QString("espresso"));
    QCOMPARE(w_->labelChart()->barNames(), (QStringList{"chelsea", "espresso"}));
    // The same file as A and B is legal, and the window says so.
    QVERIFY(m_->loadPair(kCat, kCat));
    QVERIFY(m_->selfMix());
    QVERIFY(w_->readout()->text().contains("mixed with itself"));
}

void TestPairView::sourceMaskAndHover()
{
    const Box box = m_->draw().geometry.box;
    const QImage mask = m_->sourceMapImage();
    QCOMPARE(mask.size(), QSize(451, 300));
    for (int y = 0; y < mask.height(); y += 7)
        for (int x = 0; x < mask.width(); x += 7)
            QCOMPARE(qGray(mask.pixel(x, y)), box.contains(x, y) ? 1 : 0);
    const PixelInfo inside = m_->pixelAt(box.x1, box.y1);
    QVERIFY(inside.valid && inside.fromB);
    const PixelInfo outside = m_->pixelAt(box.x1 > 0 ? box.x1 - 1 : box.x2, box.y1);
    QVERIFY(outside.valid && !outside.fromB);
    const cv::Vec3b bgr = loadImage(kCat.toStdString()).at<cv::Vec3b>(0, 0);
    if (!box.contains(0, 0))
        QCOMPARE(m_->pixelAt(0, 0).value, QString("R %1 G %2 B %3").arg(bgr[2]).arg(bgr[1]).arg(bgr[0]));
    QVERIFY(!m_->pixelAt(-1, 5).valid);
    QVERIFY(!m_->pixelAt(451, 5).valid);
}

void TestPairView::exportsResultAndRecord()
{
    QTemporaryDir dir;
    const QString img = dir.filePath("result.png"), rec = dir.filePath("record.json");
    QVERIFY(m_->saveResult(img));
    QVERIFY(m_->saveRecord(rec));
    QCOMPARE(cv::norm(cv::imread(img.toStdString(), cv::IMREAD_UNCHANGED), m_->mixed(), cv::NORM_INF), 0.0);
    QFile f(rec);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto j = nlohmann::json::parse(f.readAll().toStdString());
    QCOMPARE(j["index"].get<int>(), int(m_->params().index));
    QCOMPARE(j["classes"].size(), 2u);
    // Never over a source image.
    QVERIFY(!m_->saveResult(kCat));
    QVERIFY(w_->lastError().contains("refusing"));
    // The demo pair with K = 6, exported through File > Export draw record:
    // the images are named as a user knows them, not by their resource
    // path, and the class list names every entry of the 6-value label
    // (issue 21 item 18).
    QAction* demo = nullptr;
    QAction* exportRecord = nullptr;
    for (QAction* a : w_->findChildren<QAction*>()) {
        if (a->text() == "Open the &demo pair")
            demo = a;
        if (a->text() == "Export draw &record...")
            exportRecord = a;
    }
    QVERIFY(demo && exportRecord);
    demo->trigger();
    named<QSpinBox>(w_->panel(), "num_classes")->setValue(6);
    const QString demoRec = dir.filePath("demo.json");
    chooseInFileDialogs(w_, {demoRec}, [&] { exportRecord->trigger(); });
    QFile df(demoRec);
    QVERIFY(df.open(QIODevice::ReadOnly));
    const auto dj = nlohmann::json::parse(df.readAll().toStdString());
    QCOMPARE(QString::fromStdString(dj["a"]["path"].get<std::string>()), QString("chelsea.png (bundled demo)"));
    QCOMPARE(QString::fromStdString(dj["b"]["path"].get<std::string>()), QString("coffee.png (bundled demo)"));
    QCOMPARE(dj["label"].size(), 6u);
    QVERIFY(dj["classes"] == nlohmann::json({"chelsea", "coffee", "class 2", "class 3", "class 4", "class 5"}));
}

void TestPairView::classesBelowNamedRefused()
{
    // Two classes are named: K = 1 is refused with the reason, and the spin
    // box shows the K in use again.
    named<QSpinBox>(w_->panel(), "num_classes")->setValue(5);
    QCOMPARE(m_->params().numClasses, 5);
    QSignalSpy errors(m_, &StudioModel::errorOccurred);
    named<QSpinBox>(w_->panel(), "num_classes")->setValue(1);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(w_->lastError().contains("fewer than the 2 classes named"), qPrintable(w_->lastError()));
    QVERIFY(!w_->lastError().contains("--classes"));
    QCOMPARE(m_->params().numClasses, 5);
    QCOMPARE(named<QSpinBox>(w_->panel(), "num_classes")->value(), 5);
    if (auto* box = w_->findChild<QMessageBox*>("errorMessage"))
        box->close();
}

void TestPairView::everyMethodThroughTheWidgets_data()
{
    QTest::addColumn<QString>("family");
    for (std::string_view f : methodFamilies())
        QTest::newRow(std::string(f).c_str()) << QString::fromStdString(std::string(f));
}

void TestPairView::everyMethodThroughTheWidgets()
{
    QFETCH(QString, family);
    ParamPanel* p = w_->panel();
    named<QComboBox>(p, "method")->setCurrentIndex(named<QComboBox>(p, "method")->findData(family));
    QCOMPARE(QString::fromStdString(std::string(m_->params().method->family)), family);
    const Method& m = *m_->params().method;
    // Only the method's own parameters are shown.
    for (Setting param : {Setting::Alpha, Setting::CorrectLam, Setting::MinMax, Setting::Scale, Setting::Decay,
                          Setting::CutoutSize, Setting::Fill, Setting::Rounding})
        QCOMPARE(p->showsParameter(param), m.takes(param));
    QCOMPARE(named<QComboBox>(p, "convention")->isVisible(), m.isConvention());
    w_->newDrawAction()->trigger();
    // The window shows the core's mix of the two files for this draw, pixel for pixel.
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    Params params = m_->params();
    // Fitted to the bundled images' objects where the method asks (Ultralytics' CutMix).
    const Draw expected = fitToObjects(sampleDraw(params, sizeOf(a), sizeOf(b)),
                                       {m_->sourceObjects(0), m_->sourceObjects(1)}, m_->keepValues().ioaThr);
    QCOMPARE(m_->draw().lam, expected.lam);
    QCOMPARE(cv::norm(m_->mixed(), mixPair(a, b, expected), cv::NORM_INF), 0.0);
    QCOMPARE(w_->resultView()->image(), toQImage(mixPair(a, b, expected)));
    // The read-out, the label chart and the source map follow the method.
    QVERIFY2(w_->readout()->text().contains(QString::fromStdString(std::string(m.name))),
             qPrintable(w_->readout()->text()));
    const auto bars = w_->labelChart()->barValues();
    QVERIFY(std::abs(bars[0] - m_->softLabel()[0] * 100.0) < 1e-9);
    // The box and map toggles are offered only where the method has them.
    QCOMPARE(named<QAction>(w_, "show_box")->isEnabled(), m.region == Region::Box);
    QCOMPARE(named<QAction>(w_, "show_sources")->isEnabled(), m.region != Region::Blend);
    named<QAction>(w_, "show_sources")->setChecked(true);
    QVERIFY(w_->legend()->isVisible());
    if (m.region == Region::Blend) {
        QVERIFY(m_->sourceMapImage().isNull());
        QVERIFY(w_->legend()->text().contains("blends"));
        QCOMPARE(m_->pixelAt(3, 3).source, -1);
    } else {
        const QImage map = m_->sourceMapImage();
        const cv::Mat core = sourceMap(expected);
        for (int y = 0; y < map.height(); y += 9)
            for (int x = 0; x < map.width(); x += 9)
                QCOMPARE(qGray(map.pixel(x, y)), int(core.at<std::uint8_t>(y, x)));
        QCOMPARE(m_->pixelAt(5, 7).source, int(core.at<std::uint8_t>(7, 5)));
    }
    // The density follows what the method draws.
    if (m.drawn == Drawn::UniformScale)
        QCOMPARE(w_->betaChart()->markedLam(), m_->draw().tau);
    else if (m.drawn == Drawn::BetaLam)
        QCOMPARE(w_->betaChart()->markedLam(), m_->draw().lamSampled);
}

void TestPairView::switchingMethodWhileHolding()
{
    ParamPanel* p = w_->panel();
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(0.7);
    named<QCheckBox>(p, "hold")->setChecked(true);
    const double u = m_->heldUniform();
    const double lam = m_->draw().lamSampled;
    for (const char* family : {"mixup", "fmix", "cutmix"}) {
        named<QComboBox>(p, "method")->setCurrentIndex(named<QComboBox>(p, "method")->findData(QString(family)));
        QVERIFY(m_->hold());
        QCOMPARE(m_->heldUniform(), u);
        QVERIFY(std::abs(m_->draw().lamSampled - lam) < 1e-12); // the held draw, whatever the method
        QCOMPARE(m_->draw().inputs.heldU.value_or(-1), u);
    }
    // ResizeMix holds its scale uniform: moving the range moves τ smoothly.
    named<QComboBox>(p, "method")->setCurrentIndex(named<QComboBox>(p, "method")->findData(QString("resizemix")));
    const double u2 = m_->draw().inputs.u[2];
    named<QDoubleSpinBox>(p, "scale_hi")->setValue(0.9);
    QCOMPARE(m_->draw().tau, 0.1 + 0.8 * u2);
    named<QDoubleSpinBox>(p, "scale_lo")->setValue(0.5);
    QCOMPARE(m_->draw().tau, 0.5 + 0.4 * u2);
}

void TestPairView::dropSources()
{
    QTemporaryDir dir;
    const QString third = dir.filePath("third.png"), fourth = dir.filePath("fourth.png");
    QVERIFY(cv::imwrite(third.toStdString(), patternImage(120, 160, CV_8UC3, 3)));
    QVERIFY(cv::imwrite(fourth.toStdString(), patternImage(90, 70, CV_8UC3, 4)));
    // A file dropped on the sources panel is one more source.
    dropFiles(w_->sourcesPanel(), {third});
    QCOMPARE(m_->sourceCount(), 3);
    QCOMPARE(m_->sourcePath(2), third);
    QCOMPARE(m_->pathA(), kCat);
    // Three files dropped on the result are A, B and a third source.
    dropFiles(w_->resultView(), {fourth, kCoffee, third});
    QCOMPARE(m_->sourceCount(), 3);
    QCOMPARE(m_->pathA(), fourth);
    QCOMPARE(m_->pathB(), kCoffee);
    QCOMPARE(m_->sourcePath(2), third);
    QCOMPARE(int(m_->draw().weights.size()), 3);
}

void TestPairView::multiSourceWithTheSourcesPanel()
{
    QTemporaryDir dir;
    const QString third = dir.filePath("third.png"), fourth = dir.filePath("fourth.png");
    QVERIFY(cv::imwrite(third.toStdString(), patternImage(120, 160, CV_8UC3, 3)));
    QVERIFY(cv::imwrite(fourth.toStdString(), patternImage(90, 70, CV_8UC3, 4)));
    SourcesPanel* panel = w_->sourcesPanel();
    chooseInFileDialogs(w_, {third}, [&] { QTest::mouseClick(panel->addButton(), Qt::LeftButton); });
    QCOMPARE(m_->sourceCount(), 3);
    QVERIFY(m_->addSource(fourth));
    QCOMPARE(m_->params().sources, 4);
    const Draw& d = m_->draw();
    QCOMPARE(int(d.weights.size()), 4);
    QCOMPARE(panel->table()->rowCount(), 4);
    for (int k = 0; k < 4; ++k)
        QCOMPARE(panel->table()->item(k, 3)->text(),
                 QString::fromStdString(formatPercent(d.weights[std::size_t(k)], 2)));
    // The weights are the source map's counts, and the pixels its sources'.
    const QImage map = m_->sourceMapImage();
    std::vector<long long> counts(4, 0);
    for (int y = 0; y < map.height(); ++y)
        for (int x = 0; x < map.width(); ++x)
            ++counts[std::size_t(qGray(map.pixel(x, y)))];
    for (int k = 0; k < 4; ++k)
        QCOMPARE(d.weights[std::size_t(k)], double(counts[std::size_t(k)]) / double(map.width() * map.height()));
    const cv::Mat expected = mixImages({loadImage(kCat.toStdString()), loadImage(kCoffee.toStdString()),
                                        loadImage(third.toStdString()), loadImage(fourth.toStdString())},
                                       d);
    QCOMPARE(w_->resultView()->image(), toQImage(expected));
    QCOMPARE(m_->record()["sources"].size(), 4u);
    // A class per source in the label, and a legend entry per source.
    named<QAction>(w_, "show_sources")->setChecked(true);
    QVERIFY(w_->legend()->text().contains("3 " + m_->sourceLabel(2).toHtmlEscaped()));
    QVERIFY(w_->legend()->text().contains("4 " + m_->sourceLabel(3).toHtmlEscaped()));
    // Remove the third source: the draw mixes three again.
    panel->table()->selectRow(2);
    QTest::mouseClick(named<QPushButton>(panel, "remove"), Qt::LeftButton);
    QCOMPARE(m_->sourceCount(), 3);
    QCOMPARE(m_->sourcePath(2), fourth);
    QCOMPARE(int(m_->draw().weights.size()), 3);
}

void TestPairView::replayOfATrainingRun()
{
    ParamPanel* p = w_->panel();
    named<QComboBox>(p, "draw_source")->setCurrentIndex(1);
    QVERIFY(m_->replay().active);
    named<QComboBox>(p, "replay_recipe")
        ->setCurrentIndex(named<QComboBox>(p, "replay_recipe")->findData(QString("timm")));
    named<QLineEdit>(p, "numpy_seed")->setText("42");
    QMetaObject::invokeMethod(named<QLineEdit>(p, "numpy_seed"), "editingFinished");
    named<QSpinBox>(p, "iteration")->setValue(3);
    ReplaySettings s = m_->replay().settings;
    QCOMPARE(s.seed, 42u);
    QCOMPARE(s.recipe->name, std::string_view("timm"));
    QCOMPARE(s.size, (Size{451, 300}));
    w_->setSourcesShown(true);
    // The draw is iteration 3 of that run, as cutmix replay prints it.
    Replay replay(s);
    replay.skipTo(3);
    for (int step = 3; step < 9; ++step) {
        const ReplayStep expected = replay.next();
        QCOMPARE(m_->replay().iteration, std::uint64_t(step));
        QCOMPARE(m_->replayStep().method, expected.method);
        if ((expected.method && expected.method->family == "cutmix")) {
            QCOMPARE(m_->draw().geometry.box, *expected.box);
            QCOMPARE(m_->draw().lam, expected.lam);
            QCOMPARE(m_->draw().params.alpha, s.cutmixAlpha);
        } else if ((expected.method && expected.method->family == "mixup")) {
            QCOMPARE(std::string(m_->draw().method().family), std::string("mixup"));
            QCOMPARE(m_->draw().lam, expected.lam);
            QCOMPARE(m_->draw().params.alpha, s.mixupAlpha);
            QCOMPARE(w_->betaChart()->densityName(), QString("Beta(0.8, 0.8)"));
        }
        // The disabled controls, the legend and the explorer show the run's
        // method and alpha, not those set before the replay.
        auto* method = named<QComboBox>(p, "method");
        if (expected.method) {
            QCOMPARE(method->currentData().toString(), QString::fromUtf8(expected.method->family.data()));
            QCOMPARE(named<QDoubleSpinBox>(p, "alpha")->value(), m_->draw().params.alpha);
            QCOMPARE(w_->explorer()->wanted().method, expected.method);
            QCOMPARE(w_->explorer()->wanted().alpha, m_->draw().params.alpha);
            if (expected.method->isConvention())
                QCOMPARE(named<QComboBox>(p, "convention")->currentData().toString(),
                         QString::fromUtf8(expected.method->name.data()));
        } else {
            QCOMPARE(method->currentIndex(), -1);
            QVERIFY(!w_->legend()->text().contains("blends"));
            QVERIFY2(w_->legend()->text().contains("does not mix"), qPrintable(w_->legend()->text()));
            // An iteration that does not mix shows A as it is, without a box.
            QVERIFY2(w_->readout()->text().contains("does not mix"), qPrintable(w_->readout()->text()));
            QVERIFY(!named<QAction>(w_, "show_box")->isEnabled());
            QCOMPARE(m_->softLabel()[0], 1.0);
        }
        // The run decides the method and alpha: the panel's own are disabled.
        QVERIFY(!named<QDoubleSpinBox>(p, "alpha")->isEnabled());
        QVERIFY(!named<QComboBox>(p, "method")->isEnabled());
        // The summary says which run and iteration made the draw.
        QVERIFY2(summaryLine(*m_).contains(QString("iteration\u00A0%1:").arg(step)), qPrintable(summaryLine(*m_)));
        w_->newDrawAction()->trigger();
    }
    QTest::mouseClick(named<QPushButton>(p, "back"), Qt::LeftButton);
    QCOMPARE(m_->replay().iteration, 8u);
    // Back to the project's own draws.
    named<QComboBox>(p, "draw_source")->setCurrentIndex(0);
    QVERIFY(!m_->replay().active);
    QVERIFY(named<QDoubleSpinBox>(p, "alpha")->isEnabled());
}

void TestPairView::darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    w_->setPalette(dark);
    QCoreApplication::processEvents();
    QCOMPARE(w_->betaChart()->backgroundColor(), QColor(20, 20, 20));
    // The result view paints its background from the palette too.
    const QImage shot = w_->resultView()->grab().toImage();
    QCOMPARE(QColor(shot.pixel(1, 1)), QColor(20, 20, 20));
}

void TestPairView::lamExplorerCountsTheSameDraws()
{
    LamExplorer* ex = w_->explorer();
    ex->setCount(20000);
    for (QDockWidget* d : w_->findChildren<QDockWidget*>())
        if (d->objectName() == "explorerDock") {
            d->show();
            d->raise();
        }
    QApplication::processEvents();
    QVERIFY(ex->isVisible());
    QSignalSpy finished(ex, &LamExplorer::finished);
    if (ex->running() || ex->stats().count != 20000)
        QVERIFY(finished.wait(60000));
    Params p = m_->params();
    p.index = 0;
    const LamStats expected = lamStats(p, m_->draw().size, 0, 20000);
    QCOMPARE(ex->stats().count, expected.count);
    QCOMPARE(ex->stats().histSampled, expected.histSampled);
    QCOMPARE(ex->stats().histAdj, expected.histAdj);
    QCOMPARE(ex->stats().clipped, expected.clipped);
    QVERIFY(named<QLabel>(ex, "stats")->text().contains("P(box clipped)"));

    // A new draw keeps the statistics; alpha restarts them.
    finished.clear();
    m_->newDraw();
    QVERIFY(!ex->running());
    QCOMPARE(ex->stats().count, std::uint64_t(20000));
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(0.3);
    QVERIFY(named<QLabel>(ex, "stats")->text().contains("Updating")); // after a short pause, not during a drag
    QVERIFY(finished.wait(60000));
    QCOMPARE(ex->params().alpha, 0.3);
    p.alpha = 0.3;
    QCOMPARE(ex->stats().histLam, lamStats(p, m_->draw().size, 0, 20000).histLam);
    // Cancel right after a restart: stopped, and the count stays below the total.
    ex->setCount(5'000'000);
    QVERIFY(ex->running());
    ex->cancel();
    QVERIFY(!ex->running());
    QVERIFY(ex->stats().count < 5'000'000);

    // Three sources: multi-source CutMix's statistics, the same as core's
    // for that many sources (it hung at "Drawing... 0" before).
    QSignalSpy failed(ex, &LamExplorer::failed);
    QVERIFY(m_->addSource(kCat));
    finished.clear();
    ex->setCount(3000); // restarts now, for the three sources
    QVERIFY(ex->running());
    QVERIFY(finished.wait(60000));
    QCOMPARE(ex->params().sources, 3);
    QCOMPARE(failed.count(), 0);
    p = m_->params();
    p.index = 0;
    QCOMPARE(p.sources, 3);
    const LamStats three = lamStats(p, m_->draw().size, 0, 3000);
    QCOMPARE(ex->stats().histLam, three.histLam);
    QCOMPARE(ex->stats().count, std::uint64_t(3000));
}

// Mosaic samples no λ (issue 22): the explorer counts each tile's share of
// the tiles' pixels, from the window's own draws of the four images at
// their own sizes, and says so; on main it showed an unused Beta λ.
void TestPairView::lamExplorerCountsMosaicTiles()
{
    QTemporaryDir dir;
    const QString third = dir.filePath("third.png");
    QVERIFY(cv::imwrite(third.toStdString(), patternImage(120, 160, CV_8UC3, 3)));
    QVERIFY(m_->addSource(third));
    QVERIFY(m_->addSource(kRocket));
    auto* method = named<QComboBox>(w_->panel(), "method");
    method->setCurrentIndex(method->findData(QString("mosaic")));
    QCOMPARE(std::string(m_->params().method->family), std::string("mosaic"));
    named<QSpinBox>(w_->panel(), "mosaic_size")->setValue(96);
    const int n = 3000;
    runExplorer(w_, n);
    LamExplorer* ex = w_->explorer();
    // The window's draws 0 .. n-1, each tile's visible area over the four.
    const std::vector<Size> sizes = m_->draw().sourceSizes;
    QCOMPARE(int(sizes.size()), 4);
    QCOMPARE(sizes[0], (Size{451, 300})); // the images' own sizes, not the canvas
    const TileShares shares = mosaicTileShares(m_->params(), sizes, n, 50);
    const auto& hist = shares.hist;
    const auto& sum = shares.sum;
    const nlohmann::json j = statsJson(ex->stats());
    const char* keys[] = {"share_a", "share_b", "share_c", "share_d"};
    for (std::size_t t = 0; t < 4; ++t) {
        QCOMPARE(j["histogram"][keys[t]].get<std::vector<std::uint64_t>>(), hist[t]);
        QVERIFY(std::abs(j["mean_" + std::string(keys[t])].get<double>() - sum[t] / n) < 1e-12);
    }
    // The words under the plot name the tiles; there is no λ.
    const QString text = named<QLabel>(ex, "stats")->text();
    QVERIFY2(text.contains("A's tile") && text.contains("D's tile") && !text.contains("λ"), qPrintable(text));
    // Another image changes the tiles' shapes: counted again for it.
    QVERIFY(m_->loadB(third));
    QCOMPARE(std::string(m_->params().method->family), std::string("mosaic"));
    runExplorer(w_, n);
    QCOMPARE(ex->sizes(), m_->draw().sourceSizes);
    QCOMPARE(ex->sizes()[1], (Size{160, 120}));
}

// Cutout mixes no label: the explorer counts the share of A it erases.
void TestPairView::lamExplorerCountsCutoutErased()
{
    auto* method = named<QComboBox>(w_->panel(), "method");
    method->setCurrentIndex(method->findData(QString("cutout")));
    QCOMPARE(std::string(m_->params().method->family), std::string("cutout"));
    const int n = 4000;
    runExplorer(w_, n);
    const Size size = m_->draw().size;
    std::vector<std::uint64_t> hist(50, 0);
    double sum = 0.0;
    for (int k = 0; k < n; ++k) {
        Params q = m_->params();
        q.index = std::uint64_t(k);
        const double erased = erasedShare(sampleDraw(q, {size, size}).geometry.unclipped, size);
        sum += erased;
        ++hist[std::size_t(std::min(49, int(erased * 50)))];
    }
    const nlohmann::json j = statsJson(w_->explorer()->stats());
    QCOMPARE(j["histogram"]["erased"].get<std::vector<std::uint64_t>>(), hist);
    QVERIFY(std::abs(j["mean_erased"].get<double>() - sum / n) < 1e-12);
    const QString text = named<QLabel>(w_->explorer(), "stats")->text();
    QVERIFY2(text.contains("share erased") && text.contains("Cutout does not mix labels") && !text.contains("λ"),
             qPrintable(text));
}

// ResizeMix draws a patch scale τ ~ U(lo, hi), not a Beta λ: the explorer
// counts τ and the share of the image the patch covers (B's weight), from the
// window's own draws, names them, and draws the Uniform density; on main it
// plotted the Beta λ of the inputs, which ResizeMix never uses.
void TestPairView::lamExplorerCountsResizeMixTau()
{
    auto* method = named<QComboBox>(w_->panel(), "method");
    method->setCurrentIndex(method->findData(QString("resizemix")));
    QCOMPARE(std::string(m_->params().method->family), std::string("resizemix"));
    named<QDoubleSpinBox>(w_->panel(), "scale_lo")->setValue(0.3);
    const int n = 3000;
    runExplorer(w_, n);
    const Size size = m_->draw().size;
    std::vector<std::uint64_t> histTau(50, 0), histShare(50, 0);
    double sumTau = 0.0, sumShare = 0.0;
    for (int k = 0; k < n; ++k) {
        Params q = m_->params();
        q.index = std::uint64_t(k);
        const Draw d = sampleDraw(q, {size, size});
        const double share = double(d.geometry.box.area()) / (double(size.width) * double(size.height));
        sumTau += d.tau;
        sumShare += share;
        ++histTau[std::size_t(std::min(49, int(d.tau * 50)))];
        ++histShare[std::size_t(std::min(49, int(share * 50)))];
    }
    const nlohmann::json j = statsJson(w_->explorer()->stats());
    QVERIFY2(j["histogram"].contains("tau") && j["histogram"].contains("area_share"),
             "no histogram of tau and of the area share (the unused Beta lam's instead)");
    QCOMPARE(j["histogram"]["tau"].get<std::vector<std::uint64_t>>(), histTau);
    QCOMPARE(j["histogram"]["area_share"].get<std::vector<std::uint64_t>>(), histShare);
    QVERIFY(std::abs(j["mean_tau"].get<double>() - sumTau / n) < 1e-12);
    QVERIFY(std::abs(j["mean_area_share"].get<double>() - sumShare / n) < 1e-12);
    for (int b = 0; b < 15; ++b) // τ ≥ 0.3
        QCOMPARE(histTau[std::size_t(b)], std::uint64_t(0));
    const QString text = named<QLabel>(w_->explorer(), "stats")->text();
    QVERIFY2(text.contains("τ drawn") && text.contains("pasted area share") && !text.contains("λ sampled"),
             qPrintable(text));
}

void TestPairView::spaceDrawsUnlessTyping()
{
    // The window starts with the focus on the result, not in A's class field:
    // Space draws, and the class stays as it was.
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w_->resultView()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(m_->params().index, 1u);
    QCOMPARE(m_->labelA(), QString("chelsea"));
    // After editing a spin box or a check box, Space still draws.
    auto* alpha = named<QDoubleSpinBox>(w_->panel(), "alpha");
    alpha->setFocus();
    QTest::keyClick(alpha, Qt::Key_Space);
    QCOMPARE(m_->params().index, 2u);
    auto* hold = named<QCheckBox>(w_->panel(), "hold");
    hold->setFocus();
    QTest::keyClick(hold, Qt::Key_Space);
    QCOMPARE(m_->params().index, 3u);
    QVERIFY(!hold->isChecked());
    // In a text field Space is a character, and a class name is trimmed.
    auto* classA = named<QLineEdit>(w_, "class_a");
    classA->setFocus();
    classA->selectAll();
    QTest::keyClicks(classA, "tabby cat ");
    QCOMPARE(m_->params().index, 3u);
    QMetaObject::invokeMethod(classA, "editingFinished");
    QCOMPARE(m_->labelA(), QString("tabby cat"));
    QCOMPARE(classA->text(), QString("tabby cat"));
}

void TestPairView::clickKeepsFitAndZoomHasScrollBars()
{
    ImageView* result = w_->resultView();
    w_->resize(1200, 800);
    QApplication::processEvents();
    QVERIFY(result->fitsToWindow());
    // A plain click (press and release where it was pressed) keeps the fit.
    const QPoint middle = result->rect().center();
    QTest::mouseClick(result, Qt::LeftButton, Qt::NoModifier, middle);
    QVERIFY(result->fitsToWindow());
    QVERIFY(!named<QScrollBar>(result, "horizontal_bar")->isVisible());
    // Zoomed in: scroll bars, and they move the view.
    for (int i = 0; i < 6; ++i)
        result->zoomIn();
    QVERIFY(!result->fitsToWindow());
    auto* h = named<QScrollBar>(result, "horizontal_bar");
    auto* v = named<QScrollBar>(result, "vertical_bar");
    QVERIFY(h->isVisible() && v->isVisible());
    const QPointF before = result->toImage(middle);
    const int start = h->value();
    h->setValue(start + 40);
    // (The bar moves in whole widget pixels: within one of the view's own.)
    QVERIFY2(std::abs(result->toImage(middle).x() - before.x() - 40 / result->zoom()) <= 1.0 / result->zoom() &&
                 h->value() == start + 40,
             qPrintable(QString("%1 %2 %3 [%4, %5]")
                            .arg(result->toImage(middle).x() - before.x())
                            .arg(start)
                            .arg(h->value())
                            .arg(h->minimum())
                            .arg(h->maximum())));
    // A drag moves the view; the bars follow.
    const int hValue = h->value();
    QTest::mousePress(result, Qt::LeftButton, Qt::NoModifier, middle);
    QMouseEvent move(QEvent::MouseMove, QPointF(middle) + QPointF(-30, 0),
                     result->mapToGlobal(QPointF(middle) + QPointF(-30, 0)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(result, &move);
    QTest::mouseRelease(result, Qt::LeftButton, Qt::NoModifier, middle + QPoint(-30, 0));
    QCOMPARE(h->value(), hValue + 30);
    // The next pair (another size) opens whole again, without bars.
    QTemporaryDir dir;
    const QString a = dir.filePath("a.png"), b = dir.filePath("b.png");
    QVERIFY(cv::imwrite(a.toStdString(), patternImage(500, 900, CV_8UC3, 1)));
    QVERIFY(cv::imwrite(b.toStdString(), patternImage(500, 900, CV_8UC3, 2)));
    QVERIFY(m_->loadPair(a, b));
    QVERIFY(result->fitsToWindow());
    QVERIFY(!h->isVisible() && !v->isVisible());
    QVERIFY(named<ImageView>(w_, "view_a")->fitsToWindow());
}

void TestPairView::polishFoundByANewUser()
{
    // 1. Outside the image the unclipped box is only a faint extension: no
    // dark stroke in the margin.
    ImageView view;
    view.resize(400, 400);
    view.setImage(toQImage(patternImage(100, 200, CV_8UC3, 1)));
    BoxOverlay o;
    o.visible = true;
    o.box = Box{150, 40, 200, 100};
    o.unclipped = Box{150, 40, 260, 130};
    view.setOverlay(o);
    const QImage shot = view.grab().toImage();
    const QRect inside = view.imageRect().toAlignedRect().adjusted(-2, -2, 2, 2);
    const QColor background = shot.pixelColor(2, 2);
    int strong = 0;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x)
            if (!inside.contains(x, y)) {
                const QColor c = shot.pixelColor(x, y);
                strong += std::abs(c.lightness() - background.lightness()) > 90;
            }
    QCOMPARE(strong, 0);

    // 2. A short bar's value sits outside it, whole; a long bar's inside.
    LabelBars bars;
    bars.resize(420, 180);
    bars.setBars({"chelsea", "coffee"}, {92.18, 7.82});
    QVERIFY(bars.valueInside(0));
    QVERIFY(!bars.valueInside(1));
    QCOMPARE(bars.valueText(1), QString("7.82 %"));
    QVERIFY(bars.rect().contains(bars.valueRect(1)));
    QVERIFY(bars.rect().contains(bars.valueRect(0)));

    // 3. The header under the images breaks only between values, at any width.
    const QString header = summaryLine(*m_);
    QFont big = w_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    for (int width = 120; width <= 900; width += 7) {
        QTextLayout layout(header, big);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine())
            line.setLineWidth(width);
        layout.endLayout();
        for (int k = 0; k + 1 < layout.lineCount(); ++k) {
            const QTextLine line = layout.lineAt(k);
            const int end = line.textStart() + line.textLength();
            // A break is at a plain space (between values) or after the slash between weights.
            const QChar before = header.at(end - 1);
            QVERIFY2(before == ' ' || header.at(end) == ' ' || before == '/',
                     qPrintable(QString("width %1 breaks '%2|%3'")
                                    .arg(width)
                                    .arg(header.left(end).right(12), header.mid(end, 12))));
            QVERIFY2(before != QChar(0x00A0) && before != QChar(0x202F) && header.at(end) != QChar(0x00A0) &&
                         header.at(end) != QChar(0x202F),
                     qPrintable(QString("width %1 breaks inside a value").arg(width)));
        }
    }

    // 4. The Numbers panel at the default size: every line visible, no sideways scrolling.
    w_->resize(1480, 940);
    QApplication::processEvents();
    auto* numbers = w_->readout()->findChild<QPlainTextEdit*>();
    QVERIFY(numbers);
    QVERIFY(!numbers->horizontalScrollBar()->isVisible());
    QCOMPARE(numbers->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    // The line that says the box is clipped, in the window's language.
    QVERIFY(w_->readout()->text().contains(
        coreText("clipped: the unclipped box [{ux1}, {ux2}) × [{uy1}, {uy2}) reaches outside the image").left(2)));
}

void TestPairView::shrinkingOnlyWhatChangedIsExact()
{
    for (const QSize size : {QSize(1200, 800), QSize(1201, 799)}) {
        const QImage a = toQImage(patternImage(size.height(), size.width(), CV_8UC3, 1));
        const QImage b = toQImage(patternImage(size.height(), size.width(), CV_8UC3, 2));
        QImage next = a.copy();
        const std::vector<QRect> changed{QRect(101, 57, 333, 201), QRect(640, 500, 77, 13)};
        {
            QPainter p(&next);
            for (const QRect& r : changed)
                p.drawImage(r.topLeft(), b.copy(r));
        }
        const QSize target(size.width() / 4 - 7, size.height() / 4 - 5);
        render::Shrinker incremental;
        incremental.shrink(a, target);
        const QImage updated = incremental.update(next, target, changed);
        const QImage whole = render::shrinkForDisplay(next, target);
        QCOMPARE(updated.size(), whole.size());
        for (int y = 0; y < whole.height(); ++y)
            QVERIFY2(std::memcmp(updated.constScanLine(y), whole.constScanLine(y), std::size_t(whole.width()) * 4) == 0,
                     qPrintable(QString("%1x%2: row %3").arg(size.width()).arg(size.height()).arg(y)));
    }
    // Through the window: after alpha changes and draws the zoomed-out result
    // looks exactly as a fresh view of the same image.
    QTemporaryDir dir;
    const QString big1 = dir.filePath("a.png"), big2 = dir.filePath("b.png");
    QVERIFY(cv::imwrite(big1.toStdString(), patternImage(1400, 2000, CV_8UC3, 3)));
    QVERIFY(cv::imwrite(big2.toStdString(), patternImage(1400, 2000, CV_8UC3, 4)));
    QVERIFY(m_->loadPair(big1, big2));
    w_->resize(1480, 940);
    for (int k = 0; k < 5; ++k) {
        m_->setParam(Setting::Alpha, {0.3 + 0.5 * k});
        m_->newDraw();
        QApplication::processEvents();
        w_->resultView()->repaint();
    }
    QVERIFY(w_->resultView()->zoom() < 1.0);
    ImageView fresh;
    fresh.resize(w_->resultView()->size());
    fresh.setImage(m_->displayMixed());
    fresh.setOverlay(w_->resultView()->overlay());
    QCOMPARE(w_->resultView()->grab().toImage(), fresh.grab().toImage());
}

void TestPairView::fitsSmallAndScaledScreens_data()
{
    addScreenRows();
}

void TestPairView::fitsSmallAndScaledScreens()
{
    QFETCH(QRect, available);
    const QSize room = roomOnScreen(available);
    delete w_;
    w_ = new MainWindow(MainWindow::Options{false, available});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    auto fits = [&](QSize s) { return s.width() <= room.width() && s.height() <= room.height(); };
    auto show = [](QSize s) { return QString("%1x%2").arg(s.width()).arg(s.height()); };
    QVERIFY2(fits(w_->size()), qPrintable(show(w_->size()) + " on " + show(room)));
    QVERIFY2(fits(w_->minimumSizeHint()), qPrintable(show(w_->minimumSizeHint()) + " on " + show(room)));
    // Made as small as it goes, the window still shows every panel whole:
    // each dock is in the window or a tab beside one that is, and holds its
    // panel's minimum.
    w_->resize(w_->minimumSizeHint());
    QApplication::processEvents();
    for (QDockWidget* d : w_->docks()) {
        QDockWidget* shown = d;
        for (QDockWidget* other : w_->tabifiedDockWidgets(d))
            if (!other->visibleRegion().isEmpty())
                shown = other;
        QVERIFY2(!shown->visibleRegion().isEmpty(), qPrintable(d->objectName()));
        QVERIFY2(w_->rect().contains(shown->geometry()), qPrintable(d->objectName()));
        QWidget* panel = shown->widget();
        QVERIFY2(panel->height() >= panel->minimumSizeHint().height() &&
                     panel->width() >= panel->minimumSizeHint().width(),
                 qPrintable(d->objectName() + ": " + show(panel->size()) + " < " + show(panel->minimumSizeHint())));
    }
    // The panels that scroll only up and down are as wide as their view,
    // nothing cut off at the right (the λ explorer's plot, words and row of
    // controls were, at 1024x700).
    std::vector<QDockWidget*> inFront;
    for (QDockWidget* d : w_->docks())
        if (!d->visibleRegion().isEmpty())
            inFront.push_back(d);
    for (const char* name : {"explorerDock", "parametersDock"}) {
        auto* dock = named<QDockWidget>(w_, name);
        dock->raise();
        QApplication::processEvents();
        auto* scroll = qobject_cast<QScrollArea*>(dock->widget());
        QVERIFY(scroll && scroll->horizontalScrollBarPolicy() == Qt::ScrollBarAlwaysOff);
        QVERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
                 qPrintable(QString("%1: %2 px wide in a view of %3")
                                .arg(name)
                                .arg(scroll->widget()->width())
                                .arg(scroll->viewport()->width())));
    }
    for (QDockWidget* d : inFront)
        d->raise();
    QApplication::processEvents();
    // The parameters scroll instead of being squashed; they are in front
    // on every screen (not a tab behind the sources).
    auto* params = qobject_cast<QScrollArea*>(named<QDockWidget>(w_, "parametersDock")->widget());
    QVERIFY(params);
    QVERIFY(w_->panel()->isVisible());
    QVERIFY(w_->panel()->height() >= w_->panel()->minimumSizeHint().height());
    if (params->viewport()->height() < w_->panel()->minimumSizeHint().height())
        QVERIFY(params->verticalScrollBar()->maximum() > 0);
    // A short screen keeps the numbers in sight.
    if (available.height() < 800)
        QVERIFY(!named<QDockWidget>(w_, "numbersDock")->visibleRegion().isEmpty());
}

void TestPairView::cutoutCarriesAsObjects()
{
    // Cutout reads A only: the window carries A's objects, as `cutmix mix
    // --method cutout --boxes a b` does (it said "this draw mixes 1 images,
    // but objects were given for 2" instead).
    QVERIFY(m_->hasObjects());
    auto* method = named<QComboBox>(w_->panel(), "method");
    method->setCurrentIndex(method->findData("cutout"));
    QCOMPARE(std::string(m_->params().method->family), std::string("cutout"));
    QVERIFY2(m_->objectsNote().isEmpty(), qPrintable(m_->objectsNote()));
    QVERIFY(!m_->objects().empty());
    for (const CarriedObject& o : m_->objects())
        QCOMPARE(o.source, 0);
}

void TestPairView::unusedInputsAreSaidUnused()
{
    ParamPanel* p = w_->panel();
    auto* table = w_->sourcesPanel()->findChild<QTableWidget*>();
    QVERIFY(table);
    // Cutout fills A alone: B has no box of its own and no weight.
    named<QComboBox>(p, "method")->setCurrentIndex(named<QComboBox>(p, "method")->findData("cutout"));
    QCOMPARE(table->item(1, 3)->text(), QString("not used"));
    QCOMPARE(table->item(1, 2)->text(), QString("–"));
    // CutMix: B's box is its own.
    named<QComboBox>(p, "method")->setCurrentIndex(named<QComboBox>(p, "method")->findData("cutmix"));
    QVERIFY(table->item(1, 2)->text().endsWith("%"));
    // timm with cutmix_minmax draws lam and ignores it: alpha cannot be
    // moved and says why, and the density is marked unused.
    auto* alpha = named<QDoubleSpinBox>(p, "alpha");
    QVERIFY(alpha->isEnabled());
    selectConvention(p, "timm-minmax");
    QVERIFY(!alpha->isEnabled());
    QVERIFY(!w_->betaChart()->densityUsed());
    QCOMPARE(w_->betaChart()->markedLam(), -1.0);
    QCOMPARE(w_->betaChart()->markedLamAdj(), m_->draw().lamAdj);
    selectConvention(p, "official");
    QVERIFY(alpha->isEnabled());
    QVERIFY(w_->betaChart()->densityUsed());
    QCOMPARE(w_->betaChart()->markedLam(), m_->draw().lamSampled);
}

void TestPairView::menusAndTitles()
{
    // Each menu's mnemonics are unique: Alt and a letter opens one item.
    for (QAction* top : w_->menuBar()->actions()) {
        QMenu* menu = top->menu();
        QVERIFY(menu);
        std::map<QChar, QString> seen;
        for (QAction* a : menu->actions()) {
            const QString t = a->text();
            const qsizetype amp = t.indexOf('&');
            if (amp < 0 || amp + 1 >= t.size())
                continue;
            const QChar key = t.at(amp + 1).toLower();
            QVERIFY2(!seen.count(key),
                     qPrintable(QString("%1: '%2' in %3 and %4").arg(menu->title(), QString(key), seen[key], t)));
            seen[key] = t;
        }
    }
    // The secondary windows do not repeat the application's name: the
    // window system adds it ("Batch — CutMix Studio").
    for (QWidget* window : std::initializer_list<QWidget*>{w_->batchWindow(), w_->auditWindow(), w_->presentation()})
        QVERIFY2(!window->windowTitle().contains("CutMix Studio"), qPrintable(window->windowTitle()));

    // The density's last tick label, "1.00", is whole.
    for (int width : {220, 300, 470}) {
        w_->betaChart()->resize(width, 240);
        QVERIFY(QRectF(w_->betaChart()->rect()).contains(w_->betaChart()->xTickRect(1.0)));
        QVERIFY(QRectF(w_->betaChart()->rect()).contains(w_->betaChart()->xTickRect(0.0)));
    }

    // A file dialog opens in the folder last chosen in one, a save dialog too.
    auto action = [this](const QString& text) {
        for (QAction* a : w_->findChildren<QAction*>())
            if (a->text() == text)
                return a;
        return static_cast<QAction*>(nullptr);
    };
    QTemporaryDir dir;
    const QString copy = dir.filePath("cat.png");
    QVERIFY(QFile::copy(kCat, copy));
    QVERIFY(action("Open &A..."));
    chooseInFileDialogs(w_, {copy}, [&] { action("Open &A...")->trigger(); });
    QCOMPARE(m_->pathA(), copy);
    QVERIFY(action("Sa&ve preset..."));
    QString opened;
    QTimer::singleShot(0, w_, [&opened] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<QFileDialog*>(w); d && d->isVisible()) {
                opened = d->directory().absolutePath();
                d->reject();
            }
    });
    action("Sa&ve preset...")->trigger();
    QCOMPARE(opened, QDir(dir.path()).absolutePath());
}

void TestPairView::textIsWhole()
{
    // The window as small as it goes on 1920x1080 at scale 2.
    delete w_;
    w_ = new MainWindow(MainWindow::Options{false, QRect(0, 0, 960, 540)});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    w_->resize(w_->minimumSizeHint());
    QApplication::processEvents();
    // The class fields show their names whole, from the start.
    for (const char* name : {"class_a", "class_b"}) {
        auto* field = named<QLineEdit>(w_, name);
        const QFontMetrics fm = field->fontMetrics();
        const int frame = field->sizeHint().width() - fm.horizontalAdvance(QLatin1Char('x')) * 17;
        QVERIFY2(field->width() - frame >= fm.horizontalAdvance(field->text()),
                 qPrintable(QString("%1: %2 px for '%3'").arg(name).arg(field->width()).arg(field->text())));
        QCOMPARE(field->cursorPosition(), 0);
    }
    // The image titles are shortened in the middle, never cut at the end.
    for (const char* name : {"title_a", "title_b"}) {
        auto* title = named<ElidedLabel>(w_, name);
        const QString shown = title->shownText();
        QVERIFY2(title->fontMetrics().horizontalAdvance(shown) <= title->contentsRect().width(), qPrintable(shown));
        QVERIFY2(shown == title->text() || shown.contains(QChar(0x2026)), qPrintable(shown));
        QVERIFY(title->toolTip().startsWith(title->text()));
    }
    // The Sources table's columns hold their text.
    auto* table = w_->sourcesPanel()->findChild<QTableWidget*>();
    QVERIFY(table);
    for (int c = 0; c < table->columnCount(); ++c)
        QVERIFY2(table->columnWidth(c) >= w_->sourcesPanel()->neededWidth(c),
                 qPrintable(QString("column %1: %2 < %3")
                                .arg(c)
                                .arg(table->columnWidth(c))
                                .arg(w_->sourcesPanel()->neededWidth(c))));
    // Every combo box shows its choice whole.
    for (QComboBox* box : w_->findChildren<QComboBox*>()) {
        if (!box->isVisible() || box->currentText().isEmpty())
            continue;
        QStyleOptionComboBox opt;
        opt.initFrom(box);
        opt.currentText = box->currentText();
        const QRect field = box->style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, box);
        QVERIFY2(field.width() >= box->fontMetrics().horizontalAdvance(box->currentText()),
                 qPrintable(box->objectName() + ": " + box->currentText()));
    }
}

void TestPairView::imageTitlesReadable_data()
{
    addScreenRows();
}

void TestPairView::imageTitlesReadable()
{
    // At 1024x700 the titles above A and B read "A: …300" beside the class
    // fields (issue 21): the window as it opens on these screens shows each
    // file's name and size whole, the title on a line of its own when the
    // line is short, and the class field whole beside the size.
    QFETCH(QRect, available);
    delete w_;
    w_ = new MainWindow(MainWindow::Options{false, available});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    QApplication::processEvents();
    for (const char* which : {"a", "b"}) {
        auto* title = named<ElidedLabel>(w_, ("title_" + QByteArray(which)).constData());
        auto* size = named<QLabel>(w_, ("size_" + QByteArray(which)).constData());
        auto* field = named<QLineEdit>(w_, ("class_" + QByteArray(which)).constData());
        auto* header = named<ImageHeader>(w_, ("header_" + QByteArray(which)).constData());
        QCOMPARE(title->shownText(), title->text());
        QVERIFY(title->text().contains(which == QString("a") ? "chelsea.png" : "coffee.png"));
        QVERIFY2(title->fontMetrics().horizontalAdvance(title->text()) <= title->contentsRect().width(),
                 qPrintable(title->text()));
        QCOMPARE(size->text(), which == QString("a") ? QString("451 × 300") : QString("600 × 400"));
        QVERIFY(size->width() >= size->fontMetrics().horizontalAdvance(size->text()));
        const int frame = field->sizeHint().width() - field->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 17;
        QVERIFY(field->width() - frame >= field->fontMetrics().horizontalAdvance(field->text()));
        // Nothing overlaps, and all of it is inside the header.
        const QRect t = title->geometry(), z = size->geometry(), f = field->geometry();
        QVERIFY(!t.intersects(z) && !t.intersects(f) && !z.intersects(f));
        QVERIFY(header->rect().contains(t) && header->rect().contains(z) && header->rect().contains(f));
        // A wide screen keeps it all on one line.
        if (available.width() >= 1920)
            QVERIFY(header->onOneLine());
    }
}

void TestPairView::densityLegendFits()
{
    // The Distribution dock's legend ran past the right edge at 1024x700
    // (issue 21): at any width its entries are whole, inside the chart, apart,
    // and below the axis title, on as many rows as they need.
    BetaChart* chart = w_->betaChart();
    const QFontMetricsF fm(chart->font());
    for (int width : {220, 260, 300, 380, 470, 900}) {
        chart->resize(width, 260);
        const std::vector<QRectF> rects = chart->legendRects();
        const QStringList names = chart->legendNames();
        QCOMPARE(int(rects.size()), 3); // Beta, λ drawn, λ_adj
        QCOMPARE(int(names.size()), 3);
        for (std::size_t i = 0; i < rects.size(); ++i) {
            const QRectF& r = rects[i];
            QVERIFY2(QRectF(chart->rect()).contains(r),
                     qPrintable(QString("width %1: %2").arg(width).arg(names[int(i)])));
            QVERIFY(r.width() >= fm.horizontalAdvance(names[int(i)]));
            QVERIFY(r.top() >= chart->xTitleRect().bottom());
            for (std::size_t j = i + 1; j < rects.size(); ++j)
                QVERIFY(!r.intersects(rects[j]));
        }
        if (width >= 900)
            QCOMPARE(rects.front().top(), rects.back().top()); // one row when there is room
    }
}

void TestPairView::resultStaysBetweenDraws()
{
    // A width where the line above the result wraps differently from one
    // draw to the next.
    delete w_;
    w_ = new MainWindow(MainWindow::Options{false, QRect(0, 0, 1024, 700)});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    ImageView* result = w_->resultView();
    for (int width : {1000, 900, 800}) {
        w_->resize(width, 660);
        QApplication::processEvents();
        m_->newDraw();
        QApplication::processEvents();
        const QRect first = QRect(result->mapTo(w_, QPoint(0, 0)), result->size());
        for (int i = 0; i < 40; ++i) {
            m_->newDraw();
            QApplication::processEvents();
            const QRect now = QRect(result->mapTo(w_, QPoint(0, 0)), result->size());
            QVERIFY2(now == first, qPrintable(QString("width %1, draw %2: %3 px from the top, was %4")
                                                  .arg(width)
                                                  .arg(i)
                                                  .arg(now.top())
                                                  .arg(first.top())));
        }
    }
}

void TestPairView::backReleasesTheHold()
{
    ParamPanel* p = w_->panel();
    named<QCheckBox>(p, "hold")->setChecked(true);
    w_->newDrawAction()->trigger();
    named<QDoubleSpinBox>(p, "alpha")->setValue(3.0);
    QVERIFY(m_->hold());
    QTest::mouseClick(named<QPushButton>(p, "back"), Qt::LeftButton);
    // The earlier index as it is drawn, not its centre with the held lam.
    QVERIFY(!m_->hold());
    QVERIFY(!named<QCheckBox>(p, "hold")->isChecked());
    StudioModel fresh;
    QVERIFY(fresh.loadPair(kCat, kCoffee));
    fresh.restoreParams(QString::fromStdString(paramsToJson(m_->params()).dump()));
    QCOMPARE(fresh.params().index, m_->params().index);
    QCOMPARE(fresh.draw().lamSampled, m_->draw().lamSampled);
    QCOMPARE(fresh.draw().geometry.box, m_->draw().geometry.box);
}

// Mosaic in the window (issue 22): refused with the reason while two images
// are loaded; with four, the result is core's Mosaic of the four files pixel
// for pixel, A and B are shown at their tiles' sizes, the objects are
// carryAndJudge's; with a fifth source the window goes back to CutMix and
// says so, and A is shown at the mixed size again.
void TestPairView::mosaicOfFourSources()
{
    ParamPanel* p = w_->panel();
    auto* method = named<QComboBox>(p, "method");
    QSignalSpy errors(m_, &StudioModel::errorOccurred);
    method->setCurrentIndex(method->findData(QString("mosaic")));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.last().at(0).toString().contains("4"), qPrintable(errors.last().at(0).toString()));
    QVERIFY(m_->params().method->mixesPair());
    QCOMPARE(method->currentData().toString(), QString("cutmix")); // the combo says what is mixed

    QTemporaryDir dir;
    const QString third = dir.filePath("third.png");
    QVERIFY(cv::imwrite(third.toStdString(), patternImage(120, 160, CV_8UC3, 3)));
    QVERIFY(m_->addSource(third));
    QVERIFY(m_->addSource(kRocket));
    method->setCurrentIndex(method->findData(QString("mosaic")));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(std::string(m_->params().method->family), std::string("mosaic"));
    named<QSpinBox>(p, "mosaic_size")->setValue(320);
    w_->newDrawAction()->trigger();
    const Draw& d = m_->draw();
    QCOMPARE(d.size, (Size{640, 640}));
    std::vector<cv::Mat> images;
    for (const QString& f : {kCat, kCoffee, third, kRocket})
        images.push_back(loadImage(f.toStdString()));
    const cv::Mat want = mixImages(images, d);
    const cv::Mat got = m_->mixed();
    QCOMPARE(got.size(), want.size());
    QCOMPARE(cv::norm(got, want, cv::NORM_INF), 0.0);
    QCOMPARE(w_->resultView()->image().size(), QSize(640, 640));
    // A (451 x 300) is shown as its tile: long side 320.
    QCOMPARE(named<ImageView>(w_, "view_a")->image().size(), QSize(320, 213));
    QCOMPARE(named<ImageView>(w_, "view_b")->image().size(), QSize(320, 214));
    // The sources panel says where each image goes; the resize policy is not Mosaic's.
    QVERIFY(!p->showsParameter(Setting::Resize));
    QVERIFY(p->showsParameter(Setting::Sources));
    // Presentation mode shows no α (Mosaic draws a centre, not λ).
    QVERIFY(!presentationLines(*m_).join(' ').contains("α"));
    {
        // An animation sweeps a pair: refused in the dialog before a file is chosen.
        AnimationDialog animation(m_, w_);
        QList<QPushButton*> exports;
        for (QPushButton* b : animation.findChildren<QPushButton*>())
            if (b->text() == AnimationDialog::tr("Export..."))
                exports << b;
        QCOMPARE(exports.size(), 1);
        QVERIFY(!exports.front()->isEnabled());
    }
    // The bundled images' objects move with their tiles.
    const ReadObjects cat = readYolo(CUTMIX_RESOURCES "/labels/chelsea.txt", {451, 300});
    const ReadObjects coffee = readYolo(CUTMIX_RESOURCES "/labels/coffee.txt", {600, 400});
    const ReadObjects rocket =
        readYolo(CUTMIX_RESOURCES "/labels/rocket.txt", {sizeOf(images[3]).width, sizeOf(images[3]).height});
    Draw fitted = d;
    const auto carried =
        carryAndJudge(fitted, {cat.image, coffee.image, ImageObjects{sizeOf(images[2]), {}}, rocket.image}, false,
                      m_->keepRule(), m_->keepValues());
    QCOMPARE(int(m_->objects().size()), int(carried.size()));
    QVERIFY(!carried.empty());
    for (std::size_t i = 0; i < carried.size(); ++i)
        QCOMPARE(m_->objects()[i].box, carried[i].box);

    // A mask for each image: the result's mask is core's mixedMask of the
    // four, and the views of A and B wash their masks at their tiles' sizes
    // (they showed none: the washes were checked against the canvas's size).
    std::vector<cv::Mat> masks;
    std::vector<Size> sourceSizes;
    for (std::size_t k = 0; k < images.size(); ++k) {
        cv::Mat mask = cv::Mat::zeros(images[k].rows, images[k].cols, CV_8U);
        mask(cv::Rect(images[k].cols / 4, images[k].rows / 4, images[k].cols / 2, images[k].rows / 2))
            .setTo(cv::Scalar(double(k + 1)));
        const QString file = dir.filePath(QString("mask%1.png").arg(k));
        saveImageAtomic(file.toStdString(), mask);
        QVERIFY(m_->loadMask(int(k), file));
        masks.push_back(mask);
        sourceSizes.push_back(sizeOf(images[k]));
    }
    for (int round = 0; round < 2; ++round) {
        const Draw& dm = m_->draw();
        QCOMPARE(m_->masksNote(), QString());
        const cv::Mat wantMask = mixedMask(masks, sourceSizes, dm);
        QCOMPARE(m_->mixedMask().size(), wantMask.size());
        QCOMPARE(cv::norm(m_->mixedMask(), wantMask, cv::NORM_INF), 0.0);
        QCOMPARE(w_->resultView()->labelWash().size(), QSize(640, 640));
        for (int k = 0; k < 2; ++k) {
            const QImage wash = named<ImageView>(w_, k == 0 ? "view_a" : "view_b")->labelWash();
            QVERIFY2(!wash.isNull(), k == 0 ? "A" : "B");
            QCOMPARE(wash.size(), QSize(preparedSize(dm, k).width, preparedSize(dm, k).height));
        }
        w_->newDrawAction()->trigger();
    }
    for (int k = 3; k >= 0; --k)
        m_->clearMask(k);

    // A fifth source: CutMix again, said in the status bar, A at the mixed size.
    QSignalSpy notes(m_, &StudioModel::noted);
    QVERIFY(m_->addSource(third));
    QCOMPARE(notes.count(), 1);
    QVERIFY(m_->params().method->mixesPair());
    QCOMPARE(method->currentData().toString(), QString("cutmix"));
    QCOMPARE(named<ImageView>(w_, "view_a")->image().size(), QSize(451, 300));
    QCOMPARE(m_->draw().size, (Size{451, 300}));
    QCOMPARE(errors.count(), 1);
}

// Issue 21 item 9: after maximise and restore the Numbers dock had shrunk to
// about four lines. Every panel comes back at the size it had.
void TestPairView::maximiseAndRestoreKeepThePanels()
{
    auto sizes = [&] {
        QStringList out;
        for (QDockWidget* d : w_->docks())
            out << QString("%1 %2x%3").arg(d->objectName()).arg(d->width()).arg(d->height());
        return out;
    };
    const QSize before = w_->size();
    const QStringList docks = sizes();
    w_->showMaximized();
    QTRY_VERIFY(w_->isMaximized());
    QTRY_VERIFY(w_->size() != before); // the offscreen screen is larger than the window
    QApplication::processEvents();
    w_->showNormal();
    QTRY_VERIFY(!w_->isMaximized());
    QTRY_COMPARE(w_->size(), before);
    QApplication::processEvents();
    QCOMPARE(sizes(), docks);
}

void TestPairView::numbersShowEveryLine()
{
    // A Kornia draw that pastes less than it weighs: the warning is the
    // Numbers' last line, and the line above the result says it too.
    ParamPanel* p = w_->panel();
    selectConvention(p, "kornia");
    named<QDoubleSpinBox>(p, "alpha")->setValue(0.1);
    const Method& kornia = *m_->params().method;
    for (int i = 0; i < 3000 && !(kornia.quirkApplies && kornia.quirkApplies(m_->draw().geometry)); ++i)
        m_->newDraw();
    QVERIFY(kornia.quirkApplies(m_->draw().geometry));
    QVERIFY2(summaryLine(*m_).contains("⚠ Kornia starts at"), qPrintable(summaryLine(*m_)));
    const QStringList lines = w_->readout()->text().split('\n');
    QVERIFY2(lines.filter(QRegularExpression("^⚠ Kornia starts at")).size() == 1, qPrintable(lines.join('\n')));
    QVERIFY(lines.last().startsWith("⚠"));
    // At any size of the panel the last line can be scrolled to.
    auto* numbers = w_->readout()->findChild<QPlainTextEdit*>();
    QVERIFY(numbers);
    auto* dock = named<QDockWidget>(w_, "numbersDock");
    dock->show();
    dock->raise();
    for (QSize size : {QSize(300, 200), QSize(420, 160), QSize(520, 400), QSize(260, 500)}) {
        w_->readout()->resize(size);
        QApplication::processEvents();
        numbers->verticalScrollBar()->setValue(numbers->verticalScrollBar()->maximum());
        QTextCursor end(numbers->document());
        end.movePosition(QTextCursor::End);
        const QRect last = numbers->cursorRect(end);
        QVERIFY2(numbers->viewport()->rect().contains(last),
                 qPrintable(QString("%1x%2: the end of the text at %3,%4, the view %5 high")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(last.x())
                                .arg(last.bottom())
                                .arg(numbers->viewport()->height())));
    }
}

// The bundled pair opens with its objects (resources/labels): what the
// window shows for them is core's carryAndJudge for the draw on screen, by
// the rule chosen in the Objects panel; dropped objects are marked where they
// were, with the reason on hover; the objects travel with their image.
void TestPairView::objectsCarriedJudgedAndShown()
{
    std::vector<std::string> names;
    const ReadObjects cat = readYolo(CUTMIX_RESOURCES "/labels/chelsea.txt", {451, 300});
    const ReadObjects coffee = readYolo(CUTMIX_RESOURCES "/labels/coffee.txt", {600, 400});
    QVERIFY(m_->hasObjects());
    // The panel is made while it is shown (a tab behind the sources at first).
    auto* dock = named<QDockWidget>(w_, "objectsDock");
    QVERIFY(!dock->widget()->isVisible() || named<QTableWidget>(w_, "objectsTable")->rowCount() > 0);
    dock->show();
    dock->raise();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    QVERIFY(named<QTableWidget>(w_, "objectsTable")->isVisible());
    QCOMPARE(int(m_->sourceObjects(0).objects.size()), int(cat.image.objects.size()));
    QCOMPARE(m_->objectClassName(0, 0), QString("cat"));
    QCOMPARE(m_->objectClassName(1, 1), QString("cup"));
    auto expected = [&](const KeepRule& rule, const KeepValues& v) {
        Draw d = makeDraw(m_->params(), {{451, 300}, {600, 400}},
                          drawInputs(m_->params().seed, m_->params().index, m_->params().alpha, 2));
        return carryAndJudge(d, {cat.image, coffee.image}, false, rule, v);
    };
    auto check = [&](const std::vector<CarriedObject>& want) {
        const auto& got = m_->objects();
        QCOMPARE(int(got.size()), int(want.size()));
        QTableWidget* table = named<QTableWidget>(w_, "objectsTable");
        QCOMPARE(table->rowCount(), int(want.size()));
        const auto& marks = w_->resultView()->objectMarks();
        QCOMPARE(int(marks.size()), int(want.size()));
        for (std::size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(got[i].box, want[i].box);
            QCOMPARE(got[i].visible, want[i].visible);
            QCOMPARE(got[i].kept, want[i].kept);
            QCOMPARE(table->item(int(i), 2)->text(), QString::fromStdString(percentText(want[i].visible)));
            if (!want[i].reasonTemplate.empty()) {
                QCOMPARE(table->item(int(i), 3)->toolTip(), QString::fromStdString(want[i].reason()));
                table->setCurrentCell(int(i), 0);
                const QString detail = named<QLabel>(w_, "objectDetail")->text();
                QVERIFY2(detail.contains(QString::fromStdString(want[i].reason()).toHtmlEscaped()), qPrintable(detail));
            }
            QCOMPARE(marks[i].kind == ObjectMark::Kind::Dropped, !want[i].kept);
            // Hovering the middle of the smallest object there names it with its verdict.
            if (!want[i].kept) {
                const QPointF middle((want[i].before.x1 + want[i].before.x2) / 2,
                                     (want[i].before.y1 + want[i].before.y2) / 2);
                const QString tip = w_->resultView()->objectTipAt(middle);
                QVERIFY2(tip.contains(QString::fromStdString(want[i].reason()).toHtmlEscaped()), qPrintable(tip));
            }
        }
    };
    check(expected(defaultKeepRule(), defaultKeepRule().defaults));
    QVERIFY(std::all_of(m_->objects().begin(), m_->objects().end(), [](const CarriedObject& o) { return o.kept; }));
    // Albumentations with min_visibility 0.5, through the panel's controls.
    auto* rule = named<QComboBox>(w_, "boxRule");
    rule->setCurrentIndex(rule->findData("albumentations"));
    QCOMPARE(std::string(m_->keepRule().name), std::string("albumentations"));
    // The spin box edited is still there after the model answers (it was
    // deleted under its own signal, and the window crashed).
    QPointer<QDoubleSpinBox> spin = named<QDoubleSpinBox>(w_->objectsPanel(), "min_visibility");
    spin->setValue(0.5);
    QVERIFY(spin);
    QCOMPARE(spin->value(), 0.5);
    QCOMPARE(m_->keepValues().minVisibility, 0.5);
    KeepValues half = keepRuleNamed("albumentations").defaults;
    half.minVisibility = 0.5;
    const auto want = expected(keepRuleNamed("albumentations"), half);
    QVERIFY(std::any_of(want.begin(), want.end(), [](const CarriedObject& o) { return !o.kept; }));
    check(want);
    QVERIFY(
        named<QLabel>(w_, "objectsSummary")
            ->text()
            .contains(QString("%1 of %2")
                          .arg(std::count_if(want.begin(), want.end(), [](const CarriedObject& o) { return o.kept; }))
                          .arg(want.size())));
    // Hidden: no hover text; shown again: back.
    const QPointF inCat(200, 50);
    QVERIFY(!w_->resultView()->objectTipAt(inCat).isEmpty());
    named<QCheckBox>(w_, "showObjects")->setChecked(false);
    QVERIFY(w_->resultView()->objectTipAt(inCat).isEmpty());
    named<QCheckBox>(w_, "showObjects")->setChecked(true);
    // A's view shows A's objects; after a swap, B's view does.
    QCOMPARE(int(named<ImageView>(w_, "view_a")->objectMarks().size()), int(cat.image.objects.size()));
    m_->swap();
    QCOMPARE(int(named<ImageView>(w_, "view_b")->objectMarks().size()), int(cat.image.objects.size()));
    m_->swap();
    // A broken annotation file is refused with its name; the objects stay.
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.txt");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("0 0.5 0.5 nan 0.2\n");
    f.close();
    QSignalSpy errors(m_, &StudioModel::errorOccurred);
    QVERIFY(!m_->loadObjects(1, bad));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains("bad.txt"));
    QCOMPARE(int(m_->sourceObjects(1).objects.size()), int(coffee.image.objects.size()));
    // The record carries them, as `cutmix mix --boxes` writes it.
    QVERIFY(m_->record().contains("objects"));
    // The kept objects, saved as YOLO text, read back as the kept boxes.
    const QString out = dir.filePath("kept.txt");
    QVERIFY(m_->saveObjects(out));
    const ReadObjects back = readYolo(out.toStdString(), m_->draw().size);
    QCOMPARE(int(back.image.objects.size()),
             int(std::count_if(want.begin(), want.end(), [](const CarriedObject& o) { return o.kept; })));
    // The lesson (about a classification mix) hides the outlines; they come back after it.
    w_->startLesson();
    QVERIFY(!named<QCheckBox>(w_, "showObjects")->isChecked());
    QVERIFY(w_->resultView()->objectTipAt(inCat).isEmpty());
    w_->lesson()->finish();
    QVERIFY(named<QCheckBox>(w_, "showObjects")->isChecked());
    QVERIFY(!w_->resultView()->objectTipAt(inCat).isEmpty());
    // Ultralytics' CutMix remakes its cut among A's boxes: the window paints the fitted draw.
    m_->setMethod(methodNamed("cutmix-ultralytics"));
    Draw d = makeDraw(m_->params(), {{451, 300}, {600, 400}},
                      drawInputs(m_->params().seed, m_->params().index, m_->params().alpha, 2));
    carryAndJudge(d, {cat.image, coffee.image}, false, m_->keepRule(), m_->keepValues());
    QCOMPARE(m_->draw().geometry.box, d.geometry.box);
    QCOMPARE(w_->resultView()->overlay().box, d.geometry.box);
}

// Masks opened for A and B are shown as washes on the three views (and in
// presentation mode) while "Show masks" is on, in the View menu and the
// Objects panel alike; the result's wash follows each draw; the mixed mask
// saved is byte for byte the one `cutmix mix --masks-out` writes for the same
// draw; a method that blends has none, and the panel says why.
void TestPairView::masksShownMixedAndSavedAsTheCli()
{
    QTemporaryDir dir;
    const QString ma = dir.filePath("cat-mask.png"), mb = dir.filePath("coffee-mask.png");
    auto disc = [](int w, int h, int label) {
        cv::Mat m = cv::Mat::zeros(h, w, CV_8U);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if ((x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2) <= h * h / 9)
                    m.at<std::uint8_t>(y, x) = std::uint8_t(label);
        return m;
    };
    saveImageAtomic(ma.toStdString(), disc(451, 300, 1));
    saveImageAtomic(mb.toStdString(), disc(600, 400, 2));
    QAction* show = named<QAction>(w_, "show_masks");
    QCheckBox* box = named<QCheckBox>(w_, "showMasks");
    ImageView* views[] = {named<ImageView>(w_, "view_a"), named<ImageView>(w_, "view_b"), w_->resultView()};
    QVERIFY(!show->isChecked());
    for (ImageView* v : views)
        QVERIFY(!v->labelWashVisible() && v->labelWash().isNull());
    // Opened: shown at once.
    QVERIFY(m_->loadMask(0, ma));
    QVERIFY(m_->loadMask(1, mb));
    QVERIFY(show->isChecked() && box->isChecked());
    for (ImageView* v : views)
        QVERIFY(v->labelWashVisible() && !v->labelWash().isNull());
    QCOMPARE(w_->resultView()->labelWash().cacheKey(), m_->maskWash(-1).cacheKey());
    // Hidden from the panel: the menu follows, and the other way round.
    box->setChecked(false);
    QVERIFY(!show->isChecked());
    for (ImageView* v : views)
        QVERIFY(!v->labelWashVisible());
    show->setChecked(true);
    QVERIFY(box->isChecked());
    for (ImageView* v : views)
        QVERIFY(v->labelWashVisible());
    // Presentation follows it.
    PresentationWindow* p = w_->presentation();
    QVERIFY(p->resultView()->labelWashVisible());
    show->setChecked(false);
    QVERIFY(!p->resultView()->labelWashVisible());
    show->setChecked(true);
    // The same draw as the command line's, and its mask saved byte for byte as it writes it.
    named<QLineEdit>(w_->panel(), "seed")->setText("99");
    QMetaObject::invokeMethod(named<QLineEdit>(w_->panel(), "seed"), "editingFinished");
    const qint64 before = w_->resultView()->labelWash().cacheKey();
    w_->newDrawAction()->trigger();
    w_->newDrawAction()->trigger();
    QVERIFY(w_->resultView()->labelWash().cacheKey() != before);
    QCOMPARE(w_->resultView()->labelWash().cacheKey(), m_->maskWash(-1).cacheKey());
    QCOMPARE(p->resultView()->labelWash().cacheKey(), m_->maskWash(-1).cacheKey());
    const QString cliMask = dir.filePath("cli-mask.png"), winMask = dir.filePath("window-mask.png");
    const CliRun cli = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("cli.png"), "--seed", "99", "--index", "2",
                               "--masks", ma, mb, "--masks-out", cliMask});
    QVERIFY2(cli.code == 0, qPrintable(cli.err));
    QVERIFY(m_->saveMixedMask(winMask));
    QFile fromCli(cliMask), fromWindow(winMask);
    QVERIFY(fromCli.open(QIODevice::ReadOnly) && fromWindow.open(QIODevice::ReadOnly));
    QCOMPARE(fromWindow.readAll(), fromCli.readAll());
    // Hovering the result says the label there.
    const Box b = m_->draw().geometry.box;
    const int x = (b.x1 + b.x2) / 2, y = (b.y1 + b.y2) / 2;
    QMetaObject::invokeMethod(w_->resultView(), "hovered", Q_ARG(int, x), Q_ARG(int, y), Q_ARG(bool, true));
    QVERIFY2(w_->statusBar()->currentMessage().contains(QString("mask label %1").arg(m_->pixelAt(x, y).label)),
             qPrintable(w_->statusBar()->currentMessage()));
    // Never over a source's file (the mask opened for A here).
    QSignalSpy errors(m_, &StudioModel::errorOccurred);
    QVERIFY(!m_->saveMixedMask(ma));
    QVERIFY(errors.last().at(0).toString().contains("refusing to write over the input"));
    // MixUp blends: no mask on the result, and the panel says why; A and B keep theirs.
    m_->setMethod(methodNamed("mixup"));
    QVERIFY(w_->resultView()->labelWash().isNull());
    QVERIFY(!views[0]->labelWash().isNull());
    auto* dock = named<QDockWidget>(w_, "objectsDock");
    dock->show();
    dock->raise();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    QVERIFY2(named<QLabel>(w_, "masksSummary")->text().contains(m_->masksNote()),
             qPrintable(named<QLabel>(w_, "masksSummary")->text()));
    QVERIFY(!m_->masksNote().isEmpty());
}

// Instance masks (File > Masks are instance masks, or the Objects panel's
// box): the mixed mask saved is byte for byte `cutmix mix ... --boxes ...
// --masks ... --instances --masks-out`, the kept objects numbered in the
// order they are saved; hovering A, B and the result names the object a
// mask label numbers, and an object of A or B says what the draw did to it.
void TestPairView::instanceMasksAsTheCliAndHover()
{
    QTemporaryDir dir;
    const QString labelsA = CUTMIX_RESOURCES "/labels/chelsea.txt", labelsB = CUTMIX_RESOURCES "/labels/coffee.txt";
    const ReadObjects cat = readYolo(labelsA.toStdString(), {451, 300});
    const ReadObjects coffee = readYolo(labelsB.toStdString(), {600, 400});
    QCOMPARE(int(coffee.image.objects.size()), 3);
    // Each object's box filled with its number, later over earlier.
    auto instances = [](const ImageObjects& o) {
        cv::Mat m = cv::Mat::zeros(o.size.height, o.size.width, CV_8U);
        for (std::size_t j = 0; j < o.objects.size(); ++j) {
            const BoxF& b = o.objects[j].box;
            const cv::Rect r(int(std::ceil(b.x1)), int(std::ceil(b.y1)), int(b.x2) - int(std::ceil(b.x1)),
                             int(b.y2) - int(std::ceil(b.y1)));
            m(r & cv::Rect(0, 0, m.cols, m.rows)).setTo(int(j + 1));
        }
        return m;
    };
    const QString ma = dir.filePath("cat-ids.png"), mb = dir.filePath("coffee-ids.png");
    saveImageAtomic(ma.toStdString(), instances(cat.image));
    saveImageAtomic(mb.toStdString(), instances(coffee.image));
    QVERIFY(m_->loadMask(0, ma));
    QVERIFY(m_->loadMask(1, mb));
    // Albumentations with min_visibility 0.5 drops the cup and the saucer at seed 7.
    m_->setKeepRule(keepRuleNamed("albumentations"));
    m_->setKeepValue(Setting::MinVisibility, ParamValue{0.5});
    m_->setSeed(7);
    QAction* act = named<QAction>(w_, "instance_masks");
    QCheckBox* box = named<QCheckBox>(w_, "instanceMasks");
    QVERIFY(!act->isChecked() && !box->isChecked() && !m_->masksAreInstances());
    const cv::Mat semantic = m_->mixedMask().clone();
    act->trigger();
    QVERIFY(m_->masksAreInstances() && box->isChecked());
    QVERIFY(
        std::all_of(m_->objects().begin(), m_->objects().end(), [](const CarriedObject& o) { return o.withSegments; }));
    const int kept =
        int(std::count_if(m_->objects().begin(), m_->objects().end(), [](const CarriedObject& o) { return o.kept; }));
    QCOMPARE(kept, 2);
    double most = 0;
    cv::minMaxLoc(m_->mixedMask(), nullptr, &most);
    QCOMPARE(int(most), kept);
    QVERIFY(cv::norm(semantic, m_->mixedMask(), cv::NORM_INF) > 0);
    const QString cliMask = dir.filePath("cli-ids.png"), winMask = dir.filePath("window-ids.png");
    const CliRun cli = runCli({"mix",
                               kCat,
                               kCoffee,
                               "-o",
                               dir.filePath("cli.png"),
                               "--seed",
                               "7",
                               "--index",
                               "0",
                               "--boxes",
                               labelsA,
                               labelsB,
                               "--box-rule",
                               "albumentations",
                               "--min-visibility",
                               "0.5",
                               "--masks",
                               ma,
                               mb,
                               "--instances",
                               "--masks-out",
                               cliMask});
    QVERIFY2(cli.code == 0, qPrintable(cli.err));
    QVERIFY(m_->saveMixedMask(winMask));
    QFile fromCli(cliMask), fromWindow(winMask);
    QVERIFY(fromCli.open(QIODevice::ReadOnly) && fromWindow.open(QIODevice::ReadOnly));
    QCOMPARE(fromWindow.readAll(), fromCli.readAll());
    // 8-bit as the masks read (16-bit only past 255 kept objects).
    QCOMPARE(m_->mixedMask().depth(), CV_8U);
    QCOMPARE(readLabelMask(cliMask.toStdString()).depth(), CV_8U);

    // Hover: A's cat, B's spoon (the last of B's objects, on top in its
    // mask), and on the result the spoon as the second kept object.
    named<QAction>(w_, "show_masks")->setChecked(true);
    const std::vector<Object> shownB = preparedObjects(m_->sourceObjects(1), m_->draw(), 1);
    const BoxF spoon = shownB[2].box;
    const int sx = int((spoon.x1 + spoon.x2) / 2), sy = int((spoon.y1 + spoon.y2) / 2);
    QCOMPARE(maskText(*m_, 0, 20, 150), QString("mask label 1: A object 1, cat (class 0)"));
    QCOMPARE(maskText(*m_, 1, sx, sy), QString("mask label 3: B object 3, spoon (class 3)"));
    const CarriedObject& carriedSpoon = m_->objects().back();
    QVERIFY(carriedSpoon.kept);
    const int rx = int((carriedSpoon.after.x1 + carriedSpoon.after.x2) / 2),
              ry = int((carriedSpoon.after.y1 + carriedSpoon.after.y2) / 2);
    QCOMPARE(maskText(*m_, -1, rx, ry), QString("mask label 2: B object 3, spoon (class 3)"));
    QCOMPARE(maskText(*m_, -1, 2, 2), QString("mask label 1: A object 1, cat (class 0)"));
    // The status bar says it for A and B as for the result.
    QMetaObject::invokeMethod(named<ImageView>(w_, "view_b"), "hovered", Q_ARG(int, sx), Q_ARG(int, sy),
                              Q_ARG(bool, true));
    QVERIFY2(w_->statusBar()->currentMessage().contains("B object 3, spoon (class 3)"),
             qPrintable(w_->statusBar()->currentMessage()));
    QMetaObject::invokeMethod(w_->resultView(), "hovered", Q_ARG(int, rx), Q_ARG(int, ry), Q_ARG(bool, true));
    QVERIFY2(w_->statusBar()->currentMessage().contains("mask label 2: B object 3, spoon"),
             qPrintable(w_->statusBar()->currentMessage()));
    // An object of B says what the draw did to it, as the result's tip does:
    // the cup (dropped) under the spoon's smaller box is found at its own middle.
    const BoxF cup = shownB[0].box;
    const QString cupTip = named<ImageView>(w_, "view_b")->objectTipAt(QPointF(cup.x1 + 3, (cup.y1 + cup.y2) / 2));
    const CarriedObject& carriedCup = m_->objects()[1];
    QVERIFY(!carriedCup.kept);
    QCOMPARE(cupTip, objectTip(*m_, -1, 1));
    QVERIFY2(cupTip.contains(QString::fromStdString(carriedCup.reason()).toHtmlEscaped()), qPrintable(cupTip));
    // A class per pixel: the label is the class, named by the image's classes.
    box->setChecked(false);
    QVERIFY(!m_->masksAreInstances() && !act->isChecked());
    QCOMPARE(maskText(*m_, 0, 20, 150), QString("mask label 1: cup (class 1)"));
    // The setting stays with the window when another pair opens.
    act->trigger();
    QVERIFY(m_->loadPair(kCoffee, kCat));
    QVERIFY(m_->masksAreInstances() && box->isChecked());
    // Without objects there is nothing to number: no mask, and the panel says why.
    QVERIFY(m_->loadMask(0, mb));
    QVERIFY(m_->loadMask(1, ma));
    m_->clearObjects(0);
    m_->clearObjects(1);
    QVERIFY(m_->mixedMask().empty());
    QVERIFY(!m_->masksNote().isEmpty());
}

// An instance id above its image's number of objects names no object: the
// window refuses the masks naming the mask and the pixel, as `cutmix mix
// --instances` refuses them (core's checkInstanceIds), and shows why in the
// Objects panel; it was read as no object. A mask that fits mixes again.
void TestPairView::instanceIdAboveTheObjectsRefused()
{
    QTemporaryDir dir;
    QCOMPARE(int(m_->sourceObjects(0).objects.size()), 1); // the cat
    QCOMPARE(int(m_->sourceObjects(1).objects.size()), 3); // the cup, the saucer, the spoon
    cv::Mat catIds = cv::Mat::zeros(300, 451, CV_8U), coffeeIds = cv::Mat::zeros(400, 600, CV_8U);
    catIds(cv::Rect(0, 0, 200, 200)).setTo(1);
    coffeeIds(cv::Rect(10, 10, 100, 100)).setTo(3);
    catIds.at<std::uint8_t>(7, 5) = 2; // the cat's image has one object
    const QString ma = dir.filePath("cat-ids.png"), mb = dir.filePath("coffee-ids.png");
    saveImageAtomic(ma.toStdString(), catIds);
    saveImageAtomic(mb.toStdString(), coffeeIds);
    QVERIFY(m_->loadMask(0, ma));
    QVERIFY(m_->loadMask(1, mb));
    QVERIFY(!m_->mixedMask().empty()); // as classes, 2 is a class like any other
    named<QAction>(w_, "instance_masks")->trigger();
    QVERIFY(m_->masksAreInstances());
    QVERIFY(m_->mixedMask().empty());
    const QString expected = QString::fromStdString(quotePath(ma.toStdString())) +
                             ": pixel (5, 7) has instance id 2, but its image has 1 object";
    QVERIFY2(m_->masksNote().startsWith(expected), qPrintable(m_->masksNote()));
    // The CLI says the same of the same masks.
    const CliRun cli = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("cli.png"), "--boxes",
                               CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt", "--masks",
                               ma, mb, "--instances", "--masks-out", dir.filePath("cli-ids.png")});
    QCOMPARE(cli.code, 2);
    QVERIFY2(cli.err.contains(expected), qPrintable(cli.err));
    auto* dock = named<QDockWidget>(w_, "objectsDock");
    dock->show();
    dock->raise();
    QVERIFY2(named<QLabel>(w_, "masksSummary")->text().contains(expected),
             qPrintable(named<QLabel>(w_, "masksSummary")->text()));
    // Every draw keeps refusing it; a mask that fits mixes.
    m_->setSeed(8);
    QVERIFY(m_->mixedMask().empty());
    catIds.at<std::uint8_t>(7, 5) = 1;
    const QString fixed = dir.filePath("cat-ids-fixed.png");
    saveImageAtomic(fixed.toStdString(), catIds);
    QVERIFY(m_->loadMask(0, fixed));
    QVERIFY2(!m_->mixedMask().empty(), qPrintable(m_->masksNote()));
    QCOMPARE(m_->masksNote(), QString());
}

// Tags of boxes that touch or overlap are placed so that none covers
// another (above, below or inside their boxes), on any screen.
void TestPairView::objectTagsNeverOverlap()
{
    auto noneOverlap = [](const std::vector<QRectF>& plates) {
        for (std::size_t i = 0; i < plates.size(); ++i)
            for (std::size_t j = i + 1; j < plates.size(); ++j)
                if (plates[i].intersects(plates[j]))
                    return false;
        return true;
    };
    // A grid of touching boxes, each tag wider than its box.
    std::vector<QRectF> boxes;
    std::vector<QSizeF> tags;
    for (int r = 0; r < 8; ++r)
        for (int c = 0; c < 10; ++c) {
            boxes.push_back(QRectF(20 + c * 40, 20 + r * 30, 40, 30));
            tags.push_back(QSizeF(36 + (r + c) % 3 * 10, 14));
        }
    const QRectF bounds(0, 0, 460, 300);
    const auto placed = placeTags(boxes, tags, bounds);
    std::vector<QRectF> plates;
    for (const auto& p : placed)
        if (p) {
            QVERIFY(bounds.contains(*p));
            plates.push_back(*p);
        }
    QVERIFY(noneOverlap(plates));
    QVERIFY(plates.size() >= boxes.size() / 2);
    // The view: 100 overlapping objects, each with a tag.
    ImageView view;
    view.resize(800, 600);
    QImage image(600, 400, QImage::Format_RGB32);
    image.fill(Qt::darkGray);
    view.setImage(image);
    std::vector<ObjectMark> marks;
    for (int i = 0; i < 100; ++i) {
        ObjectMark m;
        m.kind = i % 7 == 0 ? ObjectMark::Kind::Dropped : ObjectMark::Kind::Kept;
        // Rows of overlapping boxes, then a cluster of 30 almost on top of one another.
        m.x1 = i < 70 ? (i % 10) * 50 + (i / 10) * 3 : 300 + 2 * (i - 70);
        m.y1 = i < 70 ? (i / 10) * 30 + (i % 10) * 2 : 200 + 2 * (i - 70);
        m.x2 = m.x1 + (i < 70 ? 90 : 60);
        m.y2 = m.y1 + (i < 70 ? 70 : 50);
        if (m.kind == ObjectMark::Kind::Dropped)
            m.before = QRectF(QPointF(m.x1, m.y1), QPointF(m.x2, m.y2));
        m.colour = Qt::yellow;
        m.tag = QString("cup %1 %").arg(i);
        marks.push_back(m);
    }
    view.setObjectMarks(marks);
    const auto shown = view.placedTags();
    QVERIFY(shown.size() >= 20);
    plates.clear();
    for (const auto& t : shown) {
        QVERIFY(view.imageRect().contains(t.plate));
        plates.push_back(t.plate);
    }
    QVERIFY(noneOverlap(plates));
    // Painting draws them (the first tag's plate is dark over the grey).
    QImage painted(view.size(), QImage::Format_RGB32);
    view.render(&painted);
    for (const auto& t : shown)
        QVERIFY(qGray(painted.pixel(t.plate.topLeft().toPoint() + QPoint(1, 1))) < 80);
}

// Zoomed out, a view keeps its image with the objects drawn over it and
// draws only the box again: after the marks, the washes, the box or the
// image change it looks exactly as a fresh view given the same.
void TestPairView::objectsRepaintAsAFreshView()
{
    QImage image(900, 600, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb(x % 256, y % 256, (x + y) % 256));
    auto marksOf = [](int shift) {
        std::vector<ObjectMark> marks;
        for (int i = 0; i < 12; ++i) {
            ObjectMark m;
            m.kind = ObjectMark::Kind(i % 4);
            m.x1 = 20 + 60 * i + shift;
            m.y1 = 30 + 35 * i;
            m.x2 = m.x1 + 110;
            m.y2 = m.y1 + 90;
            if (m.kind == ObjectMark::Kind::Clipped || m.kind == ObjectMark::Kind::Dropped)
                m.before = QRectF(QPointF(m.x1 - 10, m.y1 - 10), QPointF(m.x2 + 10, m.y2 + 10));
            m.colour = sourceColour(i % 2);
            m.tag = QString("cup %1 %").arg(i + shift);
            marks.push_back(m);
        }
        return marks;
    };
    BoxOverlay o;
    o.visible = true;
    o.box = Box{100, 80, 400, 300};
    o.unclipped = o.box;
    ImageView view;
    view.resize(640, 480);
    view.setImage(image);
    view.setObjectMarks(marksOf(0));
    view.setOverlay(o);
    QVERIFY(view.zoom() < 1.0);
    auto same = [&](const std::vector<ObjectMark>& marks, const BoxOverlay& overlay, const QImage& shown) {
        ImageView fresh;
        fresh.resize(view.size());
        fresh.setImage(shown);
        fresh.setObjectMarks(marks);
        fresh.setOverlay(overlay);
        return view.grab().toImage() == fresh.grab().toImage();
    };
    QVERIFY(same(marksOf(0), o, image));
    o.box = Box{200, 100, 500, 420};
    o.unclipped = o.box;
    view.setOverlay(o); // the box moves, the objects stay
    QVERIFY(same(marksOf(0), o, image));
    view.setObjectMarks(marksOf(7));
    QVERIFY(same(marksOf(7), o, image));
    QImage other = image.copy();
    other.fill(Qt::darkCyan);
    view.setImage(other);
    QVERIFY(same(marksOf(7), o, other));
    view.setObjectsVisible(false);
    QVERIFY(same({}, o, other));
    view.setObjectsVisible(true);
    view.resize(500, 500);
    QVERIFY(same(marksOf(7), o, other));
}

// The result's outlines are written straight into its picture's pixels:
// the same pixels as a painter filling the lines (solid, and dashed and
// dotted through a texture brush as the view's painter path does), over
// both picture formats, clipped to a rectangle of fractional corners, with
// lines partly or wholly outside, upright lines longer than 64 rows and a
// picture whose pixel (0, 0) is not the lines' origin.
void TestPairView::blendLinesAsAPainter()
{
    std::vector<QRect> lines;
    quint32 seed = 12345;
    auto next = [&](int n) {
        seed = seed * 1664525u + 1013904223u;
        return int((seed >> 8) % quint32(n));
    };
    for (int i = 0; i < 300; ++i) {
        const int x = next(260) - 30, y = next(200) - 30, length = 1 + next(i % 3 == 0 ? 180 : 40);
        lines.push_back(i % 2 ? QRect(x, y, length, 1) : QRect(x, y, 1, length));
    }
    lines.emplace_back(5, 5, 1, 1);
    struct Look {
        QColor colour;
        int on, period;
    };
    const Look looks[] = {{QColor(0, 0, 0, 170), 1, 1},
                          {QColor(255, 255, 255, 170), 1, 3},
                          {QColor(30, 144, 255), 4, 6},
                          {QColor(230, 40, 40), 1, 1},
                          {QColor(20, 200, 90, 120), 4, 6}};
    for (QImage::Format format : {QImage::Format_RGB32, QImage::Format_ARGB32_Premultiplied})
        for (const QPoint origin : {QPoint(0, 0), QPoint(17, -9)})
            for (const QRectF clip : {QRectF(3.4, 2.6, 180.3, 140.5), QRectF(-50, -50, 400, 400)}) {
                QImage base(220, 170, format);
                for (int y = 0; y < base.height(); ++y)
                    for (int x = 0; x < base.width(); ++x)
                        base.setPixel(x, y, qRgba(x % 256, (3 * y) % 256, (x * y) % 256, (x + y) % 256));
                if (format == QImage::Format_ARGB32_Premultiplied)
                    base = base.convertToFormat(QImage::Format_ARGB32).convertToFormat(format);
                QImage direct = base.copy(), painted = base.copy();
                {
                    QPainter p(&painted);
                    p.translate(-origin);
                    p.setClipRect(clip);
                    p.setPen(Qt::NoPen);
                    for (const Look& look : looks) {
                        if (look.period == 1) {
                            p.setBrush(look.colour);
                            p.drawRects(lines.data(), int(lines.size()));
                            continue;
                        }
                        QImage across(look.period, 1, QImage::Format_ARGB32_Premultiplied),
                            down(1, look.period, QImage::Format_ARGB32_Premultiplied);
                        across.fill(Qt::transparent);
                        down.fill(Qt::transparent);
                        for (int i = 0; i < look.on; ++i) {
                            across.setPixelColor(i, 0, look.colour);
                            down.setPixelColor(0, i, look.colour);
                        }
                        std::vector<QRect> rows, columns;
                        for (const QRect& l : lines)
                            (l.height() == 1 ? rows : columns).push_back(l);
                        p.setBrush(QBrush(across));
                        p.drawRects(rows.data(), int(rows.size()));
                        p.setBrush(QBrush(down));
                        p.drawRects(columns.data(), int(columns.size()));
                    }
                }
                for (const Look& look : looks)
                    blendLines(direct, lines, look.colour, origin, clip, look.on, look.period);
                QVERIFY(direct != base);
                QCOMPARE(direct, painted);
            }
}

// Hidden (as behind the Objects panel's tab, or closed), the Sources panel
// is not made again at every draw; shown again, it shows the draw of the
// moment.
void TestPairView::sourcesPanelMadeWhenShown()
{
    SourcesPanel* panel = w_->sourcesPanel();
    auto weightShown = [&] { return panel->table()->item(1, 3)->text(); };
    auto weightNow = [&] { return QString::fromStdString(formatPercent(m_->draw().weights[1], 2)); };
    auto* dock = named<QDockWidget>(w_, "sourcesDock");
    dock->hide();
    QVERIFY(!panel->isVisible());
    const QString before = weightShown();
    QCOMPARE(before, weightNow());
    named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(m_->params().alpha == 0.3 ? 0.7 : 0.3);
    QVERIFY(weightNow() != before);
    QCOMPARE(weightShown(), before);
    dock->show();
    dock->raise();
    QTRY_VERIFY(panel->isVisible());
    QCOMPARE(weightShown(), weightNow());
}

// A draw's new texts (the summary over the result, the Objects panel's
// count and the detail of its first clipped or dropped object) lay out
// nothing around them: no layout request reaches the result's
// panel nor the Objects panel (a word-wrapped label's size hints lay its text
// out several times, and the Objects panel's scroll area laid the whole
// panel out again at every draw).
void TestPairView::newDrawTextsLayOutNothingAround()
{
    auto* dock = named<QDockWidget>(w_, "objectsDock");
    dock->show();
    dock->raise();
    auto* objects = w_->findChild<ObjectsPanel*>();
    QVERIFY(objects);
    QTRY_VERIFY(objects->isVisible());
    // Many objects, so that the number kept changes from draw to draw.
    QTemporaryDir dir;
    for (int k = 0; k < 2; ++k) {
        const QString file = dir.filePath(k == 0 ? "a.txt" : "b.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 30; ++i)
            f.write(QString("0 %1 %2 0.1 0.12\n").arg(0.06 + 0.03 * i).arg(0.07 + 0.028 * ((i * 7) % 30)).toUtf8());
        f.close();
        QVERIFY(m_->loadObjects(k, file));
    }
    QVERIFY(m_->hasObjects());
    m_->setKeepRule(keepRuleNamed("ultralytics"));
    auto* count = named<QLabel>(w_, "objectsSummary");
    QWidget* resultPanel = w_->resultView()->parentWidget();
    struct Requests : QObject {
        int seen = 0;
        bool eventFilter(QObject*, QEvent* e) override
        {
            if (e->type() == QEvent::LayoutRequest)
                ++seen;
            return false;
        }
    } requests;
    QApplication::processEvents();
    objects->installEventFilter(&requests);
    resultPanel->installEventFilter(&requests);
    QStringList counts{count->text()}, summaries{summaryLine(*m_)};
    for (double alpha : {0.3, 0.7, 2.0, 5.0, 0.1, 0.4, 1.5, 8.0}) {
        named<QDoubleSpinBox>(w_->panel(), "alpha")->setValue(alpha);
        QApplication::processEvents();
        counts << count->text();
        summaries << summaryLine(*m_);
        m_->newDraw();
        QApplication::processEvents();
        counts << count->text();
        summaries << summaryLine(*m_);
    }
    counts.removeDuplicates();
    summaries.removeDuplicates();
    QVERIFY(counts.size() > 1);
    QVERIFY(summaries.size() > 1);
    // (Only a text that needs more lines than any before it at that width
    // makes its box taller, and lays out once: at most once here for each box.)
    QVERIFY2(requests.seen <= 2, qPrintable(QString("%1 layout requests for 16 draws").arg(requests.seen)));
}

QTEST_MAIN(TestPairView)
#include "tst_pairview.moc"
