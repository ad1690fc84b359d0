// The audit of detection batches (issue 22 item 6): dumps with boxes_before/
// and boxes_after/ built here (noise images, CutMix by hand, MixUp by the
// mixer) with planted mistakes, each flagged: a box kept for an object the
// paste covers, a pasted object with no box, a pasted box not clipped, a
// MixUp box missing, masks (FMix) carried by their pixels; honest Ultralytics-style and MixUp batches agree; an
// unexplained element's boxes are not judged; malformed box files are
// refused naming the file and line. A batch mixed here with boxes (`cutmix
// batch --boxes`, issue 22 item 5) dumps what the audit finds agreeing.
#include "audit.h"
#include "batchio.h"
#include "clirun.h"
#include "error.h"
#include "format.h"
#include "keeprules.h"
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

    // A batch with boxes (the demo images' annotations) carries each
    // element's objects through its mix as `cutmix mix --boxes` does
    // (carryAndJudge of its draw, its own objects and its partner's at the
    // batch's size), and its dump audits as agree; by the rule that keeps
    // everything, a box whose object is not visible is flagged.
    void batchWithBoxesDumpsWhatTheAuditFinds()
    {
        const std::vector<fs::path> images{CUTMIX_RESOURCES "/chelsea.png", CUTMIX_RESOURCES "/coffee.png",
                                           CUTMIX_RESOURCES "/rocket.jpg", CUTMIX_RESOURCES "/horse.png"};
        const std::vector<fs::path> boxes{CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt",
                                          CUTMIX_RESOURCES "/labels/rocket.txt", CUTMIX_RESOURCES "/labels/horse.txt"};
        BatchInput in = batchFromFiles(images, {}, 6);
        QCOMPARE(int(in.classNames.size()), 6); // --classes K names the classes no image names
        readBatchObjects(in, boxes, BoxFormat::Yolo, 6);
        QCOMPARE(int(in.objects.size()), 4);
        BatchSettings s = recipeDefaults(recipeNamed("timm"));
        s.mode = BatchMode::Elem;
        s.seed = 3;
        BatchBoxRule rule;
        rule.rule = &keepRuleNamed("albumentations");
        rule.keep.minVisibility = 0.1;
        const Size size{224, 224};
        const MixedBatch m = mixBatchInput(in, s, size, rule);
        QVERIFY(m.hasObjects());
        for (int i = 0; i < m.draw.n; ++i) {
            const BatchElement& e = m.draw.elements[std::size_t(i)];
            QVERIFY(e.mixed);
            auto atSize = [&](int k) {
                ImageObjects o = in.objects[std::size_t(k)];
                const double sx = 224.0 / o.size.width, sy = 224.0 / o.size.height;
                for (Object& obj : o.objects)
                    obj.box = {obj.box.x1 * sx, obj.box.y1 * sy, obj.box.x2 * sx, obj.box.y2 * sy};
                o.size = size;
                return o;
            };
            QCOMPARE(m.objectsBefore[std::size_t(i)].size(), in.objects[std::size_t(i)].objects.size());
            Draw d = e.draw;
            const std::vector<CarriedObject> want =
                carryAndJudge(d, {atSize(i), atSize(e.partner)}, false, *rule.rule, rule.keep);
            const std::vector<CarriedObject>& got = m.objectsAfter[std::size_t(i)];
            QCOMPARE(got.size(), want.size());
            for (std::size_t k = 0; k < want.size(); ++k) {
                QCOMPARE(got[k].source, want[k].source);
                QCOMPARE(got[k].box, want[k].box);
                QCOMPARE(got[k].kept, want[k].kept);
                QCOMPARE(got[k].visible, want[k].visible);
            }
        }
        const fs::path dumped = root() / "batch-boxes";
        dumpBatch(dumped, in, m);
        QVERIFY(fs::exists(dumped / "boxes_before" / "000.txt") && fs::exists(dumped / "boxes_after" / "003.txt"));
        const AuditReport r = auditDump(readDump(dumped));
        QVERIFY(r.summary.boxes);
        QVERIFY2(r.summary.agree == 4, qPrintable(table(r)));
        int judged = 0;
        for (const ElementAudit& e : r.elements)
            judged += int(e.objects.size());
        QCOMPARE(judged, 12);

        // Keep-all at seed 0 keeps the spoon of #1 on #2, where the paste
        // does not reach: a box for an object that is not there.
        s.seed = 0;
        const MixedBatch all = mixBatchInput(in, s, size, {});
        const fs::path allDir = root() / "batch-boxes-all";
        dumpBatch(allDir, in, all);
        const AuditReport flagged = auditDump(readDump(allDir));
        QVERIFY2(flagged.summary.flagged == 1 && flagged.elements[2].verdict == Verdict::Flagged,
                 qPrintable(table(flagged)));
        // The same batch by the rule that drops what is not there agrees.
        const fs::path keptDir = root() / "batch-boxes-kept";
        dumpBatch(keptDir, in, mixBatchInput(in, s, size, rule));
        QVERIFY2(auditDump(readDump(keptDir)).summary.agree == 4, qPrintable(table(auditDump(readDump(keptDir)))));

        // A class the dump's K classes do not have is refused before anything is written.
        BatchInput few = batchFromFiles(images, {}, 0);
        readBatchObjects(few, boxes, BoxFormat::Yolo);
        const fs::path refused = root() / "batch-boxes-refused";
        QVERIFY_THROWS_EXCEPTION(Error, dumpBatch(refused, few, mixBatchInput(few, s, size, rule)));
        QVERIFY(!fs::exists(refused));
        QVERIFY_THROWS_EXCEPTION(Error, readBatchObjects(few, boxes, BoxFormat::Yolo, 4));
        QVERIFY_THROWS_EXCEPTION(Error, readBatchObjects(few, {boxes[0]}, BoxFormat::Yolo));
    }

    // `cutmix batch --boxes` and `--dataset` in the detection layout: the
    // dump audits as agree; bad box files are refused naming the file and
    // line, exit code 2, nothing written.
    void batchCommandWithBoxes()
    {
        const QString r = CUTMIX_RESOURCES;
        const QStringList images{r + "/chelsea.png", r + "/coffee.png", r + "/rocket.jpg", r + "/horse.png"};
        const QStringList boxes{r + "/labels/chelsea.txt", r + "/labels/coffee.txt", r + "/labels/rocket.txt",
                                r + "/labels/horse.txt"};
        const QString dump = QString::fromStdString((root() / "cli-batch").string());
        const QString sheet = QString::fromStdString((root() / "cli-batch.png").string());
        QStringList args =
            QStringList{"batch"} + images +
            QStringList{"--recipe",         "timm",    "--mode",    "elem", "--seed",     "3",
                        "--size",           "224x224", "--classes", "6",    "--box-rule", "albumentations",
                        "--min-visibility", "0.1",     "-o",        sheet,  "--dump",     dump,
                        "--boxes"} +
            boxes;
        CliRun run = runCli(args);
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("objects: 12 of 12 kept after the mix (albumentations rule; the boxes are carried by "
                                  "the box rule, not by timm Mixup"),
                 qPrintable(run.out));
        run = runCli({"audit", dump});
        QVERIFY2(run.code == 0 && run.out.contains("4 agree"), qPrintable(run.out));

        // A YOLO dataset (images/ + labels/) brings its own boxes.
        const fs::path det = root() / "cli-det";
        fs::create_directories(det / "images");
        fs::create_directories(det / "labels");
        for (int k = 0; k < 4; ++k) {
            const fs::path image = images[k].toStdString(), label = boxes[k].toStdString();
            fs::copy_file(image, det / "images" / image.filename());
            fs::copy_file(label, det / "labels" / (image.stem().string() + ".txt"));
        }
        const QString detDump = QString::fromStdString((root() / "cli-det-dump").string());
        run = runCli({"batch", "--dataset", QString::fromStdString(det.string()), "--batch-size", "4", "--recipe",
                      "torchvision", "--seed", "2", "--size", "96x96", "--box-rule", "ultralytics", "--dump", detDump});
        QVERIFY2(run.code == 0 && run.out.contains("objects: "), qPrintable(run.err));
        QVERIFY(fs::exists(fs::path(detDump.toStdString()) / "boxes_after"));
        run = runCli({"audit", detDump});
        QVERIFY2(run.code == 0 && run.out.contains("4 agree"), qPrintable(run.out));

        // Bad box files: the file and line, exit code 2, nothing written.
        const fs::path bad = root() / "cli-bad.txt";
        writeText(bad, "0 0.5 0.5 0.2 0.2\n0 nan 0.5 0.2 0.2\n");
        const QString never = QString::fromStdString((root() / "never.png").string());
        const QString neverDump = QString::fromStdString((root() / "never-dump").string());
        run = runCli({"batch", images[0], images[1], "--recipe", "torchvision", "-o", never, "--dump", neverDump,
                      "--boxes", QString::fromStdString(bad.string()), boxes[1]});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("cli-bad.txt':2: 'nan' is not a finite number"), qPrintable(run.err));
        QVERIFY(!fs::exists(never.toStdString()) && !fs::exists(neverDump.toStdString()));
        run = runCli({"batch", images[0], images[1], "--recipe", "torchvision", "--boxes", boxes[0]});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("one box file per image"), qPrintable(run.err));
        // A dump's boxes are classes of the batch: the horse's class 5 of 4 names the line.
        run = runCli(QStringList{"batch"} + images +
                     QStringList{"--recipe", "timm", "--dump", neverDump, "-o", never, "--boxes"} + boxes);
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("rocket.txt':1: class 4 is out of range"), qPrintable(run.err));
        QVERIFY(!fs::exists(never.toStdString()) && !fs::exists(neverDump.toStdString()));
        writeText(det / "labels" / "coffee.txt", "1 0.5 0.5 0.2 0.2\n1 0.5 0.5 -1 0.2\n");
        run = runCli({"batch", "--dataset", QString::fromStdString(det.string()), "--batch-size", "4", "--recipe",
                      "torchvision", "-o", never});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("coffee.txt':2: "), qPrintable(run.err));
        QVERIFY(!fs::exists(never.toStdString()));
        run = runCli({"batch", "--dataset", QString::fromStdString(det.string()), "--boxes", boxes[0]});
        QCOMPARE(run.code, 2);
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
