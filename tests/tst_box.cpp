// The box of every registry entry against the reference's golden vectors,
// and properties that must hold for any input. Entries are chosen by name.
#include "box.h"
#include "describe.h"
#include "draw.h"
#include "error.h"
#include "method.h"
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
    void everyEntryDescribesItself();
    void formulaShowsWhatTruncates_data();
    void formulaShowsWhatTruncates();
    void float32RoundingEdge();
    void badInputs();
    void properties_data();
    void properties();
    void boxMinusCoversTheDifference();
};

void TestBox::golden_data()
{
    QTest::addColumn<QString>("convention");
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
    const QString o = "official";
    QTest::newRow("224 centre") << o << 224 << 224 << 0.7 << 112 << 112 << 51 << 51 << 173 << 173 << 0.7033641581632653;
    QTest::newRow("224 clipped") << o << 224 << 224 << 0.7 << 200 << 10 << 139 << 0 << 224 << 71 << 0.8797233737244898;
    QTest::newRow("320x180") << o << 320 << 180 << 0.5 << 160 << 90 << 47 << 27 << 273 << 153 << 0.505625;
    QTest::newRow("lam 0 corner") << o << 224 << 224 << 0.0 << 0 << 0 << 0 << 0 << 112 << 112 << 0.75;
    QTest::newRow("1x1 lam 0.3") << o << 1 << 1 << 0.3 << 0 << 0 << 0 << 0 << 0 << 0 << 1.0;
    QTest::newRow("1x1 lam 0") << o << 1 << 1 << 0.0 << 0 << 0 << 0 << 0 << 0 << 0 << 1.0;
    QTest::newRow("lam 1") << o << 224 << 224 << 1.0 << 50 << 50 << 50 << 50 << 50 << 50 << 1.0;
    // keras-cv keeps the odd pixel: rows [27, 154) in the reference's example.
    const QString k = "keras-cv";
    QTest::newRow("keras 320x180") << k << 320 << 180 << 0.5 << 160 << 90 << 47 << 27 << 273 << 154
                                   << 1.0 - 226.0 * 127.0 / (320.0 * 180.0);
    QTest::newRow("keras clipped") << k << 224 << 224 << 0.7 << 200 << 10 << 139 << 0 << 224 << 71
                                   << 0.8797233737244898;
    QTest::newRow("keras 1x1") << k << 1 << 1 << 0.0 << 0 << 0 << 0 << 0 << 1 << 1 << 0.0;
}

void TestBox::golden()
{
    QFETCH(QString, convention);
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
    const Geometry g = methodNamed(convention.toStdString()).boxOf(s, lam, {Point{cx, cy}});
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
    // A cut that fills the image: side - cut - 1 = -1, so Kornia starts at -1
    // for any u > 0 and pastes one row and column less than its cut...
    QTest::newRow("full cut") << 0.0 << 0.7 << 0.7 << Box{0, 0, 319, 179};
    // ...and at 0 for u = 0 (floor(0 * -1) = 0), pasting all of it.
    QTest::newRow("full cut, u 0") << 0.0 << 0.0 << 0.0 << Box{0, 0, 320, 180};
    QTest::newRow("empty cut") << 1.0 << 0.7 << 0.7 << Box{223, 125, 223, 125};
}

void TestBox::kornia()
{
    QFETCH(double, lam);
    QFETCH(double, ux);
    QFETCH(double, uy);
    QFETCH(Box, expected);
    const Geometry g =
        methodNamed("kornia").boxOf({320, 180}, lam, {std::nullopt, ux, uy}, {std::nullopt, true, 0.0, 0.0, MinMax{}});
    QCOMPARE(g.box, expected);
    QVERIFY(!g.center);
    if (lam == 0.0 && ux > 0.0) {
        // Where Kornia starts: one outside the image.
        QCOMPARE(g.unclipped, (Box{-1, -1, 319, 179}));
        QCOMPARE(g.cut, (Size{320, 180}));
    } else {
        QCOMPARE(g.unclipped, expected);
    }
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
    const Geometry g = methodNamed("timm-minmax")
                           .boxOf(s, 0.5, {std::nullopt, ux, uy}, {std::nullopt, true, uw, uh, MinMax{0.2, 0.8}});
    QCOMPARE(g.box, expected);
    // Never touches the bottom/right edge: the start's upper bound is exclusive.
    QVERIFY(g.box.x2 < s.width && g.box.y2 < s.height);
}

void TestBox::reportedWeights_data()
{
    QTest::addColumn<QString>("convention");
    QTest::addColumn<bool>("correct");
    QTest::addColumn<double>("expected");
    // 224 x 224, lam 0.7, centre (200, 10): the box is clipped.
    QTest::newRow("official") << "official" << true << 0.8797233737244898;
    QTest::newRow("official-raw") << "official-raw" << false << 0.7;
    // keras-cv weighs by the unclipped area, and casts the weight to float32.
    QTest::newRow("keras-cv reports the unclipped area") << "keras-cv" << false << double(float(0.7033641581632653));
}

void TestBox::reportedWeights()
{
    QFETCH(QString, convention);
    QFETCH(bool, correct);
    QFETCH(double, expected);
    const Size s{224, 224};
    const Method& m = methodNamed(convention.toStdString());
    QCOMPARE(m.box.weight(m.boxOf(s, 0.7, {Point{200, 10}}), s, 0.7, correct), expected);
}

void TestBox::conventionNames()
{
    QStringList seen;
    for (const Method& m : methods()) {
        QCOMPARE(&methodNamed(m.name), &m);
        if (m.isConvention())
            QCOMPARE(&methodFor("cutmix", m.name), &m);
        else
            QCOMPARE(&methodFor(m.family), &m);
        QVERIFY2(!seen.contains(QString::fromStdString(std::string(m.name))), m.name.data());
        seen << QString::fromStdString(std::string(m.name));
    }
    QCOMPARE(defaultMethod().name, std::string_view("official"));
    try {
        methodNamed("timm");
        QFAIL("accepted");
    } catch (const Error& e) {
        // The message lists every accepted name.
        for (const Method& m : methods())
            if (m.isConvention())
                QVERIFY2(std::string(e.what()).find(m.name) != std::string::npos, e.what());
    }
    QVERIFY(methodNamed("keras-cv").box.placement == Placement::Centre);
    QVERIFY(methodNamed("kornia").box.placement == Placement::Corner);
}

void TestBox::float32RoundingEdge()
{
    // The reference's example: 4 x 2, lam = 0.4375000298023224 (a float32).
    // In float32 1 - lam = 0.5625, its root 0.75 and 0.75 * 4 = 3: Keras-CV
    // and Kornia cut 3 columns; in double the product is just below 3, so the
    // official code cuts 2.
    const Size s{4, 2};
    const double lam = 0.4375000298023224;
    QCOMPARE(double(float(lam)), lam);
    QCOMPARE(methodNamed("official").boxOf(s, lam, {Point{2, 1}}).cut.width, 2);
    QCOMPARE(methodNamed("keras-cv").boxOf(s, lam, {Point{2, 1}}).cut.width, 3);
    QCOMPARE(methodNamed("kornia").boxOf(s, lam, {Point{0, 0}}).cut.width, 3);
    // Kornia's weights in float32: the cut's share, or one minus it.
    const Method& k = methodNamed("kornia");
    const Geometry g = k.boxOf({3, 3}, 0.5, {Point{0, 0}}); // cut 2 x 2 of 9
    QCOMPARE(k.box.weight(g, {3, 3}, 0.5, false), double(4.0f / 9.0f));
    QCOMPARE(k.box.weight(g, {3, 3}, 0.5, true), double(1.0f - 4.0f / 9.0f));
    QVERIFY(k.box.weight(g, {3, 3}, 0.5, true) != 1.0 - 4.0 / 9.0);
}

void TestBox::everyEntryDescribesItself()
{
    // Each entry is complete: texts for help and tooltips, its functions, and
    // formula templates that name only values the read-out has.
    for (const Method& m : methods()) {
        QVERIFY(!m.family.empty() && !m.library.empty() && !m.description.empty());
        QVERIFY(m.fill && m.paint);
        QCOMPARE(m.sourceMap == nullptr, m.region == Region::Blend);
        if (m.isConvention()) {
            QVERIFY(m.box.position && m.box.place && m.box.weight);
            QVERIFY(m.box.drawsCut ? m.box.drawCut != nullptr : m.box.cutFor != nullptr);
        } else {
            QCOMPARE(m.name, m.family);
        }
        QVERIFY(!m.formula.empty());
        Params p;
        p.method = &m;
        for (bool correct : {false, true}) {
            p.correctLam = correct;
            const Draw d = sampleDraw(p, std::vector<Size>(std::size_t(std::max(2, m.images)), Size{64, 48}));
            const auto lines = formulaLines(d);
            QVERIFY(lines.size() > m.formula.size());
            for (const std::string& line : lines)
                QVERIFY2(line.find('{') == std::string::npos, line.c_str());
        }
    }
}

void TestBox::formulaShowsWhatTruncates_data()
{
    QTest::addColumn<double>("lam");
    QTest::addColumn<QString>("cutW");
    QTest::addColumn<QString>("cutH");
    // "int(451 · 1.00000) = 450" (issue 21 item 18): √(1−λ) shown with the
    // decimals that keep its product's integer part, and the product itself.
    QTest::newRow("λ 4e-6") << 4e-6 << "cut_w = int(W·√(1−λ)) = int(451 · 0.999998) = int(450.9990) = 450"
                            << "cut_h = int(H·√(1−λ)) = int(300 · 0.999998) = int(299.9993) = 299";
    QTest::newRow("λ 0.2") << 0.2 << "cut_w = int(W·√(1−λ)) = int(451 · 0.89443) = int(403.3866) = 403"
                           << "cut_h = int(H·√(1−λ)) = int(300 · 0.89443) = int(268.3281) = 268";
    QTest::newRow("λ 0") << 0.0 << "cut_w = int(W·√(1−λ)) = int(451 · 1.00000) = int(451.0000) = 451"
                         << "cut_h = int(H·√(1−λ)) = int(300 · 1.00000) = int(300.0000) = 300";
}

void TestBox::formulaShowsWhatTruncates()
{
    QFETCH(double, lam);
    QFETCH(QString, cutW);
    QFETCH(QString, cutH);
    RandomInputs in;
    in.lam = lam;
    in.u = {0.5, 0.5, 0.0, 0.0};
    const Draw d = makeDraw(Params{}, {451, 300}, {451, 300}, in);
    QStringList lines;
    for (const std::string& line : formulaLines(d))
        lines << QString::fromStdString(line);
    QVERIFY2(lines.contains(cutW), qPrintable(lines.join('\n')));
    QVERIFY2(lines.contains(cutH), qPrintable(lines.join('\n')));
}

void TestBox::badInputs()
{
    const Method& official = methodNamed("official");
    QVERIFY_THROWS_EXCEPTION(Error, official.boxOf({0, 10}, 0.5, {Point{0, 0}}));
    QVERIFY_THROWS_EXCEPTION(Error, official.boxOf({10, 10}, 1.5, {Point{0, 0}}));
    QVERIFY_THROWS_EXCEPTION(Error, official.boxOf({10, 10}, -0.1, {Point{0, 0}}));
    QVERIFY_THROWS_EXCEPTION(Error, official.boxOf({10, 10}, std::nan(""), {Point{0, 0}}));
    const Method& minmax = methodNamed("timm-minmax");
    QVERIFY_THROWS_EXCEPTION(
        Error, minmax.boxOf({10, 10}, 0.5, {std::nullopt, 0.5, 0.5}, {std::nullopt, true, 0.5, 0.5, MinMax{0.8, 0.2}}));
    QVERIFY_THROWS_EXCEPTION(Error, minmax.boxOf({10, 10}, 0.5, {Point{6, 0}}, BoxCut::of(Size{5, 5})));
    QVERIFY_THROWS_EXCEPTION(Error, minmax.boxOf({10, 10}, 0.5, {Point{0, 0}})); // needs its cut
    // A zero cut is one timm draws (a 2-pixel side with the default range).
    QCOMPARE(minmax.boxOf({2, 331}, 0.5, {Point{0, 0}}, BoxCut::of(Size{0, 331})).box, (Box{0, 0, 0, 331}));
}

void TestBox::properties_data()
{
    QTest::addColumn<QString>("convention");
    for (const Method& m : methods())
        if (m.isConvention())
            QTest::newRow(std::string(m.name).c_str()) << QString::fromStdString(std::string(m.name));
}

void TestBox::properties()
{
    QFETCH(QString, convention);
    Params p;
    p.method = &methodNamed(convention.toStdString());
    Rng rng(2024, static_cast<std::uint64_t>(p.method - methods().data()));
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
        if (convention == "official") {
            // Half-open and symmetric: an odd cut loses one pixel.
            QCOMPARE(d.geometry.unclipped.width(), 2 * (d.geometry.cut.width / 2));
            // int() truncation and the lost odd pixel only ever shrink the box.
            QVERIFY(d.lamAdj >= d.lamSampled - 1e-12);
        }
        if (p.method->box.placement == Placement::Corner) {
            // Inside the image, except Kornia's start of -1 where its cut fills a side.
            if (convention == "kornia" && d.geometry.unclipped != b) {
                QVERIFY(d.geometry.unclipped.x1 == -1 || d.geometry.unclipped.y1 == -1);
                QCOMPARE(clippedTo(d.geometry.unclipped, s), b);
                QVERIFY(d.geometry.cut.width == s.width || d.geometry.cut.height == s.height);
            } else {
                QCOMPARE(d.geometry.unclipped, b);
            }
        }
    }
}

// The part of one box outside another, used to rewrite only what a redraw
// changes: every pixel of a outside b in exactly one part.
void TestBox::boxMinusCoversTheDifference()
{
    const Box a{10, 20, 50, 60};
    for (const Box& b : {Box{0, 0, 5, 5}, Box{30, 30, 40, 40}, Box{0, 0, 100, 100}, Box{40, 10, 70, 30},
                         Box{10, 20, 50, 60}, Box{20, 0, 30, 100}}) {
        const std::vector<Box> parts = boxMinus(a, b);
        QVERIFY(parts.size() <= 4);
        for (int y = 0; y < 80; ++y)
            for (int x = 0; x < 80; ++x) {
                int in = 0;
                for (const Box& p : parts)
                    in += p.contains(x, y);
                QCOMPARE(in, a.contains(x, y) && !b.contains(x, y) ? 1 : 0);
            }
    }
    QVERIFY(boxMinus(Box{5, 5, 5, 9}, Box{0, 0, 1, 1}).empty()); // an empty box has no part
}

QTEST_APPLESS_MAIN(TestBox)
#include "tst_box.moc"
