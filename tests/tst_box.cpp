// The box of every convention against the reference's golden vectors, and
// properties that must hold for any input.
#include "box.h"
#include "draw.h"
#include "error.h"
#include "rng.h"
#include "testutil.h"

#include <QTest>

using namespace cutmix;

class TestBox : public QObject
{
    Q_OBJECT
private slots:
    void golden_data();
    void golden();
    void kornia_data();
    void kornia();
    void minmax_data();
    void minmax();
    void reportedWeights_data();
    void reportedWeights();
    void conventionNames();
    void badInputs();
    void properties_data();
    void properties();
};

void TestBox::golden_data()
{
    QTest::addColumn<Convention>("convention");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::addColumn<double>("lam");
    QTest::addColumn<int>("cx");
    QTest::addColumn<int>("cy");
    QTest::addColumn<int>("x1");
    QTest::addColumn<int>("y1");
    QTest::addColumn<int>("x2");
    QTest::addColumn<int>("y2");
    QTest::addColumn<double>("lamAdj");
    const auto o = Convention::Official;
    QTest::newRow("224 centre") << o << 224 << 224 << 0.7 << 112 << 112 << 51 << 51 << 173 << 173 << 0.7033641581632653;
    QTest::newRow("224 clipped") << o << 224 << 224 << 0.7 << 200 << 10 << 139 << 0 << 224 << 71 << 0.8797233737244898;
    QTest::newRow("320x180") << o << 320 << 180 << 0.5 << 160 << 90 << 47 << 27 << 273 << 153 << 0.505625;
    QTest::newRow("lam 0 corner") << o << 224 << 224 << 0.0 << 0 << 0 << 0 << 0 << 112 << 112 << 0.75;
    QTest::newRow("1x1 lam 0.3") << o << 1 << 1 << 0.3 << 0 << 0 << 0 << 0 << 0 << 0 << 1.0;
    QTest::newRow("1x1 lam 0") << o << 1 << 1 << 0.0 << 0 << 0 << 0 << 0 << 0 << 0 << 1.0;
    QTest::newRow("lam 1") << o << 224 << 224 << 1.0 << 50 << 50 << 50 << 50 << 50 << 50 << 1.0;
    // keras-cv keeps the odd pixel: rows [27, 154) in the reference's example.
    const auto k = Convention::KerasCv;
    QTest::newRow("keras 320x180") << k << 320 << 180 << 0.5 << 160 << 90 << 47 << 27 << 273 << 154
                                   << 1.0 - 226.0 * 127.0 / (320.0 * 180.0);
    QTest::newRow("keras clipped") << k << 224 << 224 << 0.7 << 200 << 10 << 139 << 0 << 224 << 71
                                   << 0.8797233737244898;
    QTest::newRow("keras 1x1") << k << 1 << 1 << 0.0 << 0 << 0 << 0 << 0 << 1 << 1 << 0.0;
}

void TestBox::golden()
{
    QFETCH(Convention, convention);
    QFETCH(int, w);
    QFETCH(int, h);
    QFETCH(double, lam);
    QFETCH(int, cx);
    QFETCH(int, cy);
    QFETCH(int, x1);
    QFETCH(int, y1);
    QFETCH(int, x2);
    QFETCH(int, y2);
    QFETCH(double, lamAdj);
    const Size s{w, h};
    const Geometry g = convention == Convention::KerasCv ? kerasCvBox(s, lam, {cx, cy}) : officialBox(s, lam, {cx, cy});
    QCOMPARE(g.box, (Box{x1, y1, x2, y2}));
    QCOMPARE(lamAdjusted(s, g.box), lamAdj);
    QVERIFY(g.center.has_value());
    QCOMPARE(*g.center, (Point{cx, cy}));
}

void TestBox::kornia_data()
{
    QTest::addColumn<double>("lam");
    QTest::addColumn<double>("ux");
    QTest::addColumn<double>("uy");
    QTest::addColumn<Box>("expected");
    // cut = floor(sqrt(0.5) * 320) = 226, floor(sqrt(0.5) * 180) = 127;
    // start = floor(u * (side - cut - 1)).
    QTest::newRow("origin") << 0.5 << 0.0 << 0.0 << Box{0, 0, 226, 127};
    QTest::newRow("middle") << 0.5 << 0.5 << 0.5 << Box{46, 26, 272, 153};
    // u just below 1 reaches side - cut - 1, never side - cut: the last start
    // position is never drawn.
    QTest::newRow("far end") << 0.5 << 0.999999 << 0.999999 << Box{92, 51, 318, 178};
    QTest::newRow("full cut") << 0.0 << 0.7 << 0.7 << Box{0, 0, 320, 180};
    QTest::newRow("empty cut") << 1.0 << 0.7 << 0.7 << Box{223, 125, 223, 125};
}

void TestBox::kornia()
{
    QFETCH(double, lam);
    QFETCH(double, ux);
    QFETCH(double, uy);
    QFETCH(Box, expected);
    const Geometry g = korniaBox({320, 180}, lam, ux, uy);
    QCOMPARE(g.box, expected);
    QCOMPARE(g.unclipped, expected);
    QVERIFY(!g.center);
}

void TestBox::minmax_data()
{
    QTest::addColumn<double>("uw");
    QTest::addColumn<double>("uh");
    QTest::addColumn<double>("ux");
    QTest::addColumn<double>("uy");
    QTest::addColumn<Box>("expected");
    // 200x100 with (0.2, 0.8): widths in [40, 160), heights in [20, 80).
    QTest::newRow("smallest") << 0.0 << 0.0 << 0.0 << 0.0 << Box{0, 0, 40, 20};
    QTest::newRow("largest") << 0.999999 << 0.999999 << 0.999999 << 0.999999 << Box{40, 20, 199, 99};
    QTest::newRow("middle") << 0.5 << 0.5 << 0.5 << 0.5 << Box{50, 25, 150, 75};
}

void TestBox::minmax()
{
    QFETCH(double, uw);
    QFETCH(double, uh);
    QFETCH(double, ux);
    QFETCH(double, uy);
    QFETCH(Box, expected);
    const Size s{200, 100};
    const Size cut = minmaxCut(s, {0.2, 0.8}, uw, uh);
    const Geometry g = placedBox(s, cut, minmaxStart(s, cut, ux, uy));
    QCOMPARE(g.box, expected);
    // Never touches the bottom/right edge: the start's upper bound is exclusive.
    QVERIFY(g.box.x2 < s.width && g.box.y2 < s.height);
}

void TestBox::reportedWeights_data()
{
    QTest::addColumn<Convention>("convention");
    QTest::addColumn<bool>("correct");
    QTest::addColumn<double>("expected");
    // 224 x 224, lam 0.7, centre (200, 10): the box is clipped.
    QTest::newRow("official") << Convention::Official << true << 0.8797233737244898;
    QTest::newRow("official-raw") << Convention::OfficialRaw << false << 0.7;
    QTest::newRow("keras-cv reports the unclipped area") << Convention::KerasCv << false << 0.7033641581632653;
}

void TestBox::reportedWeights()
{
    QFETCH(Convention, convention);
    QFETCH(bool, correct);
    QFETCH(double, expected);
    const Size s{224, 224};
    const Geometry g =
        convention == Convention::KerasCv ? kerasCvBox(s, 0.7, {200, 10}) : officialBox(s, 0.7, {200, 10});
    QCOMPARE(reportedWeight(convention, correct, 0.7, g, s), expected);
}

void TestBox::conventionNames()
{
    for (Convention c : allConventions())
        QCOMPARE(parseConvention(conventionName(c)), c);
    QVERIFY_THROWS_EXCEPTION(Error, parseConvention("timm"));
    QVERIFY(hasCenter(Convention::KerasCv));
    QVERIFY(!hasCenter(Convention::Kornia));
}

void TestBox::badInputs()
{
    QVERIFY_THROWS_EXCEPTION(Error, officialBox({0, 10}, 0.5, {0, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, officialBox({10, 10}, 1.5, {0, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, officialBox({10, 10}, -0.1, {0, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, officialBox({10, 10}, std::nan(""), {0, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, minmaxCut({10, 10}, {0.8, 0.2}, 0.5, 0.5));
    QVERIFY_THROWS_EXCEPTION(Error, placedBox({10, 10}, {5, 5}, {6, 0}));
}

void TestBox::properties_data()
{
    QTest::addColumn<Convention>("convention");
    for (Convention c : allConventions())
        QTest::newRow(std::string(conventionName(c)).c_str()) << c;
}

void TestBox::properties()
{
    QFETCH(Convention, convention);
    Rng rng(2024, static_cast<std::uint64_t>(convention));
    Params p;
    p.convention = convention;
    for (int i = 0; i < 20000; ++i) {
        // Odd and even sizes, down to 1x1; lam anywhere including 0 and 1.
        const Size s{1 + static_cast<int>(rng.next() % 97), 1 + static_cast<int>(rng.next() % 61)};
        RandomInputs in;
        in.lam = i % 50 == 0 ? 0.0 : i % 50 == 1 ? 1.0 : rng.uniform();
        for (auto& u : in.u)
            u = rng.uniform();
        const Draw d = makeDraw(p, s, s, in);
        const Box& b = d.geometry.box;
        QVERIFY(0 <= b.x1 && b.x1 <= b.x2 && b.x2 <= s.width);
        QVERIFY(0 <= b.y1 && b.y1 <= b.y2 && b.y2 <= s.height);
        QCOMPARE(d.lamAdj, 1.0 - double(b.width()) * b.height() / (double(s.width) * s.height));
        QVERIFY(d.lam >= 0.0 && d.lam <= 1.0);
        // The clipped box never exceeds the cut the convention computed.
        QVERIFY(b.width() <= d.geometry.cut.width + 1 && b.height() <= d.geometry.cut.height + 1);
        if (convention == Convention::Official) {
            // Half-open and symmetric: an odd cut loses one pixel.
            QCOMPARE(d.geometry.unclipped.width(), 2 * (d.geometry.cut.width / 2));
            // int() truncation and the lost odd pixel only ever shrink the box.
            QVERIFY(d.lamAdj >= d.lamSampled - 1e-12);
        }
        if (!hasCenter(convention))
            QCOMPARE(d.geometry.unclipped, b);
    }
}

QTEST_APPLESS_MAIN(TestBox)
#include "tst_box.moc"
