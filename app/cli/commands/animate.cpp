// `cutmix animate`, in a library of its own (libcutmix-animate.so): the MP4
// writer needs OpenCV's videoio and with it FFmpeg, whose loading the other
// commands do not pay for.
#include "animate.h"

#include "animation.h"
#include "args.h"
#include "boxoptions.h"
#include "commands.h"
#include "constants.h"
#include "describe.h"
#include "error.h"
#include "files.h"
#include "imageio.h"
#include "mixer.h"
#include "progress.h"

#include <QCommandLineParser>
#include <csignal>
#include <iostream>

namespace cutmix::cli
{

namespace fs = std::filesystem;

int cmdAnimate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Writes an animation of A and B for slides: a sweep of alpha with the draw held (log-spaced),\n"
        "a run of draws, or a sweep of lam itself. GIF (256 colours per frame, dithered), animated WebP\n"
        "or MP4, from the extension. The same arguments give the same frames (and the same GIF and\n"
        "WebP bytes).");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The animation: .gif, .webp or .mp4.", "file"},
        {"sweep", "alpha (default), draws or lam.", "what"},
        {"from", "First alpha (default 0.1) or lam (default 0.05).", "X"},
        {"to", "Last alpha (default 10) or lam (default 0.95).", "X"},
        {"frames", "Number of frames (default 60).", "N"},
        {"fps", "Frames per second (default 10).", "F"},
        {"width", "Width of the frames in pixels (default: the mixed image's; the height follows).", "px"},
        {"quality", "WebP quality 1..100 (default 90).", "Q"},
        {"box", "Outline the box on every frame."},
        {"source-map", "Wash the pixels in the colour of their source."},
        {"caption", "The numbers (alpha, lam, lam_adj, the weight of A) as a caption."},
    });
    addPairObjectOptions(parser);
    parser.addPositionalArgument("A", "The base image.", "A");
    parser.addPositionalArgument("B", "The image the patch comes from.", "B");
    if (!parseOrHelp(parser, spreadListOptions(args, {"--boxes"})))
        return kExitOk;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        throw UsageError(QString("expected two images A and B, got %1 argument(s)").arg(pos.size()));
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    const Params p = readParams(parser);
    AnimationSpec s;
    if (parser.isSet("sweep"))
        s.sweep = asUsageFor("--sweep", [&] { return parseSweep(parser.value("sweep").toStdString()); });
    if (s.sweep == Sweep::Lam) {
        s.from = 0.05;
        s.to = 0.95;
    }
    if (s.sweep == Sweep::Draws && (parser.isSet("from") || parser.isSet("to")))
        throw UsageError("--from and --to go with a sweep of alpha or lam; a run of draws starts at --index");
    if (parser.isSet("from"))
        s.from = toDouble("--from", parser.value("from"));
    if (parser.isSet("to"))
        s.to = toDouble("--to", parser.value("to"));
    if (parser.isSet("frames"))
        s.frames = int(toIntIn("--frames", parser.value("frames"), 1, 10000));
    if (parser.isSet("fps"))
        s.fps = toDouble("--fps", parser.value("fps"));
    if (parser.isSet("width"))
        s.width = int(toIntIn("--width", parser.value("width"), 16, 8192));
    if (parser.isSet("quality"))
        s.quality = int(toIntIn("--quality", parser.value("quality"), 1, 100));
    s.box = parser.isSet("box");
    s.sourceMap = parser.isSet("source-map");
    s.caption = parser.isSet("caption");
    try {
        checkAnimationSpec(s);
    } catch (const Error& e) {
        const QString flag = s.sweep == Sweep::Draws ? "" : "--from/--to: ";
        throw UsageError(e.setting() == Setting::Alpha || e.setting() == Setting::Lam ? flag + e.what() : describe(e));
    }
    const fs::path out = parser.value("output").toStdString();
    asUsage([&] { animationFormatFor(out); });
    const ObjectInput boxes = readPairObjectOptions(parser);
    const std::vector<fs::path> paths{pos[0].toStdString(), pos[1].toStdString()};
    std::vector<fs::path> inputs = paths;
    inputs.insert(inputs.end(), boxes.boxFiles.begin(), boxes.boxFiles.end());
    asUsage([&] { refuseToOverwrite(out, inputs); });
    const std::vector<cv::Mat> images{loadForMixing(paths[0]), loadForMixing(paths[1])};
    // The box files are read against the images before any frame is made.
    const ObjectInput objects = readObjectInput(boxes, {sizeOf(images[0]), sizeOf(images[1])}, paths, p.numClasses);
    // An animation that cannot finish is refused before any frame is made.
    asUsage([&] {
        const Size mixed = mixedSize(std::vector<Size>{sizeOf(images[0]), sizeOf(images[1])}, p.resize);
        checkAnimationSize(frameSize(mixed, s, animationFormatFor(out)), s.frames);
    });
    Progress progress("animate", std::uint64_t(s.frames), "frames");
    // Ctrl-C stops between frames and leaves nothing behind.
    gInterrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const bool done = render::writeAnimation(
        out, images, p, s,
        [&](int frame, int) {
            progress(std::uint64_t(frame));
            return !gInterrupted.load();
        },
        objects);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    progress.finish();
    if (!done) {
        std::cerr << "interrupted: nothing written\n";
        return kExitInterrupted;
    }
    std::cerr << "wrote " << out.string() << " (" << s.frames << " frames)\n";
    return kExitOk;
}

} // namespace cutmix::cli
