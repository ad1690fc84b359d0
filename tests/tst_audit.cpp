// The audit: dumps made by test code for every cause it names, for CutMix
// with clipped and unclipped boxes, MixUp, FMix masks, unchanged elements,
// odd batches with a self-mix, 16-bit and single-channel images, float
// batches (NPY) mixed in timm's arithmetic, letterboxed images; correct
// batches pass; malformed folders and NPY files are refused with the reason.
#include "audit.h"
#include "batch.h"
#include "batchio.h"
#include "clirun.h"
#include "error.h"
#include "floatround.h"
#include "format.h"
#include "imageio.h"
#include "labels.h"
#include "method.h"
#include "mixer.h"
#include "testutil.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
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

// ---- float dumps (docs/audit-dump.md): NPY 1.0 arrays written here

// An NPY 1.0 file of an H x W x C array: CV_32F as '<f4', or as '<f2' /
// '<u2' (bfloat16 bits) when the values are half / bfloat16 values; CV_64F
// as '<f8'.
void writeNpy(const fs::path& p, const cv::Mat& m, const std::string& descr)
{
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + std::to_string(m.rows) +
                         ", " + std::to_string(m.cols) + ", " + std::to_string(m.channels()) + "), }";
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    std::ofstream out(p, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    const char len[2] = {char(header.size() & 0xFF), char(header.size() >> 8)};
    out.write(len, 2);
    out << header;
    const std::size_t values = m.total() * std::size_t(m.channels());
    if (descr == "<f8" || descr == "<f4") {
        out.write(reinterpret_cast<const char*>(m.data), std::streamsize(values * m.elemSize1()));
        return;
    }
    const float* v = m.ptr<float>();
    for (std::size_t k = 0; k < values; ++k) {
        const std::uint16_t bits = descr == "<f2" ? halfBits(v[k]) : std::uint16_t(floatBits(v[k]) >> 16);
        const char b[2] = {char(bits & 0xFF), char(bits >> 8)};
        out.write(b, 2);
    }
}

// A float batch: the images normalised as torchvision's ToTensor + Normalize
// do in float32 (x / 255, minus the ImageNet mean, over its std), channels
// in RGB order.
std::vector<cv::Mat> normalisedBatch(int n, int rows, int cols)
{
    const float mean[3] = {0.485f, 0.456f, 0.406f}, sd[3] = {0.229f, 0.224f, 0.225f};
    std::vector<cv::Mat> out;
    for (int i = 0; i < n; ++i) {
        const cv::Mat u8 = patternImage(rows, cols, CV_8UC3, i + 1);
        cv::Mat f(rows, cols, CV_32FC3);
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < cols; ++x)
                for (int c = 0; c < 3; ++c)
                    f.at<cv::Vec3f>(y, x)[c] = (float(u8.at<cv::Vec3b>(y, x)[c]) / 255.0f - mean[c]) / sd[c];
        out.push_back(f);
    }
    return out;
}

float toType(float v, const std::string& descr)
{
    return descr == "<f2" ? roundToHalf(v) : descr == "<u2" ? roundToBfloat16(v) : v;
}

// timm's Mixup._mix_batch on a float tensor (timm/data/mixup.py at 066e4906):
// x.mul_(lam).add_(x.flip(0).mul_(1 - lam)), each product and the sum
// rounded to the tensor's type; lam a float32 (current torch) or rounded to
// the type first (torch 1.13).
std::vector<cv::Mat> timmMixup(const std::vector<cv::Mat>& x, double lam, const std::string& descr, bool scalarInType)
{
    const float l = scalarInType ? toType(float(lam), descr) : float(lam);
    const float m = scalarInType ? toType(float(1.0 - lam), descr) : float(1.0 - lam);
    std::vector<cv::Mat> out;
    const int n = int(x.size());
    for (int i = 0; i < n; ++i) {
        cv::Mat a = x[std::size_t(i)].clone();
        const float* pi = x[std::size_t(i)].ptr<float>();
        const float* pj = x[std::size_t(n - 1 - i)].ptr<float>();
        float* po = a.ptr<float>();
        for (std::size_t k = 0; k < a.total() * 3; ++k) {
            const float p = toType(pi[k] * l, descr), q = toType(pj[k] * m, descr);
            po[k] = toType(p + q, descr);
        }
        out.push_back(a);
    }
    return out;
}

void writeFloatDump(const fs::path& dir, const std::vector<cv::Mat>& before, const std::vector<cv::Mat>& after,
                    const TestBatch& b, const std::string& descr, const std::string& dtype)
{
    fs::create_directories(dir / "before");
    fs::create_directories(dir / "after");
    for (std::size_t i = 0; i < before.size(); ++i) {
        const std::string name = "00" + std::to_string(i) + ".npy";
        cv::Mat rb, ra;
        before[i].convertTo(rb, descr == "<f8" ? CV_64F : CV_32F);
        after[i].convertTo(ra, descr == "<f8" ? CV_64F : CV_32F);
        writeNpy(dir / "before" / name, rb, descr);
        writeNpy(dir / "after" / name, ra, descr);
    }
    std::string labels = "index,label\n", targets = "index";
    for (int c = 0; c < b.k; ++c) {
        targets += ',';
        targets += std::to_string(c);
    }
    targets += "\n";
    for (std::size_t i = 0; i < before.size(); ++i) {
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
    writeText(dir / "dump.json", "{\"cutmix_dump\": 2, \"dtype\": \"" + dtype +
                                     "\", \"mean\": [0.485, 0.456, 0.406], \"std\": [0.229, 0.224, 0.225], "
                                     "\"torch_version\": null, \"layout\": \"NCHW\"}\n");
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
                        QCOMPARE(QString::fromStdString(std::string(rep.summary.partnerRule)), QString(rule));
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
        QCOMPARE(QString::fromStdString(std::string(r.summary.partnerRule)), QString("flip")); // from the pixels
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
        QVERIFY(QString::fromStdString(explanationText(r.elements[1])).contains("other transforms"));
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
        refused(d, "the same size and type");
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

    // float32 -> half / bfloat16, to nearest with ties to even; the expected
    // values are NumPy 1.24's astype(np.float16) and the bfloat16 rounding of
    // tests/vectors/audit_cases.py (bf16_bits) of the same float32 values.
    void floatRounding_data()
    {
        QTest::addColumn<float>("value");
        QTest::addColumn<float>("half");
        QTest::addColumn<float>("bfloat16");
        const float inf = std::numeric_limits<float>::infinity();
        QTest::newRow("0.1") << 0.1f << 0.0999755859375f << 0.10009765625f;
        QTest::newRow("1/3") << 0.3333333432674408f << 0.333251953125f << 0.333984375f;
        QTest::newRow("65504") << 65504.0f << 65504.0f << 65536.0f;
        QTest::newRow("65519") << 65519.0f << 65504.0f << 65536.0f;
        QTest::newRow("65520 overflows") << 65520.0f << inf << 65536.0f;
        QTest::newRow("1e-5 subnormal half")
            << 9.999999747378752e-06f << 1.0013580322265625e-05f << 1.0013580322265625e-05f;
        QTest::newRow("6e-8") << 5.99999978589949e-08f << 5.960464477539063e-08f << 6.007030606269836e-08f;
        QTest::newRow("2^-25 ties to 0") << 2.9802322387695312e-08f << 0.0f << 2.9802322387695312e-08f;
        QTest::newRow("just above 2^-25")
            << 2.980232594040899e-08f << 5.960464477539063e-08f << 2.9802322387695312e-08f;
        QTest::newRow("-0.7123") << -0.7123456597328186f << -0.71240234375f << -0.7109375f;
        QTest::newRow("tie to even up") << 1.00146484375f << 1.001953125f << 1.0f;
        QTest::newRow("tie to even down") << 1.00048828125f << 1.0f << 1.0f;
    }
    void floatRounding()
    {
        QFETCH(float, value);
        QFETCH(float, half);
        QFETCH(float, bfloat16);
        QCOMPARE(roundToHalf(value), half);
        QCOMPARE(roundToBfloat16(value), bfloat16);
        if (std::isfinite(half))
            QCOMPARE(halfBitsToFloat(halfBits(half)), half);
        QCOMPARE(bfloat16BitsToFloat(std::uint16_t(floatBits(bfloat16) >> 16)), bfloat16);
    }

    // NPY headers: what a dump may hold, and every way a file is refused.
    void npyHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says"); // empty: accepted
        auto npy = [](const QByteArray& dict, int major = 1) {
            QByteArray h = dict + '\n';
            QByteArray b("\x93NUMPY", 6);
            b += char(major);
            b += char(0);
            b += char(h.size() & 0xFF);
            b += char(h.size() >> 8);
            if (major > 1)
                b += QByteArray(2, '\0');
            return b + h;
        };
        QTest::newRow("float32 2x3x1") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 1), }")
                                       << QString();
        QTest::newRow("version 2") << npy("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3, 3), }", 2)
                                   << QString();
        QTest::newRow("keys reordered") << npy("{'shape': (4, 4, 3), 'fortran_order': False, 'descr': '<f8'}")
                                        << QString();
        QTest::newRow("no signature") << QByteArray("not an npy file at all") << "no NPY signature";
        QTest::newRow("version 9") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 1), }", 9)
                                   << "format version 9";
        QTest::newRow("cut header") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 1), }").left(30)
                                    << "cut short";
        QTest::newRow("big-endian") << npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3, 1), }")
                                    << "descr '>f4'";
        QTest::newRow("int64") << npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3, 1), }")
                               << "descr '<i8'";
        QTest::newRow("fortran") << npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3, 1), }") << "Fortran";
        QTest::newRow("2-d") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }")
                             << "(height, width, channels)";
        QTest::newRow("4-d") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 3), }")
                             << "(height, width, channels)";
        QTest::newRow("empty") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3, 3), }") << "empty";
        QTest::newRow("huge") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999, 3, 3), }")
                              << "too large";
        QTest::newRow("no shape") << npy("{'descr': '<f4', 'fortran_order': False}") << "no 'shape'";
        QTest::newRow("shape text") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (a, b, c), }")
                                    << "not a tuple";
        QTest::newRow("1000 channels") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 1000), }")
                                       << "channels";
    }
    void npyHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        const auto* b = reinterpret_cast<const unsigned char*>(bytes.constData());
        try {
            const NpyArray a = parseNpyHeader(b, std::size_t(bytes.size()), "x.npy");
            QVERIFY2(says.isEmpty(), qPrintable("accepted, expected: " + says));
            QVERIFY(a.rows > 0 && a.cols > 0 && a.channels > 0);
            QCOMPARE(a.dataOffset, std::size_t(bytes.size()));
        } catch (const Error& e) {
            QVERIFY2(!says.isEmpty() && QString(e.what()).contains(says), e.what());
            QVERIFY(QString(e.what()).startsWith("x.npy"));
        }
    }

    // Elements are matched to rows by the number in their names (issue 24 item 2).
    void elementOrder_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("order"); // empty: refused
        QStringList unpadded, sorted;
        for (int i = 0; i <= 11; ++i)
            sorted << QString::number(i) + ".png";
        unpadded = sorted;
        std::sort(unpadded.begin(), unpadded.end()); // name order: 0, 1, 10, 11, 2, ...
        QTest::newRow("0..11 unpadded") << unpadded << sorted;
        QTest::newRow("padded") << QStringList{"002.npy", "000.npy", "001.npy"}
                                << QStringList{"000.npy", "001.npy", "002.npy"};
        QTest::newRow("prefix and offset") << QStringList{"img101.png", "img99.png", "img100.png"}
                                           << QStringList{"img99.png", "img100.png", "img101.png"};
        QTest::newRow("last number counts")
            << QStringList{"b2_10.png", "b2_9.png"} << QStringList{"b2_9.png", "b2_10.png"};
        QTest::newRow("no number") << QStringList{"cat.png", "1.png"} << QStringList{};
        QTest::newRow("same number") << QStringList{"1.png", "01.png"} << QStringList{};
    }
    void elementOrder()
    {
        QFETCH(QStringList, names);
        QFETCH(QStringList, order);
        std::vector<std::string> in;
        for (const QString& n : names)
            in.push_back(n.toStdString());
        try {
            const auto out = cutmix::elementOrder(in, "dir");
            QStringList got;
            for (const std::string& n : out)
                got << QString::fromStdString(n);
            QCOMPARE(got, order);
        } catch (const Error& e) {
            QVERIFY2(order.isEmpty(), e.what());
        }
    }

    void unpaddedNamesMatchTheirRows()
    {
        QTemporaryDir dir;
        const TestBatch b = cutmixBatch(12, {32, 24}, CV_8UC3, methodNamed("official"), 0.0, 4);
        const fs::path d = fs::path(dir.path().toStdString()) / "dump";
        writeDump(d, b);
        for (const char* side : {"before", "after"})
            for (int i = 0; i < 12; ++i)
                fs::rename(d / side / ("img" + std::to_string(100 + i) + ".png"),
                           d / side / (std::to_string(i) + ".png"));
        const AuditReport r = auditDump(readDump(d));
        QVERIFY2(r.summary.agree == 12, qPrintable(describe(r)));
    }

    // Float batches mixed in timm's arithmetic, in every float type, agree;
    // the lam interval holds the lam; a target off by 0.01 is flagged.
    void floatMixup_data()
    {
        QTest::addColumn<QString>("descr");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<bool>("scalarInType");
        QTest::newRow("float32") << "<f4"
                                 << "float32" << false;
        QTest::newRow("float16 torch 1.13") << "<f2"
                                            << "float16" << true;
        QTest::newRow("float16 current torch") << "<f2"
                                               << "float16" << false;
        QTest::newRow("bfloat16 torch 1.13") << "<u2"
                                             << "bfloat16" << true;
        QTest::newRow("bfloat16 current torch") << "<u2"
                                                << "bfloat16" << false;
    }
    void floatMixup()
    {
        QFETCH(QString, descr);
        QFETCH(QString, dtype);
        QFETCH(bool, scalarInType);
        QTemporaryDir dir;
        const int n = 6;
        std::vector<cv::Mat> x = normalisedBatch(n, 20, 28);
        for (cv::Mat& m : x)
            for (float* p = m.ptr<float>(); p != m.ptr<float>() + m.total() * 3; ++p)
                *p = toType(*p, descr.toStdString());
        const double lam = 0.6180339887498949;
        const std::vector<cv::Mat> after = timmMixup(x, lam, descr.toStdString(), scalarInType);
        TestBatch b;
        b.k = n;
        for (int i = 0; i < n; ++i) {
            b.labels.push_back(i);
            b.targets.push_back(target(n, i, n - 1 - i, lam, 0.0));
        }
        const fs::path d = fs::path(dir.path().toStdString()) / "dump";
        writeFloatDump(d, x, after, b, descr.toStdString(), dtype.toStdString());
        const AuditDump dump = readDump(d);
        QCOMPARE(QString::fromUtf8(dumpTypeName(dump.type).data()), dtype);
        QCOMPARE(dump.mean.size(), std::size_t(3));
        AuditReport r = auditDump(dump);
        QVERIFY2(r.summary.agree == n, qPrintable(describe(r)));
        for (const ElementAudit& e : r.elements) {
            QCOMPARE(e.method, AuditMethod::MixUp);
            QCOMPARE(e.partner.value(), n - 1 - e.index);
            QVERIFY2(e.shareLo <= lam && lam <= e.shareHi, qPrintable(describe(r)));
            // The lam is pinned to an interval as wide as the type's precision allows.
            QVERIFY(e.shareHi - e.shareLo < (dtype == "float32" ? 1e-6 : dtype == "float16" ? 5e-3 : 3e-2));
        }
        b.targets[0] = target(n, 0, n - 1, lam + 0.01, 0.0);
        fs::remove_all(d);
        writeFloatDump(d, x, after, b, descr.toStdString(), dtype.toStdString());
        r = auditDump(readDump(d));
        QCOMPARE(r.elements[0].verdict, Verdict::Flagged);
        QCOMPARE(r.summary.agree, n - 1);
    }

    void floatDumpsRefused()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        std::vector<cv::Mat> x = normalisedBatch(2, 6, 5);
        TestBatch b;
        b.k = 2;
        b.labels = {0, 1};
        b.targets = {{1.0, 0.0}, {0.0, 1.0}};
        auto refused = [&](const fs::path& d, const QStringList& says) {
            try {
                readDump(d);
                QFAIL("accepted");
            } catch (const Error& e) {
                for (const QString& w : says)
                    QVERIFY2(QString(e.what()).contains(w), e.what());
            }
        };
        // NaN and inf: the element, row, column and channel named.
        std::vector<cv::Mat> bad = {x[0].clone(), x[1].clone()};
        bad[1].at<cv::Vec3f>(4, 3)[2] = std::numeric_limits<float>::quiet_NaN();
        writeFloatDump(root / "nan", x, bad, b, "<f4", "float32");
        refused(root / "nan", {"after", "001.npy", "element 1", "row 4, column 3, channel 2", "nan"});
        bad[1] = x[1].clone();
        bad[1].at<cv::Vec3f>(0, 1)[0] = -std::numeric_limits<float>::infinity();
        fs::remove_all(root / "nan");
        writeFloatDump(root / "nan", bad, x, b, "<f4", "float32");
        refused(root / "nan", {"before", "element 1", "row 0, column 1, channel 0", "-inf"});
        // before and after of different types.
        writeFloatDump(root / "types", x, x, b, "<f4", "float32");
        writeNpy(root / "types" / "after" / "001.npy", x[1], "<f2");
        refused(root / "types", {"001.npy", "'<f2'", "float32"});
        // bfloat16 bits without dump.json saying so.
        writeFloatDump(root / "bits", x, x, b, "<u2", "bfloat16");
        fs::remove(root / "bits" / "dump.json");
        refused(root / "bits", {"'<u2'", "bfloat16"});
        // A cut file.
        writeFloatDump(root / "cut", x, x, b, "<f4", "float32");
        fs::resize_file(root / "cut" / "before" / "000.npy", fs::file_size(root / "cut" / "before" / "000.npy") - 4);
        refused(root / "cut", {"000.npy", "cut short"});
        // PNG and NPY mixed.
        writeFloatDump(root / "mixed", x, x, b, "<f4", "float32");
        fs::remove(root / "mixed" / "before" / "001.npy");
        fs::remove(root / "mixed" / "after" / "001.npy");
        cv::imwrite((root / "mixed" / "before" / "001.png").string(), patternImage(6, 5, CV_8UC3, 1));
        cv::imwrite((root / "mixed" / "after" / "001.png").string(), patternImage(6, 5, CV_8UC3, 1));
        refused(root / "mixed", {"PNG images or NPY arrays, not both"});
        // The command line: exit 2, the element named, and a JSON report saying why.
        const QString json = QString::fromStdString((root / "r.json").string());
        const CliRun r = runCli({"audit", QString::fromStdString((root / "cut").string()), "--json", json});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("000.npy"), qPrintable(r.err));
        std::ifstream in(json.toStdString());
        QVERIFY(nlohmann::json::parse(in)["error"].get<std::string>().find("000.npy") != std::string::npos);
    }

    // Letterboxed images: rows 0-5 and the last 6 are 0 in every image, so
    // those pixels are equal in an element and its partner. A box inside the
    // picture with swapped weights, or clipped into the bar with the drawn
    // lam, must be flagged; the right targets agree.
    void letterbox_data()
    {
        QTest::addColumn<QString>("targets");
        QTest::addColumn<int>("centreY");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("cause"); // "-": agree
        QTest::newRow("inside, right") << "corrected" << 24 << "corrected"
                                       << "-";
        QTest::newRow("inside, swapped") << "swapped" << 24 << "corrected"
                                         << "weights-swapped";
        QTest::newRow("into the bar, drawn lam") << "drawn" << 6 << "corrected"
                                                 << "uncorrected-lam";
        QTest::newRow("into the bar, drawn lam, --lam-rule drawn") << "drawn" << 6 << "drawn"
                                                                   << "-";
        QTest::newRow("into the bar, right") << "corrected" << 6 << "corrected"
                                             << "-";
    }
    void letterbox()
    {
        QFETCH(QString, targets);
        QFETCH(int, centreY);
        QFETCH(QString, rule);
        QFETCH(QString, cause);
        QTemporaryDir dir;
        const int n = 6, rows = 48, cols = 48, bar = 6;
        TestBatch b;
        b.k = n;
        for (int i = 0; i < n; ++i) {
            cv::Mat img = patternImage(rows, cols, CV_8UC3, i + 1);
            img.rowRange(0, bar).setTo(cv::Scalar::all(0));
            img.rowRange(rows - bar, rows).setTo(cv::Scalar::all(0));
            b.before.push_back(img);
            b.labels.push_back(i);
        }
        // timm's rand_bbox at lam 0.6: cut 30, the box [c - 15, c + 15) clipped.
        const double drawn = 0.6;
        const int cut = int(rows * std::sqrt(1.0 - drawn));
        const int y1 = std::max(0, centreY - cut / 2), y2 = std::min(rows, centreY + cut / 2);
        const int x1 = 24 - cut / 2, x2 = 24 + cut / 2;
        const double corrected = 1.0 - double((y2 - y1) * (x2 - x1)) / (rows * cols);
        for (int i = 0; i < n; ++i) {
            cv::Mat a = b.before[std::size_t(i)].clone();
            b.before[std::size_t(n - 1 - i)](cv::Rect(x1, y1, x2 - x1, y2 - y1))
                .copyTo(a(cv::Rect(x1, y1, x2 - x1, y2 - y1)));
            b.after.push_back(a);
            const double w = targets == "swapped" ? 1.0 - corrected : targets == "drawn" ? drawn : corrected;
            b.targets.push_back(target(n, i, n - 1 - i, w, 0.0));
        }
        AuditOptions o;
        o.lamRule = parseLamRule(rule.toStdString());
        const AuditReport r = auditOf(dir, b, o);
        for (const ElementAudit& e : r.elements) {
            QCOMPARE(e.method, AuditMethod::CutMix);
            QCOMPARE(e.partner.value(), n - 1 - e.index);
            QVERIFY2(e.shareLo - 1e-9 <= corrected && corrected <= e.shareHi + 1e-9, qPrintable(describe(r)));
            // Never "anywhere in the image": the bars widen the share only through the box's own columns.
            QVERIFY(e.shareHi - e.shareLo <= double(bar * (x2 - x1)) / (rows * cols) + 1e-9);
            if (cause == "-")
                QVERIFY2(e.verdict == Verdict::Agree, qPrintable(describe(r)));
            else
                QVERIFY2(e.verdict == Verdict::Flagged && QString::fromStdString(e.cause) == cause,
                         qPrintable(describe(r)));
        }
    }

    // timm's correct_lam=False on our own batch: each lam rule.
    void lamRules_data()
    {
        QTest::addColumn<bool>("correct");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("cause"); // of the elements whose drawn lam differs from the box's share
        QTest::newRow("drawn targets, corrected rule") << false << "corrected"
                                                       << "uncorrected-lam";
        QTest::newRow("drawn targets, drawn rule") << false << "drawn"
                                                   << "-";
        QTest::newRow("drawn targets, any rule") << false << "any"
                                                 << "-";
        QTest::newRow("corrected targets, corrected rule") << true << "corrected"
                                                           << "-";
        QTest::newRow("corrected targets, any rule") << true << "any"
                                                     << "-";
    }
    void lamRules()
    {
        QFETCH(bool, correct);
        QFETCH(QString, rule);
        QFETCH(QString, cause);
        QTemporaryDir dir;
        const TestBatch b = cutmixBatch(8, {64, 48}, CV_8UC3, methodNamed("official"), 0.0, 3, correct);
        AuditOptions o;
        o.lamRule = parseLamRule(rule.toStdString());
        const AuditReport r = auditOf(dir, b, o);
        QCOMPARE(r.summary.lamRule, o.lamRule);
        QCOMPARE(auditJson(r)["summary"]["lam_rule"].get<std::string>(), rule.toStdString());
        int differ = 0;
        for (const ElementAudit& e : r.elements) {
            const bool exact = std::abs(*e.targetOwn - e.shareLo) < 1e-9;
            differ += !exact;
            if (cause == "-" || exact)
                QVERIFY2(e.verdict == Verdict::Agree, qPrintable(describe(r)));
            else
                QVERIFY2(QString::fromStdString(e.cause) == cause, qPrintable(describe(r)));
        }
        if (!correct)
            QVERIFY(differ >= 4);
    }

    // Issue 24 item 5: two classes, every element mixed at lam 0.75, no
    // smoothing: mixing explains the targets, so no smoothing is inferred.
    void twoClassesAtLam075()
    {
        QTemporaryDir dir;
        TestBatch m;
        m.k = 2;
        const int n = 4;
        for (int i = 0; i < n; ++i) {
            m.before.push_back(patternImage(30, 40, CV_8UC3, i + 1));
            m.labels.push_back(i % 2);
        }
        Draw d;
        d.lam = 0.75;
        for (int i = 0; i < n; ++i) {
            cv::Mat out;
            blendInto(m.before[std::size_t(i)], m.before[std::size_t(n - 1 - i)], 0.75, MixupRounding::Timm, out);
            m.after.push_back(out);
            m.targets.push_back(target(2, i % 2, 1 - i % 2, 0.75, 0.0));
        }
        const AuditReport r = auditOf(dir, m);
        QVERIFY2(r.summary.agree == n, qPrintable(describe(r)));
        QCOMPARE(r.summary.smoothing, 0.0);
    }

    // Issue 24 item 6: one class column; a read past the row's one value
    // before (the sanitizer build runs this).
    void oneClassColumn()
    {
        QTemporaryDir dir;
        TestBatch b = cutmixBatch(4, {32, 24}, CV_8UC3, methodNamed("official"), 0.0, 2);
        b.k = 1;
        for (int i = 0; i < 4; ++i) {
            b.labels[std::size_t(i)] = 0;
            b.targets[std::size_t(i)] = {1.0};
        }
        const AuditReport r = auditOf(dir, b);
        QVERIFY2(r.summary.agree == 4, qPrintable(describe(r)));
        QCOMPARE(r.summary.smoothing, 0.0);
        b.targets[1] = {0.5};
        QCOMPARE(auditOf(dir, b).elements[1].verdict, Verdict::Flagged);
    }

    // Issue 24 item 8: names that are not UTF-8 (a file and a class): the
    // report is written, the bad bytes replaced.
    void namesNotUtf8()
    {
        QTemporaryDir dir;
        const TestBatch b = cutmixBatch(2, {16, 12}, CV_8UC3, methodNamed("official"), 0.0, 1);
        const fs::path d = fs::path(dir.path().toStdString()) / "dump";
        writeDump(d, b);
        writeText(d / "classes.txt", "caf\xe9\nthe \xff class\n");
        for (const char* side : {"before", "after"})
            fs::rename(d / side / "img101.png", d / side /
                                                    "\xfe\xff"
                                                    "101.png");
        const AuditDump dump = readDump(d);
        const AuditReport r = auditDump(dump);
        const std::string text = auditJsonText(auditJson(r, &dump));
        QVERIFY(text.find("\xef\xbf\xbd") != std::string::npos); // U+FFFD
        QVERIFY(nlohmann::json::parse(text)["elements"][1]["name"].get<std::string>().find("101.png") !=
                std::string::npos);
        const QString json = dir.filePath("r.json");
        const CliRun run = runCli({"audit", QString::fromStdString(d.string()), "--json", json});
        QVERIFY2(run.code == 0 || run.code == 1, qPrintable(run.err));
        QVERIFY(QFile::exists(json));
    }

    // Progress from the work, and a cancel that stops it.
    void progressAndCancel()
    {
        QTemporaryDir dir;
        const TestBatch b = cutmixBatch(8, {32, 24}, CV_8UC3, methodNamed("official"), 0.0, 5);
        const fs::path d = fs::path(dir.path().toStdString()) / "dump";
        writeDump(d, b);
        const AuditDump dump = readDump(d);
        std::atomic<int> calls{0}, last{0};
        AuditControl c;
        c.progress = [&](int done, int total) {
            ++calls;
            QCOMPARE(total, 8);
            last = std::max(last.load(), done);
        };
        QCOMPARE(auditDump(dump, {}, c).summary.agree, 8);
        QCOMPARE(calls.load(), 8);
        QCOMPARE(last.load(), 8);
        std::atomic<bool> cancel{false};
        c.cancel = &cancel;
        c.progress = [&](int, int) { cancel = true; }; // cancelled once the first element is done
        QVERIFY_THROWS_EXCEPTION(AuditCancelled, auditDump(dump, {}, c));
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
        QCOMPARE(run({"audit", QString::fromStdString((root / "good").string()), "--lam-rule", "exact"}, &out), 2);
        QVERIFY2(out.contains("--lam-rule"), qPrintable(out));
        QCOMPARE(run({"audit", QString::fromStdString((root / "good").string()), "--lam-rule", "any"}, &out), 0);
        QVERIFY2(out.contains("lam rule any"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
