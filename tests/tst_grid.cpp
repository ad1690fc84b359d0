// Sample grids: the plan (core) and the sheet (render): dimensions, each
// tile's box and pixels against its draw record, captions, PDF, the CLI, and
// the one record schema shared by grid, mix and the export manifest.
#include "clirun.h"
#include "compareplan.h"
#include "comparesheet.h"
#include "error.h"
#include "gridplan.h"
#include "gridsheet.h"
#include "imageio.h"
#include "matimage.h"
#include "method.h"
#include "mixer.h"
#include "painting.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <set>

using namespace cutmix;
using namespace cutmix::render;

namespace
{
const QString kCat = CUTMIX_RESOURCES "/chelsea.png";
const QString kCoffee = CUTMIX_RESOURCES "/coffee.png";
const QString kCatBoxes = CUTMIX_RESOURCES "/labels/chelsea.txt";
const QString kCoffeeBoxes = CUTMIX_RESOURCES "/labels/coffee.txt";

// The demo pair's objects, judged by Albumentations' rule at 50 % visible
// (some are dropped by some method's draw).
ObjectInput pairObjects()
{
    ObjectInput objects;
    objects.boxFiles = {kCatBoxes.toStdString(), kCoffeeBoxes.toStdString()};
    objects.rule = &keepRuleNamed("albumentations");
    objects.keep.minVisibility = 0.5;
    return objects;
}

GridInput pairInput(const std::string& a = kCat.toStdString())
{
    GridInput in;
    in.pathA = a;
    in.pathB = kCoffee.toStdString();
    in.labelA = "cat";
    in.labelB = "cup";
    return in;
}

GridSheet sheet(const GridOptions& o, const GridInput& in)
{
    return renderGrid(planGrid(o, in));
}

std::set<std::string> keysOf(const nlohmann::json& j)
{
    std::set<std::string> keys;
    for (const auto& [k, v] : j.items())
        keys.insert(k);
    return keys;
}

nlohmann::json firstJsonLine(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return nlohmann::json::parse(f.readLine().toStdString());
}

int runGrid(const QStringList& args, QByteArray* out = nullptr)
{
    const CliRun r = runCli(args);
    if (out)
        *out = r.out.toUtf8();
    return r.code;
}
} // namespace

class TestGrid : public QObject
{
    Q_OBJECT
private slots:
    void tilesMatchTheirDraws_data();
    void tilesMatchTheirDraws();
    void pixelsOfATile();
    void writesPngJpegPdf();
    void rejectsBadOptions();
    void listOfPairs();
    void cli();
    void sheetsWithinLimits();
    void recordsShareOneSchema();
    void captionsLoseNothing_data();
    void captionsLoseNothing();
    void comparisonLosesNothing();
    void objectsOnTheTiles();
    void objectsOnTheComparison();
    void compareCommandWithBoxes();
};

void TestGrid::tilesMatchTheirDraws_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<bool>("sides");
    QTest::newRow("2x3") << 2 << 3 << false;
    QTest::newRow("1x1 sides") << 1 << 1 << true;
    QTest::newRow("3x2 sides") << 3 << 2 << true;
}

void TestGrid::tilesMatchTheirDraws()
{
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(bool, sides);
    GridOptions o;
    o.rows = rows;
    o.cols = cols;
    o.tile = 120;
    o.sides = sides;
    o.params.seed = 8;
    o.params.index = 10;
    const GridInput in = pairInput();
    const GridSheet g = sheet(o, in);
    QCOMPARE(int(g.plan.tiles.size()), rows * cols);
    QCOMPARE(g.image.size(), g.size);
    // Width: cells of 1 or 3 image boxes plus padding; height follows the
    // pair's aspect (451x300).
    const int pad = 5, panels = sides ? 3 : 1;
    QCOMPARE(g.size.width(), cols * (panels * 120 + (panels - 1) * pad) + (cols + 1) * pad);
    QCOMPARE(g.tileHeight, 80);
    for (int t = 0; t < rows * cols; ++t) {
        Params p = o.params;
        p.index = 10 + t;
        const Draw d = sampleDraw(p, {451, 300}, {600, 400});
        const GridTile& tile = g.plan.tiles[t];
        QCOMPARE(tile.draw.geometry.box, d.geometry.box);
        QCOMPARE(tile.draw.params.index, std::uint64_t(10 + t));
        QVERIFY(QString::fromStdString(tile.caption1).contains(QString::number(d.lamAdj, 'f', 3)));
        QVERIFY(QString::fromStdString(tile.caption2).startsWith("cat "));
        QVERIFY(QRect(QPoint(0, 0), g.size).contains(g.resultRects[t]));
        QCOMPARE(tile.record["box"]["x1"].get<int>(), d.geometry.box.x1);
        QCOMPARE(tile.record["index"].get<int>(), 10 + t);
    }
}

void TestGrid::pixelsOfATile()
{
    // Tiles as wide as the image: no resampling, so the pixels can be compared.
    GridOptions o;
    o.rows = 1;
    o.cols = 2;
    o.tile = 451;
    o.params.seed = 3;
    const GridInput in = pairInput();
    const GridSheet g = sheet(o, in);
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    for (std::size_t i = 0; i < g.plan.tiles.size(); ++i) {
        const GridTile& t = g.plan.tiles[i];
        const QRect rect = g.resultRects[i];
        QCOMPARE(rect.size(), QSize(451, 300));
        const QImage expected = toQImage(mixPair(a, b, t.draw)).convertToFormat(QImage::Format_RGB32);
        const Box& box = t.draw.geometry.box;
        // Away from the outline (3 px), every pixel is the mix's pixel.
        int compared = 0;
        for (int y = 0; y < 300; y += 3)
            for (int x = 0; x < 451; x += 3) {
                const bool nearEdge = (std::abs(x - box.x1) < 4 || std::abs(x - box.x2) < 4 ||
                                       std::abs(y - box.y1) < 4 || std::abs(y - box.y2) < 4);
                if (nearEdge)
                    continue;
                QCOMPARE(g.image.pixel(rect.topLeft() + QPoint(x, y)), expected.pixel(x, y));
                ++compared;
            }
        QVERIFY(compared > 10000);
    }
}

void TestGrid::writesPngJpegPdf()
{
    GridOptions o;
    o.rows = 1;
    o.cols = 2;
    o.tile = 64;
    const GridInput in = pairInput();
    const GridSheet g = sheet(o, in);
    QTemporaryDir dir;
    for (const char* name : {"g.png", "g.jpg", "g.pdf"}) {
        const QString path = dir.filePath(name);
        writeGrid(path.toStdString(), g);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(8);
        if (QString(name).endsWith("pdf")) {
            QVERIFY(head.startsWith("%PDF"));
            // Captions are text in the PDF, not pixels: the font is embedded.
            f.seek(0);
            QVERIFY(f.readAll().contains("/FontFile"));
        } else {
            QCOMPARE(QImage(path).size(), g.size);
        }
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
    QVERIFY_THROWS_EXCEPTION(Error, writeGrid(dir.filePath("g.gif").toStdString(), g));
}

void TestGrid::rejectsBadOptions()
{
    const GridInput in = pairInput();
    GridOptions o;
    o.rows = 0;
    QVERIFY_THROWS_EXCEPTION(Error, planGrid(o, in));
    o = GridOptions{};
    o.tile = 5;
    QVERIFY_THROWS_EXCEPTION(Error, planGrid(o, in));
    o = GridOptions{};
    const GridInput missing = pairInput("/nonexistent/a.png");
    try {
        planGrid(o, missing);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains("/nonexistent/a.png"));
    }
    // Cancelling from the progress callback stops early.
    const GridPlan g = planGrid(GridOptions{}, in, [](int done, int) { return done < 2; });
    QVERIFY(g.cancelled);
    QCOMPARE(int(g.tiles.size()), 2);
}

void TestGrid::listOfPairs()
{
    QTemporaryDir dir;
    const QString list = dir.filePath("pairs.csv");
    QFile f(list);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QString("# A,B\n%1,%2\n\n%2 , %1\n").arg(kCat, kCoffee).toUtf8());
    f.close();
    GridInput in;
    in.pairs = loadPairList(list.toStdString());
    QCOMPARE(int(in.pairs.size()), 2);
    GridOptions o;
    o.rows = 1;
    o.cols = 3;
    o.tile = 64;
    const GridPlan g = planGrid(o, in);
    QCOMPARE(g.tiles[0].draw.sizeA, (Size{451, 300}));
    QCOMPARE(g.tiles[1].draw.sizeA, (Size{600, 400})); // the second pair, swapped
    QCOMPARE(g.tiles[2].draw.sizeA, (Size{451, 300})); // and round again
    QCOMPARE(g.tiles[1].labelA, std::string("coffee"));
    QFile bad(dir.filePath("bad.csv"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("only-one-path.png\n");
    bad.close();
    try {
        loadPairList(dir.filePath("bad.csv").toStdString());
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains("line 1"));
    }
}

void TestGrid::cli()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("sheet.png"), rec = dir.filePath("tiles.jsonl");
    QCOMPARE(runGrid({"grid", kCat, kCoffee, "-o", out, "--rows", "2", "--cols", "2", "--tile", "100", "--seed", "4",
                      "--json", rec}),
             0);
    QVERIFY(!QImage(out).isNull());
    QFile f(rec);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    for (int i = 0; i < 4; ++i) {
        const auto j = nlohmann::json::parse(lines[i].toStdString());
        Params params;
        params.seed = 4;
        params.index = i;
        QCOMPARE(j["box"]["x1"].get<int>(), sampleDraw(params, {451, 300}, {600, 400}).geometry.box.x1);
    }
    QCOMPARE(runGrid({"grid", kCat, "-o", out}), 2);
}

void TestGrid::sheetsWithinLimits()
{
    // A grid of 10,000 tiles of a photo took 70 s and 9.4 GB (24 GB with A
    // and B beside each), and a comparison of 10,000 panels a 3.3 GB figure
    // that libpng refused (issue 24, item 14): refused at once, saying why,
    // with nothing written.
    QTemporaryDir dir;
    const QString out = dir.filePath("sheet.png");
    CliRun r = runCli({"grid", kCat, kCoffee, "-o", out, "--rows", "100", "--cols", "100", "--tile", "16"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("the grid's 10000 tiles would hold about") && r.err.contains("MiB of images"),
             qPrintable(r.err));
    r = runCli({"grid", kCat, kCoffee, "-o", out, "--rows", "100", "--cols", "100", "--tile", "1024"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("the grid would be larger than 268 megapixels"), qPrintable(r.err));
    QStringList many;
    for (int k = 0; k < 10000; ++k)
        many << "cutmix";
    r = runCli({"compare", kCat, kCoffee, "-o", out, "--methods", many.join(',')});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--methods: 'cutmix' is named twice"), qPrintable(r.err));
    // The images the panels hold, against a lowered limit.
    r = runCli({"compare", kCat, kCat, "-o", out}, {{}, {{"CUTMIX_MAX_PIXELS", "300000"}}, 60000});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("4 panels of A's size (451x300)"), qPrintable(r.err));
    // A long grid shows progress and stops on Ctrl-C (the test hook: SIGINT
    // at a chosen tile) with nothing written.
    r = runCli({"grid", kCat, kCoffee, "-o", out, "--rows", "10", "--cols", "10", "--tile", "16"},
               {{}, {{"CUTMIX_TEST_INTERRUPT_AT", "5"}}, 60000});
    QCOMPARE(r.code, 130);
    QVERIFY2(r.err.contains("interrupted: nothing written"), qPrintable(r.err));
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    // The same limits in core.
    GridOptions o;
    o.rows = 100;
    o.cols = 100;
    o.tile = 16;
    QVERIFY_THROWS_EXCEPTION(Error, planGrid(o, pairInput()));
    QVERIFY_THROWS_EXCEPTION(Error, checkCompareMethods({"original", "mixup", "original"}));
}

void TestGrid::recordsShareOneSchema()
{
    // `cutmix mix`, `cutmix grid --json` and the export manifest write the same
    // record: the manifest leaves the class names to classes.txt, and a grid
    // line adds where its tile sits on the sheet.
    QTemporaryDir dir;
    QByteArray mixOut;
    QCOMPARE(runGrid({"mix", kCat, kCoffee, "-o", dir.filePath("m.png"), "--seed", "2"}, &mixOut), 0);
    const auto mixKeys = keysOf(nlohmann::json::parse(mixOut.toStdString()));
    QCOMPARE(runGrid({"grid", kCat, kCoffee, "-o", dir.filePath("g.png"), "--rows", "1", "--cols", "1", "--json",
                      dir.filePath("g.jsonl")}),
             0);
    auto gridKeys = keysOf(firstJsonLine(dir.filePath("g.jsonl")));
    QVERIFY(gridKeys.erase("tile") == 1);
    QVERIFY(gridKeys == mixKeys);
    const QString data = dir.filePath("data");
    QVERIFY(QDir().mkpath(data + "/cat") && QDir().mkpath(data + "/cup"));
    QVERIFY(QFile::copy(kCat, data + "/cat/c.png") && QFile::copy(kCoffee, data + "/cup/d.png"));
    QCOMPARE(runGrid({"export", data, "-o", dir.filePath("out"), "--count", "2", "-q"}), 0);
    auto manifestKeys = keysOf(firstJsonLine(dir.filePath("out/manifest.jsonl")));
    manifestKeys.insert("classes");
    QVERIFY(manifestKeys == mixKeys);
    // And a grid of a dataset writes the same record as the pair grid.
    QCOMPARE(runGrid({"grid", "--dataset", data, "-o", dir.filePath("d.png"), "--rows", "1", "--cols", "1", "--json",
                      dir.filePath("d.jsonl")}),
             0);
    auto datasetKeys = keysOf(firstJsonLine(dir.filePath("d.jsonl")));
    datasetKeys.erase("tile");
    QVERIFY(datasetKeys == mixKeys);
}

void TestGrid::captionsLoseNothing_data()
{
    QTest::addColumn<int>("tile");
    QTest::addColumn<bool>("sides");
    QTest::addColumn<int>("sources");
    QTest::addColumn<QString>("classA");
    QTest::addColumn<QString>("classB");
    QTest::newRow("256, the window's pair") << 256 << false << 2 << "chelsea"
                                            << "coffee";
    QTest::newRow("120") << 120 << false << 2 << "chelsea"
                         << "coffee";
    QTest::newRow("64 sides") << 64 << true << 2 << "chelsea"
                              << "coffee";
    QTest::newRow("16, a long name") << 16 << false << 2 << "a_class_name_longer_than_any_tile"
                                     << "coffee";
    QTest::newRow("96, six sources of a dataset") << 96 << false << 6 << ""
                                                  << "";
}

void TestGrid::captionsLoseNothing()
{
    // The exported grid cut its captions ("coffee 17...", issue 21 item 8)
    // and listed three classes at most: every line now fits its cell, and
    // the lines hold every character of both captions, every class and
    // number included.
    QFETCH(int, tile);
    QFETCH(bool, sides);
    QFETCH(int, sources);
    QFETCH(QString, classA);
    QFETCH(QString, classB);
    GridOptions o;
    o.rows = 2;
    o.cols = 2;
    o.tile = tile;
    o.sides = sides;
    o.params.seed = 5;
    o.params.smoothing = 0.1;
    GridInput in = pairInput();
    in.labelA = classA.toStdString();
    in.labelB = classB.toStdString();
    QTemporaryDir dir;
    const QStringList classes{"cat", "cup", "rocket", "horse", "coins", "camera"};
    if (sources > 2) {
        const QStringList files{"chelsea.png", "coffee.png", "rocket.jpg", "horse.png", "coins.png", "camera.png"};
        for (int k = 0; k < classes.size(); ++k) {
            QVERIFY(QDir().mkpath(dir.filePath(classes[k])));
            QVERIFY(QFile::copy(CUTMIX_RESOURCES "/" + files[k], dir.filePath(classes[k] + "/" + files[k])));
        }
        in = GridInput{};
        in.dataset = loadImageFolder(dir.path().toStdString());
        o.params.sources = sources;
    }
    const GridSheet g = sheet(o, in);
    const QFontMetrics fm(g.captionFont);
    auto bare = [](QString s) { return s.remove(' ').remove(QChar(0xB7)); };
    int most = 0;
    for (std::size_t t = 0; t < g.plan.tiles.size(); ++t) {
        const GridTile& tile = g.plan.tiles[t];
        const QStringList& lines = g.captions[t];
        for (const QString& line : lines)
            QVERIFY2(fm.horizontalAdvance(line) <= g.captionWidth,
                     qPrintable(
                         QString("'%1' is %2 px in %3").arg(line).arg(fm.horizontalAdvance(line)).arg(g.captionWidth)));
        QCOMPARE(bare(lines.join("")),
                 bare(QString::fromStdString(tile.caption1) + QString::fromStdString(tile.caption2)));
        // Every class the label gives more than the smoothing floor (ε/K) is
        // named (with two classes, the smaller share was taken for the floor).
        const double floor = o.params.smoothing / double(tile.label.size());
        for (std::size_t k = 0; k < tile.label.size(); ++k) {
            if (tile.label[k] <= floor + 1e-12)
                continue;
            const std::vector<std::string> names =
                in.dataset ? in.dataset->classes : std::vector<std::string>{tile.labelA, tile.labelB};
            const QString name = QString::fromStdString(names.at(k));
            QVERIFY2(QString::fromStdString(tile.caption2).contains(name), qPrintable(name));
        }
        QVERIFY(!QString::fromStdString(tile.caption2).contains(QChar(0x2026)));
        most = std::max(most, int(lines.size()));
        // The band below the images holds the lines: the next row starts
        // below them, and the last row inside the sheet.
        const QRect below(g.resultRects[t].left(), g.resultRects[t].bottom(), 1, 2 + int(lines.size()) * fm.height());
        QVERIFY(QRect(QPoint(0, 0), g.size).contains(below));
        if (t + std::size_t(o.cols) < g.plan.tiles.size())
            QVERIFY(g.resultRects[t + std::size_t(o.cols)].top() > below.bottom());
    }
    if (tile <= 16)
        QVERIFY(most > 2); // the case wraps
    // And the title.
    const QFontMetrics tm(g.titleFont);
    for (const QString& line : g.titleLines)
        QVERIFY2(tm.horizontalAdvance(line) <= g.size.width(), qPrintable(line));
    QCOMPARE(bare(g.titleLines.join("")), bare(QString::fromStdString(g.plan.title)));
}

// A pair's objects on every tile: carried and judged as `cutmix mix --boxes`
// does (carryAndJudge of the tile's draw), in its record, counted in its
// caption, drawn where they are; with a list of pairs they are refused.
void TestGrid::objectsOnTheTiles()
{
    GridOptions o;
    o.rows = 1;
    o.cols = 4;
    o.tile = 451;
    GridInput in = pairInput();
    in.boxFiles = {CUTMIX_RESOURCES "/labels/chelsea.txt", CUTMIX_RESOURCES "/labels/coffee.txt"};
    in.rule = &keepRuleNamed("albumentations");
    in.keep.minVisibility = 0.5;
    const std::vector<ImageObjects> objects = {readYolo(in.boxFiles[0], {451, 300}).image,
                                               readYolo(in.boxFiles[1], {600, 400}).image};
    const GridSheet with = sheet(o, in);
    GridInput plain = pairInput();
    const GridSheet without = sheet(o, plain);
    int dropped = 0;
    for (std::size_t t = 0; t < with.plan.tiles.size(); ++t) {
        const GridTile& tile = with.plan.tiles[t];
        Params p = o.params;
        p.index = t;
        Draw d = sampleDraw(p, {451, 300}, {600, 400});
        const std::vector<CarriedObject> want = carryAndJudge(d, objects, false, *in.rule, in.keep);
        QCOMPARE(int(tile.objects.size()), int(want.size()));
        int kept = 0;
        for (std::size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(tile.objects[i].box, want[i].box);
            QCOMPARE(tile.objects[i].kept, want[i].kept);
            kept += want[i].kept;
            dropped += !want[i].kept;
        }
        QCOMPARE(int(tile.record["objects"].size()), int(want.size()));
        QCOMPARE(tile.record["box_rule"].get<std::string>(), std::string("albumentations"));
        QVERIFY2(QString::fromStdString(tile.caption1).endsWith(QString("objects %1/%2").arg(kept).arg(want.size())),
                 tile.caption1.c_str());
        // The same pixels as without objects, but on each object's outline.
        const QRect r = with.resultRects[t];
        QCOMPARE(r, without.resultRects[t]);
        for (const CarriedObject& obj : want) {
            const BoxF& b = obj.kept ? obj.box : obj.before;
            const QPoint onEdge = r.topLeft() + QPoint(int(std::lround((b.x1 + b.x2) / 2)), int(std::floor(b.y1)));
            // (Where the cut's own outline runs along the object's, both sheets have a line.)
            const Box& cut = tile.draw.geometry.box;
            const bool onCut = std::abs(b.y1 - cut.y1) < 4 || std::abs(b.y1 - cut.y2) < 4;
            if (b.y1 >= 2 && b.width() > 8 && !onCut)
                QVERIFY2(with.image.pixel(onEdge) != without.image.pixel(onEdge),
                         qPrintable(QString("tile %1, object at y %2").arg(t).arg(b.y1)));
        }
    }
    QVERIFY(dropped > 0);
    GridInput listed;
    listed.pairs = {{kCat.toStdString(), kCoffee.toStdString()}};
    listed.boxFiles = in.boxFiles;
    QVERIFY_THROWS_EXCEPTION(Error, planGrid(o, listed));
    // The command line: --boxes, the rule and its threshold.
    QTemporaryDir dir;
    const QString out = dir.filePath("g.png"), json = dir.filePath("g.jsonl");
    QCOMPARE(runGrid({"grid",
                      kCat,
                      kCoffee,
                      "--boxes",
                      CUTMIX_RESOURCES "/labels/chelsea.txt",
                      CUTMIX_RESOURCES "/labels/coffee.txt",
                      "--box-rule",
                      "albumentations",
                      "--min-visibility",
                      "0.5",
                      "--rows",
                      "1",
                      "--cols",
                      "4",
                      "--tile",
                      "451",
                      "-o",
                      out,
                      "--json",
                      json}),
             0);
    const nlohmann::json first = firstJsonLine(json);
    QVERIFY(!first["objects"].empty());
    QVERIFY(first["objects"] == with.plan.tiles[0].record["objects"]);
    QVERIFY(runGrid({"grid", kCat, kCoffee, "--boxes", CUTMIX_RESOURCES "/labels/chelsea.txt", "-o", out}) == 2);
}

QTEST_MAIN(TestGrid)
void TestGrid::comparisonLosesNothing()
{
    // A comparison figure written to a file never loses a name or a number
    // (issue 21): six weights, long class names, a long title and a long
    // foot, at the smallest panel: every line fits its band's width, the
    // lines hold every weight, and the bands do not overlap.
    ComparePlan plan;
    for (int k = 0; k < 3; ++k) {
        ComparePanel p;
        p.title = k == 1 ? "CutMix (official-raw, uncorrected lambda)" : "MixUp";
        p.image = cv::Mat(30, 40, CV_8UC3, cv::Scalar(40 * k, 90, 200));
        for (int c = 0; c < 6; ++c)
            p.weights.emplace_back(c == 2 ? "a-very-long-class-name-from-a-dataset" : "class " + std::to_string(c),
                                   0.05 * (c + 1) + 0.01 * k);
        plan.panels.push_back(p);
    }
    plan.caption = "alpha 1.000 · seed 12345678 · index 3 · convention official-raw · smoothing 0.1000 · "
                   "classes 6 · the end of a long caption";
    const render::CompareSheet s = render::renderComparison(plan, 64);
    QCOMPARE(s.image.size(), s.size);
    const QFontMetrics title(s.titleFont), label(s.labelFont), foot(s.footFont);
    for (std::size_t k = 0; k < plan.panels.size(); ++k) {
        QCOMPARE(s.titles[k].join(' ').remove(' '), QString::fromStdString(plan.panels[k].title).remove(' '));
        for (const QString& line : s.titles[k])
            QVERIFY2(title.horizontalAdvance(line) <= s.panel, qPrintable(line));
        // A title breaks between words, never inside one.
        for (const QString& word : QString::fromStdString(plan.panels[k].title).split(' '))
            QVERIFY2(std::any_of(s.titles[k].begin(), s.titles[k].end(),
                                 [&](const QString& line) { return line.split(' ').contains(word); }),
                     qPrintable(word + " | " + s.titles[k].join(" | ")));
        const QString labels = s.labels[k].join(' ');
        for (const QString& line : s.labels[k])
            QVERIFY2(label.horizontalAdvance(line) <= s.panel, qPrintable(line));
        for (const auto& [name, weight] : plan.panels[k].weights) {
            QVERIFY2(QString(labels).remove(' ').contains(QString::fromStdString(name).remove(' ')),
                     qPrintable(labels));
            QVERIFY2(labels.contains(QString::number(weight, 'f', 2)), qPrintable(labels));
        }
    }
    QVERIFY(s.foot.size() > 1);
    QCOMPARE(s.foot.join(' ').remove(' ').remove(QChar(0xB7)),
             QString::fromStdString(plan.caption).remove(' ').remove(QChar(0xB7)));
    for (const QString& line : s.foot)
        QVERIFY2(foot.horizontalAdvance(line) <= s.size.width(), qPrintable(line));
    // Six weight lines at least, each at least as high as its font's line,
    // and the foot's lines below them inside the sheet.
    const int labelBand = s.size.height() - int(s.foot.size()) * foot.height();
    QVERIFY(labelBand >= int(s.labels[0].size()) * label.height());
}

// The comparison figure's objects (issue 22): each panel carries A's and
// B's objects through its mix as a tile of `cutmix grid --boxes` with that
// method carries them (the same draw, fitted to them where the method asks,
// and the same verdicts), lists them in its record, and the figure draws
// them with the grid's painting: it is the figure without them with
// outlineObjects painted over each panel. The original shows A's whole.
void TestGrid::objectsOnTheComparison()
{
    Params p;
    p.seed = 5;
    p.index = 2;
    const ObjectInput objects = pairObjects();
    const cv::Mat a = loadForMixing(kCat.toStdString()), b = loadForMixing(kCoffee.toStdString());
    const std::vector<std::string> methods{"original",          "mixup", "cutout", "cutmix", "resizemix", "fmix",
                                           "cutmix-ultralytics"};
    const ComparePlan plan = planComparison(a, b, kCat.toStdString(), kCoffee.toStdString(), "cat", "cup", p, methods,
                                            std::nullopt, objects);
    int dropped = 0;
    for (std::size_t k = 1; k < methods.size(); ++k) {
        const ComparePanel& panel = plan.panels[k];
        GridOptions o;
        o.rows = o.cols = 1;
        o.tile = 200;
        o.params = p;
        o.params.method = &methodFor(methods[k]);
        GridInput in = pairInput();
        static_cast<ObjectInput&>(in) = objects;
        const GridTile tile = planGrid(o, in).tiles.front();
        QVERIFY(panel.draw);
        QCOMPARE(panel.draw->geometry.box, tile.draw.geometry.box);
        QCOMPARE(int(panel.objects.size()), int(tile.objects.size()));
        QVERIFY(!panel.objects.empty());
        for (std::size_t i = 0; i < tile.objects.size(); ++i) {
            QCOMPARE(panel.objects[i].before, tile.objects[i].before);
            QCOMPARE(panel.objects[i].box, tile.objects[i].box);
            QCOMPARE(panel.objects[i].kept, tile.objects[i].kept);
            dropped += !tile.objects[i].kept;
        }
        QVERIFY(panel.record["objects"] == tile.record["objects"]);
        QCOMPARE(panel.record["box_rule"].get<std::string>(), std::string("albumentations"));
        QVERIFY2(QString::fromStdString(tile.caption1).endsWith(QString::fromStdString(panel.objectsLine)),
                 panel.objectsLine.c_str());
    }
    QVERIFY(dropped > 0);
    const std::vector<Object> own = readYolo(objects.boxFiles[0], sizeOf(a)).image.objects;
    QCOMPARE(int(plan.panels[0].objects.size()), int(own.size()));
    for (std::size_t i = 0; i < own.size(); ++i) {
        QCOMPARE(plan.panels[0].objects[i].box, own[i].box);
        QVERIFY(plan.panels[0].objects[i].kept);
    }
    QVERIFY(QString::fromStdString(plan.caption).endsWith("box rule albumentations"));
    const CompareSheet with = renderComparison(plan, 200);
    ComparePlan bare = plan;
    for (ComparePanel& panel : bare.panels)
        panel.objects.clear();
    const CompareSheet without = renderComparison(bare, 200);
    QCOMPARE(without.size, with.size);
    QImage expected = without.image;
    {
        QPainter painter(&expected);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        for (std::size_t k = 0; k < plan.panels.size(); ++k)
            outlineObjects(painter, with.imageRects[k], sizeOf(plan.panels[k].image), plan.panels[k].objects);
    }
    QVERIFY(expected != without.image);
    QCOMPARE(with.image, expected);
}

// `cutmix compare --boxes` takes the objects as `cutmix grid --boxes` does
// (the same options): its figure is the plan above painted, its records
// list the objects; a bad box file is refused (exit 2) naming the file and
// line, with nothing written.
void TestGrid::compareCommandWithBoxes()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("c.png"), json = dir.filePath("c.jsonl");
    CliRun r = runCli(
        {"compare",          kCat,  kCoffee,     "--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", "albumentations",
         "--min-visibility", "0.5", "--seed",    "5",       "--index", "2",          "--panel",    "200",
         "--label-a",        "cat", "--label-b", "cup",     "-o",      out,          "--json",     json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    Params p;
    p.seed = 5;
    p.index = 2;
    const ComparePlan plan =
        planComparison(loadForMixing(kCat.toStdString()), loadForMixing(kCoffee.toStdString()), kCat.toStdString(),
                       kCoffee.toStdString(), "cat", "cup", p, defaultCompareMethods(), std::nullopt, pairObjects());
    QCOMPARE(QImage(out).convertToFormat(QImage::Format_RGB32), renderComparison(plan, 200).image);
    const nlohmann::json first = firstJsonLine(json);
    QVERIFY(!first["objects"].empty());
    QVERIFY(first["objects"] == plan.panels[1].record["objects"]);
    // Bad input: nothing written.
    const QString bad = dir.filePath("bad.txt");
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0 0.5 0.5 0.2 0.2\n0 0.5 nan 0.2 0.2\n");
    }
    const QString out2 = dir.filePath("d.png"), json2 = dir.filePath("d.jsonl");
    r = runCli({"compare", kCat, kCoffee, "--boxes", kCatBoxes, bad, "-o", out2, "--json", json2});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("bad.txt") && r.err.contains(":2:"), qPrintable(r.err));
    QVERIFY(!QFile::exists(out2) && !QFile::exists(json2));
    r = runCli({"compare", kCat, kCoffee, "--boxes", kCatBoxes, "-o", out2});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--boxes"), qPrintable(r.err));
    r = runCli({"compare", kCat, kCoffee, "--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", "ultralytics",
                "--min-visibility", "0.5", "-o", out2});
    QCOMPARE(r.code, 2);
    QVERIFY(!QFile::exists(out2));
    QCOMPARE(int(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size()), 3); // c.png, c.jsonl, bad.txt
}

#include "tst_grid.moc"
