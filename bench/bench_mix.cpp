// One CutMix paste of two 1024x1024 RGB images against one plain copy of
// such an image: the paste writes each output byte once, so it should cost
// about one copy (the target is at most 2x).
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

private:
    cv::Mat a_, b_;
};

void BenchMix::initTestCase()
{
    a_.create(1024, 1024, CV_8UC3);
    b_.create(1024, 1024, CV_8UC3);
    cv::randu(a_, 0, 256);
    cv::randu(b_, 0, 256);
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
    const Geometry g = defaultMethod().boxFor({1024, 1024}, 0.5, {512, 512});
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

QTEST_APPLESS_MAIN(BenchMix)
#include "bench_mix.moc"
