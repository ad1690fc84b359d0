// The audit view of a batch dump, driven through its widgets: opened in the
// background, the lam rule, and watching a folder of step dumps; a dump of
// Mosaic samples opened and judged as cutmix audit judges it.
#include "auditmosaic.h"
#include "auditwatch.h"
#include "mosaicdump.h"
#include "uitest.h"

#include <QComboBox>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>

using namespace cutmix::uitest;

class TestAuditWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void auditViewOfADump();
    void watchingAFolder();
    void mosaicDumpOpened();
    void watchingAMosaicDump();

private:
    // The audit view shown, watching the folder `runs`, made empty here
    // (nullptr when it cannot be).
    AuditWindow* watchingEmpty(const QString& runs);
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

AuditWindow* TestAuditWindow::watchingEmpty(const QString& runs)
{
    AuditWindow* aw = w_->auditWindow();
    if (!QDir().mkpath(runs))
        return nullptr;
    aw->show();
    return aw->watch(runs) ? aw : nullptr;
}

void TestAuditWindow::init()
{
    w_ = new MainWindow(MainWindow::Options{false, {}});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestAuditWindow::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestAuditWindow::auditViewOfADump()
{
    QTemporaryDir dir;
    const BatchInput in = patternBatchInput(6);
    BatchSettings s = recipeDefaults(recipeNamed("timm"));
    s.partner = PartnerRule::Roll;
    const MixedBatch mixed = mixBatchInput(in, s, {0, 0});
    const QString dump = dir.filePath("dump");
    dumpBatch(dump.toStdString(), in, mixed);

    AuditWindow* aw = w_->auditWindow();
    aw->show();
    QVERIFY(QTest::qWaitForWindowExposed(aw));
    AuditModel* am = aw->model();
    QSignalSpy reports(am, &AuditModel::reportChanged);
    am->open(dump);
    QVERIFY(named<QProgressBar>(aw, "auditProgress")->isVisible());
    QVERIFY(named<QPushButton>(aw, "cancelAudit")->isVisible());
    QVERIFY(reports.wait(60000));
    QVERIFY(am->hasReport());
    QVERIFY(!named<QProgressBar>(aw, "auditProgress")->isVisible());
    QVERIFY2(aw->summaryLabel()->text().contains("flagged"), qPrintable(aw->summaryLabel()->text()));
    int firstFlagged = -1;
    for (const ElementAudit& e : am->report().elements)
        if (e.verdict == Verdict::Flagged && firstFlagged < 0)
            firstFlagged = e.index;
    QVERIFY(firstFlagged >= 0);
    QCOMPARE(aw->tiles()->selected(), firstFlagged);
    QVERIFY2(aw->detailLabel()->text().contains("partner-mismatch"), qPrintable(aw->detailLabel()->text()));
    // A click on an agreeing tile (timm flip and roll agree for element 0).
    QTest::mouseClick(aw->tiles(), Qt::LeftButton, Qt::NoModifier, aw->tiles()->tileCentre(0));
    QCOMPARE(aw->tiles()->selected(), 0);
    QVERIFY(aw->detailLabel()->text().contains("agree"));
    // Boxes are written as everywhere else: [x1, x2) × [y1, y2).
    QVERIFY2(aw->detailLabel()->text().contains(QRegularExpression("\\[\\d+, \\d+\\) × \\[\\d+, \\d+\\)")) &&
                 !aw->detailLabel()->text().contains(QRegularExpression("\\d+,\\d+ - \\d+,\\d+")),
             qPrintable(aw->detailLabel()->text()));
    // A wider tolerance re-runs the audit; the wrong classes stay wrong.
    named<QDoubleSpinBox>(aw, "tolerance")->setValue(0.05);
    QCOMPARE(am->options().tolerance, 0.05);
    QVERIFY(am->report().summary.flagged > 0);
    // A folder that is not a dump: the report stays, the message names the file.
    // The lam rule: chosen in the window, applied to the report at once.
    const int before = reports.count();
    named<QComboBox>(aw, "lamRule")->setCurrentText("any");
    QCOMPARE(reports.count(), before + 1);
    QCOMPARE(am->report().summary.lamRule, LamRule::Any);
    QVERIFY2(aw->summaryLabel()->text().contains("lam rule any"), qPrintable(aw->summaryLabel()->text()));
    QSignalSpy errors(am, &AuditModel::errorOccurred);
    am->open(dir.filePath("nothing"));
    QVERIFY(errors.wait(60000));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(0).value<Message>().text().contains("nothing"));
    QVERIFY(am->hasReport());
}

// Step folders appearing in a watched folder (as Recorder writes them: under
// a hidden name, then renamed) become the timeline; the newest audited step
// is shown with its first flagged element selected.
void TestAuditWindow::watchingAFolder()
{
    QTemporaryDir dir;
    const QString runs = dir.filePath("run");
    AuditWindow* aw = watchingEmpty(runs);
    QVERIFY(aw);
    QListWidget* timeline = named<QListWidget>(aw, "timeline");
    QVERIFY(timeline->isVisible());
    QCOMPARE(timeline->count(), 0);
    AuditWatch* watch = aw->watcher();
    QSignalSpy audited(watch, &AuditWatch::stepAudited);
    QSignalSpy reports(aw->model(), &AuditModel::reportChanged);
    const BatchInput in = patternBatchInput(6);
    auto publish = [&](const QString& name, std::optional<PartnerRule> pixels) {
        BatchSettings s = recipeDefaults(recipeNamed("timm"));
        s.partner = pixels;
        const MixedBatch mixed = mixBatchInput(in, s, {0, 0});
        const QString hidden = runs + "/." + name + ".part-1";
        dumpBatch(hidden.toStdString(), in, mixed);
        QVERIFY(QDir().rename(hidden, runs + "/" + name));
    };
    publish("000000", std::nullopt);
    QVERIFY(audited.wait(60000));
    QVERIFY(reports.wait(60000)); // the view follows the newest step
    QCOMPARE(timeline->count(), 1);
    QVERIFY2(timeline->item(0)->text().contains("call 0: agree"), qPrintable(timeline->item(0)->text()));
    publish("000100", PartnerRule::Roll); // pixels rolled, labels flipped: flagged
    QVERIFY(audited.wait(60000));
    QVERIFY(reports.wait(60000));
    QCOMPARE(timeline->count(), 2);
    QVERIFY2(timeline->item(1)->text().contains("call 100: flagged"), qPrintable(timeline->item(1)->text()));
    const WatchStep& step = watch->steps()[1];
    QVERIFY(aw->model()->folder().endsWith("000100"));
    QCOMPARE(aw->tiles()->selected(), step.firstFlagged.value());
    QVERIFY2(aw->detailLabel()->text().contains("flagged"), qPrintable(aw->detailLabel()->text()));
    // A click on the first step shows it; the view stops following.
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, Qt::NoModifier,
                      timeline->visualItemRect(timeline->item(0)).center());
    QVERIFY(reports.wait(60000));
    QVERIFY(aw->model()->folder().endsWith("000000"));
    QCOMPARE(aw->model()->report().summary.agree, 6);
}

namespace
{

namespace md = cutmix::mosaicdump;

// An honest sample, one with a sliver's box kept (4.76 % visible: flagged
// at the default 10 %, not at 4 %) and one whose tile 2 box was not moved.
std::vector<md::Sample> mosaicSamples()
{
    const md::Sample honest = md::mosaicSample(md::kTiles, md::objects());
    std::vector<ImageObjects> objs = md::objects();
    objs[3].objects.push_back(md::obj(3, 23.6, 10, 32, 14));
    const md::Sample sliver = md::mosaicSample(md::kTiles, objs);
    md::Sample unmoved = md::mosaicSample(md::kTiles, md::objects());
    for (Object& o : unmoved.after)
        if (o.classIndex == 2)
            o.box = BoxF{0, 0, 32, 32};
    return {honest, sliver, unmoved};
}

// Pixels of exactly this colour in a widget as painted.
int pixelsOf(QWidget* w, QColor c)
{
    const QImage img = w->grab().toImage().convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            n += img.pixel(x, y) == c.rgb();
    return n;
}

} // namespace

// A dump of Mosaic samples (dump.json "kind": "mosaic") opens in the audit
// view: each sample's verdict and cause are auditMosaic's, the summary is
// mosaicSummaryLine, the detail says why, the flagged boxes are drawn, and
// the minimum visibility judges the samples again.
void TestAuditWindow::mosaicDumpOpened()
{
    QTemporaryDir dir;
    const QString dump = dir.filePath("mosaic");
    md::writeDump(dump.toStdString(), mosaicSamples());
    const MosaicDump read = readMosaicDump(dump.toStdString());
    const MosaicReport expected = auditMosaic(read);
    QCOMPARE(expected.agree, 1);
    QCOMPARE(expected.samples[1].cause, std::string("label-not-there"));
    QCOMPARE(expected.samples[2].cause, std::string("tile-box-not-moved"));

    AuditWindow* aw = w_->auditWindow();
    aw->show();
    QVERIFY(QTest::qWaitForWindowExposed(aw));
    AuditModel* am = aw->model();
    QSignalSpy reports(am, &AuditModel::reportChanged);
    QSignalSpy errors(am, &AuditModel::errorOccurred);
    am->open(dump);
    QVERIFY(named<QProgressBar>(aw, "auditProgress")->isVisible());
    QVERIFY(reports.wait(60000));
    QCOMPARE(errors.count(), 0);
    QVERIFY(am->isMosaic());
    QCOMPARE(am->count(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(am->verdict(i), expected.samples[std::size_t(i)].verdict);
        QCOMPARE(am->cause(i), expected.samples[std::size_t(i)].cause);
    }
    QCOMPARE(aw->summaryLabel()->text(), dump + ": " + QString::fromStdString(mosaicSummaryLine(expected)));
    QVERIFY(aw->messageLabel()->text().isEmpty());
    QCOMPARE(aw->windowTitle(), QString("Audit of Mosaic samples"));
    // The first flagged sample is selected and explained.
    QCOMPARE(aw->tiles()->selected(), 1);
    const QString sliverText = aw->detailLabel()->text();
    QVERIFY2(
        sliverText.contains("label-not-there") &&
            sliverText.contains(QString::fromStdString(phraseText(expected.samples[1].explanation)).toHtmlEscaped()),
        qPrintable(sliverText));
    // The targets' options do not apply to a dump without targets.
    QVERIFY(!named<QDoubleSpinBox>(aw, "tolerance")->isEnabled());
    QVERIFY(!named<QComboBox>(aw, "lamRule")->isEnabled());
    // The detail draws the flagged box in the flagged colour; the honest sample has none.
    auto* detail = aw->findChild<AuditDetail*>();
    QVERIFY(detail);
    const QColor flaggedColour(214, 120, 0);
    QTest::mouseClick(aw->tiles(), Qt::LeftButton, Qt::NoModifier, aw->tiles()->tileCentre(2));
    QCOMPARE(aw->tiles()->selected(), 2);
    QVERIFY2(aw->detailLabel()->text().contains("tile-box-not-moved") &&
                 aw->detailLabel()->text().contains("not moved with its tile"),
             qPrintable(aw->detailLabel()->text()));
    QVERIFY(pixelsOf(detail, flaggedColour) > 50);
    QTest::mouseClick(aw->tiles(), Qt::LeftButton, Qt::NoModifier, aw->tiles()->tileCentre(0));
    QCOMPARE(aw->tiles()->selected(), 0);
    QVERIFY(aw->detailLabel()->text().contains("agree"));
    QCOMPARE(pixelsOf(detail, flaggedColour), 0);
    // At 4 % the sliver is visible enough: judged again at once, as auditMosaic judges it.
    const int before = reports.count();
    named<QDoubleSpinBox>(aw, "minVisibility")->setValue(0.04);
    QCOMPARE(reports.count(), before + 1);
    const MosaicReport loose = auditMosaic(read, 0.04);
    QCOMPARE(loose.samples[1].verdict, Verdict::Agree);
    QCOMPARE(am->mosaicReport().minVisibility, 0.04);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(am->verdict(i), loose.samples[std::size_t(i)].verdict);
        QCOMPARE(am->cause(i), loose.samples[std::size_t(i)].cause);
    }
    QCOMPARE(aw->summaryLabel()->text(), dump + ": " + QString::fromStdString(mosaicSummaryLine(loose)));
    // A batch dump after it: the targets' options are back.
    QTemporaryDir batchDir;
    const BatchInput in = patternBatchInput(4);
    const MixedBatch mixed = mixBatchInput(in, recipeDefaults(recipeNamed("timm")), {0, 0});
    dumpBatch(batchDir.filePath("dump").toStdString(), in, mixed);
    QVERIFY(am->openNow(batchDir.filePath("dump")));
    QVERIFY(!am->isMosaic());
    QVERIFY(named<QDoubleSpinBox>(aw, "tolerance")->isEnabled());
    QCOMPARE(am->count(), 4);
}

// A Mosaic dump in a watched run: the step says what it is and how to open
// it; the timeline goes on.
void TestAuditWindow::watchingAMosaicDump()
{
    QTemporaryDir dir;
    const QString runs = dir.filePath("run");
    AuditWindow* aw = watchingEmpty(runs);
    QVERIFY(aw);
    AuditWatch* watch = aw->watcher();
    QSignalSpy audited(watch, &AuditWatch::stepAudited);
    const QString hidden = runs + "/.000000.part-1";
    md::writeDump(hidden.toStdString(), mosaicSamples());
    QVERIFY(QDir().rename(hidden, runs + "/000000"));
    QVERIFY(audited.wait(60000));
    const WatchStep& step = watch->steps()[0];
    QCOMPARE(step.state, WatchStep::State::Failed);
    QVERIFY2(step.error.text().contains("watching follows batch dumps only"), qPrintable(step.error.text()));
    QListWidget* timeline = named<QListWidget>(aw, "timeline");
    QCOMPARE(timeline->item(0)->toolTip(), step.error.text());
}

QTEST_MAIN(TestAuditWindow)
#include "tst_auditwindow.moc"
