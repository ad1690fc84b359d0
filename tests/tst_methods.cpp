// The mixing family, pixel by pixel: MixUp's rounding against NumPy's
// (tests/data/mixup_rounding.txt), ResizeMix's patch, FMix's exact pixel
// count, Cutout's fill, multi-source CutMix's visible weights, and for every
// method: the source map agrees with the pixels and the weights sum to 1.
#include "draw.h"
#include "error.h"
#include "fmixmask.h"
#include "labels.h"
#include "method.h"
#include "mixer.h"
#include "record.h"
#include "testutil.h"

#include <QFile>
#include <QTest>
#include <nlohmann/json.hpp>
#include <numeric>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

using namespace cutmix;

namespace
{

Params paramsFor(const char* name)
{
    Params p;
    p.method = &methodNamed(name);
    p.seed = 11;
    p.index = 3;
    return p;
}

template <typename T> T at(const cv::Mat& m, int x, int y, int c)
{
    return m.ptr<T>(y)[x * m.channels() + c];
}

// Every pixel of `out` equals the pixel of the source the map names (and a
// filled pixel, 255, equals none of them).
void checkAgainstMap(const cv::Mat& out, const std::vector<cv::Mat>& sources, const cv::Mat& map)
{
    QCOMPARE(map.size(), out.size());
    for (int y = 0; y < out.rows; ++y)
        for (int x = 0; x < out.cols; ++x) {
            const int s = map.at<std::uint8_t>(y, x);
            if (s == 255)
                continue;
            QVERIFY2(s < int(sources.size()), "map names a source that does not exist");
            const std::size_t bytes = out.elemSize();
            if (std::memcmp(out.ptr(y) + x * bytes, sources[std::size_t(s)].ptr(y) + x * bytes, bytes) != 0)
                QFAIL(qPrintable(QString("pixel (%1,%2) does not come from source %3").arg(x).arg(y).arg(s)));
        }
}

} // namespace

class TestMethods : public QObject
{
    Q_OBJECT
private slots:
    void mixupRoundingLikeTimm();
    void mixupPixels_data();
    void mixupPixels();
    void resizeMixPatch();
    void fmixCountIsExact_data();
    void fmixCountIsExact();
    void fmixIsDeterministicAndSmooth();
    void fmixMapSelectsTheHighestValuesTiesByPosition();
    void fmixFieldMadeAheadIsTheSame();
    void cutoutFill();
    void multiSourceVisibleWeights_data();
    void multiSourceVisibleWeights();
    void twoSourcesAreTheClassicDraw();
    void everyMethodAgreesWithItsMap_data();
    void everyMethodAgreesWithItsMap();
    void mixedLabels();
    void recordsNameTheMethod();
};

void TestMethods::mixupRoundingLikeTimm()
{
    QFile f(CUTMIX_TEST_DATA "/mixup_rounding.txt");
    QVERIFY(f.open(QIODevice::ReadOnly));
    int rows = 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> parts = line.split('|');
        const QList<QByteArray> head = parts[0].trimmed().split(' ');
        const bool wide = head[0] == "u16";
        const double lam = head[1].toDouble();
        const QList<QByteArray> a = parts[1].trimmed().split(' '), b = parts[2].trimmed().split(' '),
                                m = parts[3].trimmed().split(' ');
        const int type = wide ? CV_16UC1 : CV_8UC1;
        cv::Mat ma(1, int(a.size()), type), mb(1, int(b.size()), type);
        for (int i = 0; i < a.size(); ++i) {
            if (wide) {
                ma.at<std::uint16_t>(0, i) = std::uint16_t(a[i].toInt());
                mb.at<std::uint16_t>(0, i) = std::uint16_t(b[i].toInt());
            } else {
                ma.at<std::uint8_t>(0, i) = std::uint8_t(a[i].toInt());
                mb.at<std::uint8_t>(0, i) = std::uint8_t(b[i].toInt());
            }
        }
        cv::Mat out;
        blendInto(ma, mb, lam, MixupRounding::Timm, out);
        for (int i = 0; i < m.size(); ++i) {
            const int got = wide ? out.at<std::uint16_t>(0, i) : out.at<std::uint8_t>(0, i);
            if (got != m[i].toInt())
                QFAIL(qPrintable(QString("%1 lam %2: %3 and %4 give %5, NumPy gives %6")
                                     .arg(QString(head[0]))
                                     .arg(lam)
                                     .arg(QString(a[i]), QString(b[i]))
                                     .arg(got)
                                     .arg(QString(m[i]))));
        }
        ++rows;
    }
    QCOMPARE(rows, 40);
    // Round half to even: 1.5 -> 2, 2.5 -> 2 (np.rint), where the exact rule agrees.
    cv::Mat a = (cv::Mat_<std::uint8_t>(1, 2) << 1, 2), b = (cv::Mat_<std::uint8_t>(1, 2) << 2, 3), out;
    blendInto(a, b, 0.5, MixupRounding::Exact, out);
    QCOMPARE(int(out.at<std::uint8_t>(0, 0)), 2);
    QCOMPARE(int(out.at<std::uint8_t>(0, 1)), 2);
}

void TestMethods::mixupPixels_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("8-bit BGR") << int(CV_8UC3);
    QTest::newRow("16-bit gray") << int(CV_16UC1);
    QTest::newRow("8-bit BGRA") << int(CV_8UC4);
}

void TestMethods::mixupPixels()
{
    QFETCH(int, type);
    const cv::Mat a = patternImage(30, 40, type, 1), b = patternImage(30, 40, type, 2);
    const Params p = paramsFor("mixup");
    const Draw d = sampleDraw(p, {40, 30}, {40, 30});
    QCOMPARE(d.lam, d.lamSampled);
    QCOMPARE(d.weights, (std::vector<double>{d.lam, 1.0 - d.lam}));
    const cv::Mat out = mixPair(a, b, d);
    const float l = float(d.lam), m = float(1.0 - d.lam);
    for (int y = 0; y < 30; ++y)
        for (int x = 0; x < 40; ++x)
            for (int c = 0; c < a.channels(); ++c) {
                const bool wide = a.depth() == CV_16U;
                const double pa = wide ? at<std::uint16_t>(a, x, y, c) : at<std::uint8_t>(a, x, y, c);
                const double pb = wide ? at<std::uint16_t>(b, x, y, c) : at<std::uint8_t>(b, x, y, c);
                const double expected = std::nearbyint(double(float(pa) * l + float(pb) * m));
                const double got = wide ? at<std::uint16_t>(out, x, y, c) : at<std::uint8_t>(out, x, y, c);
                QCOMPARE(got, expected);
            }
    QVERIFY(!hasSourceMap(d));
    QVERIFY_THROWS_EXCEPTION(Error, sourceMap(d));
}

void TestMethods::resizeMixPatch()
{
    const cv::Mat a = patternImage(100, 200, CV_8UC3, 1), b = patternImage(80, 90, CV_8UC3, 2);
    Params p = paramsFor("resizemix");
    p.setRange(Setting::Scale, {0.2, 0.6});
    for (std::uint64_t index = 0; index < 20; ++index) {
        p.index = index;
        const Draw d = sampleDraw(p, {200, 100}, {90, 80});
        QVERIFY(d.tau >= 0.2 && d.tau <= 0.6);
        const Box& box = d.geometry.box;
        QCOMPARE(box.width(), int(200 * d.tau));
        QCOMPARE(box.height(), int(100 * d.tau));
        QVERIFY(box.x1 >= 0 && box.y1 >= 0 && box.x2 <= 200 && box.y2 <= 100);
        QCOMPARE(d.lam, 1.0 - double(box.area()) / 20000.0);
        const std::vector<cv::Mat> s = prepareSources({a, b}, p.resize);
        const cv::Mat out = mixDraw(s, d);
        // Outside the patch: A. Inside: all of B (as brought to A's size), shrunk.
        cv::Mat patch;
        cv::resize(s[1], patch, cv::Size(box.width(), box.height()), 0, 0, cv::INTER_AREA);
        const cv::Rect r(box.x1, box.y1, box.width(), box.height());
        QCOMPARE(cv::norm(out(r), patch, cv::NORM_INF), 0.0);
        cv::Mat outside = out.clone(), aOutside = s[0].clone();
        outside(r).setTo(0);
        aOutside(r).setTo(0);
        QCOMPARE(cv::norm(outside, aOutside, cv::NORM_INF), 0.0);
    }
    // The record names the interpolation.
    QCOMPARE(drawRecord(sampleDraw(p, {200, 100}, {90, 80}))["interpolation"].get<std::string>(), std::string("area"));
}

void TestMethods::fmixCountIsExact_data()
{
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::addColumn<double>("alpha");
    QTest::newRow("64x48") << 64 << 48 << 1.0;
    QTest::newRow("odd 33x17") << 33 << 17 << 0.4;
    QTest::newRow("1x1") << 1 << 1 << 1.0;
    QTest::newRow("tall 5x40") << 5 << 40 << 2.0;
}

void TestMethods::fmixCountIsExact()
{
    QFETCH(int, w);
    QFETCH(int, h);
    QFETCH(double, alpha);
    Params p = paramsFor("fmix");
    p.alpha = alpha;
    const cv::Mat a = patternImage(h, w, CV_8UC3, 1), b = patternImage(h, w, CV_8UC3, 2);
    for (std::uint64_t index = 0; index < 10; ++index) {
        p.index = index;
        const Draw d = sampleDraw(p, {w, h}, {w, h});
        QCOMPARE(d.maskCount, std::int64_t(std::llround(d.lamSampled * w * h)));
        QCOMPARE(d.lam, double(d.maskCount) / (w * h)); // exact, from the pixel count
        const cv::Mat map = sourceMap(d);
        QCOMPARE(std::int64_t(map.total()) - cv::countNonZero(map), d.maskCount);
        const cv::Mat out = mixPair(a, b, d);
        checkAgainstMap(out, {a, b}, map);
    }
}

void TestMethods::fmixIsDeterministicAndSmooth()
{
    const cv::Mat f1 = fmixField(5, 9, {96, 64}, 3.0).clone();
    const cv::Mat f2 = fmixField(5, 9, {96, 64}, 3.0);
    QCOMPARE(cv::norm(f1, f2, cv::NORM_INF), 0.0);
    QVERIFY(cv::norm(f1, fmixField(5, 10, {96, 64}, 3.0), cv::NORM_INF) > 0.1);
    // Made again (not from the cache of the last few fields: three others
    // push it out) on one thread and on four: the same bits.
    auto pushOut = [] {
        for (std::uint64_t seed : {6, 7, 8})
            (void)fmixField(seed, 9, {96, 64}, 3.0);
    };
    const int threads = cv::getNumThreads();
    pushOut();
    cv::setNumThreads(1);
    const cv::Mat one = fmixField(5, 9, {96, 64}, 3.0).clone();
    pushOut();
    cv::setNumThreads(4);
    const cv::Mat four = fmixField(5, 9, {96, 64}, 3.0).clone();
    cv::setNumThreads(threads);
    QCOMPARE(cv::norm(one, four, cv::NORM_INF), 0.0);
    QCOMPARE(cv::norm(one, f1, cv::NORM_INF), 0.0);
    double lo, hi;
    cv::minMaxLoc(f1, &lo, &hi);
    QCOMPARE(lo, 0.0);
    QCOMPARE(hi, 1.0);
    // Low frequency: neighbours are close (a decay of 3 leaves a smooth field);
    // with no decay the field is white noise and neighbours are not.
    auto roughness = [](const cv::Mat& f) {
        double sum = 0;
        for (int y = 0; y < f.rows; ++y)
            for (int x = 1; x < f.cols; ++x)
                sum += std::abs(f.at<double>(y, x) - f.at<double>(y, x - 1));
        return sum / (f.rows * (f.cols - 1));
    };
    QVERIFY(roughness(f1) < 0.05);
    QVERIFY(roughness(fmixField(5, 9, {96, 64}, 0.0)) > 0.1);
    // Ties are broken by position: a constant field gives A the first pixels.
    const cv::Mat flat(2, 3, CV_64FC1, cv::Scalar(0.5));
    const cv::Mat map = fmixMap(flat, 4);
    QCOMPARE(int(map.at<std::uint8_t>(0, 0)), 0);
    QCOMPARE(int(map.at<std::uint8_t>(1, 0)), 0);
    QCOMPARE(int(map.at<std::uint8_t>(1, 1)), 1);
    // A value outside [0, 1] is refused, not counted out of range.
    QVERIFY_THROWS_EXCEPTION(cutmix::Error, fmixMap(cv::Mat(2, 3, CV_64FC1, cv::Scalar(1.5)), 1));
}

void TestMethods::fmixMapSelectsTheHighestValuesTiesByPosition()
{
    // fmixMap against the plain rule: sort by (value down, position up) and
    // give A the first countA pixels; on a real field and on coarse fields
    // with many ties, in one bucket and spread over many.
    std::vector<cv::Mat> fields{fmixField(3, 1, {61, 37}, 3.0).clone()};
    for (double steps : {2.0, 9.0, 65536.0 * 3}) {
        cv::Mat f = fields[0].clone();
        for (double& x : cv::Mat_<double>(f))
            x = std::round(x * steps) / steps;
        fields.push_back(f);
    }
    for (const cv::Mat& f : fields) {
        const auto n = std::int64_t(f.total());
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        const double* v = f.ptr<double>(0);
        std::stable_sort(order.begin(), order.end(), [&](auto i, auto j) { return v[i] > v[j]; });
        for (std::int64_t count : {std::int64_t(1), n / 7, n / 2, n - 1, n}) {
            cv::Mat expected(f.size(), CV_8UC1, cv::Scalar(1));
            for (std::int64_t k = 0; k < count; ++k)
                expected.ptr<std::uint8_t>(0)[order[static_cast<std::size_t>(k)]] = 0;
            QCOMPARE(cv::norm(fmixMap(f, count), expected, cv::NORM_INF), 0.0);
        }
    }
}

void TestMethods::fmixFieldMadeAheadIsTheSame()
{
    // A field made ahead (the window's next draw) is kept, and is the field
    // a draw then reads; made again after being pushed out, the same bits.
    QVERIFY(prepareFmixField(41, 2, {80, 50}, 3.0));
    QVERIFY(!prepareFmixField(41, 2, {80, 50}, 3.0)); // kept
    const cv::Mat ahead = fmixField(41, 2, {80, 50}, 3.0).clone();
    for (std::uint64_t seed : {42, 43, 44})
        (void)fmixField(seed, 2, {80, 50}, 3.0);
    QCOMPARE(cv::norm(ahead, fmixField(41, 2, {80, 50}, 3.0), cv::NORM_INF), 0.0);
    // Too large to keep beside the others: not made ahead (and not tried).
    QVERIFY(!prepareFmixField(41, 2, {6000, 6000}, 3.0));
    // Many threads asking for the same field at once get the same bits.
    std::vector<cv::Mat> got(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] { got[std::size_t(t)] = fmixField(45, 7, {64, 48}, 3.0); });
    for (auto& t : threads)
        t.join();
    for (const cv::Mat& m : got)
        QCOMPARE(cv::norm(m, got[0], cv::NORM_INF), 0.0);
}

void TestMethods::cutoutFill()
{
    const cv::Mat a = patternImage(40, 60, CV_8UC3, 1), b = patternImage(40, 60, CV_8UC3, 2);
    Params p = paramsFor("cutout");
    p.setNumber(Setting::CutoutSize, 0.5);
    p.setNumber(Setting::FillValue, 7);
    const Draw d = sampleDraw(p, {60, 40}, {60, 40});
    QCOMPARE(d.geometry.cut.width, 20);
    QCOMPARE(d.lam, 1.0);
    QCOMPARE(d.weights, std::vector<double>{1.0});
    QCOMPARE(d.sources, 1);
    const cv::Mat out = mixPair(a, b, d);
    const cv::Mat map = sourceMap(d);
    const Box& box = d.geometry.box;
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 60; ++x) {
            const bool inside = box.contains(x, y);
            QCOMPARE(int(map.at<std::uint8_t>(y, x)), inside ? 255 : 0);
            QCOMPARE(out.at<cv::Vec3b>(y, x), inside ? cv::Vec3b(7, 7, 7) : a.at<cv::Vec3b>(y, x));
        }
    checkAgainstMap(out, {a}, map);
    // Noise: the same for the same draw, different elsewhere, never the constant.
    p.setChoice(Setting::Fill, CutoutFill::Noise);
    const Draw n = sampleDraw(p, {60, 40}, {60, 40});
    const cv::Mat first = mixPair(a, b, n), again = mixPair(a, b, n);
    QCOMPARE(cv::norm(first, again, cv::NORM_INF), 0.0);
    QVERIFY(cv::norm(first, out, cv::NORM_INF) > 0);
    // An alpha channel stays opaque, a 16-bit image gets the value times 257.
    p.setChoice(Setting::Fill, CutoutFill::Constant);
    const cv::Mat rgba = patternImage(40, 60, CV_8UC4, 1);
    const cv::Mat o4 = mixPair(rgba, rgba, sampleDraw(p, {60, 40}, {60, 40}));
    QCOMPARE(o4.at<cv::Vec4b>(box.y1, box.x1), cv::Vec4b(7, 7, 7, 255));
    const cv::Mat deep = patternImage(40, 60, CV_16UC1, 1);
    QCOMPARE(int(mixPair(deep, deep, sampleDraw(p, {60, 40}, {60, 40})).at<std::uint16_t>(box.y1, box.x1)), 7 * 257);
}

void TestMethods::multiSourceVisibleWeights_data()
{
    QTest::addColumn<QString>("convention");
    QTest::addColumn<int>("sources");
    for (int k : {3, 5, 8})
        for (const char* c : {"official", "kornia", "timm-minmax"})
            QTest::newRow(qPrintable(QString("%1 x%2").arg(c).arg(k))) << QString(c) << k;
}

void TestMethods::multiSourceVisibleWeights()
{
    QFETCH(QString, convention);
    QFETCH(int, sources);
    Params p = paramsFor(convention.toStdString().c_str());
    p.sources = sources;
    p.smoothing = 0.1;
    std::vector<cv::Mat> images;
    std::vector<Size> sizes;
    for (int k = 0; k < sources; ++k) {
        images.push_back(patternImage(36 + k, 50 + 3 * k, CV_8UC3, k + 1));
        sizes.push_back({50 + 3 * k, 36 + k});
    }
    for (std::uint64_t index = 0; index < 15; ++index) {
        p.index = index;
        const Draw d = sampleDraw(p, sizes);
        QCOMPARE(int(d.extra.size()), sources - 2);
        QCOMPARE(int(d.weights.size()), sources);
        double sum = 0;
        for (double w : d.weights)
            sum += w;
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
        // The weights are the counts of the final source map.
        const cv::Mat map = sourceMap(d);
        for (int k = 0; k < sources; ++k) {
            cv::Mat is;
            cv::compare(map, k, is, cv::CMP_EQ);
            QCOMPARE(d.weights[std::size_t(k)], double(cv::countNonZero(is)) / double(map.total()));
        }
        QCOMPARE(d.lam, d.weights[0]);
        const std::vector<cv::Mat> prepared = prepareSources(images, p.resize);
        checkAgainstMap(mixDraw(prepared, d), prepared, map);
    }
}

void TestMethods::twoSourcesAreTheClassicDraw()
{
    // Multi-source with two sources is CutMix as always: same draw, same record.
    Params p = paramsFor("official");
    const Draw two = sampleDraw(p, {64, 48}, {64, 48});
    QVERIFY(two.extra.empty());
    QCOMPARE(drawRecord(two).contains("sources"), false);
    QCOMPARE(drawRecord(two).contains("inputs"), false);
    p.sources = 3;
    const Draw three = sampleDraw(p, std::vector<Size>{{64, 48}, {64, 48}, {64, 48}});
    QCOMPARE(three.geometry.box, two.geometry.box); // B's box does not move
    QCOMPARE(three.lamSampled, two.lamSampled);
}

void TestMethods::everyMethodAgreesWithItsMap_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    for (const Method& m : methods())
        for (int type : {int(CV_8UC3), int(CV_16UC1), int(CV_8UC4)})
            if (m.mixesPair()) // Mosaic's four tiles: tst_mosaic
                QTest::newRow(
                    qPrintable(QString::fromStdString(std::string(m.name)) + " type " + QString::number(type)))
                    << QString::fromStdString(std::string(m.name)) << type;
}

void TestMethods::everyMethodAgreesWithItsMap()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    Params p = paramsFor(name.toStdString().c_str());
    const cv::Mat a = patternImage(45, 70, type, 1), b = patternImage(30, 50, type, 2);
    for (std::uint64_t index = 0; index < 6; ++index) {
        p.index = index;
        const Draw d = sampleDraw(p, {70, 45}, {50, 30});
        double sum = 0;
        for (double w : d.weights)
            sum += w;
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
        QVERIFY(d.lam >= 0.0 && d.lam <= 1.0);
        const cv::Mat out = mixPair(a, b, d);
        QCOMPARE(out.type(), a.type());
        QCOMPARE(sizeOf(out), d.size);
        if (hasSourceMap(d)) {
            const PreparedPair prepared = preparePair(a, b, p.resize);
            // ResizeMix's patch holds B shrunk, not B's pixels at their place
            // (resizeMixPatch checks it): here only A outside the patch.
            const cv::Mat layerB = name == "resizemix" ? out : prepared.b;
            checkAgainstMap(out, {prepared.a, layerB}, sourceMap(d));
        }
    }
}

void TestMethods::mixedLabels()
{
    // Two sources, as timm's mixup_target.
    const auto two = mixedLabel(10, {3, 7}, {0.7, 0.3}, 0.1);
    QVERIFY(std::abs(two[3] - 0.64) < 1e-12 && std::abs(two[7] - 0.28) < 1e-12 && std::abs(two[0] - 0.01) < 1e-12);
    QCOMPARE(mixedLabel(10, {3, 7}, {0.7, 1.0 - 0.7}, 0.1), softLabel({10, 3, 7, 0.1}, 0.7));
    // Several sources of one class add up; one source of weight 1 is its label.
    const auto many = mixedLabel(4, {0, 2, 2, 1}, {0.4, 0.3, 0.2, 0.1}, 0.0);
    QCOMPARE(many, (std::vector<double>{0.4, 0.1, 0.5, 0.0}));
    const auto one = mixedLabel(3, {1}, {1.0}, 0.3);
    QVERIFY(std::abs(one[0] - 0.1) < 1e-15 && std::abs(one[1] - 0.8) < 1e-15 && std::abs(one[2] - 0.1) < 1e-15);
    QVERIFY_THROWS_EXCEPTION(Error, mixedLabel(3, {3}, {1.0}, 0.0));
    const NamedSources n = nameSources({"dog", "cat", "dog", "bird"}, 0, 0.0);
    QCOMPARE(n.classes, (std::vector<std::string>{"bird", "cat", "dog"}));
    QCOMPARE(n.indices, (std::vector<int>{2, 1, 2, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, nameSources({"a", "b", "c"}, 2, 0.0));
}

void TestMethods::recordsNameTheMethod()
{
    for (const Method& m : methods()) {
        Params p;
        p.method = &m;
        const Draw d = sampleDraw(p, std::vector<Size>(std::size_t(std::max(2, m.images)), Size{32, 24}));
        const nlohmann::json r = drawRecord(d);
        QCOMPARE(r["method"].get<std::string>(), std::string(m.family));
        QCOMPARE(r["convention"].is_null(), !m.isConvention());
        QCOMPARE(r["correct_lam"].is_null(), !m.isConvention());
        QCOMPARE(r["box"].is_null(), m.region != Region::Box);
        if (!m.isConvention())
            QVERIFY(r.contains("inputs") && r.contains("weights"));
    }
    // With more than two sources, the record lists them with their weights.
    Params p;
    p.sources = 3;
    const Draw d = sampleDraw(p, std::vector<Size>{{32, 24}, {32, 24}, {32, 24}});
    const NamedSources n = nameSources({"a", "b", "c"}, 0, 0.0);
    const nlohmann::json r = sampleRecord(d, namedSourcesInfo({"a.png", "b.png", "c.png"}, n, d));
    QCOMPARE(r["sources"].size(), 3u);
    QCOMPARE(r["sources"][2]["path"].get<std::string>(), std::string("c.png"));
    QCOMPARE(r["sources"][2]["weight"].get<double>(), d.weights[2]);
    QCOMPARE(r["boxes"].size(), 2u);
}

QTEST_APPLESS_MAIN(TestMethods)
#include "tst_methods.moc"
