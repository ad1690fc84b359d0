// The audit of detection batches (issue 22 item 6): dumps with boxes_before/
// and boxes_after/ built here (noise images, CutMix by hand, MixUp by the
// mixer) with planted mistakes, each flagged: a box kept for an object the
// paste covers, a pasted object with no box, a pasted box not clipped, a
// MixUp box missing, masks (FMix) carried by their pixels; honest Ultralytics-style and MixUp batches agree; an
// unexplained element's boxes are not judged; malformed box files are
// refused naming the file and line.
#include "audit.h"
#include "clirun.h"
#include "error.h"
#include "format.h"
#include "labels.h"
#include "method.h"
#include "mixer.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cutmix;
namespace fs = std::filesystem;

namespace
{

constexpr int kSide = 64;

struct DetBatch {
    std::vector<cv::Mat> before, after;
    std::vector<std::vector<double>> targets;
    std::vector<std::vector<Object>> boxesBefore, boxesAfter;
};

cv::Mat noise(int tag)
{
    cv::Mat m(kSide, kSide, CV_8UC3);
    cv::RNG rng(std::uint64_t(1000 + tag));
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    return m;
}

Object obj(int cls, double x1, double y1, double x2, double y2)
{
    return {{x1, y1, x2, y2}, cls};
}

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream(p) << text;
}

std::string yolo(const std::vector<Object>& objects)
{
    std::string t;
    for (const Object& o : objects) {
        const BoxF& b = o.box;
        t += std::to_string(o.classIndex) + " " + formatExact((b.x1 + b.x2) / 2 / kSide) + " " +
             formatExact((b.y1 + b.y2) / 2 / kSide) + " " + formatExact(b.width() / kSide) + " " +
             formatExact(b.height() / kSide) + "\n";
    }
    return t;
}

fs::path writeDump(const fs::path& dir, const DetBatch& b)
{
    fs::remove_all(dir);
    for (const char* sub : {"before", "after", "boxes_before", "boxes_after"})
        fs::create_directories(dir / sub);
    const int n = int(b.before.size());
    std::string labels = "index,label\n", targets = "index";
    for (int c = 0; c < n; ++c)
        targets += ",c" + std::to_string(c);
    targets += "\n";
    for (int i = 0; i < n; ++i) {
        const std::string stem = "img" + std::to_string(100 + i);
        cv::imwrite((dir / "before" / (stem + ".png")).string(), b.before[std::size_t(i)]);
        cv::imwrite((dir / "after" / (stem + ".png")).string(), b.after[std::size_t(i)]);
        if (!b.boxesBefore[std::size_t(i)].empty())
            writeText(dir / "boxes_before" / (stem + ".txt"), yolo(b.boxesBefore[std::size_t(i)]));
        if (!b.boxesAfter[std::size_t(i)].empty())
            writeText(dir / "boxes_after" / (stem + ".txt"), yolo(b.boxesAfter[std::size_t(i)]));
        labels += std::to_string(i) + "," + std::to_string(i) + "\n";
        targets += std::to_string(i);
        for (double v : b.targets[std::size_t(i)]) {
            targets += ',';
            targets += formatExact(v);
        }
        targets += "\n";
    }
    writeText(dir / "labels.csv", labels);
    writeText(dir / "targets.csv", targets);
    return dir;
}

// Four noise images with their objects (class = element), mixed as
// Ultralytics' CutMix does: timm's flip partners, each cut placed clear of
// the element's own boxes, a pasted box kept when >= 10 % of it lies in the
// cut and clipped to it.
DetBatch ultralyticsBatch()
{
    DetBatch b;
    b.boxesBefore = {{obj(0, 4, 4, 20, 20)},
                     {obj(1, 40, 40, 60, 60)},
                     {obj(2, 4, 40, 20, 60)},
                     {obj(3, 40, 4, 60, 20), obj(3, 24, 24, 40, 40)}};
    const std::vector<cv::Rect> cuts = {cv::Rect(24, 24, 24, 24), cv::Rect(0, 30, 12, 34), cv::Rect(50, 0, 14, 45),
                                        cv::Rect(10, 10, 14, 20)};
    for (int i = 0; i < 4; ++i)
        b.before.push_back(noise(i));
    for (int i = 0; i < 4; ++i) {
        const int j = 3 - i;
        cv::Mat a = b.before[std::size_t(i)].clone();
        b.before[std::size_t(j)](cuts[std::size_t(i)]).copyTo(a(cuts[std::size_t(i)]));
        b.after.push_back(a);
        const double lam = 1.0 - double(cuts[std::size_t(i)].area()) / (kSide * kSide);
        b.targets.push_back(mixedLabel(4, {i, j}, {lam, 1.0 - lam}, 0.0));
    }
    b.boxesAfter = {
        {obj(0, 4, 4, 20, 20), obj(3, 24, 24, 40, 40)},  // #3's (40, 4)-(60, 20) is outside the cut: dropped
        {obj(1, 40, 40, 60, 60), obj(2, 4, 40, 12, 60)}, // #2's box, half in the cut, clipped
        {obj(2, 4, 40, 20, 60), obj(1, 50, 40, 60, 45)}, // #1's box, 12.5 % in the cut, clipped
        {obj(3, 40, 4, 60, 20), obj(3, 24, 24, 40, 40), obj(0, 10, 10, 20, 20)},
    };
    return b;
}

// MixUp by the mixer (timm's flip partners): every object of both images.
DetBatch mixupBatch()
{
    DetBatch b = ultralyticsBatch();
    const Method& mixup = methodNamed("mixup");
    for (int i = 0; i < 4; ++i) {
        const int j = 3 - i;
        Params p;
        p.method = &mixup;
        p.seed = 4;
        p.index = std::uint64_t(i);
        const Draw d = sampleDraw(p, {kSide, kSide}, {kSide, kSide});
        b.after[std::size_t(i)] = mixPair(b.before[std::size_t(i)], b.before[std::size_t(j)], d);
        b.targets[std::size_t(i)] = mixedLabel(4, {i, j}, {d.lam, 1.0 - d.lam}, 0.0);
        b.boxesAfter[std::size_t(i)] = b.boxesBefore[std::size_t(i)];
        for (const Object& o : b.boxesBefore[std::size_t(j)])
            b.boxesAfter[std::size_t(i)].push_back(o);
    }
    return b;
}

const AuditObject* flaggedWith(const ElementAudit& e, std::string_view cause)
{
    for (const AuditObject& o : e.objects)
        if (o.status == "flagged" && o.cause == cause)
            return &o;
    return nullptr;
}

QString table(const AuditReport& r)
{
    return QString::fromStdString(auditTable(r));
}

} // namespace

class TestAuditDetect : public QObject
{
    Q_OBJECT

    QTemporaryDir dir;
    fs::path root() const { return dir.path().toStdString(); }
    AuditReport audit(const DetBatch& b, const std::string& name, AuditOptions o = {})
    {
        return auditDump(readDump(writeDump(root() / name, b)), o);
    }

private slots:
    void honestUltralyticsBatchAgrees()
    {
        const AuditReport r = audit(ultralyticsBatch(), "honest");
        QVERIFY2(r.summary.agree == 4, qPrintable(table(r)));
        QVERIFY(r.summary.boxes);
        // Element 0: its own object, #3's pasted one, #3's other dropped (outside the cut).
        const ElementAudit& e0 = r.elements[0];
        QCOMPARE(e0.method, AuditMethod::CutMix);
        QCOMPARE(int(e0.objects.size()), 3);
        int kept = 0, dropped = 0;
        for (const AuditObject& o : e0.objects) {
            kept += o.status == "kept";
            dropped += o.status == "dropped";
            QCOMPARE(int(o.rules.size()), 4);
            if (o.status == "dropped") {
                QCOMPARE(*o.sourceElement, 3);
                QCOMPARE(o.visibleHi, 0.0);
                const RuleVerdict& u = o.rules[1];
                QCOMPARE(QString::fromStdString(std::string(u.rule)), QString("ultralytics"));
                QVERIFY(!u.kept);
                QVERIFY2(QString::fromStdString(u.reason).contains("inside the cut"), u.reason.c_str());
                QVERIFY(o.rules[0].kept); // keep all
            }
        }
        QCOMPARE(kept, 2);
        QCOMPARE(dropped, 1);
        // Element 2: #1's box is 12.5 % in the cut, kept by Ultralytics (>= 10 %).
        for (const AuditObject& o : r.elements[2].objects)
            if (o.sourceElement == 1) {
                QCOMPARE(o.visibleLo, 0.125);
                QCOMPARE(o.status, std::string("kept"));
                QVERIFY(o.rules[1].kept);
            }
        QVERIFY(table(r).contains("objects: 3 carried (2 kept, 1 dropped), 2 boxes after, 0 flagged"));
        const nlohmann::json j = auditJson(r);
        QCOMPARE(j["elements"][0]["objects"].size(), std::size_t(3));
        QCOMPARE(j["summary"]["min_visibility"].get<double>(), 0.1);
        QVERIFY(j["elements"][0]["objects"][0]["rules"].contains("torchvision"));
    }

    void keptBoxOfCoveredObjectFlagged()
    {
        DetBatch b = ultralyticsBatch();
        // Element 0's cut covers its own object; the box stays (keep all).
        const cv::Rect cut(0, 0, 22, 22);
        b.after[0] = b.before[0].clone();
        b.before[3](cut).copyTo(b.after[0](cut));
        const double lam = 1.0 - double(cut.area()) / (kSide * kSide);
        b.targets[0] = mixedLabel(4, {0, 3}, {lam, 1.0 - lam}, 0.0);
        b.boxesAfter[0] = {obj(0, 4, 4, 20, 20)};
        const AuditReport r = audit(b, "covered");
        const ElementAudit& e = r.elements[0];
        QCOMPARE(e.verdict, Verdict::Flagged);
        QCOMPARE(QString::fromStdString(e.cause), QString("label-not-there"));
        const AuditObject* o = flaggedWith(e, "label-not-there");
        QVERIFY(o);
        QCOMPARE(o->visibleHi, 0.0);
        QVERIFY2(QString::fromStdString(explanationText(e)).contains("a label for an object that is not there"),
                 qPrintable(table(r)));
        QCOMPARE(r.summary.agree, 3);
        // The same object 12.5 % visible passes at the default, not at --min-visibility 0.2.
        const cv::Rect partial(0, 0, 22, 18); // covers rows 4..18 of 4..20: 2 of 16 rows left
        b.after[0] = b.before[0].clone();
        b.before[3](partial).copyTo(b.after[0](partial));
        const double lam2 = 1.0 - double(partial.area()) / (kSide * kSide);
        b.targets[0] = mixedLabel(4, {0, 3}, {lam2, 1.0 - lam2}, 0.0);
        QCOMPARE(audit(b, "partial").elements[0].verdict, Verdict::Agree);
        AuditOptions strict;
        strict.minVisibility = 0.2;
        QCOMPARE(audit(b, "partial", strict).elements[0].cause, std::string("label-not-there"));
    }

    void pastedObjectWithoutBoxFlagged()
    {
        DetBatch b = ultralyticsBatch();
        b.boxesAfter[0] = {obj(0, 4, 4, 20, 20)}; // #3's object, whole in the cut, has no box
        const AuditReport r = audit(b, "nobox");
        const ElementAudit& e = r.elements[0];
        QCOMPARE(e.verdict, Verdict::Flagged);
        QCOMPARE(QString::fromStdString(e.cause), QString("visible-object-no-box"));
        const AuditObject* o = flaggedWith(e, "visible-object-no-box");
        QVERIFY(o);
        QCOMPARE(*o->sourceElement, 3);
        QCOMPARE(o->sourceIndex, 1);
        QCOMPARE(o->visibleLo, 1.0);
        QVERIFY2(QString::fromStdString(explanationText(e)).contains("a visible object with no box"),
                 qPrintable(table(r)));
    }

    void pastedBoxNotClippedFlagged()
    {
        DetBatch b = ultralyticsBatch();
        b.boxesAfter[1] = {obj(1, 40, 40, 60, 60), obj(2, 4, 40, 20, 60)}; // #2's box as it was, half outside the cut
        const AuditReport r = audit(b, "unclipped");
        const ElementAudit& e = r.elements[1];
        QCOMPARE(e.verdict, Verdict::Flagged);
        const AuditObject* o = flaggedWith(e, "box-unexplained");
        QVERIFY2(o, qPrintable(table(r)));
        QCOMPARE(*o->unmovedElement, 2);
        QCOMPARE(o->unmovedIndex, 0);
        QVERIFY(flaggedWith(e, "visible-object-no-box")); // the clipped box it should have been
        const QString text = QString::fromStdString(explanationText(e));
        QVERIFY2(text.contains("a box no object explains") && text.contains("box 1 of #2 before the mix, unmoved"),
                 qPrintable(text));
        // A box from the wrong partner (#0's object in element 1) is no object's either.
        b = ultralyticsBatch();
        b.boxesAfter[1].push_back(obj(0, 4, 4, 20, 20));
        QVERIFY(flaggedWith(audit(b, "wrongpartner").elements[1], "box-unexplained"));
    }

    void mixupUnionAgreesAndMissingBoxFlagged()
    {
        DetBatch b = mixupBatch();
        AuditReport r = audit(b, "mixup");
        QVERIFY2(r.summary.agree == 4, qPrintable(table(r)));
        for (const ElementAudit& e : r.elements) {
            QCOMPARE(e.method, AuditMethod::MixUp);
            for (const AuditObject& o : e.objects) {
                QCOMPARE(o.status, std::string("kept"));
                QCOMPARE(o.visibleLo, 1.0);
                QVERIFY(o.weight > 0 && o.weight < 1);
            }
        }
        b.boxesAfter[2].pop_back(); // #1's object, blended in, has no box
        r = audit(b, "mixupmissing");
        QCOMPARE(r.elements[2].verdict, Verdict::Flagged);
        QCOMPARE(QString::fromStdString(r.elements[2].cause), QString("visible-object-no-box"));
        QCOMPARE(r.summary.agree, 3);
    }

    void maskCarriesByItsPixels()
    {
        DetBatch b = ultralyticsBatch();
        // Element 0: an L-shaped mask of #3 (as FMix makes), #3's centre object whole inside it.
        cv::Mat mask(kSide, kSide, CV_8U, cv::Scalar(0));
        mask(cv::Rect(24, 24, 24, 24)).setTo(255);
        mask(cv::Rect(24, 48, 12, 12)).setTo(255);
        b.after[0] = b.before[0].clone();
        b.before[3].copyTo(b.after[0], mask);
        const double lam = 1.0 - double(cv::countNonZero(mask)) / (kSide * kSide);
        b.targets[0] = mixedLabel(4, {0, 3}, {lam, 1.0 - lam}, 0.0);
        AuditReport r = audit(b, "mask");
        QCOMPARE(r.elements[0].method, AuditMethod::Mask);
        QVERIFY2(r.elements[0].verdict == Verdict::Agree, qPrintable(table(r)));
        b.boxesAfter[0] = {obj(0, 4, 4, 20, 20)};
        r = audit(b, "masknobox");
        QCOMPARE(r.elements[0].cause, std::string("visible-object-no-box"));
        // The mask over the element's own object, its box kept.
        mask.setTo(0);
        mask(cv::Rect(0, 0, 24, 24)).setTo(255);
        mask(cv::Rect(0, 24, 8, 8)).setTo(255);
        b.after[0] = b.before[0].clone();
        b.before[3].copyTo(b.after[0], mask);
        const double lam2 = 1.0 - double(cv::countNonZero(mask)) / (kSide * kSide);
        b.targets[0] = mixedLabel(4, {0, 3}, {lam2, 1.0 - lam2}, 0.0);
        r = audit(b, "maskcovered");
        QCOMPARE(r.elements[0].method, AuditMethod::Mask);
        QCOMPARE(r.elements[0].cause, std::string("label-not-there"));
    }

    void labelVerdictStandsBeforeBoxes()
    {
        // A flagged target keeps its cause; the box flags are added to the explanation.
        DetBatch b = ultralyticsBatch();
        std::swap(b.targets[0][0], b.targets[0][3]);
        b.boxesAfter[0] = {obj(0, 4, 4, 20, 20)};
        const AuditReport r = audit(b, "both");
        QCOMPARE(QString::fromStdString(r.elements[0].cause), QString("weights-swapped"));
        QVERIFY(flaggedWith(r.elements[0], "visible-object-no-box"));
        QVERIFY(QString::fromStdString(explanationText(r.elements[0])).contains("a visible object with no box"));
    }

    void unexplainedBoxesNotJudged()
    {
        DetBatch b = ultralyticsBatch();
        cv::flip(b.before[0], b.after[0], 1);
        const AuditReport r = audit(b, "flipped");
        const ElementAudit& e = r.elements[0];
        QCOMPARE(e.verdict, Verdict::Unexplained);
        QCOMPARE(int(e.objects.size()), 2);
        for (const AuditObject& o : e.objects)
            QCOMPARE(o.status, std::string("not-judged"));
        QVERIFY(QString::fromStdString(explanationText(e)).contains("the boxes cannot be judged"));
    }

    void boxlessDumpUnchanged()
    {
        const fs::path d = writeDump(root() / "plain", ultralyticsBatch());
        fs::remove_all(d / "boxes_before");
        fs::remove_all(d / "boxes_after");
        const AuditReport r = auditDump(readDump(d));
        QVERIFY(!r.summary.boxes);
        const nlohmann::json j = auditJson(r);
        QVERIFY(!j["elements"][0].contains("objects"));
        QVERIFY(!j["summary"].contains("min_visibility"));
        QVERIFY(!table(r).contains("objects:"));
    }

    void malformedBoxFilesRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("nan") << "0 nan 0.5 0.1 0.1"
                             << "is not a finite number";
        QTest::newRow("negative size") << "0 0.5 0.5 -0.1 0.1"
                                       << "must be > 0";
        QTest::newRow("class out of range") << "7 0.5 0.5 0.1 0.1"
                                            << "out of range (0 to 3)";
        QTest::newRow("outside") << "0 0.95 0.5 0.2 0.2"
                                 << "outside the 64x64 image";
        QTest::newRow("fields") << "0 0.5 0.5 0.1"
                                << "expected 'class cx cy w h'";
    }

    void malformedBoxFilesRefused()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        const fs::path d = writeDump(root() / "malformed", ultralyticsBatch());
        writeText(d / "boxes_after" / "img102.txt", "2 0.1875 0.78125 0.25 0.3125\n" + line.toStdString() + "\n");
        try {
            readDump(d);
            QFAIL("read");
        } catch (const Error& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("boxes_after/img102.txt':2") && m.contains(message), qPrintable(m));
        }
    }

    void malformedFoldersRefused()
    {
        const fs::path d = writeDump(root() / "folders", ultralyticsBatch());
        writeText(d / "boxes_before" / "img999.txt", "0 0.5 0.5 0.1 0.1\n");
        QVERIFY_THROWS_EXCEPTION(Error, readDump(d));
        fs::remove(d / "boxes_before" / "img999.txt");
        fs::remove_all(d / "boxes_after");
        try {
            readDump(d);
            QFAIL("read");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("boxes_after"), e.what());
        }
    }

    void commandLine()
    {
        DetBatch b = ultralyticsBatch();
        const QString good = QString::fromStdString(writeDump(root() / "cli-good", b).string());
        b.boxesAfter[0] = {obj(0, 4, 4, 20, 20)};
        const QString bad = QString::fromStdString(writeDump(root() / "cli-bad", b).string());
        const QString json = QString::fromStdString((root() / "cli.json").string());
        CliRun r = runCli({"audit", good});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("objects: 3 carried"), qPrintable(r.out));
        r = runCli({"audit", bad, "--json", json});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains("visible-object-no-box"), qPrintable(r.out));
        std::ifstream in(json.toStdString());
        const nlohmann::json j = nlohmann::json::parse(in);
        QCOMPARE(j["elements"][0]["cause"].get<std::string>(), std::string("visible-object-no-box"));
        QCOMPARE(j["elements"][0]["objects"].size(), std::size_t(3));
        QCOMPARE(runCli({"audit", good, "--min-visibility", "1.5"}).code, 2);
        writeText(fs::path(bad.toStdString()) / "boxes_before" / "img100.txt", "0 0.5 nan 0.1 0.1\n");
        r = runCli({"audit", bad});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("boxes_before/img100.txt':1"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestAuditDetect)
#include "tst_auditdetect.moc"
