// The batch view driven through its widgets: recipes, tiles, the target
// matrix, and opening an element in the pair view.
#include "uitest.h"

#include <QDirIterator>

using namespace cutmix::uitest;

class TestBatchWindow : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void batchViewThroughTheWidgets();
    void batchViewFromADataset();
    void batchViewJudgesBoxesByTheRule();
    void detectionDatasetInTheBatchView();
    void aNewPairStartsClean();

private:
    // The batch view on timm, seed 3, 224x224, with the pair view's box rule
    // Albumentations at min visibility 0.4.
    BatchWindow* timmJudgedByAlbumentations();
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

void TestBatchWindow::init()
{
    w_ = new MainWindow(MainWindow::Options{false, {}});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestBatchWindow::cleanup()
{
    delete w_;
    w_ = nullptr;
}

BatchWindow* TestBatchWindow::timmJudgedByAlbumentations()
{
    m_->setKeepRule(keepRuleNamed("albumentations"));
    m_->setKeepValue(Setting::MinVisibility, {0.4});
    BatchWindow* bw = w_->batchWindow();
    named<QComboBox>(bw, "recipe")->setCurrentIndex(named<QComboBox>(bw, "recipe")->findText("timm"));
    bw->model()->setSeed(3);
    bw->model()->setSize({224, 224});
    return bw;
}

void TestBatchWindow::batchViewThroughTheWidgets()
{
    BatchWindow* bw = w_->batchWindow();
    bw->show();
    QVERIFY(QTest::qWaitForWindowExposed(bw));
    BatchModel* bm = bw->model();
    QVERIFY(bm->hasBatch());
    QCOMPARE(bm->mixed().draw.n, 6);
    QCOMPARE(bm->mixed().draw.pixelRule, PartnerRule::Flip);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(bm->mixed().draw.elements[std::size_t(i)].partner, 5 - i);

    // torchvision: roll(1), one lam for the batch, no smoothing.
    named<QComboBox>(bw, "recipe")->setCurrentIndex(named<QComboBox>(bw, "recipe")->findText("torchvision"));
    QCOMPARE(bm->settings().recipe->name, std::string_view("torchvision"));
    // The rows torchvision does not read are not shown.
    QVERIFY(named<QDoubleSpinBox>(bw, "prob")->isHidden());
    QVERIFY(named<QDoubleSpinBox>(bw, "smoothing")->isHidden());
    QVERIFY(named<QComboBox>(bw, "mode")->isHidden());
    QVERIFY(!named<QDoubleSpinBox>(bw, "mixup_alpha")->isHidden());
    for (int i = 0; i < 6; ++i) {
        const BatchElement& e = bm->mixed().draw.elements[std::size_t(i)];
        QCOMPARE(e.partner, (i + 5) % 6);
        QCOMPARE(e.lam, bm->mixed().draw.elements[0].lam);
    }
    // Targets are the formula's, shown in the matrix's hover text.
    const render::BatchPicture& pic = bm->picture();
    const QString hover = bw->matrix()->cellText(1, pic.classes[1]);
    QVERIFY2(hover.contains(
                 QString::fromStdString(formatExact(pic.targets[std::size_t(1 * pic.numClasses() + pic.classes[1])]))),
             qPrintable(hover));

    // A click on tile 3 shows element 3 and its partner in the pair view with the element's draw.
    bw->resize(1280, 860);
    QApplication::processEvents();
    const BatchElement e3 = bm->mixed().draw.elements[3];
    const cv::Mat after3 = bm->mixed().after[3].clone();
    QSignalSpy activated(bw, &BatchWindow::elementActivated);
    QTest::mouseClick(bw->tiles(), Qt::LeftButton, Qt::NoModifier, bw->tiles()->tileCentre(3));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toInt(), 3);
    QCOMPARE(m_->params().seed, e3.draw.params.seed);
    QCOMPARE(m_->params().index, e3.draw.params.index);
    QCOMPARE(m_->draw().weights.at(0), e3.lam);
    if (e3.draw.method().isConvention())
        QCOMPARE(m_->draw().geometry.box, e3.draw.geometry.box);
    QCOMPARE(cv::norm(m_->mixed(), after3, cv::NORM_INF), 0.0);
    QCOMPARE(m_->labelA(), QString::fromStdString(pic.classNames[std::size_t(pic.classes[3])]));
    QVERIFY(bw->detailLabel()->text().contains("#3"));

    // Space: the next batch of the run, and back.
    const double lam0 = bm->mixed().draw.elements[0].lam;
    bw->activateWindow();
    bw->newDrawAction()->trigger();
    QCOMPARE(bm->settings().batch, std::uint64_t(1));
    QVERIFY(bm->mixed().draw.elements[0].lam != lam0);
    bm->back();
    QCOMPARE(bm->mixed().draw.elements[0].lam, lam0);

    // An override of the pixels' partner marks the mismatches.
    named<QComboBox>(bw, "recipe")->setCurrentIndex(named<QComboBox>(bw, "recipe")->findText("timm"));
    named<QComboBox>(bw, "partner")->setCurrentIndex(named<QComboBox>(bw, "partner")->findText("perm"));
    QCOMPARE(bm->mixed().draw.pixelRule, PartnerRule::Perm);
    QCOMPARE(bm->mixed().draw.labelRule, PartnerRule::Flip);
    bool marked = false;
    for (int i = 0; i < 6; ++i)
        marked = marked || render::tileWarns(bm->picture(), i);
    QVERIFY(marked);
    // A mismatched element in the pair view: B carries the class the target
    // names, and the batch view says whose pixels and whose label.
    for (int i = 0; i < 6; ++i) {
        const BatchElement& e = bm->mixed().draw.elements[std::size_t(i)];
        if (!e.mismatch())
            continue;
        const QString labelClass =
            QString::fromStdString(pic.classNames[std::size_t(bm->picture().classes[std::size_t(e.labelPartner)])]);
        QTest::mouseClick(bw->tiles(), Qt::LeftButton, Qt::NoModifier, bw->tiles()->tileCentre(i));
        QCOMPARE(m_->labelB(), labelClass);
        QVERIFY2(bw->findChild<QLabel*>("batchMessage")->text().contains(QString("class of #%1").arg(e.labelPartner)),
                 qPrintable(bw->findChild<QLabel*>("batchMessage")->text()));
        break;
    }
    // Every caption is whole, "label from #" included: the detail breaks
    // between words instead of ending in "...".
    bool labelFrom = false;
    for (int i = 0; i < 6; ++i) {
        const QStringList caption = bw->tiles()->caption(i);
        QCOMPARE(caption.mid(1).join(' '), render::tileDetail(bm->picture(), i));
        QCOMPARE(caption.first(), render::tileTitle(bm->picture(), i));
        labelFrom = labelFrom || caption.join(' ').contains("label from #");
    }
    QVERIFY(labelFrom);

    // Five images under timm: explained, no batch; under torchvision the middle is fine.
    QVERIFY(bm->loadFiles({kCat, kCoffee, kCat, kCoffee, kCat}));
    QVERIFY(!bm->hasBatch());
    QVERIFY2(bw->summaryLabel()->text().contains("odd"), qPrintable(bw->summaryLabel()->text()));
    named<QComboBox>(bw, "recipe")->setCurrentIndex(named<QComboBox>(bw, "recipe")->findText("official"));
    QVERIFY(bm->hasBatch());
    // A file that cannot be read keeps the batch and names the file.
    QSignalSpy errors(bm, &BatchModel::errorOccurred);
    QVERIFY(!bm->loadFiles({kCat, CUTMIX_TEST_DATA "/truncated.jpg"}));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains("truncated.jpg"));
    QCOMPARE(bm->mixed().draw.n, 5);

    // Images with labels/<name>.txt beside them: their objects drawn on the
    // tiles, carried as `cutmix batch --boxes` carries them (keep-all), and
    // painted: the tile differs from the same batch without them.
    QVERIFY(bm->loadFiles({kCat, kCoffee, kRocket, kCat}));
    const render::BatchPicture& drawn = bm->picture();
    QVERIFY(drawn.hasObjects());
    QVERIFY(!bm->mixed().hasObjects()); // drawn only: a dump stays a classification batch
    BatchInput in =
        batchFromFiles({kCat.toStdString(), kCoffee.toStdString(), kRocket.toStdString(), kCat.toStdString()}, {}, 0);
    readBatchObjects(in,
                     {CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt",
                      CUTMIX_RESOURCES "/labels/rocket.txt", CUTMIX_RESOURCES "/labels/chelsea.txt"},
                     BoxFormat::Yolo);
    const MixedBatch cli = mixBatchInput(in, bm->settings(), Size{0, 0});
    QCOMPARE(drawn.objectsAfter.size(), cli.objectsAfter.size());
    for (std::size_t i = 0; i < cli.objectsAfter.size(); ++i) {
        QCOMPARE(drawn.objectsAfter[i].size(), cli.objectsAfter[i].size());
        for (std::size_t k = 0; k < cli.objectsAfter[i].size(); ++k)
            QCOMPARE(drawn.objectsAfter[i][k].box, cli.objectsAfter[i][k].box);
    }
    QCOMPARE(render::tileDetail(drawn, 1), render::tileDetail(render::batchPicture(in, cli), 1));
    QVERIFY2(render::tileDetail(drawn, 1).endsWith("; 4 of 4 boxes kept"), qPrintable(render::tileDetail(drawn, 1)));
    render::BatchPicture plain = drawn;
    plain.objectsBefore.clear();
    plain.objectsAfter.clear();
    QVERIFY(render::renderBatchSheet(drawn) != render::renderBatchSheet(plain));
}

void TestBatchWindow::batchViewFromADataset()
{
    QTemporaryDir dir;
    for (const char* cls : {"cats", "cups"})
        QVERIFY(QDir(dir.path()).mkpath(cls));
    QVERIFY(QFile::copy(kCat, dir.filePath("cats/a.png")));
    QVERIFY(QFile::copy(CUTMIX_RESOURCES "/horse.png", dir.filePath("cats/b.png")));
    QVERIFY(QFile::copy(kCoffee, dir.filePath("cups/c.png")));
    QVERIFY(QFile::copy(CUTMIX_RESOURCES "/rocket.jpg", dir.filePath("cups/d.jpg")));
    BatchWindow* bw = w_->batchWindow();
    BatchModel* bm = bw->model();
    QVERIFY(bm->loadDataset(dir.path(), 2));
    QCOMPARE(bm->mixed().draw.n, 2);
    // The batch size takes effect at once.
    named<QSpinBox>(bw, "datasetBatchSize")->setValue(4);
    QCOMPARE(bm->mixed().draw.n, 4);
    named<QSpinBox>(bw, "datasetBatchSize")->setValue(2);
    QCOMPARE(bm->mixed().draw.n, 2);
    QCOMPARE(bm->input().classNames, (std::vector<std::string>{"cats", "cups"}));
    // Batches 0 and 1 are the first epoch: all four images once.
    std::set<std::string> seen(bm->input().names.begin(), bm->input().names.end());
    bm->newDraw();
    seen.insert(bm->input().names.begin(), bm->input().names.end());
    QCOMPARE(seen.size(), std::size_t(4));
    // A size for the batch: every element at it.
    bm->setSize({64, 48});
    QCOMPARE(bm->mixed().before[0].cols, 64);
    QCOMPARE(bm->mixed().after[1].rows, 48);
}

// The batch view judges a detection batch's boxes by the objects panel's
// rule and thresholds (read from the pair view's model), as `cutmix batch
// --boxes --box-rule` does: its objects, written by the dump's writer, are
// the CLI's dump byte for byte, and the summary counts the kept ones.
void TestBatchWindow::batchViewJudgesBoxesByTheRule()
{
    // Four images named a..d (four classes) with labels/<name>.txt beside
    // them, their objects of classes 0..3 (a dump's boxes are the batch's classes).
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("labels"));
    const QStringList images{dir.filePath("a.png"), dir.filePath("b.png"), dir.filePath("c.jpg"),
                             dir.filePath("d.png")};
    QVERIFY(QFile::copy(kCat, images[0]));
    QVERIFY(QFile::copy(kCoffee, images[1]));
    QVERIFY(QFile::copy(kRocket, images[2]));
    QVERIFY(QFile::copy(CUTMIX_RESOURCES "/horse.png", images[3]));
    const std::map<QString, QByteArray> labels{
        {"a", "0 0.441242 0.500000 0.882483 1.000000\n"},
        {"b", "1 0.485000 0.405000 0.396667 0.720000\n2 0.463333 0.575000 0.673333 0.800000\n"
              "3 0.625000 0.490000 0.166667 0.655000\n"},
        {"c", "2 0.503125 0.625293 0.053125 0.660422\n"},
        {"d", "3 0.508750 0.487805 0.932500 0.926829\n"}};
    QStringList boxFiles;
    for (const auto& [name, text] : labels) {
        QFile f(dir.filePath("labels/" + name + ".txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        boxFiles << f.fileName();
    }

    BatchWindow* bw = timmJudgedByAlbumentations();
    BatchModel* bm = bw->model();
    QVERIFY(bm->loadFiles(images));
    QVERIFY(bm->hasBatch());
    QCOMPARE(bm->boxRule().rule->name, std::string_view("albumentations"));
    QVERIFY(!bm->mixed().hasObjects()); // what the view hands on stays a classification batch

    const QString viewDump = dir.filePath("view");
    dumpBatch(viewDump.toStdString(), bm->input(), bm->detectionBatch());
    const QString cliDump = dir.filePath("cli");
    const CliRun cli = runCli(QStringList{"batch"} + images +
                              QStringList{"--recipe", "timm", "--seed", "3", "--size", "224x224", "--box-rule",
                                          "albumentations", "--min-visibility", "0.4", "--dump", cliDump, "--boxes"} +
                              boxFiles);
    QVERIFY2(cli.code == 0, qPrintable(cli.err));
    QVERIFY(QFile::exists(cliDump + "/boxes_after/001.txt"));
    QVERIFY(sameFiles(viewDump, cliDump));

    // The rule drops some boxes here, and the summary says how many, as the CLI's does.
    const QRegularExpressionMatch counted =
        QRegularExpression("objects: (\\d+) of (\\d+) kept after the mix \\(albumentations rule").match(cli.out);
    QVERIFY2(counted.hasMatch(), qPrintable(cli.out));
    QVERIFY(counted.captured(1).toInt() < counted.captured(2).toInt());
    const QString said = QString("%1 of %2 boxes kept (Albumentations)").arg(counted.captured(1), counted.captured(2));
    QVERIFY2(bm->summary().endsWith(said), qPrintable(bm->summary()));
    QVERIFY2(bw->summaryLabel()->text().endsWith(said), qPrintable(bw->summaryLabel()->text()));

    // Another rule in the objects panel: the batch is judged again.
    m_->setKeepRule(keepRuleNamed("all"));
    QCOMPARE(bm->boxRule().rule->name, std::string_view("all"));
    QVERIFY2(bm->summary().endsWith(QString("%1 of %1 boxes kept (Keep all)").arg(counted.captured(2))),
             qPrintable(bm->summary()));
}

void TestBatchWindow::detectionDatasetInTheBatchView()
{
    // The same dataset in the YOLO layout and as the COCO export writes it.
    QTemporaryDir dir;
    const QString yolo = dir.filePath("yolo"), coco = dir.filePath("coco");
    QVERIFY(writeBundledDetectionDataset(yolo));
    const CliRun exported = runCli({"export", yolo, "-o", coco, "--task", "detect", "--box-format", "coco", "--count",
                                    "4", "--size", "160x120", "--quiet"});
    QVERIFY2(exported.code == 0, qPrintable(exported.err));

    BatchWindow* bw = timmJudgedByAlbumentations();
    BatchModel* bm = bw->model();
    QSignalSpy errors(bm, &BatchModel::errorOccurred);
    for (const QString& data : {yolo, coco}) {
        QVERIFY(bm->loadDataset(data, 2));
        QVERIFY2(bm->hasBatch(), qPrintable(bm->problem()));
        QVERIFY2(bm->sourceText().contains(data == yolo ? "YOLO labels" : "annotations.json"),
                 qPrintable(bm->sourceText()));
        // Two batches of the run: the dataset's order goes on across them.
        for (int batch = 0; batch < 2; ++batch) {
            if (batch == 1 && data == yolo)
                bm->newDraw(); // Space
            else if (batch == 1)
                bm->forward(); // Alt+Right, after back() below
            QCOMPARE(bm->settings().batch, std::uint64_t(batch));
            QVERIFY(!bm->detectionBatch().objectsAfter.empty());
            const QString viewDump = dir.filePath(QString("view%1").arg(batch)),
                          cliDump = dir.filePath(QString("cli%1").arg(batch));
            dumpBatch(viewDump.toStdString(), bm->input(), bm->detectionBatch());
            const CliRun cli = runCli({"batch", "--dataset", data, "--batch-size", "2", "--batch",
                                       QString::number(batch), "--recipe", "timm", "--seed", "3", "--size", "224x224",
                                       "--box-rule", "albumentations", "--min-visibility", "0.4", "--dump", cliDump});
            QVERIFY2(cli.code == 0, qPrintable(cli.err));
            QVERIFY(QFile::exists(cliDump + "/boxes_after/000.txt"));
            QVERIFY(sameFiles(viewDump, cliDump));
            QVERIFY(QDir(viewDump).removeRecursively() && QDir(cliDump).removeRecursively());
        }
        bm->back(); // batch 0 again, for the next dataset
        QCOMPARE(bm->settings().batch, std::uint64_t(0));
    }
    QCOMPARE(errors.count(), 0);

    // A bad label file is refused when the dataset is opened, naming the
    // file and line, and the dataset on show stays.
    const QString bad = dir.filePath("bad");
    QVERIFY(writeBundledDetectionDataset(bad));
    QFile label(bad + "/labels/horse.txt");
    QVERIFY(label.open(QIODevice::Append));
    label.write("0 0.5 0.5 nan 0.2\n");
    label.close();
    const QString before = bm->sourceText();
    QVERIFY(!bm->loadDataset(bad, 2));
    QCOMPARE(errors.count(), 1);
    const QString said = errors.at(0).at(0).toString();
    QVERIFY2(said.contains("horse.txt':2: 'nan'"), qPrintable(said));
    QCOMPARE(bm->sourceText(), before);
    QVERIFY(bm->hasBatch());
}

namespace
{

// The percentages a label display shows ("75.0 %"), summed.
double shownSum(const QString& text)
{
    double sum = 0.0;
    QRegularExpressionMatchIterator it =
        QRegularExpression(QString("(\\d+\\.\\d+)%1%").arg(QChar(0x202F))).globalMatch(text);
    while (it.hasNext())
        sum += it.next().captured(1).toDouble();
    return sum;
}

} // namespace

void TestBatchWindow::aNewPairStartsClean()
{
    QVERIFY(m_->addSource(kCat));
    QCOMPARE(m_->sourceCount(), 3);
    const Params mine = m_->params();
    BatchWindow* bw = w_->batchWindow();
    bw->show();
    QVERIFY(QTest::qWaitForWindowExposed(bw));
    BatchModel* bm = bw->model();
    // timm's defaults smooth the label; the demo batch has six classes.
    named<QComboBox>(bw, "recipe")->setCurrentIndex(named<QComboBox>(bw, "recipe")->findText("timm"));
    int mixed = -1;
    for (int i = 0; i < bm->mixed().draw.n && mixed < 0; ++i)
        if (bm->mixed().draw.elements[std::size_t(i)].mixed)
            mixed = i;
    QVERIFY(mixed >= 0);
    QTest::mouseClick(bw->tiles(), Qt::LeftButton, Qt::NoModifier, bw->tiles()->tileCentre(mixed));
    QCOMPARE(m_->params().numClasses, 6);
    QVERIFY(m_->params().smoothing > 0);
    QCOMPARE(m_->sourceCount(), 2);
    // Four classes no image names share the smoothing: every label display
    // sums to 100 %.
    QVERIFY2(std::abs(shownSum(summaryLine(*m_)) - 100.0) <= 0.15, qPrintable(summaryLine(*m_)));
    const QStringList lines = presentationLines(*m_);
    const QString label = lines.mid(int(lines.indexOf(QString())) + 1).join('\n');
    QVERIFY2(std::abs(shownSum(label) - 100.0) <= 0.15, qPrintable(label));
    QVERIFY(label.contains("others"));

    // Open the demo pair: the batch element's parameters leave with it.
    QAction* demo = nullptr;
    for (QAction* a : w_->findChildren<QAction*>())
        if (a->text().remove('&') == "Open the demo pair")
            demo = a;
    QVERIFY(demo);
    demo->trigger();
    QCOMPARE(m_->params().numClasses, mine.numClasses);
    QCOMPARE(m_->params().smoothing, mine.smoothing);
    QCOMPARE(m_->params().method, mine.method);
    QCOMPARE(m_->params().alpha, mine.alpha);
    QCOMPARE(m_->params().seed, mine.seed);

    // A new pair starts with A and B only.
    QVERIFY(m_->addSource(kCat));
    QCOMPARE(m_->sourceCount(), 3);
    QVERIFY(m_->loadPair(kCat, kCoffee));
    QCOMPARE(m_->sourceCount(), 2);
    // Replacing only B keeps the sources.
    QVERIFY(m_->addSource(kCat));
    QVERIFY(m_->loadB(MainWindow::demoPathB()));
    QCOMPARE(m_->sourceCount(), 3);
}

QTEST_MAIN(TestBatchWindow)
#include "tst_batchwindow.moc"
