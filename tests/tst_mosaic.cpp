// Mosaic (Ultralytics' _mosaic4) and Ultralytics' CutMix (8.3.120): the
// tiles' sizes and places as Ultralytics computes them, boxes that move with
// their tile and stay inside the canvas, the source map and the label masks
// equal to the placement, seeded draws; the cut that avoids A's boxes, and
// the 10 % rule for B's boxes on vectors worked out by hand.
#include "clirun.h"
#include "draw.h"
#include "error.h"
#include "keeprules.h"
#include "mixer.h"
#include "objects.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>

using namespace cutmix;

Q_DECLARE_METATYPE(cutmix::BoxF)

namespace
{

Params mosaicParams(int s, std::uint64_t seed = 3)
{
    Params p;
    p.method = &methodFor("mosaic");
    p.setNumber(Setting::MosaicSize, s);
    p.seed = seed;
    return p;
}

// A mosaic draw whose centre comes from the uniforms ux, uy.
Draw mosaicAt(const Params& p, const std::vector<Size>& sizes, double ux, double uy)
{
    RandomInputs in;
    in.lam = 0.5;
    in.u = {ux, uy, 0.0, 0.0};
    in.extra.resize(2);
    return makeDraw(p, sizes, in);
}

// Where tile k's pixel (0, 0) lands: the corner of each quadrant at the
// centre (the offsets padw, padh of _mosaic4 worked out in closed form).
Point tileOrigin(int k, Size tile, Point c)
{
    return {k % 2 == 0 ? c.x - tile.width : c.x, k < 2 ? c.y - tile.height : c.y};
}

ImageObjects randomObjects(Size size, int n, unsigned seed)
{
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    ImageObjects o{size, {}};
    for (int i = 0; i < n; ++i) {
        const double w = 0.5 + u(gen) * (size.width - 0.5), h = 0.5 + u(gen) * (size.height - 0.5);
        const double x = u(gen) * (size.width - w), y = u(gen) * (size.height - h);
        o.objects.push_back({{x, y, x + w, y + h}, i % 3});
    }
    return o;
}

Params ultralyticsParams(int areas, std::uint64_t seed)
{
    Params p;
    p.method = &methodFor("cutmix-ultralytics");
    p.setNumber(Setting::NumAreas, areas);
    p.seed = seed;
    return p;
}

} // namespace

class TestMosaic : public QObject
{
    Q_OBJECT

private slots:
    void tileSizes_data();
    void tileSizes();
    void centreRange();
    void boxesMoveWithTheirTiles_data();
    void boxesMoveWithTheirTiles();
    void offCanvasBoxesAreRemoved();
    void pixelsAndMapFollowThePlacement_data();
    void pixelsAndMapFollowThePlacement();
    void masksFollowThePlacement();
    void seeded();
    void needsFourImages();
    void ultralyticsCutAvoidsA();
    void ultralyticsNoFreeCandidate();
    void ultralyticsTenPercent_data();
    void ultralyticsTenPercent();
    void ultralyticsNoBoxOfBInTheCut();
    void cliMosaic();
    void cliMosaicErrors_data();
    void cliMosaicErrors();
    void cliUltralytics();
};

void TestMosaic::tileSizes_data()
{
    // Expected values from BaseDataset.load_image's formula, worked out in
    // Python: (min(ceil(w0 r), s), min(ceil(h0 r), s)), r = s / max(h0, w0).
    QTest::addColumn<Size>("image");
    QTest::addColumn<int>("s");
    QTest::addColumn<Size>("tile");
    QTest::newRow("chelsea 640") << Size{451, 300} << 640 << Size{640, 426};
    QTest::newRow("coffee 640") << Size{600, 400} << 640 << Size{640, 427};
    QTest::newRow("square") << Size{512, 512} << 640 << Size{640, 640};
    QTest::newRow("odd s") << Size{451, 300} << 41 << Size{41, 28};
    QTest::newRow("tall") << Size{25, 35} << 40 << Size{29, 40};
    QTest::newRow("already s") << Size{40, 20} << 40 << Size{40, 20};
}

void TestMosaic::tileSizes()
{
    QFETCH(Size, image);
    QFETCH(int, s);
    QFETCH(Size, tile);
    const Draw d = sampleDraw(mosaicParams(s), std::vector<Size>(4, image));
    QCOMPARE(d.size, (Size{2 * s, 2 * s}));
    for (int k = 0; k < 4; ++k) {
        QCOMPARE(d.regions[std::size_t(k)].geometry.cut, tile);
        QCOMPARE(preparedSize(d, k), tile);
    }
}

void TestMosaic::centreRange()
{
    // int(random.uniform(-border, 2s + border)), border = -s // 2: [s/2, 3s/2)
    // for an even s, [3, 7) for s = 5.
    const std::vector<Size> sizes(4, Size{40, 40});
    QCOMPARE(mosaicAt(mosaicParams(40), sizes, 0.0, 0.0).geometry.center, (Point{20, 20}));
    QCOMPARE(mosaicAt(mosaicParams(40), sizes, 0.999999, 0.5).geometry.center, (Point{59, 40}));
    QCOMPARE(mosaicAt(mosaicParams(5), std::vector<Size>(4, Size{5, 5}), 0.0, 0.999999).geometry.center, (Point{3, 6}));
    Params p = mosaicParams(40);
    for (std::uint64_t i = 0; i < 200; ++i) {
        p.index = i;
        const Point c = *sampleDraw(p, sizes).geometry.center;
        QVERIFY(c.x >= 20 && c.x < 60 && c.y >= 20 && c.y < 60);
    }
}

void TestMosaic::boxesMoveWithTheirTiles_data()
{
    QTest::addColumn<double>("ux");
    QTest::addColumn<double>("uy");
    QTest::newRow("low centre") << 0.0 << 0.05;
    QTest::newRow("middle") << 0.5 << 0.5;
    QTest::newRow("high centre") << 0.99 << 0.8;
}

void TestMosaic::boxesMoveWithTheirTiles()
{
    QFETCH(double, ux);
    QFETCH(double, uy);
    // Sources already of long side s: no resize, the tile offset alone.
    const std::vector<Size> sizes{{40, 30}, {30, 40}, {40, 40}, {40, 20}};
    const Draw d = mosaicAt(mosaicParams(40), sizes, ux, uy);
    std::vector<ImageObjects> objects;
    for (int k = 0; k < 4; ++k)
        objects.push_back(randomObjects(sizes[std::size_t(k)], 12, unsigned(7 + k)));
    std::vector<CarriedObject> carried = carryObjects(d, objects);
    applyKeepRule(keepRuleNamed("all"), KeepValues{}, d.size, carried);
    QCOMPARE(carried.size(), 48u);
    const Point c = *d.geometry.center;
    const BoxF canvas{0, 0, 80, 80};
    int removed = 0;
    for (const CarriedObject& o : carried) {
        const BoxF& b = objects[std::size_t(o.source)].objects[std::size_t(o.index)].box;
        const Point at = tileOrigin(o.source, sizes[std::size_t(o.source)], c);
        QCOMPARE(o.before, (BoxF{b.x1 + at.x, b.y1 + at.y, b.x2 + at.x, b.y2 + at.y}));
        const BoxF clipped = intersect(o.before, canvas);
        QCOMPARE(o.kept, !clipped.empty());
        if (o.kept) {
            QCOMPARE(o.box, clipped);
            QVERIFY(o.box.x1 >= 0 && o.box.y1 >= 0 && o.box.x2 <= 80 && o.box.y2 <= 80);
            QVERIFY(std::abs(o.visible - clipped.area() / o.before.area()) < 1e-12);
        } else {
            ++removed;
            QCOMPARE(o.reason(), std::string("outside the image"));
        }
    }
    if (ux == 0.0)
        QVERIFY(removed > 0); // tile A hangs 20 px over the left edge
}

void TestMosaic::offCanvasBoxesAreRemoved()
{
    // Centre (20, 20): A (40 x 40) fills [0, 20) x [0, 20), its left and top
    // halves are off the canvas. A box there is removed by every rule; one
    // across the edge is clipped.
    const std::vector<Size> sizes(4, Size{40, 40});
    const Draw d = mosaicAt(mosaicParams(40), sizes, 0.0, 0.0);
    QCOMPARE(d.regions[0].geometry.box, (Box{0, 0, 20, 20}));
    ImageObjects a{{40, 40}, {{{2, 2, 12, 12}, 0}, {{10, 25, 30, 35}, 1}}};
    const ImageObjects none{{40, 40}, {}};
    for (const KeepRule& rule : keepRules()) {
        std::vector<CarriedObject> c = carryObjects(d, {a, none, none, none});
        applyKeepRule(rule, rule.defaults, d.size, c);
        QVERIFY(!c[0].kept);
        QCOMPARE(c[0].reason(), std::string("outside the image"));
        QCOMPARE(c[1].before, (BoxF{-10, 5, 10, 15}));
        if (c[1].kept)
            QCOMPARE(c[1].box, (BoxF{0, 5, 10, 15}));
    }
}

void TestMosaic::pixelsAndMapFollowThePlacement_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("8-bit BGR") << int(CV_8UC3);
    QTest::newRow("16-bit gray") << int(CV_16UC1);
    QTest::newRow("8-bit BGRA") << int(CV_8UC4);
}

void TestMosaic::pixelsAndMapFollowThePlacement()
{
    QFETCH(int, type);
    const std::vector<Size> sizes{{40, 30}, {30, 40}, {40, 40}, {40, 20}};
    std::vector<cv::Mat> images;
    for (int k = 0; k < 4; ++k)
        images.push_back(patternImage(sizes[std::size_t(k)].height, sizes[std::size_t(k)].width, type, k + 1));
    Params p = mosaicParams(40);
    for (std::uint64_t index = 0; index < 5; ++index) {
        p.index = index;
        const Draw d = sampleDraw(p, sizes);
        const cv::Mat out = mixImages(images, d);
        const cv::Mat map = sourceMap(d);
        QCOMPARE(sizeOf(out), (Size{80, 80}));
        QCOMPARE(out.type(), type);
        const Point c = *d.geometry.center;
        const std::size_t px = out.elemSize();
        long long counts[4] = {0, 0, 0, 0};
        for (int y = 0; y < 80; ++y)
            for (int x = 0; x < 80; ++x) {
                // The quadrant around the centre names the tile; inside the
                // tile's extent the pixel is the tile's, else the fill.
                const int k = (x < c.x ? 0 : 1) + (y < c.y ? 0 : 2);
                const Size t = sizes[std::size_t(k)];
                const Point at = tileOrigin(k, t, c);
                const int tx = x - at.x, ty = y - at.y;
                const bool inside = tx >= 0 && ty >= 0 && tx < t.width && ty < t.height;
                QCOMPARE(int(map.at<std::uint8_t>(y, x)), inside ? k : 255);
                if (inside) {
                    ++counts[k];
                    QVERIFY(std::memcmp(out.ptr(y) + x * px, images[std::size_t(k)].ptr(ty) + tx * px, px) == 0);
                } else {
                    const double fill = out.depth() == CV_16U ? 114.0 * 257 : 114.0;
                    const cv::Scalar v = out.depth() == CV_16U ? cv::Scalar(out.at<std::uint16_t>(y, x))
                                                               : cv::Scalar(out.ptr(y)[x * px]);
                    QCOMPARE(v[0], fill);
                }
            }
        // The weights: each tile's share of the tiles' pixels, the fill not counted.
        const double total = double(counts[0] + counts[1] + counts[2] + counts[3]);
        for (int k = 0; k < 4; ++k)
            QVERIFY(std::abs(d.weights[std::size_t(k)] - counts[k] / total) < 1e-15);
        QVERIFY(std::abs(d.lamAdj - counts[0] / 6400.0) < 1e-15);
        QCOMPARE(d.lam, d.weights[0]);
    }
}

void TestMosaic::masksFollowThePlacement()
{
    // Sources of other sizes: each tile resized to long side s; the labels
    // by the nearest label, so the mixed mask names a source wherever the map
    // does and 0 on the fill.
    const std::vector<Size> sizes{{90, 60}, {60, 90}, {50, 50}, {100, 40}};
    std::vector<cv::Mat> labels;
    for (int k = 0; k < 4; ++k)
        labels.emplace_back(sizes[std::size_t(k)].height, sizes[std::size_t(k)].width, CV_8UC1,
                            cv::Scalar(10 * (k + 1)));
    Params p = mosaicParams(32);
    p.index = 4;
    const Draw d = sampleDraw(p, sizes);
    const cv::Mat mask = mixLabels(labels, sizes, d), map = sourceMap(d);
    QCOMPARE(sizeOf(mask), (Size{64, 64}));
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) {
            const int k = map.at<std::uint8_t>(y, x);
            QCOMPARE(int(mask.at<std::uint16_t>(y, x)), k == 255 ? 0 : 10 * (k + 1));
        }
}

void TestMosaic::seeded()
{
    const std::vector<Size> sizes{{90, 60}, {60, 90}, {50, 50}, {100, 40}};
    std::vector<cv::Mat> images;
    for (int k = 0; k < 4; ++k)
        images.push_back(patternImage(sizes[std::size_t(k)].height, sizes[std::size_t(k)].width, CV_8UC3, k));
    const Params p = mosaicParams(48, 5);
    const Draw d1 = sampleDraw(p, sizes), d2 = sampleDraw(p, sizes);
    QCOMPARE(d1.geometry.center, d2.geometry.center);
    QCOMPARE(cv::norm(mixImages(images, d1), mixImages(images, d2), cv::NORM_INF), 0.0);
    int moved = 0;
    for (std::uint64_t seed = 6; seed < 10; ++seed) {
        const Draw other = sampleDraw(mosaicParams(48, seed), sizes);
        if (other.geometry.center != d1.geometry.center) {
            ++moved;
            QVERIFY(cv::norm(mixImages(images, other), mixImages(images, d1), cv::NORM_INF) > 0);
        }
    }
    QVERIFY(moved >= 3);
}

void TestMosaic::needsFourImages()
{
    const Params p = mosaicParams(32);
    QVERIFY_THROWS_EXCEPTION(Error, sampleDraw(p, Size{10, 10}, Size{10, 10}));
    QVERIFY(!p.method->mixesPair());
    QVERIFY_THROWS_EXCEPTION(Error, checkMixesPair(p));
    // The window, grids and batches list the pair methods; `cutmix mix` all.
    const auto pairs = methodFamilies(), all = allMethodFamilies();
    QVERIFY(std::find(pairs.begin(), pairs.end(), "mosaic") == pairs.end());
    QVERIFY(std::find(all.begin(), all.end(), "mosaic") != all.end());
    QVERIFY(std::find(pairs.begin(), pairs.end(), "cutmix-ultralytics") != pairs.end());
}

void TestMosaic::ultralyticsCutAvoidsA()
{
    // For many draws and random boxes of A: whenever a candidate overlaps
    // none of A's boxes, the cut pasted is such a candidate; and with A's
    // boxes put on every candidate but one, that one is chosen.
    const Size size{64, 48};
    int checked = 0, forced = 0;
    for (std::uint64_t seed = 0; seed < 150; ++seed) {
        const Params p = ultralyticsParams(3, seed);
        const Draw d = sampleDraw(p, size, size);
        QCOMPARE(d.regions.size(), 3u);
        ImageObjects a{size, {}};
        std::mt19937 gen{unsigned(seed)};
        for (int i = 0; i < 2; ++i) {
            const double x = std::uniform_real_distribution<double>(0.0, 56.0)(gen);
            const double y = std::uniform_real_distribution<double>(0.0, 42.0)(gen);
            a.objects.push_back({{x, y, x + 8.0, y + 6.0}, 0});
        }
        // B: a box on each candidate, so that any cut pasted keeps one.
        ImageObjects b{size, {}};
        for (const SourceBox& c : d.regions)
            if (c.geometry.box.area() > 0)
                b.objects.push_back({toBoxF(c.geometry.box), 1});
        const Draw fitted = fitToObjects(d, {a, b}, 0.1);
        bool anyFree = false;
        for (const SourceBox& c : d.regions) {
            bool free = true;
            for (const Object& o : a.objects)
                free = free && intersect(toBoxF(c.geometry.box), o.box).empty();
            anyFree = anyFree || free;
        }
        if (anyFree) {
            ++checked;
            QVERIFY(fitted.chosen >= 0);
            const Box& chosen = d.regions[std::size_t(fitted.chosen)].geometry.box;
            QCOMPARE(fitted.skipped.empty(), chosen.area() > 0); // an empty cut keeps no box of B
            if (chosen.area() > 0)
                QCOMPARE(fitted.geometry.box, chosen);
            for (const Object& o : a.objects)
                QVERIFY(intersect(toBoxF(fitted.geometry.box), o.box).empty());
        } else {
            QCOMPARE(fitted.chosen, -1);
        }
        // A's boxes on candidates 1 and 2 (a one-pixel box in each, outside
        // candidate 3), so candidate 3 alone is free.
        const Box& only = d.regions[2].geometry.box;
        ImageObjects on{size, {}};
        for (int k = 0; k < 2; ++k) {
            const Box& c = d.regions[std::size_t(k)].geometry.box;
            for (int y = c.y1; y < c.y2 && on.objects.size() == std::size_t(k); ++y)
                for (int x = c.x1; x < c.x2; ++x)
                    if (!only.contains(x, y)) {
                        on.objects.push_back({{double(x), double(y), x + 1.0, y + 1.0}, 0});
                        break;
                    }
        }
        if (on.objects.size() == 2 && only.area() > 0) {
            ++forced;
            QCOMPARE(fitToObjects(d, {on, b}, 0.1).chosen, 2);
        }
    }
    qInfo("%d draws with a free candidate, %d with one alone", checked, forced);
    QVERIFY(checked > 50);
    QVERIFY(forced > 20);
}

void TestMosaic::ultralyticsNoFreeCandidate()
{
    // A box over all of A: every candidate overlaps it, A comes back as it is.
    const Size size{40, 30};
    const Draw d = sampleDraw(ultralyticsParams(3, 1), size, size);
    const ImageObjects a{size, {{{0, 0, 40, 30}, 0}}}, b{size, {{{5, 5, 20, 20}, 1}}};
    const Draw fitted = fitToObjects(d, {a, b}, 0.1);
    QCOMPARE(fitted.chosen, -1);
    QCOMPARE(fitted.skipped, std::string("each of the 3 candidate cuts overlaps a box of A"));
    QCOMPARE(fitted.weights, (std::vector<double>{1.0, 0.0}));
    const cv::Mat ia = patternImage(30, 40, CV_8UC3, 1), ib = patternImage(30, 40, CV_8UC3, 2);
    QCOMPARE(cv::norm(mixPair(ia, ib, fitted), ia, cv::NORM_INF), 0.0);
}

void TestMosaic::ultralyticsTenPercent_data()
{
    // The cut [10, 20) x [10, 20); B's box, the share of it in the cut
    // (bbox_ioa = intersection / (area + 1e-7)), and the verdict.
    QTest::addColumn<BoxF>("box");
    QTest::addColumn<bool>("kept");
    QTest::addColumn<BoxF>("clipped");
    QTest::addColumn<QString>("reason");
    // 10 of 110 px: 9.09 %.
    QTest::newRow("9 %") << BoxF{0, 10, 11, 20} << false << BoxF{} << "9.09 % inside the cut < 10 %";
    // 20 of 120 px: 16.7 %, clipped to the cut.
    QTest::newRow("17 %") << BoxF{0, 10, 12, 20} << true << BoxF{10, 10, 12, 20}
                          << "clipped to its visible part, 16.7 % visible";
    // Inside whole: unchanged.
    QTest::newRow("inside") << BoxF{12, 12, 18, 18} << true << BoxF{12, 12, 18, 18} << "";
    // 10 of 100 px: Ultralytics computes bbox_ioa in float32 (its boxes and
    // cuts are float32 arrays, eps = 1e-7 a Python float that does not
    // promote them): 10 / float32(100 + 1e-7) is exactly float32(0.1), and
    // float32(0.1) >= 0.1 (compared in float32) keeps the box. In double the
    // eps would make it 9.99999999 %, below 10 %.
    QTest::newRow("10 % exactly") << BoxF{19, 10, 29, 20} << true << BoxF{19, 10, 20, 20}
                                  << "clipped to its visible part, 10 % visible";
}

void TestMosaic::ultralyticsTenPercent()
{
    QFETCH(BoxF, box);
    QFETCH(bool, kept);
    QFETCH(BoxF, clipped);
    QFETCH(QString, reason);
    const Size size{40, 40};
    Draw d = sampleDraw(ultralyticsParams(1, 0), size, size);
    d.geometry = {{10, 10, 20, 20}, {10, 10, 20, 20}, {10, 10}, Point{15, 15}};
    std::vector<CarriedObject> c = carryObjects(d, {ImageObjects{size, {}}, ImageObjects{size, {{box, 2}}}});
    applyKeepRule(keepRuleNamed("ultralytics"), KeepValues{}, size, c);
    QCOMPARE(c.size(), 1u);
    QCOMPARE(c[0].kept, kept);
    QCOMPARE(QString::fromStdString(c[0].reason()), reason);
    if (kept)
        QCOMPARE(c[0].box, clipped);
}

void TestMosaic::ultralyticsNoBoxOfBInTheCut()
{
    // B's only box far from every cut: Ultralytics returns A as it is.
    const Size size{200, 200};
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        const Draw d = sampleDraw(ultralyticsParams(2, seed), size, size);
        const ImageObjects a{size, {}};
        const ImageObjects b{size, {{{0, 0, 1, 1}, 1}}};
        const Draw fitted = fitToObjects(d, {a, b}, 0.1);
        const BoxF cut = toBoxF(fitted.chosen >= 0 ? d.regions[std::size_t(fitted.chosen)].geometry.box : Box{});
        const bool reaches = intersect(cut, b.objects[0].box).area() / (1.0 + 1e-7) >= 0.1;
        QCOMPARE(fitted.skipped.empty(), reaches);
        if (!reaches)
            QCOMPARE(fitted.geometry.box.area(), 0);
    }
}

void TestMosaic::cliMosaic()
{
    QTemporaryDir dir;
    const QString res = CUTMIX_RESOURCES;
    const QString out = dir.filePath("out.png"), boxes = dir.filePath("out.txt"), json = dir.filePath("r.json");
    const QString map = dir.filePath("map.png");
    const CliRun r = runCli({"mix",
                             res + "/chelsea.png",
                             res + "/coffee.png",
                             res + "/astronaut.png",
                             res + "/horse.png",
                             "--method",
                             "mosaic",
                             "--mosaic-size",
                             "64",
                             "--seed",
                             "4",
                             "-o",
                             out,
                             "--source-map",
                             map,
                             "--json",
                             json,
                             "--boxes",
                             res + "/labels/chelsea.txt",
                             res + "/labels/coffee.txt",
                             res + "/labels/astronaut.txt",
                             res + "/labels/horse.txt",
                             "--boxes-out",
                             boxes});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const cv::Mat img = cv::imread(out.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(img.cols, 128);
    QCOMPARE(img.rows, 128);
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const nlohmann::json rec = nlohmann::json::parse(f.readAll().toStdString());
    QCOMPARE(rec["method"].get<std::string>(), std::string("mosaic"));
    QCOMPARE(rec["mosaic_size"].get<int>(), 64);
    QCOMPARE(rec["tiles"].size(), 4u);
    QCOMPARE(rec["sources"].size(), 4u);
    // The objects written are those kept, inside the canvas; the map
    // names each tile's source.
    QFile boxesFile(boxes);
    QVERIFY(boxesFile.open(QIODevice::ReadOnly));
    const QStringList lines = QString(boxesFile.readAll()).split('\n', Qt::SkipEmptyParts);
    int kept = 0;
    for (const auto& o : rec["objects"])
        kept += o["kept"].get<bool>();
    QCOMPARE(lines.size(), kept);
    for (const auto& o : rec["objects"])
        if (o["kept"].get<bool>())
            for (int i = 0; i < 4; ++i) {
                QVERIFY(o["box"][i].get<double>() >= 0.0);
                QVERIFY(o["box"][i].get<double>() <= 128.0);
            }
    const cv::Mat m = cv::imread(map.toStdString(), cv::IMREAD_UNCHANGED);
    for (int k = 0; k < 4; ++k) {
        const auto& t = rec["tiles"][std::size_t(k)];
        const int x1 = t["x1"].get<int>(), y1 = t["y1"].get<int>(), x2 = t["x2"].get<int>(), y2 = t["y2"].get<int>();
        QCOMPARE(cv::countNonZero(m(cv::Rect(x1, y1, x2 - x1, y2 - y1)) != k), 0);
    }
}

void TestMosaic::cliMosaicErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString res = CUTMIX_RESOURCES;
    const QString a = res + "/chelsea.png", b = res + "/coffee.png";
    QTest::newRow("two images") << QStringList{"mix", a, b, "--method", "mosaic", "-o", "x.png"}
                                << "mosaic mixes 4 images (A top left, B top right, C bottom left, D bottom right), "
                                   "got 2";
    QTest::newRow("five images") << QStringList{"mix", a, b, a, b, a, "--method", "mosaic", "-o", "x.png"} << "got 5";
    QTest::newRow("grid")
        << QStringList{"grid", a, b, "--method", "mosaic", "-o", "x.png"}
        << "Mosaic mixes 4 images onto a canvas of its own size: only cutmix mix, cutmix export and the window make it";
    QTest::newRow("boxes of three") << QStringList{"mix", a,       b,         a,       b,       "--method", "mosaic",
                                                   "-o",  "x.png", "--boxes", "1.txt", "2.txt", "3.txt"}
                                    << "--boxes: expected one file per image (4), got 3";
    QTest::newRow("tile size") << QStringList{"mix",           a,   b,    a,      b, "--method", "mosaic",
                                              "--mosaic-size", "1", "-o", "x.png"}
                               << "mosaic-size";
}

void TestMosaic::cliMosaicErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const CliRun r = runCli(args << "--json" << dir.filePath("r.json"));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists("x.png"));
}

void TestMosaic::cliUltralytics()
{
    // The cat's box covers most of chelsea: a cut that avoids it is small or
    // none is free; the record says which candidate was pasted, or why none.
    QTemporaryDir dir;
    const QString res = CUTMIX_RESOURCES;
    for (int seed = 0; seed < 6; ++seed) {
        const QString out = dir.filePath(QString("u%1.png").arg(seed)), json = dir.filePath("u.json");
        QFile::remove(json);
        const CliRun r = runCli({"mix", res + "/coffee.png", res + "/chelsea.png", "--method", "cutmix-ultralytics",
                                 "--seed", QString::number(seed), "-o", out, "--json", json, "--boxes",
                                 res + "/labels/coffee.txt", res + "/labels/chelsea.txt", "--box-rule", "ultralytics"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const nlohmann::json rec = nlohmann::json::parse(f.readAll().toStdString());
        QCOMPARE(rec["candidates"].size(), 3u);
        const Box cut{rec["box"]["x1"].get<int>(), rec["box"]["y1"].get<int>(), rec["box"]["x2"].get<int>(),
                      rec["box"]["y2"].get<int>()};
        for (const auto& o : rec["objects"]) {
            const BoxF before{o["before"][0].get<double>(), o["before"][1].get<double>(), o["before"][2].get<double>(),
                              o["before"][3].get<double>()};
            if (o["source"] == 0) {
                // A's boxes: never under the cut, so kept as they were.
                QVERIFY(intersect(before, toBoxF(cut)).empty());
                QVERIFY(o["kept"].get<bool>());
            } else if (o["kept"].get<bool>()) {
                QVERIFY(overlapShare(before, toBoxF(cut)) >= 0.1);
            }
        }
        if (rec["skipped"].is_null())
            QVERIFY(rec["chosen"].is_number_integer());
    }
}

QTEST_APPLESS_MAIN(TestMosaic)
#include "tst_mosaic.moc"
