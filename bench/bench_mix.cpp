// One CutMix paste of two 1024x1024 RGB images against one plain copy of
// such an image: the paste writes each output byte once, so it should cost
// about one copy (the target is at most 2x). And one draw and mix of two
// 1920x1080 RGB images for every method of the registry, against a copy of
// such an image (bench/methods_vs_copy.sh prints the ratios).
#include "draw.h"
#include "method.h"
#include "mixer.h"

#include <QTest>
#include <opencv2/core.hpp>

using namespace cutmix;

class BenchMix : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void copy();
    void mix();
    void mixWithDraw();
    void copy1080();
    void methods_data();
    void methods();

private:
    cv::Mat a_, b_;
    cv::Mat a1080_, b1080_;
};

void BenchMix::initTestCase()
{
    a_.create(1024, 1024, CV_8UC3);
    b_.create(1024, 1024, CV_8UC3);
    cv::randu(a_, 0, 256);
    cv::randu(b_, 0, 256);
    a1080_.create(1080, 1920, CV_8UC3);
    b1080_.create(1080, 1920, CV_8UC3);
    cv::randu(a1080_, 0, 256);
    cv::randu(b1080_, 0, 256);
}

void BenchMix::copy()
{
    cv::Mat out;
    QBENCHMARK
    {
        out = a_.clone();
    }
    QVERIFY(!out.empty());
}

void BenchMix::mix()
{
    // lam = 0.5 at the centre: half of the rows go through the box.
    const Geometry g = defaultMethod().boxOf({1024, 1024}, 0.5, {Point{512, 512}});
    cv::Mat out;
    QBENCHMARK
    {
        out = pasteBox(a_, b_, g.box);
    }
    QVERIFY(!out.empty());
}

void BenchMix::mixWithDraw()
{
    // The whole per-sample path of the CLI after decoding: draw, prepare, paste.
    Params p;
    cv::Mat out;
    std::uint64_t i = 0;
    QBENCHMARK
    {
        p.index = i++;
        const Draw d = sampleDraw(p, {1024, 1024}, {1024, 1024});
        out = mixPair(a_, b_, d);
    }
    QVERIFY(!out.empty());
}

void BenchMix::copy1080()
{
    cv::Mat out;
    QBENCHMARK
    {
        out = a1080_.clone();
    }
    QVERIFY(!out.empty());
}

void BenchMix::methods_data()
{
    QTest::addColumn<QString>("method");
    for (std::string_view f : methodFamilies())
        QTest::newRow(std::string(f).c_str()) << QString::fromStdString(std::string(f));
}

void BenchMix::methods()
{
    // A new draw every time (a new index): FMix makes its mask anew each time.
    QFETCH(QString, method);
    Params p;
    p.method = &methodFor(method.toStdString());
    const std::vector<cv::Mat> sources{a1080_, b1080_};
    cv::Mat out;
    std::uint64_t i = 0;
    QBENCHMARK
    {
        p.index = i++;
        const Draw d = sampleDraw(p, {1920, 1080}, {1920, 1080});
        mixDrawInto(sources, d, out);
    }
    QVERIFY(!out.empty());
}

QTEST_APPLESS_MAIN(BenchMix)
#include "bench_mix.moc"
