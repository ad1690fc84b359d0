// cutmix export and cutmix merge: a dataset of samples, in parts when asked,
// and the parts assembled.
#include "args.h"
#include "commands.h"
#include "constants.h"
#include "error.h"
#include "exporter.h"
#include "files.h"
#include "keeprules.h"
#include "progress.h"

#include <QCommandLineParser>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <opencv2/core/utility.hpp>
#include <unistd.h>

namespace cutmix::cli
{

namespace
{

namespace fs = std::filesystem;

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
                          clockText(eta).c_str());
            std::cerr << line << std::flush;
            return;
        }
        const int step = static_cast<int>(fraction * 20);
        if (step == lastStep_)
            return;
        lastStep_ = step;
        std::snprintf(line, sizeof line, "export: %3d%% (%llu/%llu), %.1f images/s, ETA %s\n", int(fraction * 100),
                      (unsigned long long)p.done, (unsigned long long)p.total, rate, clockText(eta).c_str());
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
    addParamOptions(parser, MethodSet::All);
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
        {"task",
         "classify (default): a soft label per sample; detect: the input is a detection dataset (images/ + "
         "labels/, or --annotations), its boxes carried through each mix and kept by --box-rule; segment: "
         "detect, and each image's label mask (masks/<name>.png beside images/) mixed into masks/.",
         "name"},
        {"annotations", "detect: a COCO annotations file (images resolved relative to the input folder).", "json"},
        {"box-format", "detect: yolo (default): labels/<name>.txt and data.yaml; coco: annotations.json.", "name"},
        {"instances",
         "segment: the masks are instance masks (pixel value k is the k-th object of its image's label file, 0 "
         "none); each sample's mask numbers its kept objects 1, 2, ... as cutmix mix --instances does."},
    });
    addKeepRuleOptions(parser);
    addParamOption(parser, Setting::Sources);
    parser.addPositionalArgument("input", "Dataset folder or list file.", "[input]");
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
    // Each read within its range before it becomes an int (1/4294967297 was 1/1).
    const long long n = toInt("--shard", kn[1]), k = toInt("--shard", kn[0]);
    if (n < 1 || n > kMaxParts || k < 1 || k > n)
        throw UsageError("--shard: '" + parser.value("shard") + "' needs 1 <= k <= n <= " + QString::number(kMaxParts));
    c.shardIndex = static_cast<int>(k);
    c.shardCount = static_cast<int>(n);
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
    // Mosaic too: each sample's four images drawn from the dataset (A and B
    // as for a pair, C and D like multi-source CutMix's further sources).
    c.params = readParams(parser, MethodSet::All);
    readSources(parser, c.params);
    if (parser.isSet("count"))
        c.count = static_cast<std::uint64_t>(
            toIntIn("--count", parser.value("count"), 1, static_cast<long long>(kMaxExportCount)));
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
        c.shardSamples = static_cast<std::uint64_t>(
            toIntIn("--shard-samples", parser.value("shard-samples"), 1, static_cast<long long>(kMaxShardSamples)));
    c.strict = parser.isSet("strict");
    if (parser.isSet("task"))
        c.task = asUsageFor("--task", [&] { return parseTask(parser.value("task").toStdString()); });
    if (carriesObjects(c.task)) {
        if (parser.isSet("annotations"))
            c.annotations = parser.value("annotations").toStdString();
        if (parser.isSet("box-format"))
            c.boxFormat =
                asUsageFor("--box-format", [&] { return parseBoxFormat(parser.value("box-format").toStdString()); });
        c.boxRule = &readKeepRule(parser, c.keep);
    } else {
        QStringList detectOnly{"annotations", "box-format", "box-rule"};
        for (const ParamSpec& spec : keepSpecs())
            detectOnly << flagOf(spec.setting).mid(2);
        for (const QString& name : detectOnly)
            if (parser.isSet(name))
                throw UsageError("--" + name + " is for a detection export (--task detect or segment)");
    }
    c.instances = parser.isSet("instances");
    if (c.instances && c.task != ExportTask::Segment)
        throw UsageError("--instances is for a segmentation export (--task segment)");
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

} // namespace

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
    const MergeSummary m = mergeExport(out, [&] {
        std::cerr << "waiting for another merge of " << out.string() << " to finish\n" << std::flush;
    });
    if (m.mergedByAnother)
        std::cerr << "another merge (run at the same time) finished first: " << m.samples << " samples in "
                  << out.string() << '\n';
    else if (m.alreadyMerged)
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
        "run.json into the output folder. With --task detect the input is a detection dataset\n"
        "(images/ + labels/, or --annotations) and the output adds labels/ and data.yaml (or\n"
        "annotations.json); --task segment adds masks/ (each image's label mask mixed; instance\n"
        "masks with --instances).\n"
        "Sample i depends only on (seed, i). Running the same\n"
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

} // namespace cutmix::cli
