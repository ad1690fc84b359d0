// cutmix mix: the images mixed by one seeded draw, and its record.
#include "args.h"
#include "boxoptions.h"
#include "commands.h"
#include "constants.h"
#include "describe.h"
#include "draw.h"
#include "error.h"
#include "imageio.h"
#include "keeprules.h"
#include "labels.h"
#include "mixer.h"
#include "objectio.h"
#include "record.h"

#include <QCommandLineParser>
#include <algorithm>
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
    // Objects: a box file and a mask per source, the rule, the outputs.
    std::vector<fs::path> boxes, masks;
    BoxFormat boxFormat = BoxFormat::Yolo;
    const KeepRule* rule = &defaultKeepRule();
    KeepValues keep;
    bool instances = false;
    std::optional<fs::path> boxesOut, masksOut;
};

// --boxes, --masks and what goes with them, checked before anything is read.
void readObjectOptions(const QCommandLineParser& parser, MixJob& job)
{
    for (const QString& b : parser.values("boxes"))
        job.boxes.push_back(b.toStdString());
    for (const QString& m : parser.values("masks"))
        job.masks.push_back(m.toStdString());
    // One per image given (Cutout reads only A's).
    const std::size_t n = job.paths.size();
    auto oneEach = [&](const char* flag, std::size_t given) {
        if (given != 0 && given != n)
            throw UsageError(QString("%1: expected one file per image (%2), got %3").arg(flag).arg(n).arg(given));
    };
    oneEach("--boxes", job.boxes.size());
    oneEach("--masks", job.masks.size());
    job.boxFormat = readBoxFormat(parser);
    job.rule = &readKeepRule(parser, job.keep);
    job.instances = parser.isSet("instances");
    if (parser.isSet("boxes-out"))
        job.boxesOut = parser.value("boxes-out").toStdString();
    if (parser.isSet("masks-out"))
        job.masksOut = parser.value("masks-out").toStdString();
    if (job.boxesOut && job.boxes.empty())
        throw UsageError("--boxes-out needs --boxes (a box file per image)");
    if (job.masksOut && job.masks.empty())
        throw UsageError("--masks-out needs --masks (a mask per image)");
    if (!job.masks.empty() && !job.masksOut)
        throw UsageError("--masks needs --masks-out (the mixed mask to write)");
    if (job.instances && (job.masks.empty() || job.boxes.empty()))
        throw UsageError("--instances needs --masks and --boxes (the instance ids number the boxes)");
    if (job.masksOut && !job.params.method->paintLabels)
        throw UsageError("--masks: " + QString::fromStdString(std::string(job.params.method->family)) +
                         " blends every pixel of both images, so no pixel has the label of one source");
    if (!job.boxes.empty() && !job.params.method->objectViews)
        throw UsageError("--boxes: " + QString::fromStdString(std::string(job.params.method->family)) +
                         " does not carry objects");
    std::vector<fs::path> inputs = job.paths;
    inputs.insert(inputs.end(), job.boxes.begin(), job.boxes.end());
    inputs.insert(inputs.end(), job.masks.begin(), job.masks.end());
    std::vector<fs::path> outputs{job.out};
    if (job.jsonOut)
        outputs.push_back(*job.jsonOut);
    if (job.mapOut)
        outputs.push_back(*job.mapOut);
    for (const auto& [out, flag] : {std::pair{job.boxesOut, "--boxes-out"}, std::pair{job.masksOut, "--masks-out"}}) {
        if (!out)
            continue;
        const fs::path& file = *out; // a structured binding: clang 14 cannot capture it
        asUsageFor(flag, [&] { refuseToOverwrite(file, inputs); });
        for (const fs::path& o : outputs)
            if (samePath(*out, o))
                throw UsageError(QString(flag) + " names the same file as another output");
        outputs.push_back(*out);
    }
}

// What the objects and masks of a mix come to, all computed before any file
// is written.
struct MixedObjects {
    std::vector<CarriedObject> carried;
    std::vector<std::string> classes;
    std::string boxesText;
    cv::Mat mask;
};

// The draw may change: a method whose draw depends on the objects
// (Ultralytics' CutMix) is fitted to them.
MixedObjects mixObjects(const MixJob& job, const std::vector<cv::Mat>& images, Draw& d)
{
    MixedObjects r;
    const std::size_t n = std::size_t(d.sources);
    std::vector<Size> sizes;
    for (std::size_t k = 0; k < n; ++k)
        sizes.push_back(sizeOf(images[k]));
    bool segments = false;
    std::vector<std::size_t> objectCounts; // each image's, for its instance ids
    if (!job.boxes.empty()) {
        std::vector<ImageObjects> objects;
        for (std::size_t k = 0; k < n; ++k) {
            const ReadObjects ro =
                readObjects(job.boxes[k], job.boxFormat, sizes[k], job.paths[k], r.classes, job.params.numClasses);
            if (job.boxFormat == BoxFormat::Coco && r.classes.empty())
                r.classes = ro.classes;
            segments = segments || ro.segments || job.instances;
            objectCounts.push_back(ro.image.objects.size());
            objects.push_back(ro.image);
        }
        r.carried = carryAndJudge(d, objects, segments, *job.rule, job.keep);
        std::vector<Object> kept;
        for (const CarriedObject& o : r.carried)
            if (o.kept)
                kept.push_back({o.box, o.classIndex});
        if (job.boxesOut)
            r.boxesText = objectsText(kept, job.boxFormat, d.size, r.classes, job.out.filename().string());
    }
    if (!job.masks.empty()) {
        std::vector<cv::Mat> masks;
        for (std::size_t k = 0; k < n; ++k)
            masks.push_back(readLabelMask(job.masks[k]));
        // Instance masks: each kept object's id is its place in the list written.
        r.mask = asUsageFor("--masks", [&] {
            // An id above the image's number of objects names none: refused,
            // as cutmix export refuses it (it was read as no object).
            if (job.instances)
                for (std::size_t k = 0; k < n; ++k)
                    checkInstanceIds(masks[k], objectCounts[k], quotePath(job.masks[k]));
            return job.instances ? mixedInstanceMask(masks, sizes, d, r.carried) : mixedMask(masks, sizes, d);
        });
    }
    return r;
}

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
    p = readParams(parser, MethodSet::All);
    if (p.method->images > 0) {
        if (pos.size() != p.method->images)
            throw UsageError(QString("%1 mixes %2 images (A top left, B top right, C bottom left, D bottom "
                                     "right), got %3")
                                 .arg(QString::fromStdString(std::string(p.method->family)))
                                 .arg(p.method->images)
                                 .arg(pos.size()));
    } else if (pos.size() > 2) {
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
    readObjectOptions(parser, job);
    // No output over an input: the images, and the box files and masks too.
    std::vector<fs::path> inputs = job.paths;
    inputs.insert(inputs.end(), job.boxes.begin(), job.boxes.end());
    inputs.insert(inputs.end(), job.masks.begin(), job.masks.end());
    asUsage([&] {
        for (const auto& output :
             {std::optional<fs::path>(job.out), job.jsonOut, job.mapOut, job.boxesOut, job.masksOut})
            if (output)
                refuseToOverwrite(*output, inputs);
    });
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
    Draw d = sampleDraw(job.params, sizes);
    const MixedObjects objects = mixObjects(job, images, d);
    saveImageAtomic(job.out, mixImages(images, d), job.quality);
    if (job.mapOut)
        writeSourceMap(*job.mapOut, d, job.paths);
    if (job.boxesOut)
        writeFileAtomic(*job.boxesOut, objects.boxesText);
    if (job.masksOut)
        saveImageAtomic(*job.masksOut, objects.mask);

    std::vector<std::string> pathTexts;
    for (const fs::path& path : job.paths)
        pathTexts.push_back(path.string());
    SampleInfo info = namedSourcesInfo(pathTexts, job.named, d);
    info.file = job.out.string();
    if (!job.boxes.empty()) {
        info.objects = objects.carried;
        info.boxRule = job.rule->name;
    }
    const json record = sampleRecord(d, info);
    if (job.jsonOut)
        writeFileAtomic(*job.jsonOut, record.dump(2) + "\n");
    else
        std::cout << record.dump(2) << '\n';
    std::cerr << "wrote " << job.out.string() << " (" << job.params.method->family << ", weight of A " << d.lam
              << ")\n";
    DescribeContext context;
    context.selfMix = info.selfMix;
    for (const std::string& note : drawNotes(d, context))
        std::cerr << "note: " << note << '\n';
    if (!job.boxes.empty()) {
        const auto kept = std::count_if(objects.carried.begin(), objects.carried.end(),
                                        [](const CarriedObject& o) { return o.kept; });
        std::cerr << "objects: " << kept << " of " << objects.carried.size() << " kept (" << job.rule->name
                  << " rule)\n";
        for (const CarriedObject& o : objects.carried)
            if (!o.reasonTemplate.empty())
                std::cerr << "  " << char('A' + o.source) << " object " << o.index + 1 << " (class " << o.classIndex
                          << "): " << (o.kept ? "" : "dropped, ") << o.reason() << '\n';
    }
    return kExitOk;
}

} // namespace

int cmdMix(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Mixes the images with one seeded draw, writes the result (format from the extension) and\n"
        "prints the draw record as JSON. More than two images: multi-source CutMix (sources 3, 4, ...\n"
        "each paste one box over the result so far; every weight is the source's visible share).\n"
        "--method mosaic takes four images: Ultralytics' Mosaic on a 2s x 2s canvas.");
    addParamOptions(parser, MethodSet::All);
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
        {"boxes",
         "The objects of each image, one file per image in the images' order, listed after the images"
         " (--boxes a.txt b.txt). The record then lists every object: where it lands, how much of it stays"
         " visible, and whether the box rule keeps it.",
         "file"},
        boxFormatOption(),
        {"boxes-out", "Write the kept boxes of the mixed image, in the --box-format.", "file"},
        {"masks",
         "A label mask per image (a PNG of one channel, a class per pixel, or with --instances the number of"
         " its object, 0 for none), in the images' order.",
         "file"},
        {"instances", "The masks are instance masks: pixel value k is the k-th box of its image's box file."},
        {"masks-out", "Write the mixed mask: each pixel the label of the source it came from.", "file"},
    });
    addKeepRuleOptions(parser);
    parser.addPositionalArgument("A", "The base image.");
    parser.addPositionalArgument("B", "The image the patch comes from (Cutout ignores it).");
    parser.addPositionalArgument("[C ...]", "More sources, for multi-source CutMix (up to 8 images in all) or"
                                            " Mosaic (C and D, four in all).");
    if (!parseOrHelp(parser, spreadListOptions(args, {"--boxes", "--masks"})))
        return kExitOk;
    return runMix(readMixJob(parser));
}

} // namespace cutmix::cli
