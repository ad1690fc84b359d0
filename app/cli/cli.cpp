#include "cli.h"

#include "args.h"
#include "batchcmd.h"
#include "compareplan.h"
#include "comparesheet.h"
#include "constants.h"
#include "describe.h"
#include "draw.h"
#include "error.h"
#include "exporter.h"
#include "format.h"
#include "gridplan.h"
#include "gridsheet.h"
#include "imageio.h"
#include "labels.h"
#include "method.h"
#include "mixer.h"
#include "pure.h"
#include "record.h"
#include "statsplot.h"

#include <QCommandLineParser>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>
#include <sstream>
#include <unistd.h>

namespace cutmix::cli
{

namespace fs = std::filesystem;
using nlohmann::json;

namespace
{

// ---- mix

// The classes of the sources: A and B from --label-a/--label-b or their
// folders, the others from their folders or names.
std::vector<std::string> sourceLabels(const QCommandLineParser& parser, const std::vector<fs::path>& paths)
{
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < paths.size(); ++k) {
        const fs::path& other = paths[k == 0 && paths.size() > 1 ? 1 : 0];
        const char* flag = k == 0 ? "label-a" : k == 1 ? "label-b" : nullptr;
        labels.push_back(flag && parser.isSet(flag) ? parser.value(flag).toStdString() : defaultLabel(paths[k], other));
    }
    return labels;
}

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

// ---- export

std::string duration(double seconds)
{
    const long long s = static_cast<long long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

// A bar with rate and ETA on a terminal; a plain line every 5 % otherwise.
class ProgressPrinter
{
public:
    explicit ProgressPrinter(bool quiet) : quiet_(quiet), tty_(::isatty(STDERR_FILENO) == 1) {}

    void operator()(const ExportProgress& p)
    {
        if (quiet_ || p.total == 0)
            return;
        const double fraction = double(p.done) / double(p.total);
        const std::uint64_t fresh = p.done - p.resumed;
        const double rate = p.seconds > 0 ? fresh / p.seconds : 0.0;
        const double eta = rate > 0 ? (p.total - p.done) / rate : 0.0;
        char line[200];
        if (tty_) {
            const int width = 30, filled = static_cast<int>(fraction * width);
            std::snprintf(line, sizeof line, "\r[%s%s] %3d%% %llu/%llu  %.1f img/s  ETA %s ",
                          std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                          int(fraction * 100), (unsigned long long)p.done, (unsigned long long)p.total, rate,
                          duration(eta).c_str());
            std::cerr << line << std::flush;
            return;
        }
        const int step = static_cast<int>(fraction * 20);
        if (step == lastStep_)
            return;
        lastStep_ = step;
        std::snprintf(line, sizeof line, "export: %3d%% (%llu/%llu), %.1f images/s, ETA %s\n", int(fraction * 100),
                      (unsigned long long)p.done, (unsigned long long)p.total, rate, duration(eta).c_str());
        std::cerr << line;
    }

    void finish()
    {
        if (!quiet_ && tty_)
            std::cerr << '\n';
    }

private:
    bool quiet_;
    bool tty_;
    int lastStep_ = -1;
};

void addExportOptions(QCommandLineParser& parser)
{
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The output folder.", "folder"},
        {"count", "Number of samples (default 100).", "N"},
        {"size", "Resize both images to this size (default: keep A's size).", "WxH"},
        {"format", "jpg (default), png or webp.", "fmt"},
        {"quality", "JPEG/WebP quality 1-100 (default 95).", "q"},
        {"pairs", "random (default): A and B drawn independently; epoch: every image is A once per epoch.", "mode"},
        {"threads", "Worker threads (default: all cores). Never changes the output.", "n"},
        {"layout", "files (default): images/000123.jpg; webdataset: tar shards shards/000000.tar.", "name"},
        {"shard-samples", "webdataset: samples per tar shard (default 1000).", "N"},
        {"shard",
         "Run part k of n (1-based) of the run; parts may run at once into one folder, the last to "
         "finish merges them.",
         "k/n"},
        {"config", "Repeat the run described by a run.json (its output folder unless -o is given).", "run.json"},
        {"resume", "Finish the interrupted run in the output folder (read from its run.json)."},
        {"strict", "Stop at the first unreadable image instead of drawing another."},
        {"force", "Export into a non-empty folder that is not a previous run of this configuration."},
        {{"q", "quiet"}, "No progress output."},
        {"cache-mb", "Memory for decoded images, in MiB (default 1024). Never changes the output.", "MiB"},
    });
    addParamOption(parser, Setting::Sources);
    parser.addPositionalArgument("input", "Dataset folder or list file.", "[input]");
}

// --sources K: multi-source CutMix from a dataset.
void readSources(const QCommandLineParser& parser, Params& p)
{
    readParamOption(parser, Setting::Sources, p);
    asUsage([&] { checkParams(p); });
    if (p.sources > 2 && !p.method->takes(Setting::Sources))
        throw UsageError("--sources: more than two sources are for --method cutmix");
}

// The configuration of a previous run (--config, --resume).
// --shard k/n: which part of the run this process writes.
void readPart(const QCommandLineParser& parser, ExportConfig& c)
{
    if (!parser.isSet("shard"))
        return;
    const QStringList kn = parser.value("shard").split('/');
    if (kn.size() != 2)
        throw UsageError("--shard: '" + parser.value("shard") + "' is not k/n (for example 2/8)");
    c.shardIndex = static_cast<int>(toInt("--shard", kn[0]));
    c.shardCount = static_cast<int>(toInt("--shard", kn[1]));
    if (c.shardCount < 1 || c.shardIndex < 1 || c.shardIndex > c.shardCount)
        throw UsageError("--shard: '" + parser.value("shard") + "' needs 1 <= k <= n");
}

ExportConfig previousRun(const QCommandLineParser& parser)
{
    fs::path runJson;
    if (parser.isSet("config"))
        runJson = parser.value("config").toStdString();
    else if (parser.isSet("output"))
        runJson = fs::path(parser.value("output").toStdString()) / "run.json";
    else
        throw UsageError("--resume needs -o/--output, the folder of the run to finish");
    if (!fs::exists(runJson))
        throw UsageError("--resume: '" + QString::fromStdString(runJson.string()) +
                         "' not found: that folder holds no previous run");
    ExportConfig c = loadExportConfig(runJson);
    if (parser.isSet("output"))
        c.output = parser.value("output").toStdString();
    return c;
}

// The configuration the options describe.
ExportConfig newRun(const QCommandLineParser& parser)
{
    ExportConfig c;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        throw UsageError(QString("expected one input (a dataset folder or a list file), got %1").arg(pos.size()));
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    c.input = pos[0].toStdString();
    c.output = parser.value("output").toStdString();
    c.params = readParams(parser);
    readSources(parser, c.params);
    if (parser.isSet("count"))
        c.count = static_cast<std::uint64_t>(toIntIn("--count", parser.value("count"), 1, 1'000'000'000'000LL));
    if (parser.isSet("size"))
        c.size = toSize("--size", parser.value("size"));
    if (parser.isSet("format"))
        c.format = parser.value("format").toLower().toStdString();
    if (c.format == "jpeg")
        c.format = "jpg";
    if (parser.isSet("quality"))
        c.quality = static_cast<int>(toIntIn("--quality", parser.value("quality"), 1, 100));
    if (parser.isSet("pairs")) {
        try {
            c.pairs = parsePairMode(parser.value("pairs").toStdString());
        } catch (const Error& e) {
            throw UsageError(QString("--pairs: ") + e.what());
        }
    }
    if (parser.isSet("layout"))
        c.layout = asUsage([&] { return parseLayout(parser.value("layout").toStdString()); });
    if (parser.isSet("shard-samples"))
        c.shardSamples =
            static_cast<std::uint64_t>(toIntIn("--shard-samples", parser.value("shard-samples"), 1, 100'000'000));
    c.strict = parser.isSet("strict");
    return c;
}

// A test hook: CUTMIX_TEST_KILL_AT=N makes the process kill itself with
// SIGKILL right before committing sample N, so that tests can interrupt a run
// at a chosen sample instead of after a chosen time.
std::function<bool(std::uint64_t)> killHookFromEnvironment()
{
    const QByteArray at = qgetenv("CUTMIX_TEST_KILL_AT");
    if (at.isEmpty())
        return {};
    bool ok = false;
    const std::uint64_t n = at.toULongLong(&ok);
    if (!ok)
        return {};
    return [n](std::uint64_t index) {
        if (index >= n)
            ::raise(SIGKILL);
        return true;
    };
}

int reportExport(const ExportSummary& s, const ExportConfig& c)
{
    for (const std::string& problem : s.problems)
        std::cerr << "unreadable, drawn again where a sample needed it: " << problem << '\n';
    const auto& p = s.progress;
    const double rate = p.seconds > 0 ? (p.done - p.resumed) / p.seconds : 0.0;
    char line[400];
    std::snprintf(line, sizeof line,
                  "%s %llu of %llu samples: %llu written, %llu drawn again%s, %.1f s, %.1f images/s -> %s\n",
                  s.cancelled ? "interrupted after" : "done:", (unsigned long long)p.done, (unsigned long long)p.total,
                  (unsigned long long)p.written, (unsigned long long)p.redrawn,
                  p.resumed ? (", " + std::to_string(p.resumed) + " from the previous run").c_str() : "", p.seconds,
                  rate, c.output.string().c_str());
    std::cerr << line;
    if (s.cancelled) {
        std::cerr << "run the same command again (or cutmix export --resume -o " << c.output.string()
                  << (c.shardCount > 1 ? " --shard " + std::to_string(c.shardIndex) + "/" + std::to_string(c.shardCount)
                                       : std::string())
                  << ") to finish\n";
        return kExitInterrupted;
    }
    if (!s.waitingFor.empty()) {
        std::string list;
        for (int k : s.waitingFor)
            list += (list.empty() ? "" : ", ") + std::to_string(k);
        std::cerr << "part " << c.shardIndex << " of " << c.shardCount << " is finished; waiting for part"
                  << (s.waitingFor.size() > 1 ? "s " : " ") << list
                  << ": the last part to finish merges them (or run: cutmix merge " << c.output.string() << ")\n";
    } else if (c.shardCount > 1 && s.merged) {
        std::cerr << "all " << c.shardCount << " parts are finished and merged into " << c.output.string() << '\n';
    } else if (c.shardCount > 1) {
        std::cerr << "all " << c.shardCount << " parts are finished; another part is merging them\n";
    }
    return kExitOk;
}

// ---- merge

int cmdMerge(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Assembles the parts of an export (cutmix export --shard k/n, run at once into one folder)\n"
        "into one dataset: manifest.jsonl, labels.csv, classes.txt, images/metadata.jsonl and run.json,\n"
        "the same bytes as one unsharded run. The last part to finish does this by itself; run it by\n"
        "hand when that part was killed during its merge. Names every part that is missing,\n"
        "unfinished or of another configuration.");
    parser.addPositionalArgument("folder", "The export folder the parts wrote into.");
    if (!parseOrHelp(parser, args))
        return kExitOk;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        throw UsageError(QString("expected one export folder, got %1").arg(pos.size()));
    const fs::path out = pos[0].toStdString();
    if (!fs::is_directory(out))
        throw UsageError("'" + pos[0] + "': no such folder");
    const MergeSummary m = mergeExport(out);
    if (m.alreadyMerged)
        std::cerr << "already merged: " << m.samples << " samples in " << out.string() << '\n';
    else
        std::cerr << "merged " << m.parts << " parts: " << m.samples << " samples in " << out.string() << '\n';
    return kExitOk;
}

int cmdExport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Exports CutMix samples from a dataset: an ImageFolder tree (root/<class>/<image>) or a\n"
        "CSV/TSV list of path,label. Writes images/ (or shards/ with --layout webdataset),\n"
        "images/metadata.jsonl, manifest.jsonl, labels.csv, classes.txt and\n"
        "run.json into the output folder. Sample i depends only on (seed, i). Running the same\n"
        "command again on an interrupted output folder finishes it.");
    addExportOptions(parser);
    if (!parseOrHelp(parser, args))
        return kExitOk;
    ExportConfig c = parser.isSet("config") || parser.isSet("resume") ? previousRun(parser) : newRun(parser);
    readPart(parser, c);
    if (parser.isSet("threads"))
        c.threads = static_cast<int>(toIntIn("--threads", parser.value("threads"), 1, 1024));
    c.force = parser.isSet("force");
    if (parser.isSet("cache-mb"))
        c.cacheBytes = static_cast<std::size_t>(toIntIn("--cache-mb", parser.value("cache-mb"), 1, 1'000'000)) << 20;
    asUsage([&] { checkExportConfig(c); });

    gInterrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    // The export's workers are the parallelism: OpenCV's own thread pool
    // inside each of them (TBB on Debian) only spins and competes for the
    // same cores. This process does nothing else, so it is turned off here.
    cv::setNumThreads(1);
    ProgressPrinter printer(parser.isSet("quiet"));
    ExportControl control;
    control.progress = std::ref(printer);
    control.cancel = &gInterrupted;
    control.beforeCommit = killHookFromEnvironment();
    const ExportSummary s = runExport(c, control);
    printer.finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return reportExport(s, c);
}

// ---- grid

GridInput gridInput(const QCommandLineParser& parser)
{
    GridInput in;
    const QStringList pos = parser.positionalArguments();
    if (int(parser.isSet("dataset")) + int(parser.isSet("pairs-list")) + int(!pos.isEmpty()) > 1)
        throw UsageError("give one of: two images A and B, --dataset, or --pairs-list");
    if (parser.isSet("dataset")) {
        in.dataset = loadDataset(parser.value("dataset").toStdString());
    } else if (parser.isSet("pairs-list")) {
        in.pairs = loadPairList(parser.value("pairs-list").toStdString());
    } else {
        if (pos.size() != 2)
            throw UsageError(QString("expected two images A and B (or --dataset), got %1 argument(s)").arg(pos.size()));
        in.pathA = pos[0].toStdString();
        in.pathB = pos[1].toStdString();
        in.labelA = parser.isSet("label-a") ? parser.value("label-a").toStdString() : defaultLabel(in.pathA, in.pathB);
        in.labelB = parser.isSet("label-b") ? parser.value("label-b").toStdString() : defaultLabel(in.pathB, in.pathA);
    }
    return in;
}

int cmdGrid(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Renders a sheet of R x C seeded draws, from one pair (A B) or from a dataset\n"
                                     "(--dataset), each tile with its box and a caption of the class weights.");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The sheet to write: .png, .jpg or .pdf.", "file"},
        {"rows", "Rows (default 3).", "R"},
        {"cols", "Columns (default 4).", "C"},
        {"tile", "Side of each image square in pixels (default 256).", "px"},
        {"sides", "Show A and B beside each result."},
        {"no-title", "Leave out the title line."},
        {"dataset", "Draw the pairs from a dataset folder or list instead of A and B.", "input"},
        {"pairs-list", "Take the pairs from a file of 'pathA,pathB' lines (tile t: pair t mod n).", "file"},
        {"label-a", "Class name of A.", "name"},
        {"label-b", "Class name of B.", "name"},
        {"json", "Also write the tiles' draw records (JSON lines).", "file"},
    });
    addParamOption(parser, Setting::Sources);
    parser.addPositionalArgument("A", "The base image.", "[A]");
    parser.addPositionalArgument("B", "The image the patch comes from.", "[B]");
    if (!parseOrHelp(parser, args))
        return kExitOk;
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    GridOptions o;
    o.params = readParams(parser);
    readSources(parser, o.params);
    auto intOption = [&](const char* name, int fallback, int lo, int hi) {
        return parser.isSet(name) ? static_cast<int>(toIntIn(QString("--") + name, parser.value(name), lo, hi))
                                  : fallback;
    };
    o.rows = intOption("rows", 3, 1, 100);
    o.cols = intOption("cols", 4, 1, 100);
    o.tile = intOption("tile", 256, 16, 4096);
    o.sides = parser.isSet("sides");
    o.title = !parser.isSet("no-title");
    asUsage([&] { checkGridOptions(o); });
    const GridInput in = gridInput(parser);
    if (!in.dataset && sourceCount(o.params) > 2)
        throw UsageError("--sources: a grid of pairs mixes two images; take more sources from a dataset (--dataset)");
    const fs::path out = parser.value("output").toStdString();
    asUsage([&] { refuseToOverwrite(out, {in.pathA, in.pathB}); });
    const render::GridSheet sheet = render::renderGrid(planGrid(o, in));
    render::writeGrid(out, sheet);
    if (parser.isSet("json"))
        writeFileAtomic(parser.value("json").toStdString(), render::gridRecords(sheet));
    std::cerr << "wrote " << out.string() << " (" << sheet.size.width() << "x" << sheet.size.height() << ", "
              << sheet.plan.tiles.size() << " tiles)\n";
    return kExitOk;
}

// ---- compare

int cmdCompare(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Writes the comparison figure of the CutMix paper's first table: the original A beside what\n"
        "each method makes of A and B with the same seed and index, the label under each.\n"
        "PNG, JPEG, or PDF for print (text stays text).");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The figure: .png, .jpg or .pdf.", "file"},
        {"methods",
         QString("Comma-separated panels from: original, %1 (default %2).")
             .arg(QString::fromStdString(familyNames()), "original,mixup,cutout,cutmix"),
         "list"},
        {"panel", "Side of each image box in pixels (default 256).", "px"},
        {"lam", "Use this lam for every method instead of the drawn one (the paper's figure).", "L"},
        {"label-a", "Class name of A (default: its folder or file name).", "name"},
        {"label-b", "Class name of B (default: its folder or file name).", "name"},
        {"json", "Also write each panel's draw record (JSON lines).", "file"},
    });
    parser.addPositionalArgument("A", "The original image.");
    parser.addPositionalArgument("B", "The image mixed into it.");
    if (!parseOrHelp(parser, args))
        return kExitOk;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        throw UsageError(QString("expected two images A and B, got %1 argument(s)").arg(pos.size()));
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    const Params p = readParams(parser);
    std::vector<std::string> methods = defaultCompareMethods();
    if (parser.isSet("methods")) {
        methods.clear();
        for (const QString& m : parser.value("methods").split(',', Qt::SkipEmptyParts))
            methods.push_back(m.trimmed().toStdString());
        asUsageFor("--methods", [&] { checkCompareMethods(methods); });
    }
    const int panel = parser.isSet("panel") ? int(toIntIn("--panel", parser.value("panel"), 64, 2048)) : 256;
    const std::vector<fs::path> paths{pos[0].toStdString(), pos[1].toStdString()};
    const fs::path out = parser.value("output").toStdString();
    asUsage([&] { refuseToOverwrite(out, paths); });
    const std::vector<std::string> labels = sourceLabels(parser, paths);
    std::optional<double> lam;
    if (parser.isSet("lam")) {
        lam = toDouble("--lam", parser.value("lam"));
        if (!(*lam >= 0.0 && *lam <= 1.0))
            throw UsageError("--lam: must be between 0 and 1");
    }
    const cv::Mat a = loadForMixing(paths[0]), b = loadForMixing(paths[1]);
    const render::CompareSheet sheet = render::renderComparison(
        planComparison(a, b, paths[0].string(), paths[1].string(), labels[0], labels[1], p, methods, lam), panel);
    render::writeComparison(out, sheet);
    if (parser.isSet("json")) {
        std::string lines;
        for (const ComparePanel& c : sheet.plan.panels)
            if (!c.record.is_null())
                lines += c.record.dump() + "\n";
        writeFileAtomic(parser.value("json").toStdString(), lines);
    }
    std::cerr << "wrote " << out.string() << " (" << sheet.size.width() << "x" << sheet.size.height() << ", "
              << sheet.plan.panels.size() << " panels)\n";
    return kExitOk;
}

} // namespace

int run(const QStringList& arguments)
{
    if (arguments.size() < 2) {
        std::cerr << kUsage;
        return kExitBadUsage;
    }
    const QString command = arguments[1];
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (command == "-v" || command == "--version") {
        std::cout << "cutmix " << CUTMIX_VERSION << '\n';
        return kExitOk;
    }
    QStringList rest = arguments.mid(2);
    rest.prepend("cutmix " + command);
    const std::string name = command.toStdString();
    return guarded(name, [&]() -> int {
        if (command == "box")
            return cmdBox(rest);
        if (command == "sample")
            return cmdSample(rest);
        if (command == "stats")
            return cmdStats(rest, &render::writeStatsPlot);
        if (command == "replay")
            return cmdReplay(rest);
        if (command == "mix")
            return cmdMix(rest);
        if (command == "export")
            return cmdExport(rest);
        if (command == "merge")
            return cmdMerge(rest);
        if (command == "grid")
            return cmdGrid(rest);
        if (command == "compare")
            return cmdCompare(rest);
        if (command == "batch")
            return cmdBatch(rest);
        if (command == "audit")
            return cmdAudit(rest);
        std::cerr << "cutmix: unknown command '" << name << "'\n\n" << kUsage;
        return kExitBadUsage;
    });
}

} // namespace cutmix::cli
