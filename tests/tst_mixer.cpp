// Pasting checked pixel by pixel for every supported type, size policy and
// conversion; the sources must come out untouched.
#include "error.h"
#include "mixer.h"
#include "testutil.h"

#include <QTest>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

using namespace cutmix;

class TestMixer : public QObject
{
    Q_OBJECT
private slots:
    void pasteExact_data();
    void pasteExact();
    void convertedB_data();
    void convertedB();
    void resizePolicies();
    void stridedViews();
    void pasteIntoReusesAndNeverWritesSources();
    void largeImagesSplitOverThreads();
    void rejectsUnsupported();
    void drawSizeMismatch();
};

namespace
{

bool equalMats(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

// Every pixel of out equals b inside box and a outside it.
void checkProvenance(const cv::Mat& out, const cv::Mat& a, const cv::Mat& b, const Box& box)
{
    QCOMPARE(out.size(), a.size());
    QCOMPARE(out.type(), a.type());
    const std::size_t px = out.elemSize();
    for (int y = 0; y < out.rows; ++y)
        for (int x = 0; x < out.cols; ++x) {
            const bool inside = x >= box.x1 && x < box.x2 && y >= box.y1 && y < box.y2;
            const cv::Mat& src = inside ? b : a;
            if (std::memcmp(out.ptr(y) + x * px, src.ptr(y) + x * px, px) != 0)
                QFAIL(qPrintable(QString("pixel (%1,%2) should come from %3").arg(x).arg(y).arg(inside ? "B" : "A")));
        }
}

} // namespace

void TestMixer::pasteExact_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<Box>("box");
    const std::pair<const char*, int> types[] = {{"8UC1", CV_8UC1},   {"8UC3", CV_8UC3},   {"8UC4", CV_8UC4},
                                                 {"16UC1", CV_16UC1}, {"16UC3", CV_16UC3}, {"16UC4", CV_16UC4}};
    for (const auto& [name, type] : types) {
        QTest::newRow(QByteArray(name) + " inner") << type << Box{3, 4, 20, 11};
        QTest::newRow(QByteArray(name) + " corner") << type << Box{0, 0, 31, 17};
        QTest::newRow(QByteArray(name) + " empty") << type << Box{5, 5, 5, 9};
        QTest::newRow(QByteArray(name) + " 1 pixel") << type << Box{30, 16, 31, 17};
    }
}

void TestMixer::pasteExact()
{
    QFETCH(int, type);
    QFETCH(Box, box);
    const cv::Mat a = patternImage(17, 31, type, 1);
    const cv::Mat b = patternImage(17, 31, type, 2);
    const cv::Mat a0 = a.clone(), b0 = b.clone();
    const cv::Mat out = pasteBox(a, b, box);
    checkProvenance(out, a, b, box);
    QVERIFY(equalMats(a, a0));
    QVERIFY(equalMats(b, b0));
    QVERIFY(out.data != a.data);
}

void TestMixer::convertedB_data()
{
    QTest::addColumn<int>("typeA");
    QTest::addColumn<int>("typeB");
    QTest::newRow("gray B into BGR A") << CV_8UC3 << CV_8UC1;
    QTest::newRow("BGR B into gray A") << CV_8UC1 << CV_8UC3;
    QTest::newRow("BGRA B into BGR A") << CV_8UC3 << CV_8UC4;
    QTest::newRow("BGR B into BGRA A") << CV_8UC4 << CV_8UC3;
    QTest::newRow("16-bit B into 8-bit A") << CV_8UC3 << CV_16UC3;
    QTest::newRow("8-bit B into 16-bit A") << CV_16UC3 << CV_8UC3;
    QTest::newRow("16-bit gray B into 8-bit BGRA A") << CV_8UC4 << CV_16UC1;
}

void TestMixer::convertedB()
{
    QFETCH(int, typeA);
    QFETCH(int, typeB);
    const cv::Mat a = patternImage(12, 20, typeA, 1);
    const cv::Mat b = patternImage(12, 20, typeB, 2);
    const cv::Mat b0 = b.clone();
    const PreparedPair p = preparePair(a, b, ResizePolicy::ResizeB);
    QCOMPARE(p.b.type(), a.type());
    QCOMPARE(p.b.size(), a.size());
    QVERIFY(equalMats(b, b0));
    const Box box{2, 3, 15, 9};
    checkProvenance(pasteBox(p.a, p.b, box), a, p.b, box);
    if (CV_MAT_DEPTH(typeA) != CV_MAT_DEPTH(typeB) && CV_MAT_CN(typeA) == CV_MAT_CN(typeB)) {
        // 8 <-> 16 bit scales by 257 so that full scale maps to full scale.
        cv::Mat white(1, 1, typeB, cv::Scalar::all(CV_MAT_DEPTH(typeB) == CV_16U ? 65535 : 255));
        const cv::Mat w = convertLike(white, CV_MAT_DEPTH(typeA), CV_MAT_CN(typeA));
        QCOMPARE(cv::norm(w, cv::NORM_INF), CV_MAT_DEPTH(typeA) == CV_16U ? 65535.0 : 255.0);
    }
    if (CV_MAT_CN(typeA) == 4 && CV_MAT_CN(typeB) != 4) {
        std::vector<cv::Mat> planes;
        cv::split(p.b, planes);
        QCOMPARE(cv::countNonZero(planes[3] != 255), 0); // an added alpha is opaque
    }
}

void TestMixer::resizePolicies()
{
    const cv::Mat a = patternImage(40, 60, CV_8UC3, 1);
    const cv::Mat b = patternImage(30, 90, CV_8UC3, 2);
    {
        const PreparedPair p = preparePair(a, b, ResizePolicy::ResizeB);
        QCOMPARE(sizeOf(p.b), sizeOf(a));
        QVERIFY(equalMats(p.a, a));
        QCOMPARE(mixedSize(sizeOf(a), sizeOf(b), ResizePolicy::ResizeB), (Size{60, 40}));
    }
    {
        const PreparedPair p = preparePair(a, b, ResizePolicy::CenterCrop);
        QCOMPARE(sizeOf(p.a), (Size{60, 30}));
        QCOMPARE(sizeOf(p.b), (Size{60, 30}));
        // Centred: A loses 5 rows top and bottom, B 15 columns each side.
        QVERIFY(equalMats(p.a, a(cv::Rect(0, 5, 60, 30))));
        QVERIFY(equalMats(p.b, b(cv::Rect(15, 0, 60, 30))));
        const Box box{10, 10, 50, 25};
        checkProvenance(pasteBox(p.a, p.b, box), p.a, p.b, box);
    }
    // A mixed draw over different sizes pastes the resized B.
    Params params;
    params.seed = 5;
    const Draw d = sampleDraw(params, sizeOf(a), sizeOf(b));
    const cv::Mat out = mixPair(a, b, d);
    checkProvenance(out, a, preparePair(a, b, ResizePolicy::ResizeB).b, d.geometry.box);
}

void TestMixer::stridedViews()
{
    // Views into larger images have a row stride wider than their width.
    const cv::Mat bigA = patternImage(50, 70, CV_8UC3, 1), bigB = patternImage(50, 70, CV_8UC3, 2);
    const cv::Mat a = bigA(cv::Rect(3, 2, 33, 21)), b = bigB(cv::Rect(11, 7, 33, 21));
    const Box box{4, 4, 30, 19};
    checkProvenance(pasteBox(a, b, box), a, b, box);
}

void TestMixer::pasteIntoReusesAndNeverWritesSources()
{
    const cv::Mat a = patternImage(20, 30, CV_8UC3, 1), b = patternImage(20, 30, CV_8UC3, 2);
    const cv::Mat a0 = a.clone();
    cv::Mat out;
    pasteBoxInto(a, b, {1, 2, 10, 12}, out);
    const uchar* buffer = out.data;
    pasteBoxInto(a, b, {5, 5, 25, 15}, out);
    QCOMPARE(out.data, buffer); // same size and type: the buffer is reused
    checkProvenance(out, a, b, {5, 5, 25, 15});
    cv::Mat alias = a; // shares A's pixels
    pasteBoxInto(a, b, {0, 0, 30, 20}, alias);
    QVERIFY(alias.data != a.data);
    QVERIFY(equalMats(a, a0));
    checkProvenance(alias, a, b, {0, 0, 30, 20});
}

void TestMixer::largeImagesSplitOverThreads()
{
    // Above 8 MB the rows are split over threads; the bytes must not change.
    const cv::Mat a = patternImage(1500, 2000, CV_8UC4, 1), b = patternImage(1500, 2000, CV_8UC4, 2);
    const Box box{123, 456, 1789, 1401};
    const int threads = cv::getNumThreads();
    const cv::Mat parallel = pasteBox(a, b, box);
    cv::setNumThreads(1);
    const cv::Mat serial = pasteBox(a, b, box);
    cv::setNumThreads(threads);
    QVERIFY(equalMats(parallel, serial));
    checkProvenance(parallel, a, b, box);
}

void TestMixer::rejectsUnsupported()
{
    const cv::Mat f(4, 4, CV_32FC3, cv::Scalar::all(0.5));
    const cv::Mat ok = patternImage(4, 4, CV_8UC3, 1);
    QVERIFY_THROWS_EXCEPTION(Error, preparePair(f, ok, ResizePolicy::ResizeB));
    QVERIFY_THROWS_EXCEPTION(Error, preparePair(ok, cv::Mat(), ResizePolicy::ResizeB));
    QVERIFY_THROWS_EXCEPTION(Error, preparePair(ok, cv::Mat(4, 4, CV_8UC2), ResizePolicy::ResizeB));
    QVERIFY_THROWS_EXCEPTION(Error, pasteBox(ok, patternImage(5, 4, CV_8UC3, 1), {0, 0, 1, 1}));
}

void TestMixer::drawSizeMismatch()
{
    const cv::Mat a = patternImage(10, 10, CV_8UC3, 1);
    const Draw d = sampleDraw(Params{}, {20, 20}, {20, 20});
    QVERIFY_THROWS_EXCEPTION(Error, mixPair(a, a, d));
}

QTEST_APPLESS_MAIN(TestMixer)
#include "tst_mixer.moc"
