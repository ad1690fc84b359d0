// cutmix mix: the images mixed by one seeded draw, and its record.
#include "args.h"
#include "commands.h"
#include "constants.h"
#include "describe.h"
#include "draw.h"
#include "error.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"
#include "record.h"

#include <QCommandLineParser>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cutmix::cli
{

namespace
{

namespace fs = std::filesystem;
using nlohmann::json;

void writeSourceMap(const fs::path& path, const Draw& d, const std::vector<fs::path>& inputs)
{
    asUsage([&] {
        refuseToOverwrite(path, inputs);
        if (!hasSourceMap(d))
            sourceMap(d); // throws the reason
    });
    saveImageAtomic(path, sourceMap(d));
}

// What `cutmix mix` was asked to do, checked before anything is read or written.
struct MixJob {
    Params params;
    std::vector<fs::path> paths;
    NamedSources named;
    fs::path out;
    std::optional<fs::path> jsonOut, mapOut;
    int quality = 95;
};

MixJob readMixJob(const QCommandLineParser& parser)
{
    const QStringList pos = parser.positionalArguments();
    if (pos.size() < 2 || pos.size() > kMaxSources)
        throw UsageError(QString("expected two images A and B (up to %1 for multi-source CutMix), got %2 argument(s)")
                             .arg(kMaxSources)
                             .arg(pos.size()));
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    MixJob job;
    Params& p = job.params;
    p = readParams(parser);
    if (pos.size() > 2) {
        if (!p.method->takes(Setting::Sources))
            throw UsageError(QString("%1 mixes two images; more sources are for --method cutmix")
                                 .arg(QString::fromStdString(std::string(p.method->family))));
        p.sources = int(pos.size());
    }
    if (parser.isSet("quality"))
        job.quality = static_cast<int>(toIntIn("--quality", parser.value("quality"), 1, 100));
    for (const QString& s : pos)
        job.paths.push_back(s.toStdString());
    job.out = parser.value("output").toStdString();
    if (parser.isSet("json"))
        job.jsonOut = parser.value("json").toStdString();
    if (parser.isSet("source-map"))
        job.mapOut = parser.value("source-map").toStdString();
    asUsage([&] {
        refuseToOverwrite(job.out, job.paths);
        if (job.jsonOut)
            refuseToOverwrite(*job.jsonOut, job.paths);
    });
    if (job.jsonOut && samePath(*job.jsonOut, job.out))
        throw UsageError("--json and --output name the same file");
    if (job.mapOut && (samePath(*job.mapOut, job.out) || (job.jsonOut && samePath(*job.mapOut, *job.jsonOut))))
        throw UsageError("--source-map names the same file as another output");
    if (job.mapOut && p.method->region == Region::Blend)
        throw UsageError("--source-map: " + QString::fromStdString(std::string(p.method->family)) +
                         " blends every pixel of both images, so no pixel comes from one source");
    if (encoderParams(job.out, job.quality).empty() && job.out.extension().empty())
        throw UsageError("--output: '" + parser.value("output") + "' needs an extension (.png, .jpg, .webp, ...)");
    // The classes are named (and --classes checked against them) before any file is written.
    job.named = asUsage([&] { return nameSources(sourceLabels(parser, job.paths), p.numClasses, p.smoothing); });
    return job;
}

int runMix(const MixJob& job)
{
    std::vector<cv::Mat> images;
    std::vector<Size> sizes;
    for (const fs::path& path : job.paths) {
        images.push_back(loadForMixing(path));
        sizes.push_back(sizeOf(images.back()));
    }
    const Draw d = sampleDraw(job.params, sizes);
    saveImageAtomic(job.out, mixImages(images, d), job.quality);
    if (job.mapOut)
        writeSourceMap(*job.mapOut, d, job.paths);

    std::vector<std::string> pathTexts;
    for (const fs::path& path : job.paths)
        pathTexts.push_back(path.string());
    SampleInfo info = namedSourcesInfo(pathTexts, job.named, d);
    info.file = job.out.string();
    const json record = sampleRecord(d, info);
    if (job.jsonOut)
        writeFileAtomic(*job.jsonOut, record.dump(2) + "\n");
    else
        std::cout << record.dump(2) << '\n';
    std::cerr << "wrote " << job.out.string() << " (" << job.params.method->family << ", weight of A " << d.lam
              << ")\n";
    for (const std::string& note : drawNotes(d, {info.selfMix}))
        std::cerr << "note: " << note << '\n';
    return kExitOk;
}

} // namespace

int cmdMix(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Mixes the images with one seeded draw, writes the result (format from the extension) and\n"
        "prints the draw record as JSON. More than two images: multi-source CutMix (sources 3, 4, ...\n"
        "each paste one box over the result so far; every weight is the source's visible share).");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The mixed image to write.", "file"},
        {"json", "Write the draw record to this file instead of standard output.", "file"},
        {"source-map",
         "Also write an 8-bit PNG: each pixel the index of its source (0 = A, 1 = B, ...;"
         " 255 where Cutout filled it). Not for mixup, whose pixels are blends.",
         "file"},
        {"label-a", "Class name of A (default: its folder or file name).", "name"},
        {"label-b", "Class name of B (default: its folder or file name).", "name"},
        {"quality", "JPEG/WebP quality 1-100 (default 95).", "q"},
    });
    parser.addPositionalArgument("A", "The base image.");
    parser.addPositionalArgument("B", "The image the patch comes from (Cutout ignores it).");
    parser.addPositionalArgument("[C ...]", "More sources, for multi-source CutMix (up to 8 images in all).");
    if (!parseOrHelp(parser, args))
        return kExitOk;
    return runMix(readMixJob(parser));
}

} // namespace cutmix::cli
