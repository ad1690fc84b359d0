// The audit view of a batch dump, driven through its widgets.
#include "uitest.h"

using namespace cutmix::uitest;

class TestAuditWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void auditViewOfADump();

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

void TestAuditWindow::init()
{
    w_ = new MainWindow(MainWindow::Options{false});
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
    QVERIFY(am->open(dump));
    QVERIFY(am->hasReport());
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
    // A wider tolerance re-runs the audit; the wrong classes stay wrong.
    named<QDoubleSpinBox>(aw, "tolerance")->setValue(0.05);
    QCOMPARE(am->options().tolerance, 0.05);
    QVERIFY(am->report().summary.flagged > 0);
    // A folder that is not a dump: the report stays, the message names the file.
    QSignalSpy errors(am, &AuditModel::errorOccurred);
    QVERIFY(!am->open(dir.filePath("nothing")));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains("nothing"));
    QVERIFY(am->hasReport());
}

QTEST_MAIN(TestAuditWindow)
#include "tst_auditwindow.moc"
