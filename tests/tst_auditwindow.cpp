// The audit view of a batch dump, driven through its widgets: opened in the
// background, the lam rule, and watching a folder of step dumps.
#include "auditwatch.h"
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

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

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
    QVERIFY(QDir().mkpath(runs));
    AuditWindow* aw = w_->auditWindow();
    aw->show();
    QVERIFY(aw->watch(runs));
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

QTEST_MAIN(TestAuditWindow)
#include "tst_auditwindow.moc"
