#include "cli.h"

#include "args.h"
#include "draw.h"
#include "error.h"
#include "exporter.h"
#include "grid.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace cutmix::cli
{

namespace fs = std::filesystem;
using nlohmann::json;

namespace
{

const char* kUsage = R"(Usage: cutmix <command> [options]

CutMix (Yun et al., ICCV 2019) from the command line.

Commands:
  box      the exact box and weight for a given size, lam and centre
  sample   draw lam (and boxes) for a seed, as CSV
  mix      mix two images with one seeded draw and write the draw record
  export   export many samples from a dataset with a manifest of soft labels
  grid     a contact sheet of R x C draws (PNG, JPEG or PDF)

Run 'cutmix <command> --help' for a command's options.
)";

std::string formatWeight(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// The box part of a draw record: what `cutmix box` prints.
json boxRecord(const Draw& d)
{
    json full = toJson(d);
    json j;
    for (const char* key : {"convention", "correct_lam", "size", "lam_sampled", "lam", "lam_adj", "box",
                            "unclipped_box", "cut", "center"})
        j[key] = full[key];
    return j;
}

Geometry explicitGeometry(const Params& p, Size size, double lam, Point given, std::optional<Size> cut)
{
    switch (p.convention) {
    case Convention::Official:
    case Convention::OfficialRaw:
        return officialBox(size, lam, given);
    case Convention::KerasCv:
        return kerasCvBox(size, lam, given);
    case Convention::Kornia:
        return placedBox(size, korniaCut(size, lam), given);
    case Convention::TimmMinMax:
        if (!cut)
            throw UsageError("--cut: timm-minmax needs the cut size (--cut WxH)");
        return placedBox(size, *cut, given);
    }
    throw UsageError("unknown convention");
}

int boxBatch(const Params& p)
{
    // One line in, one line out: W H LAM CX CY (centre conventions), W H LAM
    // SX SY (kornia: the start corner), W H CW CH SX SY (timm-minmax).
    const bool minmax = p.convention == Convention::TimmMinMax;
    std::string line;
    long long lineNo = 0;
    std::ostringstream out;
    while (std::getline(std::cin, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream in(line);
        double w = 0, h = 0, third = 0, a = 0, b = 0, c = 0;
        in >> w >> h >> third >> a >> b;
        if (minmax)
            in >> c;
        std::string rest;
        if (in.fail() || (in >> rest))
            throw UsageError(QString("standard input line %1: expected %2")
                                 .arg(lineNo)
                                 .arg(minmax ? "W H CUT_W CUT_H X Y" : "W H LAM X Y"));
        const Size size{static_cast<int>(w), static_cast<int>(h)};
        Geometry g;
        double lam = minmax ? 0.0 : third;
        try {
            if (minmax)
                g = placedBox(size, {static_cast<int>(third), static_cast<int>(a)},
                              {static_cast<int>(b), static_cast<int>(c)});
            else
                g = explicitGeometry(p, size, lam, {static_cast<int>(a), static_cast<int>(b)}, std::nullopt);
        } catch (const Error& e) {
            throw UsageError(QString("standard input line %1: %2").arg(lineNo).arg(e.what()));
        }
        out << g.box.x1 << ' ' << g.box.y1 << ' ' << g.box.x2 << ' ' << g.box.y2 << ' '
            << formatWeight(lamAdjusted(size, g.box)) << '\n';
    }
    std::cout << out.str();
    return Ok;
}

int cmdBox(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Prints the box and the weights for a given image size, lam and centre (no randomness).\n"
        "kornia and timm-minmax place the box by its top-left corner: pass it with --center.\n"
        "With --batch, reads lines 'W H LAM X Y' (timm-minmax: 'W H CUT_W CUT_H X Y') from\n"
        "standard input and prints 'X1 Y1 X2 Y2 LAM_ADJ' per line.");
    parser.addOptions({
        {"size", "Image size.", "WxH"},
        {"lam", "The sampled lam in [0, 1].", "L"},
        {"center", "Box centre (kornia, timm-minmax: top-left corner).", "X,Y"},
        {"cut", "timm-minmax: the cut size.", "WxH"},
        {"convention", "official, official-raw, keras-cv, kornia or timm-minmax.", "name"},
        {"correct-lam", "yes/no: weight from the clipped box area (official, kornia).", "yes|no"},
        {"batch", "Read many inputs from standard input."},
    });
    if (!parseOrHelp(parser, args))
        return Ok;
    Params p;
    try {
        if (parser.isSet("convention"))
            p.convention = parseConvention(parser.value("convention").toStdString());
    } catch (const Error& e) {
        throw UsageError(QString("--convention: ") + e.what());
    }
    if (parser.isSet("correct-lam"))
        p.correctLam = toYesNo("--correct-lam", parser.value("correct-lam"));
    if (parser.isSet("batch"))
        return boxBatch(p);
    for (const char* required : {"size", "center"})
        if (!parser.isSet(required))
            throw UsageError(QString("--%1 is required (or use --batch)").arg(required));
    const bool minmax = p.convention == Convention::TimmMinMax;
    if (!minmax && !parser.isSet("lam"))
        throw UsageError("--lam is required");
    const Size size = toSize("--size", parser.value("size"));
    const double lam = parser.isSet("lam") ? toDouble("--lam", parser.value("lam")) : 0.0;
    if (!(lam >= 0.0 && lam <= 1.0))
        throw UsageError("--lam: must be between 0 and 1 (got " + parser.value("lam") + ")");
    const Point given = toPoint("--center", parser.value("center"));
    std::optional<Size> cut;
    if (parser.isSet("cut"))
        cut = toSize("--cut", parser.value("cut"));
    Geometry g;
    try {
        g = explicitGeometry(p, size, lam, given, cut);
    } catch (const Error& e) {
        throw UsageError(QString::fromStdString(e.what()));
    }
    RandomInputs in;
    in.lam = lam;
    std::cout << boxRecord(recordDraw(p, size, size, in, g)).dump(2) << '\n';
    return Ok;
}

int cmdSample(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Draws lam for samples 0..N-1 of a seed and prints CSV:\n"
                                     "index,lam_sampled and, with --size, x1,y1,x2,y2,lam,lam_adj\n"
                                     "(lam is the weight of A as the convention reports it).");
    addParamOptions(parser);
    parser.addOptions({
        {"count", "Number of samples (default 10).", "N"},
        {"size", "Also place the box on an image of this size.", "WxH"},
    });
    if (!parseOrHelp(parser, args))
        return Ok;
    Params p = readParams(parser);
    const long long count = parser.isSet("count") ? toInt("--count", parser.value("count")) : 10;
    if (count < 1 || count > 100'000'000)
        throw UsageError("--count: must be between 1 and 100000000");
    std::optional<Size> size;
    if (parser.isSet("size"))
        size = toSize("--size", parser.value("size"));
    std::string out = size ? "index,lam_sampled,x1,y1,x2,y2,lam,lam_adj\n" : "index,lam_sampled\n";
    const std::uint64_t first = p.index;
    for (long long k = 0; k < count; ++k) {
        p.index = first + static_cast<std::uint64_t>(k);
        const RandomInputs in = drawInputs(p.seed, p.index, p.alpha);
        out += std::to_string(p.index) + "," + formatWeight(in.lam);
        if (size) {
            const Draw d = makeDraw(p, *size, *size, in);
            const Box& b = d.geometry.box;
            for (int v : {b.x1, b.y1, b.x2, b.y2})
                (out += ',') += std::to_string(v);
            for (double w : {d.lam, d.lamAdj})
                (out += ',') += formatWeight(w);
        }
        out += '\n';
        if (out.size() > (1 << 20)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out;
    return Ok;
}

int cmdMix(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Mixes B's box into A with one seeded draw, writes the result\n"
                                     "(format from the extension) and prints the draw record as JSON.");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The mixed image to write.", "file"},
        {"json", "Write the draw record to this file instead of standard output.", "file"},
        {"label-a", "Class name of A (default: its folder or file name).", "name"},
        {"label-b", "Class name of B (default: its folder or file name).", "name"},
        {"quality", "JPEG/WebP quality 1-100 (default 95).", "q"},
    });
    parser.addPositionalArgument("A", "The base image.");
    parser.addPositionalArgument("B", "The image the patch comes from.");
    if (!parseOrHelp(parser, args))
        return Ok;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        throw UsageError(QString("expected two images A and B, got %1 argument(s)").arg(pos.size()));
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    const Params p = readParams(parser);
    const int quality = parser.isSet("quality") ? static_cast<int>(toInt("--quality", parser.value("quality"))) : 95;
    if (quality < 1 || quality > 100)
        throw UsageError("--quality: must be between 1 and 100");
    const fs::path pathA = pos[0].toStdString(), pathB = pos[1].toStdString();
    const fs::path out = parser.value("output").toStdString();
    std::optional<fs::path> jsonOut;
    if (parser.isSet("json"))
        jsonOut = parser.value("json").toStdString();
    try {
        refuseToOverwrite(out, {pathA, pathB});
        if (jsonOut)
            refuseToOverwrite(*jsonOut, {pathA, pathB});
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    if (jsonOut && samePath(*jsonOut, out))
        throw UsageError("--json and --output name the same file");
    if (encoderParams(out, quality).empty() && out.extension().empty())
        throw UsageError("--output: '" + parser.value("output") + "' needs an extension (.png, .jpg, .webp, ...)");

    const cv::Mat a = loadImage(pathA);
    const cv::Mat b = loadImage(pathB);
    checkImageType(a, quotePath(pathA));
    checkImageType(b, quotePath(pathB));
    const Draw d = sampleDraw(p, sizeOf(a), sizeOf(b));
    saveImageAtomic(out, mixPair(a, b, d), quality);

    const std::string labelA =
        parser.isSet("label-a") ? parser.value("label-a").toStdString() : defaultLabel(pathA, pathB);
    const std::string labelB =
        parser.isSet("label-b") ? parser.value("label-b").toStdString() : defaultLabel(pathB, pathA);
    const NamedPair named = namePair(labelA, labelB, p.numClasses, p.smoothing);
    json record = toJson(d);
    record["file"] = out.string();
    record["a"] = {{"path", pathA.string()}, {"class", named.spec.classA}};
    record["b"] = {{"path", pathB.string()}, {"class", named.spec.classB}};
    record["classes"] = named.classes;
    record["label"] = softLabel(named.spec, d.lam);
    record["self_mix"] = samePath(pathA, pathB);
    if (jsonOut)
        writeFileAtomic(*jsonOut, record.dump(2) + "\n");
    else
        std::cout << record.dump(2) << '\n';
    std::cerr << "wrote " << out.string() << " (box " << d.geometry.box.x1 << "," << d.geometry.box.y1 << " - "
              << d.geometry.box.x2 << "," << d.geometry.box.y2 << ", lam_adj " << d.lamAdj << ")\n";
    if (record["self_mix"].get<bool>())
        std::cerr << "note: A and B are the same file: the image is mixed with itself\n";
    return Ok;
}

std::atomic<bool> gInterrupted{false};

void onInterrupt(int)
{
    gInterrupted = true;
}

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

int cmdExport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Exports CutMix samples from a dataset: an ImageFolder tree (root/<class>/<image>) or a\n"
        "CSV/TSV list of path,label. Writes images/, manifest.jsonl, labels.csv, classes.txt and\n"
        "run.json into the output folder. Sample i depends only on (seed, i). Running the same\n"
        "command again on an interrupted output folder finishes it.");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The output folder.", "folder"},
        {"count", "Number of samples (default 100).", "N"},
        {"size", "Resize both images to this size (default: keep A's size).", "WxH"},
        {"format", "jpg (default), png or webp.", "fmt"},
        {"quality", "JPEG/WebP quality 1-100 (default 95).", "q"},
        {"pairs", "random (default): A and B drawn independently; epoch: every image is A once per epoch.", "mode"},
        {"threads", "Worker threads (default: all cores). Never changes the output.", "n"},
        {"shard", "Run part k of n (1-based): samples [count*(k-1)/n, count*k/n).", "k/n"},
        {"config", "Repeat the run described by a run.json (its output folder unless -o is given).", "run.json"},
        {"resume", "Finish the interrupted run in the output folder (read from its run.json)."},
        {"strict", "Stop at the first unreadable image instead of skipping the sample."},
        {"force", "Export into a non-empty folder that is not a previous run of this configuration."},
        {{"q", "quiet"}, "No progress output."},
        {"cache-mb", "Memory for decoded images, in MiB (default 1024). Never changes the output.", "MiB"},
    });
    parser.addPositionalArgument("input", "Dataset folder or list file.", "[input]");
    if (!parseOrHelp(parser, args))
        return Ok;
    ExportConfig c;
    const QStringList pos = parser.positionalArguments();
    if (parser.isSet("config") || parser.isSet("resume")) {
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
        c = loadExportConfig(runJson);
        if (parser.isSet("output"))
            c.output = parser.value("output").toStdString();
    } else {
        if (pos.size() != 1)
            throw UsageError(QString("expected one input (a dataset folder or a list file), got %1").arg(pos.size()));
        if (!parser.isSet("output"))
            throw UsageError("-o/--output is required");
        c.input = pos[0].toStdString();
        c.output = parser.value("output").toStdString();
        c.params = readParams(parser);
        if (parser.isSet("count")) {
            const long long n = toInt("--count", parser.value("count"));
            if (n < 1)
                throw UsageError("--count: must be at least 1");
            c.count = static_cast<std::uint64_t>(n);
        }
        if (parser.isSet("size"))
            c.size = toSize("--size", parser.value("size"));
        if (parser.isSet("format"))
            c.format = parser.value("format").toLower().toStdString();
        if (c.format == "jpeg")
            c.format = "jpg";
        if (parser.isSet("quality"))
            c.quality = static_cast<int>(toInt("--quality", parser.value("quality")));
        if (parser.isSet("pairs")) {
            try {
                c.pairs = parsePairMode(parser.value("pairs").toStdString());
            } catch (const Error& e) {
                throw UsageError(QString("--pairs: ") + e.what());
            }
        }
        if (parser.isSet("shard")) {
            const QStringList kn = parser.value("shard").split('/');
            if (kn.size() != 2)
                throw UsageError("--shard: '" + parser.value("shard") + "' is not k/n (for example 2/8)");
            c.shardIndex = static_cast<int>(toInt("--shard", kn[0]));
            c.shardCount = static_cast<int>(toInt("--shard", kn[1]));
            if (c.shardCount < 1 || c.shardIndex < 1 || c.shardIndex > c.shardCount)
                throw UsageError("--shard: '" + parser.value("shard") + "' needs 1 <= k <= n");
        }
        c.strict = parser.isSet("strict");
    }
    if (parser.isSet("threads")) {
        const long long t = toInt("--threads", parser.value("threads"));
        if (t < 1 || t > 1024)
            throw UsageError("--threads: must be between 1 and 1024");
        c.threads = static_cast<int>(t);
    }
    c.force = parser.isSet("force");
    if (parser.isSet("cache-mb")) {
        const long long mb = toInt("--cache-mb", parser.value("cache-mb"));
        if (mb < 1 || mb > 1'000'000)
            throw UsageError("--cache-mb: must be between 1 and 1000000");
        c.cacheBytes = static_cast<std::size_t>(mb) << 20;
    }
    try {
        checkExportConfig(c);
    } catch (const Error& e) {
        throw UsageError(e.what());
    }

    gInterrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    ProgressPrinter printer(parser.isSet("quiet"));
    const ExportSummary s = runExport(c, std::ref(printer), &gInterrupted);
    printer.finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    for (const std::string& problem : s.problems)
        std::cerr << "unreadable, samples using it were skipped: " << problem << '\n';
    const auto& p = s.progress;
    const double rate = p.seconds > 0 ? (p.done - p.resumed) / p.seconds : 0.0;
    char line[300];
    std::snprintf(line, sizeof line,
                  "%s %llu of %llu samples: %llu written, %llu skipped%s, %.1f s, %.1f images/s -> %s\n",
                  s.cancelled ? "interrupted after" : "done:", (unsigned long long)p.done, (unsigned long long)p.total,
                  (unsigned long long)p.written, (unsigned long long)p.skipped,
                  p.resumed ? (", " + std::to_string(p.resumed) + " from the previous run").c_str() : "", p.seconds,
                  rate, c.output.string().c_str());
    std::cerr << line;
    if (s.cancelled) {
        std::cerr << "run the same command again (or cutmix export --resume -o " << c.output.string()
                  << ") to finish\n";
        return 130;
    }
    return Ok;
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
    parser.addPositionalArgument("A", "The base image.", "[A]");
    parser.addPositionalArgument("B", "The image the patch comes from.", "[B]");
    if (!parseOrHelp(parser, args))
        return Ok;
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    ui::GridOptions o;
    o.params = readParams(parser);
    auto intOption = [&](const char* name, int fallback, int lo, int hi) {
        if (!parser.isSet(name))
            return fallback;
        const long long v = toInt(QString("--") + name, parser.value(name));
        if (v < lo || v > hi)
            throw UsageError(QString("--%1: must be between %2 and %3").arg(name).arg(lo).arg(hi));
        return static_cast<int>(v);
    };
    o.rows = intOption("rows", 3, 1, 100);
    o.cols = intOption("cols", 4, 1, 100);
    o.tile = intOption("tile", 256, 16, 4096);
    o.sides = parser.isSet("sides");
    o.title = !parser.isSet("no-title");
    ui::GridInput in;
    const QStringList pos = parser.positionalArguments();
    if (int(parser.isSet("dataset")) + int(parser.isSet("pairs-list")) + int(!pos.isEmpty()) > 1)
        throw UsageError("give one of: two images A and B, --dataset, or --pairs-list");
    if (parser.isSet("dataset")) {
        in.dataset = loadDataset(parser.value("dataset").toStdString());
    } else if (parser.isSet("pairs-list")) {
        in.pairs = ui::loadPairList(parser.value("pairs-list").toStdString());
    } else {
        if (pos.size() != 2)
            throw UsageError(QString("expected two images A and B (or --dataset), got %1 argument(s)").arg(pos.size()));
        in.pathA = pos[0].toStdString();
        in.pathB = pos[1].toStdString();
        in.labelA = parser.isSet("label-a") ? parser.value("label-a").toStdString() : defaultLabel(in.pathA, in.pathB);
        in.labelB = parser.isSet("label-b") ? parser.value("label-b").toStdString() : defaultLabel(in.pathB, in.pathA);
    }
    const fs::path out = parser.value("output").toStdString();
    try {
        refuseToOverwrite(out, {in.pathA, in.pathB});
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    const ui::GridResult grid = ui::renderGrid(o, in);
    ui::writeGrid(out, grid);
    if (parser.isSet("json")) {
        std::string lines;
        for (const auto& t : grid.tiles) {
            json r = toJson(t.draw);
            r["label"] = t.label;
            r["class_a"] = t.labelA;
            r["class_b"] = t.labelB;
            r["tile"] = {{"x", t.resultRect.x()},
                         {"y", t.resultRect.y()},
                         {"width", t.resultRect.width()},
                         {"height", t.resultRect.height()}};
            lines += r.dump() + "\n";
        }
        writeFileAtomic(parser.value("json").toStdString(), lines);
    }
    std::cerr << "wrote " << out.string() << " (" << grid.size.width() << "x" << grid.size.height() << ", "
              << grid.tiles.size() << " tiles)\n";
    return Ok;
}

} // namespace

int run(const QStringList& arguments)
{
    if (arguments.size() < 2) {
        std::cerr << kUsage;
        return BadUsage;
    }
    const QString command = arguments[1];
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kUsage;
        return Ok;
    }
    if (command == "-v" || command == "--version") {
        std::cout << "cutmix " << CUTMIX_VERSION << '\n';
        return Ok;
    }
    QStringList rest = arguments.mid(2);
    rest.prepend("cutmix " + command);
    try {
        if (command == "box")
            return cmdBox(rest);
        if (command == "sample")
            return cmdSample(rest);
        if (command == "mix")
            return cmdMix(rest);
        if (command == "export")
            return cmdExport(rest);
        if (command == "grid")
            return cmdGrid(rest);
        std::cerr << "cutmix: unknown command '" << command.toStdString() << "'\n\n" << kUsage;
        return BadUsage;
    } catch (const UsageError& e) {
        std::cerr << "cutmix " << command.toStdString() << ": " << e.what() << '\n';
        return BadUsage;
    } catch (const Error& e) {
        std::cerr << "cutmix " << command.toStdString() << ": " << e.what() << '\n';
        return Failed;
    } catch (const std::exception& e) {
        std::cerr << "cutmix " << command.toStdString() << ": unexpected error: " << e.what() << '\n';
        return Failed;
    }
}

} // namespace cutmix::cli
