// The audit: dumps made by test code for every cause it names, for CutMix
// with clipped and unclipped boxes, MixUp, FMix masks, unchanged elements,
// odd batches with a self-mix, 16-bit and single-channel images; correct
// batches pass; malformed folders are refused with the reason.
#include "audit.h"
#include "batch.h"
#include "batchio.h"
#include "clirun.h"
#include "error.h"
#include "format.h"
#include "imageio.h"
#include "labels.h"
#include "method.h"
#include "mixer.h"
#include "testutil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cutmix;
namespace fs = std::filesystem;

namespace
{

// A batch as test code mixes it: each element's own weight as the pixels
// give it, and the targets the pipeline under test would write.
struct TestBatch {
    std::vector<cv::Mat> before, after;
    std::vector<int> labels;
    std::vector<std::vector<double>> targets;
    int k = 0;
};

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream(p) << text;
}

void writeDump(const fs::path& dir, const TestBatch& b, const std::string& ext = ".png")
{
    fs::create_directories(dir / "before");
    fs::create_directories(dir / "after");
    std::string labels = "index,label\n", targets = "index";
    for (int c = 0; c < b.k; ++c)
        targets += ",c" + std::to_string(c);
    targets += "\n";
    for (std::size_t i = 0; i < b.before.size(); ++i) {
        const std::string name = "img" + std::to_string(100 + i) + ext;
        cv::imwrite((dir / "before" / name).string(), b.before[i]);
        cv::imwrite((dir / "after" / name).string(), b.after[i]);
        labels += std::to_string(i) + "," + std::to_string(b.labels[i]) + "\n";
        targets += std::to_string(i);
        for (double v : b.targets[i]) {
            targets += ',';
            targets += formatExact(v);
        }
        targets += "\n";
    }
    writeText(dir / "labels.csv", labels);
    writeText(dir / "targets.csv", targets);
}

std::vector<double> target(int k, int own, int other, double w, double s)
{
    return mixedLabel(k, {own, other}, {w, 1.0 - w}, s);
}

// A CutMix batch with timm's flip at these lams (box centres from the seed),
// the targets as a correct pipeline writes them.
TestBatch cutmixBatch(int n, Size size, int type, const Method& m, double smoothing, std::uint64_t seed,
                      bool correct = true)
{
    TestBatch b;
    b.k = n;
    for (int i = 0; i < n; ++i) {
        b.before.push_back(patternImage(size.height, size.width, type, i + 1));
        b.labels.push_back(i);
    }
    for (int i = 0; i < n; ++i) {
        Params p;
        p.method = &m;
        p.seed = seed;
        p.index = std::uint64_t(i);
        p.correctLam = correct;
        const Draw d = sampleDraw(p, size, size);
        const int j = n - 1 - i;
        b.after.push_back(mixPair(b.before[std::size_t(i)], b.before[std::size_t(j)], d));
        b.targets.push_back(target(n, i, j, d.weights.at(0), smoothing));
    }
    return b;
}

AuditReport auditOf(const QTemporaryDir& dir, const TestBatch& b, AuditOptions o = {})
{
    const fs::path d = fs::path(dir.path().toStdString()) / "dump";
    fs::remove_all(d);
    writeDump(d, b);
    return auditDump(readDump(d), o);
}

int count(const AuditReport& r, const std::string& cause)
{
    int c = 0;
    for (const ElementAudit& e : r.elements)
        c += e.cause == cause;
    return c;
}

QString describe(const AuditReport& r)
{
    return QString::fromStdString(auditTable(r));
}

} // namespace

class TestAudit : public QObject
{
    Q_OBJECT

private slots:
    void correctBatchesAgree()
    {
        QTemporaryDir dir;
        // Every recipe and mode through cutmix batch's own dump: a round trip.
        for (const Recipe& r : recipes())
            for (BatchMode m : {BatchMode::Batch, BatchMode::Elem})
                for (std::uint64_t batch : {0u, 1u, 2u}) {
                    const int n = r.name == "timm" ? 6 : 5;
                    const BatchInput in = patternBatchInput(n);
                    BatchSettings s = recipeDefaults(r);
                    s.mode = m;
                    s.batch = batch;
                    const MixedBatch mixed = mixBatchInput(in, s, {0, 0});
                    const fs::path d = fs::path(dir.path().toStdString()) /
                                       ("rt" + std::string(r.name) + std::to_string(int(m)) + std::to_string(batch));
                    dumpBatch(d, in, mixed);
                    const AuditReport rep = auditDump(readDump(d));
                    QVERIFY2(rep.summary.agree == n, qPrintable(describe(rep)));
                    QCOMPARE(rep.summary.smoothing, s.recipe->targetSmoothing(s));
                    for (int i = 0; i < n; ++i) {
                        const BatchElement& e = mixed.draw.elements[std::size_t(i)];
                        const ElementAudit& a = rep.elements[std::size_t(i)];
                        if (!e.mixed || e.mixedWithItself()) {
                            QCOMPARE(a.method, AuditMethod::None);
                            continue;
                        }
                        QCOMPARE(a.partner.value(), e.partner);
                        QVERIFY(a.shareLo <= e.draw.lamAdj + 1e-9 && e.draw.lamAdj <= a.shareHi + 1e-9);
                        QCOMPARE(a.method, e.draw.method().isConvention() ? AuditMethod::CutMix : AuditMethod::MixUp);
                    }
                    const char* rule = r.name == "timm" ? "flip" : r.name == "torchvision" ? "roll" : "";
                    if (*rule)
                        QCOMPARE(QString::fromStdString(rep.summary.partnerRule), QString(rule));
                }
    }

    void clippedAndUnclippedBoxes()
    {
        QTemporaryDir dir;
        const TestBatch b = cutmixBatch(8, {64, 48}, CV_8UC3, methodNamed("official"), 0.1, 3);
        const AuditReport r = auditOf(dir, b);
        QVERIFY2(r.summary.agree == 8, qPrintable(describe(r)));
        int clipped = 0, exact = 0;
        for (const ElementAudit& e : r.elements) {
            QCOMPARE(e.method, AuditMethod::CutMix);
            QVERIFY(e.rectangle);
            clipped += e.touchesBorder;
            exact += e.shareLo == e.shareHi;
        }
        QVERIFY(clipped > 0 && clipped < 8); // both kinds are in the batch
        QVERIFY(exact > 0);                  // distinct pattern images: nothing ambiguous
        QVERIFY(r.summary.smoothingInferred);
        QCOMPARE(r.summary.smoothing, 0.1);
    }

    void uncorrectedLam()
    {
        QTemporaryDir dir;
        // The drawn lam reported for the clipped box: every clipped element flagged, named.
        const TestBatch b = cutmixBatch(8, {64, 48}, CV_8UC3, methodNamed("official"), 0.0, 3, false);
        const AuditReport r = auditOf(dir, b);
        int clipped = 0;
        for (const ElementAudit& e : r.elements)
            if (e.touchesBorder) {
                ++clipped;
                QCOMPARE(e.verdict, Verdict::Flagged);
                QCOMPARE(QString::fromStdString(e.cause), QString("uncorrected-lam"));
            }
        QVERIFY(clipped > 0);
        QCOMPARE(r.summary.agree + count(r, "uncorrected-lam"), 8);
    }

    void weightsSwappedAndMixupInverted()
    {
        QTemporaryDir dir;
        TestBatch b = cutmixBatch(6, {64, 48}, CV_8UC3, methodNamed("official"), 0.1, 5);
        for (int i = 0; i < 6; ++i) {
            const auto& t = b.targets[std::size_t(i)];
            // Swap the two weights: own <-> partner.
            std::swap(b.targets[std::size_t(i)][std::size_t(i)], b.targets[std::size_t(i)][std::size_t(5 - i)]);
            (void)t;
        }
        AuditReport r = auditOf(dir, b, AuditOptions{1e-3, 0.1});
        for (const ElementAudit& e : r.elements)
            if (std::abs(e.shareLo - 0.5) > 0.01) // at 0.5 both ways agree
                QCOMPARE(QString::fromStdString(e.cause), QString("weights-swapped"));
        QVERIFY(count(r, "weights-swapped") >= 4);

        // MixUp with the label weights inverted.
        TestBatch m;
        m.k = 6;
        const Method& mixup = methodNamed("mixup");
        for (int i = 0; i < 6; ++i) {
            m.before.push_back(patternImage(32, 40, CV_8UC3, i + 1));
            m.labels.push_back(i);
        }
        for (int i = 0; i < 6; ++i) {
            Params p;
            p.method = &mixup;
            p.seed = 9;
            p.index = std::uint64_t(i);
            const Draw d = sampleDraw(p, {40, 32}, {40, 32});
            m.after.push_back(mixPair(m.before[std::size_t(i)], m.before[std::size_t(5 - i)], d));
            m.targets.push_back(target(6, i, 5 - i, 1.0 - d.lam, 0.0));
        }
        r = auditOf(dir, m, AuditOptions{1e-3, 0.0});
        for (const ElementAudit& e : r.elements) {
            QCOMPARE(e.method, AuditMethod::MixUp);
            if (std::abs(e.shareLo - 0.5) > 0.01)
                QCOMPARE(QString::fromStdString(e.cause), QString("mixup-lam-inverted"));
        }
        QVERIFY(count(r, "mixup-lam-inverted") >= 4);
    }

    void partnerMismatch()
    {
        QTemporaryDir dir;
        // Pixels flipped, labels rolled: what cutmix batch --partner roll writes.
        const BatchInput in = patternBatchInput(6);
        BatchSettings s = recipeDefaults(recipeNamed("torchvision"));
        s.partner = PartnerRule::Flip;
        const MixedBatch mixed = mixBatchInput(in, s, {0, 0});
        const fs::path d = fs::path(dir.path().toStdString()) / "mismatch";
        dumpBatch(d, in, mixed);
        const AuditReport r = auditDump(readDump(d));
        QCOMPARE(QString::fromStdString(r.summary.partnerRule), QString("flip")); // from the pixels
        for (int i = 0; i < 6; ++i) {
            const BatchElement& e = mixed.draw.elements[std::size_t(i)];
            const ElementAudit& a = r.elements[std::size_t(i)];
            if (e.mismatch()) {
                QVERIFY2(a.cause == "partner-mismatch", qPrintable(describe(r)));
                QCOMPARE(a.labelPartner.value(), e.labelPartner);
            } else {
                QCOMPARE(a.verdict, Verdict::Agree);
            }
        }
        QVERIFY(count(r, "partner-mismatch") >= 4);
    }

    void doubleSmoothing()
    {
        QTemporaryDir dir;
        TestBatch b = cutmixBatch(6, {64, 48}, CV_8UC3, methodNamed("official"), 0.0, 7);
        const double s = 0.1, twice = 1.0 - (1.0 - s) * (1.0 - s);
        for (int i = 0; i < 6; ++i) {
            const Draw d = [&] {
                Params p;
                p.seed = 7;
                p.index = std::uint64_t(i);
                return sampleDraw(p, {64, 48}, {64, 48});
            }();
            b.targets[std::size_t(i)] = target(6, i, 5 - i, d.weights.at(0), twice);
        }
        AuditReport r = auditOf(dir, b, AuditOptions{1e-3, s});
        QVERIFY2(count(r, "double-smoothing") == 6, qPrintable(describe(r)));
        // Without --smoothing the smoothing is inferred (as the twice-applied value) and all agree.
        r = auditOf(dir, b);
        QCOMPARE(r.summary.agree, 6);
        QVERIFY(std::abs(r.summary.smoothing - twice) < 1e-9);
    }

    void masksUnchangedAndSelfMixes()
    {
        QTemporaryDir dir;
        // FMix: a mask, not a rectangle; the target from the mask's count.
        const TestBatch f = cutmixBatch(4, {48, 40}, CV_8UC3, methodNamed("fmix"), 0.0, 2);
        AuditReport r = auditOf(dir, f);
        QVERIFY2(r.summary.agree == 4, qPrintable(describe(r)));
        for (const ElementAudit& e : r.elements) {
            QCOMPARE(e.method, AuditMethod::Mask);
            QVERIFY(!e.rectangle);
        }
        // Unchanged elements, and an odd flipped batch whose middle mixes with itself.
        TestBatch u = cutmixBatch(5, {48, 40}, CV_8UC3, methodNamed("official"), 0.1, 4);
        u.after[2] = u.before[2].clone();
        u.targets[2] = target(5, 2, 2, 1.0, 0.1);
        u.after[0] = u.before[0].clone();
        u.targets[0] = target(5, 0, 0, 1.0, 0.1);
        r = auditOf(dir, u);
        QVERIFY2(r.summary.agree == 5, qPrintable(describe(r)));
        QCOMPARE(r.elements[2].method, AuditMethod::None);
        QVERIFY(!r.elements[2].partner);
        // An unchanged image whose target is mixed is flagged.
        u.targets[0] = target(5, 0, 4, 0.7, 0.1);
        r = auditOf(dir, u);
        QCOMPARE(r.elements[0].verdict, Verdict::Flagged);
    }

    void sixteenBitAndGray()
    {
        QTemporaryDir dir;
        for (int type : {CV_16UC1, CV_8UC1, CV_16UC3}) {
            const TestBatch b = cutmixBatch(4, {40, 30}, type, methodNamed("official"), 0.0, 6);
            const AuditReport r = auditOf(dir, b);
            QVERIFY2(r.summary.agree == 4, qPrintable(describe(r)));
        }
        // MixUp on 16-bit gray images.
        TestBatch m;
        m.k = 4;
        for (int i = 0; i < 4; ++i) {
            m.before.push_back(patternImage(30, 40, CV_16UC1, i + 1));
            m.labels.push_back(i);
        }
        for (int i = 0; i < 4; ++i) {
            Params p;
            p.method = &methodNamed("mixup");
            p.seed = 1;
            p.index = std::uint64_t(i);
            const Draw d = sampleDraw(p, {40, 30}, {40, 30});
            m.after.push_back(mixPair(m.before[std::size_t(i)], m.before[std::size_t(3 - i)], d));
            m.targets.push_back(target(4, i, 3 - i, d.lam, 0.0));
        }
        const AuditReport r = auditOf(dir, m);
        QVERIFY2(r.summary.agree == 4, qPrintable(describe(r)));
        for (const ElementAudit& e : r.elements)
            QVERIFY(e.shareHi - e.shareLo < 1e-3);
    }

    void otherTransformsAreUnexplained()
    {
        QTemporaryDir dir;
        TestBatch b = cutmixBatch(4, {48, 40}, CV_8UC3, methodNamed("official"), 0.0, 8);
        cv::flip(b.after[1], b.after[1], 1); // a horizontal flip after mixing
        b.after[2] += cv::Scalar(3, 3, 3);   // brightness after mixing
        const AuditReport r = auditOf(dir, b);
        QCOMPARE(r.elements[1].verdict, Verdict::Unexplained);
        QCOMPARE(r.elements[2].verdict, Verdict::Unexplained);
        QVERIFY(QString::fromStdString(r.elements[1].explanation).contains("other transforms"));
        QCOMPARE(r.summary.agree, 2);
        const nlohmann::json j = auditJson(r);
        QCOMPARE(j["elements"][1]["verdict"].get<std::string>(), std::string("unexplained"));
        QVERIFY(j["elements"][2]["cause"].is_null());
        QCOMPARE(j["summary"]["unexplained"].get<int>(), 2);
    }

    void malformedFolders()
    {
        QTemporaryDir dir;
        const TestBatch b = cutmixBatch(4, {32, 24}, CV_8UC3, methodNamed("official"), 0.0, 1);
        const fs::path root = dir.path().toStdString();
        auto fresh = [&](const std::string& name) {
            const fs::path d = root / name;
            writeDump(d, b);
            return d;
        };
        auto refused = [&](const fs::path& d, const QString& says) {
            try {
                readDump(d);
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains(says), e.what());
                return;
            }
            QFAIL(qPrintable("accepted: " + QString::fromStdString(d.string())));
        };
        refused(root / "nothing", "no such folder");
        fs::path d = fresh("missing-after");
        fs::remove(d / "after" / "img102.png");
        refused(d, "img102.png");
        d = fresh("renamed");
        fs::rename(d / "after" / "img103.png", d / "after" / "other.png");
        refused(d, "missing");
        d = fresh("size");
        cv::imwrite((d / "after" / "img101.png").string(), patternImage(20, 20, CV_8UC3, 1));
        refused(d, "sizes differ");
        d = fresh("columns");
        writeText(d / "targets.csv", "index,c0,c1,c2,c3\n0,1,0,0\n1,0,1,0,0\n2,0,0,1,0\n3,0,0,0,1\n");
        refused(d, "columns expected");
        d = fresh("rows");
        writeText(d / "labels.csv", "index,label\n0,0\n1,1\n");
        refused(d, "2 rows for 4 images");
        d = fresh("label");
        writeText(d / "labels.csv", "index,label\n0,0\n1,9\n2,2\n3,3\n");
        refused(d, "not a class index");
        d = fresh("header");
        writeText(d / "labels.csv", "i,l\n0,0\n1,1\n2,2\n3,3\n");
        refused(d, "index,label");
        d = fresh("classes");
        writeText(d / "classes.txt", "a\nb\n");
        refused(d, "2 names for 4");
        // Lossy JPEG dumps: refused with the reason.
        d = root / "jpeg";
        writeDump(d, b, ".jpg");
        refused(d, "lossy");
        // classes.txt, when right, names the classes.
        d = fresh("named");
        writeText(d / "classes.txt", "w\nx\ny\nz\n");
        QCOMPARE(readDump(d).classes, (std::vector<std::string>{"w", "x", "y", "z"}));
    }

    void commandLine()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        TestBatch b = cutmixBatch(4, {32, 24}, CV_8UC3, methodNamed("official"), 0.0, 1);
        writeDump(root / "good", b);
        auto run = [](const QStringList& args, QString* out = nullptr) {
            const CliRun r = runCli(args);
            if (out)
                *out = r.out + r.err;
            return r.code;
        };
        const QString json = QString::fromStdString((root / "r.json").string());
        QString out;
        QCOMPARE(run({"audit", QString::fromStdString((root / "good").string()), "--json", json}, &out), 0);
        QVERIFY2(out.contains("4 agree"), qPrintable(out));
        std::ifstream in(json.toStdString());
        const nlohmann::json j = nlohmann::json::parse(in);
        QCOMPARE(j["elements"].size(), std::size_t(4));
        for (const auto& e : j["elements"]) {
            for (const char* key : {"index", "partner", "method", "share_own", "target_own", "verdict", "cause"})
                QVERIFY2(e.contains(key), key);
            QCOMPARE(e["share_own"].size(), std::size_t(2));
        }
        std::swap(b.targets[0][0], b.targets[0][3]);
        writeDump(root / "bad", b);
        QCOMPARE(run({"audit", QString::fromStdString((root / "bad").string())}, &out), 1);
        QVERIFY2(out.contains("flagged"), qPrintable(out));
        QCOMPARE(run({"audit", QString::fromStdString((root / "none").string())}, &out), 2);
        QVERIFY2(out.contains("none"), qPrintable(out));
        QCOMPARE(run({"audit", QString::fromStdString((root / "good").string()), "--tolerance", "2"}), 2);
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
