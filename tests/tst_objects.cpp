// Objects through every method and every box rule: boxes stay inside the
// image, a box under a paste is dropped by every rule but "keep all", a box
// pasted whole is kept unchanged, masks follow the source map exactly, the
// rules agree with the libraries' formulas (tests/data/keep_rules.txt from
// tests/vectors/keep_rules.py), and the three formats read back what they
// write.
#include "clirun.h"
#include "draw.h"
#include "error.h"
#include "keeprules.h"
#include "mixer.h"
#include "objectio.h"
#include "objects.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <sstream>

using namespace cutmix;

namespace
{

Params paramsOf(const char* family)
{
    Params p;
    p.method = &methodFor(family);
    p.seed = 11;
    return p;
}

// Boxes of random places and sizes inside `size`, from a fixed seed.
ImageObjects randomObjects(Size size, int n, unsigned seed)
{
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    ImageObjects o{size, {}};
    for (int i = 0; i < n; ++i) {
        const double w = 1.0 + u(gen) * (size.width - 1), h = 1.0 + u(gen) * (size.height - 1);
        const double x = u(gen) * (size.width - w), y = u(gen) * (size.height - h);
        o.objects.push_back({{x, y, x + w, y + h}, i % 5});
    }
    return o;
}

// A two-source CutMix draw whose box of B is `box` (official convention).
Draw cutmixWithBox(Size size, const Box& box)
{
    Params p;
    RandomInputs in;
    in.lam = 0.5;
    Geometry g{box, box, {box.width(), box.height()}, std::nullopt};
    return recordDraw(p, size, size, in, g);
}

bool inside(const BoxF& b, Size s)
{
    return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= s.width && b.y2 <= s.height && b.x2 > b.x1 && b.y2 > b.y1;
}

} // namespace

class TestObjects : public QObject
{
    Q_OBJECT

private slots:
    void visibleParts();
    void everyMethodEveryRule_data();
    void everyMethodEveryRule();
    void coveredBoxDropped_data();
    void coveredBoxDropped();
    void pastedBoxKeptUnchanged_data();
    void pastedBoxKeptUnchanged();
    void resizemixScalesBoxesIntoThePatch();
    void mixupKeepsTheUnionWithWeights();
    void fmixReadsTheMap();
    void masksFollowTheSourceMap_data();
    void masksFollowTheSourceMap();
    void instanceMasksRenumbered();
    void rulesAgainstTheLibraries();
    void rulesSayWhy();
    void ruleSettings();
    void yoloRoundTrip();
    void cocoRoundTrip();
    void vocRoundTrip();
    void readersRefuse_data();
    void readersRefuse();
    void cliMixCarriesTheBoxes_data();
    void cliMixCarriesTheBoxes();
    void cliMasksFollowTheSourceMap_data();
    void cliMasksFollowTheSourceMap();
    void cliRefusesWhatDoesNotApply_data();
    void cliRefusesWhatDoesNotApply();
};

void TestObjects::visibleParts()
{
    // B's box, then C's over part of it: A shows outside both, B where C is not.
    const auto parts = cutmix::visibleParts({10, 10}, {Box{0, 0, 6, 6}, Box{4, 4, 10, 10}});
    QCOMPARE(parts.size(), 3u);
    auto area = [](const std::vector<Box>& boxes) {
        long long a = 0;
        for (const Box& b : boxes)
            a += b.area();
        return a;
    };
    QCOMPARE(area(parts[0]), 100 - 36 - 36 + 4);
    QCOMPARE(area(parts[1]), 36 - 4);
    QCOMPARE(area(parts[2]), 36);
    QCOMPARE(visibleCounts({10, 10}, {Box{0, 0, 6, 6}, Box{4, 4, 10, 10}}),
             (std::vector<long long>{area(parts[0]), area(parts[1]), area(parts[2])}));
}

void TestObjects::everyMethodEveryRule_data()
{
    QTest::addColumn<QString>("family");
    QTest::addColumn<int>("sources");
    QTest::addColumn<QString>("rule");
    for (std::string_view family : methodFamilies()) {
        const Method& m = methodFor(family);
        if (!m.objectViews)
            continue;
        for (const KeepRule& r : keepRules())
            for (int sources : m.takes(Setting::Sources) ? std::vector<int>{2, 4} : std::vector<int>{2}) {
                const std::string name =
                    std::string(family) + " " + std::to_string(sources) + " " + std::string(r.name);
                QTest::newRow(name.c_str()) << QString::fromStdString(std::string(family)) << sources
                                            << QString::fromStdString(std::string(r.name));
            }
    }
}

void TestObjects::everyMethodEveryRule()
{
    QFETCH(QString, family);
    QFETCH(int, sources);
    QFETCH(QString, rule);
    const KeepRule& keep = keepRuleNamed(rule.toStdString());
    for (std::uint64_t index = 0; index < 20; ++index) {
        Params p = paramsOf(family.toUtf8().constData());
        p.sources = sources;
        p.index = index;
        // Sources of other sizes too: their boxes are brought to A's size.
        std::vector<Size> sizes{{64, 48}, {80, 40}, {64, 48}, {32, 96}};
        sizes.resize(std::size_t(sourceCount(p)));
        const Draw d = sampleDraw(p, sizes);
        std::vector<ImageObjects> objects;
        for (std::size_t k = 0; k < sizes.size(); ++k)
            objects.push_back(randomObjects(sizes[k], 15, unsigned(index * 10 + k)));
        std::vector<CarriedObject> carried = carryObjects(d, objects);
        QCOMPARE(carried.size(), 15u * sizes.size());
        applyKeepRule(keep, keep.defaults, d.size, carried);
        for (const CarriedObject& o : carried) {
            QVERIFY(o.visible >= 0.0 && o.visible <= 1.0);
            if (!o.kept) {
                QVERIFY(!o.reasonTemplate.empty());
                continue;
            }
            QVERIFY2(inside(o.box, d.size), o.reason().c_str());
            // The written box never grows beyond where the object was.
            QVERIFY(o.box.x1 >= o.before.x1 - 1e-9 && o.box.x2 <= o.before.x2 + 1e-9);
            QVERIFY(o.box.y1 >= o.before.y1 - 1e-9 && o.box.y2 <= o.before.y2 + 1e-9);
            QCOMPARE(o.clipped, o.box != o.before);
        }
    }
}

void TestObjects::coveredBoxDropped_data()
{
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("rule");
    for (const char* family : {"cutmix", "resizemix", "cutout"})
        for (const KeepRule& r : keepRules())
            QTest::newRow((std::string(family) + " " + std::string(r.name)).c_str())
                << QString(family) << QString::fromStdString(std::string(r.name));
}

void TestObjects::coveredBoxDropped()
{
    QFETCH(QString, family);
    QFETCH(QString, rule);
    const Size size{100, 80};
    Params p = paramsOf(family.toUtf8().constData());
    Draw d;
    if (family == "cutmix") {
        d = cutmixWithBox(size, {10, 10, 60, 50});
    } else {
        // The draw's own region, found by trying indices until it is large enough.
        for (p.index = 0;; ++p.index) {
            d = sampleDraw(p, size, size);
            if (d.geometry.box.width() >= 12 && d.geometry.box.height() >= 12)
                break;
        }
    }
    const Box& region = d.geometry.box;
    // An object of A under the region, and one far from it only where the region leaves room.
    const BoxF under{region.x1 + 2.0, region.y1 + 2.0, region.x2 - 2.0, region.y2 - 2.0};
    std::vector<ImageObjects> objects{{size, {{under, 3}}}};
    if (d.sources == 2)
        objects.push_back({size, {}});
    std::vector<CarriedObject> carried = carryObjects(d, objects);
    QCOMPARE(carried.size(), 1u);
    QCOMPARE(carried[0].visible, 0.0);
    QVERIFY(carried[0].after.empty());
    const KeepRule& keep = keepRuleNamed(rule.toStdString());
    applyKeepRule(keep, keep.defaults, size, carried);
    QCOMPARE(carried[0].kept, rule == "all");
    if (rule == "all")
        QCOMPARE(carried[0].box, under);
    else
        QVERIFY(!carried[0].reasonTemplate.empty());
}

void TestObjects::pastedBoxKeptUnchanged_data()
{
    QTest::addColumn<QString>("rule");
    for (const KeepRule& r : keepRules())
        QTest::newRow(std::string(r.name).c_str()) << QString::fromStdString(std::string(r.name));
}

void TestObjects::pastedBoxKeptUnchanged()
{
    QFETCH(QString, rule);
    const Size size{100, 80};
    const Draw d = cutmixWithBox(size, {20, 10, 90, 70});
    const BoxF whole{30.5, 20.25, 60.0, 50.0}, half{10.0, 30.0, 40.0, 40.0};
    std::vector<CarriedObject> carried = carryObjects(d, {{size, {}}, {size, {{whole, 1}, {half, 2}}}});
    const KeepRule& keep = keepRuleNamed(rule.toStdString());
    applyKeepRule(keep, keep.defaults, size, carried);
    QCOMPARE(carried.size(), 2u);
    QVERIFY(carried[0].kept);
    QVERIFY(!carried[0].clipped);
    QCOMPARE(carried[0].box, whole);
    QCOMPARE(carried[0].visible, 1.0);
    QVERIFY(carried[0].reasonTemplate.empty());
    // Two thirds of the other lie in the cut: clipped to it, kept by every rule.
    QVERIFY(carried[1].kept);
    QVERIFY(carried[1].clipped);
    QCOMPARE(carried[1].box, (BoxF{20.0, 30.0, 40.0, 40.0}));
    QCOMPARE(carried[1].visible, 2.0 / 3.0);
}

void TestObjects::resizemixScalesBoxesIntoThePatch()
{
    Params p = paramsOf("resizemix");
    p.index = 3;
    const Size size{120, 90};
    const Draw d = sampleDraw(p, size, {240, 90});
    const Box& patch = d.geometry.box;
    // B is twice as wide: its box is halved to A's size, then scaled into the patch.
    std::vector<CarriedObject> carried = carryObjects(d, {{size, {}}, {{240, 90}, {{{40, 9, 200, 81}, 0}}}});
    QCOMPARE(carried.size(), 1u);
    const double sx = double(patch.width()) / size.width, sy = double(patch.height()) / size.height;
    const BoxF expected{patch.x1 + 20 * sx, patch.y1 + 9 * sy, patch.x1 + 100 * sx, patch.y1 + 81 * sy};
    QVERIFY(std::abs(carried[0].before.x1 - expected.x1) < 1e-9);
    QVERIFY(std::abs(carried[0].before.y2 - expected.y2) < 1e-9);
    QCOMPARE(carried[0].visible, 1.0);
    QCOMPARE(carried[0].after, carried[0].before);
    // Wholly inside the patch: every rule keeps it as placed.
    for (const KeepRule& r : keepRules()) {
        std::vector<CarriedObject> judged = carried;
        applyKeepRule(r, r.defaults, size, judged);
        QVERIFY2(judged[0].kept, judged[0].reason().c_str());
        QVERIFY(!judged[0].clipped);
        QCOMPARE(judged[0].box, carried[0].before);
    }
}

void TestObjects::mixupKeepsTheUnionWithWeights()
{
    Params p = paramsOf("mixup");
    const Size size{50, 40};
    const Draw d = sampleDraw(p, size, size);
    std::vector<CarriedObject> carried =
        carryObjects(d, {{size, {{{1, 1, 10, 10}, 0}}}, {size, {{{5, 5, 45, 35}, 1}, {{0, 0, 50, 40}, 2}}}});
    for (const KeepRule& r : keepRules()) {
        applyKeepRule(r, r.defaults, size, carried);
        QCOMPARE(carried.size(), 3u);
        for (const CarriedObject& o : carried) {
            QVERIFY(o.kept);
            QCOMPARE(o.visible, 1.0);
            QCOMPARE(o.weight, o.source == 0 ? d.lam : 1.0 - d.lam);
            QCOMPARE(o.box, o.before);
        }
    }
}

void TestObjects::fmixReadsTheMap()
{
    Params p = paramsOf("fmix");
    p.index = 5;
    const Size size{40, 30};
    const Draw d = sampleDraw(p, size, size);
    const cv::Mat map = sourceMap(d);
    // A box of the whole image: its visible share is the map's share.
    std::vector<CarriedObject> carried =
        carryObjects(d, {{size, {{{0, 0, 40, 30}, 0}}}, {size, {{{0, 0, 40, 30}, 1}, {{3, 4, 9, 7}, 2}}}});
    QCOMPARE(carried[0].visible, double(d.maskCount) / size.area());
    QCOMPARE(carried[1].visible, 1.0 - double(d.maskCount) / size.area());
    int seen = 0;
    for (int y = 4; y < 7; ++y)
        for (int x = 3; x < 9; ++x)
            seen += map.at<std::uint8_t>(y, x) == 1;
    QCOMPARE(carried[2].visible, seen / 18.0);
}

void TestObjects::masksFollowTheSourceMap_data()
{
    QTest::addColumn<QString>("family");
    QTest::addColumn<int>("sources");
    for (std::string_view family : methodFamilies()) {
        const Method& m = methodFor(family);
        if (!m.paintLabels)
            continue;
        QTest::newRow(std::string(family).c_str()) << QString::fromStdString(std::string(family)) << 2;
        if (m.takes(Setting::Sources))
            QTest::newRow((std::string(family) + " 5").c_str()) << QString::fromStdString(std::string(family)) << 5;
    }
}

void TestObjects::masksFollowTheSourceMap()
{
    QFETCH(QString, family);
    QFETCH(int, sources);
    for (std::uint64_t index = 0; index < 6; ++index) {
        Params p = paramsOf(family.toUtf8().constData());
        p.sources = sources;
        p.index = index;
        std::vector<Size> sizes{{60, 40}, {30, 20}, {60, 40}, {90, 40}, {60, 80}};
        sizes.resize(std::size_t(sourceCount(p)));
        const Draw d = sampleDraw(p, sizes);
        // Each source's mask is its own number + 1 everywhere, so the mixed
        // mask must be the source map + 1 (and 0 where Cutout filled).
        std::vector<cv::Mat> masks;
        for (std::size_t k = 0; k < sizes.size(); ++k)
            masks.emplace_back(sizes[k].height, sizes[k].width, CV_8UC1, cv::Scalar(double(k + 1)));
        const cv::Mat mixed = mixLabels(masks, sizes, d);
        const cv::Mat map = sourceMap(d);
        QCOMPARE(mixed.size(), map.size());
        for (int y = 0; y < map.rows; ++y)
            for (int x = 0; x < map.cols; ++x) {
                const int source = map.at<std::uint8_t>(y, x);
                QCOMPARE(int(mixed.at<std::uint16_t>(y, x)), source == 255 ? 0 : source + 1);
            }
    }
}

void TestObjects::instanceMasksRenumbered()
{
    cv::Mat a(4, 4, CV_8UC1, cv::Scalar(0)), b(4, 4, CV_8UC1, cv::Scalar(2));
    a(cv::Rect(0, 0, 2, 2)).setTo(1);
    a(cv::Rect(2, 2, 2, 2)).setTo(2);
    const auto r = renumberedInstances({a, b}, {{3, 0}, {0, 7}});
    QCOMPARE(int(r[0].at<std::uint16_t>(0, 0)), 3);
    QCOMPARE(int(r[0].at<std::uint16_t>(3, 3)), 0); // dropped
    QCOMPARE(int(r[0].at<std::uint16_t>(0, 3)), 0); // no object
    QCOMPARE(int(r[1].at<std::uint16_t>(1, 1)), 7);
    // The new ids of a mix's objects: the kept ones numbered in the order
    // listed (as --boxes-out writes them), a dropped one 0.
    auto carried = [](int source, int index, bool kept) {
        CarriedObject o;
        o.source = source;
        o.index = index;
        o.kept = kept;
        return o;
    };
    const std::vector<std::vector<int>> ids = keptInstanceIds(
        {carried(0, 0, true), carried(0, 1, false), carried(1, 0, false), carried(1, 1, true), carried(1, 2, true)}, 3);
    QCOMPARE(ids, (std::vector<std::vector<int>>{{1, 0}, {0, 2, 3}, {}}));
}

void TestObjects::rulesAgainstTheLibraries()
{
    // Each line: rule, its thresholds ("-" for the library's defaults, else
    // key=value,...), the box before (x1 y1 x2 y2), after, visible, pasted
    // (0/1 and the cut), segments (0/1), and the verdict the library's own
    // formula gives (tests/vectors/keep_rules.py, its types included).
    std::ifstream in(CUTMIX_TEST_DATA "/keep_rules.txt");
    QVERIFY(in);
    std::string line;
    int cases = 0, variants = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream s(line);
        std::string rule, thresholds;
        CarriedObject o;
        int pasted = 0, segments = 0, expected = 0;
        Box cut;
        s >> rule >> thresholds >> o.before.x1 >> o.before.y1 >> o.before.x2 >> o.before.y2 >> o.after.x1 >>
            o.after.y1 >> o.after.x2 >> o.after.y2 >> o.visible >> pasted >> cut.x1 >> cut.y1 >> cut.x2 >> cut.y2 >>
            segments >> expected;
        QVERIFY2(s, line.c_str());
        if (pasted)
            o.pasted = cut;
        o.withSegments = segments != 0;
        const KeepRule& r = keepRuleNamed(rule);
        KeepValues values = r.defaults;
        if (thresholds != "-") {
            std::istringstream list(thresholds);
            std::string item;
            while (std::getline(list, item, ',')) {
                const std::size_t eq = item.find('=');
                QVERIFY2(eq != std::string::npos, line.c_str());
                const std::string key = item.substr(0, eq);
                const auto spec = std::find_if(keepSpecs().begin(), keepSpecs().end(),
                                               [&](const ParamSpec& p) { return settingKey(p.setting) == key; });
                QVERIFY2(spec != keepSpecs().end(), key.c_str());
                QVERIFY2(r.uses(spec->setting), (rule + " does not read " + key).c_str());
                setKeepValue(values, spec->setting, {std::stod(item.substr(eq + 1)), 0, 0});
            }
            ++variants;
        }
        std::vector<CarriedObject> one{o};
        applyKeepRule(r, values, {640, 480}, one);
        QVERIFY2(one[0].kept == (expected != 0), (line + " -> " + one[0].reason()).c_str());
        ++cases;
    }
    QVERIFY(cases >= 1000);
    QVERIFY(variants >= 450);
}

void TestObjects::rulesSayWhy()
{
    CarriedObject o;
    o.before = {0, 0, 100, 100};
    o.after = {0, 0, 100, 8};
    o.visible = 0.08;
    std::vector<CarriedObject> v{o};
    const KeepRule& alb = keepRuleNamed("albumentations");
    KeepValues values = alb.defaults;
    values.minVisibility = 0.1;
    applyKeepRule(alb, values, {640, 480}, v);
    QCOMPARE(v[0].reason(), std::string("8 % visible < 10 %"));
    v = {o};
    applyKeepRule(keepRuleNamed("ultralytics"), keepRuleNamed("ultralytics").defaults, {640, 480}, v);
    QCOMPARE(v[0].reason(), std::string("8 % of the box area kept <= 10 %"));
    o.after = {0, 0, 100, 1.5};
    v = {o};
    applyKeepRule(keepRuleNamed("ultralytics"), keepRuleNamed("ultralytics").defaults, {640, 480}, v);
    QCOMPARE(v[0].reason(), std::string("height 1.5 px <= 2 px"));
    o.pasted = Box{0, 0, 100, 5};
    v = {o};
    applyKeepRule(keepRuleNamed("ultralytics"), keepRuleNamed("ultralytics").defaults, {640, 480}, v);
    QCOMPARE(v[0].reason(), std::string("5 % inside the cut < 10 %"));
    v = {o};
    applyKeepRule(keepRuleNamed("torchvision"), keepRuleNamed("torchvision").defaults, {640, 480}, v);
    QVERIFY(v[0].kept);
    QCOMPARE(v[0].reason(), std::string("clipped to its visible part, 8 % visible"));
}

void TestObjects::ruleSettings()
{
    // Each rule reads its own thresholds, with its library's defaults.
    QCOMPARE(keepRuleNamed("torchvision").defaults.minArea, 1.0);
    QCOMPARE(keepRuleNamed("albumentations").defaults.minArea, 0.0);
    QVERIFY(keepRuleNamed("ultralytics").uses(Setting::AreaThr));
    QVERIFY(!keepRuleNamed("ultralytics").uses(Setting::MinVisibility));
    KeepValues v;
    setKeepValue(v, Setting::MinVisibility, {0.25, 0, 0});
    QCOMPARE(keepValue(v, Setting::MinVisibility).a, 0.25);
    QVERIFY_THROWS_EXCEPTION(Error, setKeepValue(v, Setting::MinVisibility, {1.5, 0, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, keepRuleNamed("yolo"));
    for (const ParamSpec& spec : keepSpecs())
        QVERIFY(!settingKey(spec.setting).empty());
}

void TestObjects::yoloRoundTrip()
{
    const Size size{640, 480};
    const ImageObjects o = randomObjects(size, 30, 7);
    const ReadObjects back = parseYolo(yoloText(o.objects, size), size, 5, "t.txt");
    QCOMPARE(back.image.objects.size(), o.objects.size());
    for (std::size_t i = 0; i < o.objects.size(); ++i) {
        QCOMPARE(back.image.objects[i].classIndex, o.objects[i].classIndex);
        QVERIFY(std::abs(back.image.objects[i].box.x1 - o.objects[i].box.x1) < 1e-3);
        QVERIFY(std::abs(back.image.objects[i].box.y2 - o.objects[i].box.y2) < 1e-3);
    }
    // A polygon line: its box is the polygon's extent, and it counts as a segment.
    const ReadObjects poly = parseYolo("2 0.1 0.2 0.5 0.25 0.3 0.75\n", size, 0, "p.txt");
    QVERIFY(poly.segments);
    QCOMPARE(poly.image.objects[0].box, (BoxF{64, 96, 320, 360}));
}

void TestObjects::cocoRoundTrip()
{
    const Size size{320, 200};
    const ImageObjects o = randomObjects(size, 12, 3);
    const std::string text = cocoText({{5, "images/a.jpg", size}}, {o.objects}, {"cat", "cup"});
    const CocoFile c = parseCoco(text, "a.json");
    QCOMPARE(c.images.size(), 1u);
    QCOMPARE(c.images[0].size, size);
    QVERIFY(c.segments);
    const ReadObjects r = cocoObjectsOf(c, "elsewhere/a.jpg", "a.json");
    QCOMPARE(r.image.objects.size(), o.objects.size());
    for (std::size_t i = 0; i < o.objects.size(); ++i) {
        QCOMPARE(r.image.objects[i].classIndex, o.objects[i].classIndex);
        QVERIFY(std::abs(r.image.objects[i].box.x2 - o.objects[i].box.x2) < 1e-9);
    }
    QCOMPARE(r.classes.at(1), std::string("cup"));
    QCOMPARE(r.classes.at(4), std::string("class 4"));
}

void TestObjects::vocRoundTrip()
{
    const Size size{500, 375};
    std::vector<Object> objects{{{48, 240, 195, 371}, 1}, {{8.5, 12, 352.25, 298}, 0}};
    std::vector<std::string> classes{"dog", "person"};
    const std::string text = vocText(objects, size, classes, "000001.jpg");
    std::vector<std::string> read{"dog", "person"};
    const ReadObjects r = parseVoc(text, read, true, "000001.xml");
    QCOMPARE(r.image.size, size);
    QCOMPARE(r.image.objects.size(), 2u);
    QCOMPARE(r.image.objects[0].box, objects[0].box);
    QCOMPARE(r.image.objects[1].box, objects[1].box);
    QCOMPARE(r.image.objects[0].classIndex, 1);
    // New names are added in order of appearance unless the classes are fixed.
    std::vector<std::string> none;
    QCOMPARE(parseVoc(text, none, false, "x.xml").image.objects[0].classIndex, 0);
    QCOMPARE(none, (std::vector<std::string>{"person", "dog"}));
    std::vector<std::string> other{"cat"};
    QVERIFY_THROWS_EXCEPTION(Error, parseVoc(text, other, true, "x.xml"));
}

void TestObjects::readersRefuse_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("yolo nan") << "yolo"
                              << "0 0.5 0.5 0.1 0.1\n1 nan 0.5 0.1 0.1\n"
                              << "f:2";
    QTest::newRow("yolo negative width") << "yolo"
                                         << "0 0.5 0.5 -0.1 0.1\n"
                                         << "f:1";
    QTest::newRow("yolo class out of range") << "yolo"
                                             << "\n\n7 0.5 0.5 0.1 0.1\n"
                                             << "f:3: class 7";
    QTest::newRow("yolo outside") << "yolo"
                                  << "0 0.95 0.5 0.2 0.1\n"
                                  << "f:1: the box lies outside";
    QTest::newRow("yolo few fields") << "yolo"
                                     << "0 0.5 0.5\n"
                                     << "f:1";
    QTest::newRow("yolo text class") << "yolo"
                                     << "cat 0.5 0.5 0.1 0.1\n"
                                     << "f:1";
    QTest::newRow("coco unknown image") << "coco"
                                        << R"({"images":[{"id":1,"file_name":"a.jpg","width":10,"height":10}],
        "categories":[{"id":1,"name":"cat"}],
        "annotations":[{"id":9,"image_id":2,"category_id":1,"bbox":[1,1,2,2]}]})"
                                        << "annotation id 9: unknown image id 2";
    QTest::newRow("coco unknown category") << "coco"
                                           << R"({"images":[{"id":1,"file_name":"a.jpg","width":10,"height":10}],
        "categories":[{"id":1,"name":"cat"}],
        "annotations":[{"id":4,"image_id":1,"category_id":3,"bbox":[1,1,2,2]}]})"
                                           << "annotation id 4: unknown category id 3";
    QTest::newRow("coco negative size") << "coco"
                                        << R"({"images":[{"id":1,"file_name":"a.jpg","width":10,"height":10}],
        "categories":[{"id":1}],
        "annotations":[{"id":4,"image_id":1,"category_id":1,"bbox":[1,1,-2,2]}]})"
                                        << "annotation id 4: the width";
    QTest::newRow("coco outside") << "coco"
                                  << R"({"images":[{"id":1,"file_name":"a.jpg","width":10,"height":10}],
        "categories":[{"id":1}],
        "annotations":[{"id":4,"image_id":1,"category_id":1,"bbox":[5,5,8,2]}]})"
                                  << "annotation id 4: object 1: the box lies outside";
    QTest::newRow("coco not json") << "coco"
                                   << "{images"
                                   << "not valid JSON";
    QTest::newRow("voc nan") << "voc"
                             << "<annotation><size><width>10</width><height>10</height></size><object><name>a</name>"
                                "<bndbox><xmin>nan</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object>"
                                "</annotation>"
                             << "object 1: <xmin> 'nan'";
    QTest::newRow("voc inverted") << "voc"
                                  << "<annotation><size><width>10</width><height>10</height></size><object><name>a"
                                     "</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax>"
                                     "</bndbox></object></annotation>"
                                  << "object 1";
    QTest::newRow("voc broken xml") << "voc"
                                    << "<annotation><size>"
                                    << "not valid XML";
}

void TestObjects::readersRefuse()
{
    QFETCH(QString, format);
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const std::string t = text.toStdString();
    try {
        if (format == "yolo")
            parseYolo(t, {100, 100}, 5, "f");
        else if (format == "coco")
            parseCoco(t, "f");
        else {
            std::vector<std::string> classes;
            parseVoc(t, classes, false, "f");
        }
        QFAIL("accepted");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains(mentions), e.what());
        QCOMPARE(e.setting(), Setting::Boxes);
    }
}

namespace
{

const QString kRes = CUTMIX_RESOURCES;
const QString kCat = kRes + "/chelsea.png", kCoffee = kRes + "/coffee.png";
const QString kCatBoxes = kRes + "/labels/chelsea.txt", kCoffeeBoxes = kRes + "/labels/coffee.txt";

} // namespace

void TestObjects::cliMixCarriesTheBoxes_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("rule");
    for (const char* method : {"cutmix", "mixup", "resizemix", "fmix"})
        for (const KeepRule& r : keepRules())
            QTest::newRow((std::string(method) + " " + std::string(r.name)).c_str())
                << QString(method) << QString::fromStdString(std::string(r.name));
}

void TestObjects::cliMixCarriesTheBoxes()
{
    QFETCH(QString, method);
    QFETCH(QString, rule);
    QTemporaryDir dir;
    const QString out = dir.filePath("out.png"), boxes = dir.filePath("out.txt"), json = dir.filePath("out.json");
    // The bundled labels of the cat and the coffee cup.
    const CliRun r = runCli({"mix", kCat, kCoffee, "-o", out, "--json", json, "--method", method, "--seed", "5",
                             "--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", rule, "--boxes-out", boxes});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile f(json), b(boxes);
    QVERIFY(f.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const nlohmann::json record = nlohmann::json::parse(f.readAll().toStdString());
    QCOMPARE(record["box_rule"].get<std::string>(), rule.toStdString());
    const nlohmann::json& objects = record["objects"];
    QCOMPARE(objects.size(), 4u); // a cat; a cup, a saucer and a spoon
    const Size size{451, 300};    // the mixed image has A's size
    const ReadObjects written = parseYolo(b.readAll().toStdString(), size, 9, "out.txt");
    std::size_t kept = 0;
    for (const nlohmann::json& o : objects) {
        if (!o["kept"].get<bool>()) {
            QVERIFY(!o["reason"].get<std::string>().empty());
            continue;
        }
        const auto& box = o["box"];
        const Object& w = written.image.objects.at(kept++);
        QCOMPARE(w.classIndex, o["class"].get<int>());
        QVERIFY(std::abs(w.box.x1 - box[0].get<double>()) < 1e-3 && std::abs(w.box.y2 - box[3].get<double>()) < 1e-3);
    }
    QCOMPARE(written.image.objects.size(), kept);
    if (rule == "all" || method == "mixup")
        QCOMPARE(kept, 4u);
    QVERIFY(r.err.contains(QString("objects: %1 of 4 kept").arg(kept)));
}

void TestObjects::cliMasksFollowTheSourceMap_data()
{
    QTest::addColumn<QString>("method");
    for (const char* method : {"cutmix", "resizemix", "fmix", "cutout"})
        QTest::newRow(method) << QString(method);
}

void TestObjects::cliMasksFollowTheSourceMap()
{
    QFETCH(QString, method);
    QTemporaryDir dir;
    const QString ma = dir.filePath("a.png"), mb = dir.filePath("b.png");
    QVERIFY(cv::imwrite(ma.toStdString(), cv::Mat(300, 451, CV_8UC1, cv::Scalar(1))));
    QVERIFY(cv::imwrite(mb.toStdString(), cv::Mat(400, 600, CV_8UC1, cv::Scalar(2))));
    const QString out = dir.filePath("out.png"), mask = dir.filePath("mask.png"), map = dir.filePath("map.png");
    const CliRun r = runCli({"mix", kCat, kCoffee, "-o", out, "--method", method, "--seed", "9", "--masks", ma, mb,
                             "--masks-out", mask, "--source-map", map, "--json", dir.filePath("r.json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const cv::Mat m = cv::imread(mask.toStdString(), cv::IMREAD_UNCHANGED);
    const cv::Mat s = cv::imread(map.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(m.type(), CV_8UC1);
    QCOMPARE(s.size(), m.size());
    cv::Mat expected = s + 1;
    expected.setTo(0, s == 255);
    QCOMPARE(cv::countNonZero(expected != m), 0);
}

void TestObjects::cliRefusesWhatDoesNotApply_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("a threshold of another rule")
        << QStringList{"--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", "ultralytics", "--min-visibility", "0.3"}
        << "--min-visibility does not apply to the ultralytics box rule";
    QTest::newRow("a threshold out of range")
        << QStringList{"--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", "albumentations", "--min-visibility", "2"}
        << "minimum visibility";
    QTest::newRow("an unknown rule") << QStringList{"--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", "yolo"}
                                     << "--box-rule";
    QTest::newRow("one box file for two images") << QStringList{"--boxes", kCatBoxes} << "--boxes: expected one file";
    QTest::newRow("an unknown format") << QStringList{"--boxes", kCatBoxes, kCoffeeBoxes, "--box-format", "kitti"}
                                       << "--box-format";
    QTest::newRow("boxes out without boxes") << QStringList{"--boxes-out", "x.txt"} << "--boxes-out needs --boxes";
    QTest::newRow("masks of a blend") << QStringList{"--method", "mixup",       "--masks", kCat,
                                                     kCoffee,    "--masks-out", "m.png"}
                                      << "no pixel has the label of one source";
}

void TestObjects::cliRefusesWhatDoesNotApply()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString out = dir.filePath("out.png");
    const CliRun r = runCli(QStringList{"mix", kCat, kCoffee, "-o", out} + args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestObjects)
#include "tst_objects.moc"
