// Animations: the frames' draws for each sweep, exact frame counts and sizes
// in GIF, WebP and MP4, the same bytes for the same arguments, cancelling
// leaves nothing behind, and the command line.
#include "animate.h"
#include "animation.h"
#include "animationplan.h"
#include "clirun.h"
#include "error.h"
#include "imageio.h"
#include "matimage.h"
#include "method.h"
#include "mixer.h"
#include "painting.h"
#include "testutil.h"

#include <QDir>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <gif_lib.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <webp/demux.h>

using namespace cutmix;
using namespace cutmix::render;
namespace fs = std::filesystem;

namespace
{

std::vector<char> bytes(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct GifInfo {
    int frames = 0, width = 0, height = 0, delay = -1;
};

GifInfo readGif(const fs::path& p)
{
    int error = 0;
    GifFileType* gif = DGifOpenFileName(p.c_str(), &error);
    GifInfo info;
    if (!gif || DGifSlurp(gif) != GIF_OK)
        return info;
    info.frames = gif->ImageCount;
    info.width = gif->SWidth;
    info.height = gif->SHeight;
    GraphicsControlBlock gcb;
    if (DGifSavedExtensionToGCB(gif, 0, &gcb) == GIF_OK)
        info.delay = gcb.DelayTime;
    DGifCloseFile(gif, &error);
    return info;
}

int webpFrames(const fs::path& p, int* width = nullptr)
{
    const std::vector<char> b = bytes(p);
    WebPData data{reinterpret_cast<const uint8_t*>(b.data()), b.size()};
    WebPDemuxer* demux = WebPDemux(&data);
    if (!demux)
        return -1;
    const int n = int(WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT));
    if (width)
        *width = int(WebPDemuxGetI(demux, WEBP_FF_CANVAS_WIDTH));
    WebPDemuxDelete(demux);
    return n;
}

std::vector<cv::Mat> pair()
{
    return {patternImage(60, 90, CV_8UC3, 1), patternImage(50, 70, CV_8UC3, 2)};
}

// The last frame of a GIF, as BGR.
cv::Mat lastGifFrame(const fs::path& p)
{
    int error = 0;
    GifFileType* gif = DGifOpenFileName(p.c_str(), &error);
    if (!gif || DGifSlurp(gif) != GIF_OK || gif->ImageCount < 1)
        return {};
    const SavedImage& image = gif->SavedImages[gif->ImageCount - 1];
    const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
    cv::Mat bgr(gif->SHeight, gif->SWidth, CV_8UC3, cv::Scalar::all(0));
    for (int y = 0; y < image.ImageDesc.Height; ++y)
        for (int x = 0; x < image.ImageDesc.Width; ++x) {
            const GifColorType c = map->Colors[image.RasterBits[y * image.ImageDesc.Width + x]];
            bgr.at<cv::Vec3b>(image.ImageDesc.Top + y, image.ImageDesc.Left + x) = cv::Vec3b(c.Blue, c.Green, c.Red);
        }
    DGifCloseFile(gif, &error);
    return bgr;
}

// The mean absolute difference of two images over the pixels of `mask`.
double meanDifference(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask)
{
    cv::Mat d;
    cv::absdiff(a, b, d);
    return cv::mean(d, mask)[0] + cv::mean(d, mask)[1] + cv::mean(d, mask)[2];
}

cv::Mat differing(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat d, gray;
    cv::absdiff(a, b, d);
    cv::cvtColor(d, gray, cv::COLOR_BGR2GRAY);
    return gray > 0;
}

const QString kCat = CUTMIX_RESOURCES "/chelsea.png", kCoffee = CUTMIX_RESOURCES "/coffee.png";
const QString kCatBoxes = CUTMIX_RESOURCES "/labels/chelsea.txt", kCoffeeBoxes = CUTMIX_RESOURCES "/labels/coffee.txt";

bool onlyFinalFiles(const QTemporaryDir& dir)
{
    for (const QString& f : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
        if (f.startsWith('.'))
            return false;
    return true;
}

} // namespace

class TestAnimate : public QObject
{
    Q_OBJECT

private slots:
    void sweepsMakeTheirDraws()
    {
        Params p;
        p.seed = 4;
        p.index = 7;
        p.alpha = 1.0;
        const std::vector<Size> sizes{{90, 60}, {90, 60}};
        AnimationSpec s;
        s.frames = 9;
        s.from = 0.1;
        s.to = 10.0;
        const auto alphas = animationDraws(p, sizes, s);
        QCOMPARE(int(alphas.size()), 9);
        QVERIFY(std::abs(alphas.front().params.alpha - 0.1) < 1e-12);
        QVERIFY(std::abs(alphas.back().params.alpha - 10.0) < 1e-9);
        QVERIFY(std::abs(alphas[4].params.alpha - 1.0) < 1e-12); // log-spaced: the middle is the geometric mean
        // The draw is held: its position stays, and at the animation's own alpha lam is the draw's.
        const Draw own = sampleDraw(p, sizes);
        for (const Draw& d : alphas)
            QCOMPARE(d.geometry.center, own.geometry.center);
        QVERIFY(std::abs(alphas[4].lamSampled - own.lamSampled) < 1e-9);
        // A run of draws: the pair view's draws from the index on.
        s.sweep = Sweep::Draws;
        const auto run = animationDraws(p, sizes, s);
        for (int k = 0; k < 9; ++k) {
            Params q = p;
            q.index = p.index + std::uint64_t(k);
            QCOMPARE(run[std::size_t(k)].geometry.box, sampleDraw(q, sizes).geometry.box);
        }
        // lam itself, linearly spaced.
        s.sweep = Sweep::Lam;
        s.from = 0.1;
        s.to = 0.9;
        const auto lams = animationDraws(p, sizes, s);
        for (int k = 0; k < 9; ++k)
            QVERIFY(std::abs(lams[std::size_t(k)].lamSampled - (0.1 + 0.1 * k)) < 1e-12);
        s.from = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, checkAnimationSpec(s));
        s.sweep = Sweep::Alpha;
        s.from = 0.0;
        QVERIFY_THROWS_EXCEPTION(Error, checkAnimationSpec(s));
    }

    void formatsFramesAndBytes()
    {
        QTemporaryDir dir;
        Params p;
        p.seed = 2;
        AnimationSpec s;
        s.frames = 12;
        s.fps = 8;
        s.box = true;
        s.caption = true;
        s.sourceMap = true;
        const fs::path root = dir.path().toStdString();
        QVERIFY(writeAnimation(root / "a.gif", pair(), p, s));
        GifInfo g = readGif(root / "a.gif");
        QCOMPARE(g.frames, 12);
        QCOMPARE(g.width, 90);
        QCOMPARE(g.height, 60);
        QCOMPARE(g.delay, 13); // 100 / 8 centiseconds, rounded
        // The same arguments, the same bytes.
        QVERIFY(writeAnimation(root / "b.gif", pair(), p, s));
        QVERIFY(bytes(root / "a.gif") == bytes(root / "b.gif"));
        // Nor do the bytes depend on the threads libimagequant's OpenMP may
        // use (a clang build once set the wrong runtime's count).
        for (const char* threads : {"1", "4"}) {
            const CliRun r = runCli({"animate", kCat, kCoffee, "--frames", "3", "--width", "80", "-o",
                                     QString::fromStdString((root / "omp").string()) + threads + ".gif"},
                                    CliOptions{{}, {{"OMP_NUM_THREADS", threads}}});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        QVERIFY(bytes(root / "omp1.gif") == bytes(root / "omp4.gif"));
        s.width = 45;
        QVERIFY(writeAnimation(root / "a.webp", pair(), p, s));
        int width = 0;
        QCOMPARE(webpFrames(root / "a.webp", &width), 12);
        QCOMPARE(width, 45);
        QVERIFY(writeAnimation(root / "b.webp", pair(), p, s));
        QVERIFY(bytes(root / "a.webp") == bytes(root / "b.webp"));
        // MP4: even sides, every frame there.
        s.width = 61;
        QVERIFY(writeAnimation(root / "a.mp4", pair(), p, s));
        cv::VideoCapture video((root / "a.mp4").string());
        QVERIFY(video.isOpened());
        int frames = 0;
        cv::Mat f, first;
        while (video.read(f)) {
            if (frames == 0)
                first = f.clone();
            ++frames;
        }
        QCOMPARE(frames, 12);
        QCOMPARE(first.cols, 60);
        QCOMPARE(first.rows, 40);
        QVERIFY(onlyFinalFiles(dir));
    }

    void cancelLeavesNothing()
    {
        QTemporaryDir dir;
        AnimationSpec s;
        s.frames = 20;
        const fs::path out = fs::path(dir.path().toStdString()) / "c.gif";
        int calls = 0;
        QVERIFY(!writeAnimation(out, pair(), Params{}, s, [&](int done, int) {
            ++calls;
            return done < 5;
        }));
        QCOMPARE(calls, 6);
        QVERIFY(!fs::exists(out));
        QVERIFY(onlyFinalFiles(dir));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 writeAnimation(fs::path(dir.path().toStdString()) / "c.avi", pair(), Params{}, s));
    }

    void commandLine()
    {
        QTemporaryDir dir;
        auto run = [](const QStringList& args, QString* err = nullptr) {
            const CliRun r = runCli(args);
            if (err)
                *err = r.err;
            return r.code;
        };
        const QString a = CUTMIX_RESOURCES "/chelsea.png", b = CUTMIX_RESOURCES "/coffee.png";
        const QString gif = dir.filePath("s.gif");
        QCOMPARE(run({"animate", a, b, "-o", gif, "--sweep", "alpha", "--from", "0.2", "--to", "5", "--frames", "7",
                      "--width", "160", "--box", "--caption"}),
                 0);
        const GifInfo g = readGif(gif.toStdString());
        QCOMPARE(g.frames, 7);
        QCOMPARE(g.width, 160);
        QCOMPARE(g.height, 106);
        QString err;
        QCOMPARE(run({"animate", a, b, "-o", dir.filePath("s.avi")}, &err), 2);
        QVERIFY2(err.contains(".gif"), qPrintable(err));
        QCOMPARE(run({"animate", a, b, "-o", gif, "--sweep", "draws", "--from", "1"}, &err), 2);
        QCOMPARE(run({"animate", a, b, "-o", gif, "--sweep", "alpha", "--from", "0"}, &err), 2);
        QVERIFY2(err.contains("--from"), qPrintable(err));
        QCOMPARE(run({"animate", a, b, "-o", gif, "--frames", "0"}, &err), 2);
        // The output never replaces a source image.
        QCOMPARE(run({"animate", a, gif, "-o", gif}, &err), 2);
    }

    void tooLargeOrInterrupted()
    {
        // 10,000 frames 8192 wide ran with no end in sight (issue 24, item
        // 13): refused before a frame is made, saying why; so is one frame
        // beyond the pixel limit (a tall image made 8192 wide). Ctrl-C (the
        // test hook: SIGINT at a chosen frame) stops with exit 130 and leaves
        // no file, not even a temporary.
        QTemporaryDir dir;
        const QString a = CUTMIX_RESOURCES "/chelsea.png", b = CUTMIX_RESOURCES "/coffee.png";
        QString err;
        const QString gif = dir.filePath("big.gif");
        CliRun r = runCli({"animate", a, b, "-o", gif, "--frames", "10000", "--width", "8192"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("10000 frames of 8192x5449") && r.err.contains("more than an animation may hold"),
                 qPrintable(r.err));
        const QString tall = dir.filePath("tall.png");
        QVERIFY(cv::imwrite(tall.toStdString(), patternImage(3000, 2, CV_8UC3, 1)));
        r = runCli({"animate", tall, tall, "-o", gif, "--frames", "2", "--width", "8192"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("a frame 8192 wide would be") && r.err.contains("CUTMIX_MAX_PIXELS"),
                 qPrintable(r.err));
        QFile::remove(tall);
        for (const char* ext : {"gif", "webp", "mp4"}) {
            const QString out = dir.filePath(QString("stopped.") + ext);
            r = runCli({"animate", a, b, "-o", out, "--frames", "40", "--width", "64"},
                       {{}, {{"CUTMIX_TEST_INTERRUPT_AT", "3"}}, 60000});
            QCOMPARE(r.code, 130);
            QVERIFY2(r.err.contains("interrupted: nothing written"), qPrintable(r.err));
        }
        QVERIFY2(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty(),
                 qPrintable(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(", ")));
        // The limit itself.
        QVERIFY_THROWS_EXCEPTION(Error, checkAnimationSize({8192, 5449}, 10000));
        checkAnimationSize({1920, 1080}, 60);
        QVERIFY_THROWS_EXCEPTION(Error, checkAnimationSize({1000, 1000}, int(maxAnimationPixels() / 1'000'000) + 1));
    }

    // The objects on the frames (issue 22): each frame carries A's and B's
    // objects through its draw by the rule (carryAndJudge) and draws them
    // with the grid's painting (the frame without them, outlineObjects
    // painted over it); the written animation's final frame shows the kept
    // boxes; `cutmix animate --boxes` (the grid's options) writes the same
    // bytes, and refuses a bad box file (exit 2) with nothing written.
    void objectsOnTheFrames()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        Params p;
        p.seed = 3;
        AnimationSpec s;
        s.sweep = Sweep::Draws;
        s.frames = 4;
        s.box = false;
        s.caption = false;
        const std::vector<cv::Mat> images{loadForMixing(kCat.toStdString()), loadForMixing(kCoffee.toStdString())};
        ObjectInput files;
        files.boxFiles = {kCatBoxes.toStdString(), kCoffeeBoxes.toStdString()};
        files.rule = &keepRuleNamed("albumentations");
        files.keep.minVisibility = 0.5;
        const ObjectInput objects = readObjectInput(files, {sizeOf(images[0]), sizeOf(images[1])},
                                                    {kCat.toStdString(), kCoffee.toStdString()}, 0);
        QVERIFY(objects.boxFiles.empty() && objects.objects && objects.objects->size() == 2);
        const std::vector<cv::Mat> prepared = prepareSources(images, p.resize);
        const std::vector<Size> sizes{sizeOf(prepared[0]), sizeOf(prepared[1])};
        Draw last = animationDraws(p, sizes, s).back();
        const std::vector<CarriedObject> carried = carryAndJudge(last, objects);
        std::vector<CarriedObject> kept;
        std::copy_if(carried.begin(), carried.end(), std::back_inserter(kept),
                     [](const CarriedObject& o) { return o.kept; });
        QVERIFY(!kept.empty());
        const Size frame = frameSize(last.size, s, AnimationFormat::Gif);
        const cv::Mat with = animationFrame(prepared, last, s, frame, carried);
        const cv::Mat without = animationFrame(prepared, last, s, frame);
        // The grid's painting over the frame without them.
        QImage expected = toQImage(without).convertToFormat(QImage::Format_RGB32);
        {
            QPainter painter(&expected);
            painter.setRenderHint(QPainter::Antialiasing, true);
            painter.setRenderHint(QPainter::TextAntialiasing, true);
            outlineObjects(painter, QRect(0, 0, frame.width, frame.height), last.size, carried);
        }
        QVERIFY(toQImage(with).convertToFormat(QImage::Format_RGB32) == expected);
        // The written animation's last frame: on the kept boxes' outlines it
        // is the frame with them, not the one without (GIF: quantised).
        QVERIFY(writeAnimation(root / "with.gif", images, p, s, {}, objects));
        QVERIFY(writeAnimation(root / "without.gif", images, p, s));
        const cv::Mat outlines = differing(animationFrame(prepared, last, s, frame, kept), without);
        QVERIFY(cv::countNonZero(outlines) > 100);
        const cv::Mat shown = lastGifFrame(root / "with.gif"), plain = lastGifFrame(root / "without.gif");
        QCOMPARE(shown.size(), with.size());
        const double toWith = meanDifference(shown, with, outlines),
                     toWithout = meanDifference(shown, without, outlines);
        QVERIFY2(toWith * 4 < toWithout, qPrintable(QString("%1 vs %2").arg(toWith).arg(toWithout)));
        QVERIFY2(meanDifference(plain, without, outlines) * 4 < meanDifference(plain, with, outlines),
                 "the animation without objects shows none");
        // The command line: the grid's options, the same bytes.
        const QString gif = dir.filePath("cli.gif");
        CliRun r = runCli({"animate", kCat, kCoffee, "--boxes", kCatBoxes, kCoffeeBoxes, "--box-rule", "albumentations",
                           "--min-visibility", "0.5", "--seed", "3", "--sweep", "draws", "--frames", "4", "-o", gif});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(bytes(gif.toStdString()) == bytes(root / "with.gif"));
        // A bad box file: exit 2, naming it and its line, nothing written.
        const QString bad = dir.filePath("bad.txt");
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("0 0.5 0.5 0.2 0.2\n7 0.5 0.5 -0.2 0.2\n");
        }
        const QString out = dir.filePath("bad.gif");
        r = runCli({"animate", kCat, kCoffee, "--boxes", kCatBoxes, bad, "-o", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("bad.txt") && r.err.contains(":2:"), qPrintable(r.err));
        r = runCli({"animate", kCat, kCoffee, "--boxes", kCatBoxes, "-o", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--boxes"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QVERIFY(onlyFinalFiles(dir));
    }
};

QTEST_MAIN(TestAnimate)
#include "tst_animate.moc"
