#include "pure.h"

#include "args.h"
#include "constants.h"
#include "describe.h"
#include "error.h"
#include "format.h"
#include "method.h"
#include "record.h"
#include "replay.h"

#include <QCommandLineParser>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cutmix::cli
{

namespace fs = std::filesystem;
using nlohmann::json;

const char* const kUsage = R"(Usage: cutmix <command> [options]

CutMix (Yun et al., ICCV 2019) from the command line.

Commands:
  box      the exact box and weight for a given size, lam and centre
  sample   draw lam (and boxes) for a seed, as CSV
  stats    the distribution of lam, lam_adj and the weight over many draws (JSON, a plot)
  mix      mix two images with one seeded draw and write the draw record
  export   export many samples from a dataset with a manifest of soft labels
  merge    assemble the parts of an export (--shard k/n) into one dataset
  grid     a contact sheet of R x C draws (PNG, JPEG or PDF)
  replay   the draws of a training run from its NumPy seed, as CSV
  compare  the CutMix paper's figure: the original beside each method's mix
  animate  an animation for slides: a sweep of alpha or lam, or a run of draws (GIF, WebP, MP4)
  batch    a whole batch mixed as timm, torchvision or the official code does, with its targets
  audit    check a batch mixed by your own code: pixels against soft labels

Run 'cutmix <command> --help' for a command's options.
Exit codes: 0 done, 1 a file or its data is wrong, 2 an argument is wrong,
130 interrupted (run the same command again to finish).
)";

// ---- box

namespace
{

// The box part of a draw record: what `cutmix box` prints.
json boxRecord(const Draw& d)
{
    const json full = drawRecord(d);
    json j;
    for (const char* key : {"convention", "correct_lam", "size", "lam_sampled", "lam", "lam_adj", "box",
                            "unclipped_box", "cut", "center"})
        j[key] = full[key];
    return j;
}

// How `cutmix box` reads a position: as the centre or top-left corner itself,
// or as two uniforms in [0, 1) that the convention turns into one (for kornia
// exactly as Kornia computes its start, in float32).
struct BoxInputMode {
    bool uniforms = false;
    bool withWeight = false;
};

Geometry boxFromLine(const Method& m, Size size, double lam, double x, double y, std::optional<Size> cut,
                     BoxInputMode mode)
{
    BoxPosition at;
    if (mode.uniforms) {
        at.ux = x;
        at.uy = y;
    } else {
        at.given = Point{static_cast<int>(x), static_cast<int>(y)};
    }
    return m.boxOf(size, lam, at, {cut});
}

// One line in, one line out: W H LAM X Y (X, Y the centre or top-left corner,
// or uniforms), or W H CUT_W CUT_H X Y for conventions that draw their cut;
// out X1 Y1 X2 Y2 LAM_ADJ [LAM].
int boxBatch(const Params& p, BoxInputMode mode)
{
    const Method& m = *p.method;
    const bool corrected = effectiveCorrection(p);
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
        if (m.box.drawsCut)
            in >> c;
        std::string rest;
        if (in.fail() || (in >> rest))
            throw UsageError(QString("standard input line %1: expected %2")
                                 .arg(lineNo)
                                 .arg(m.box.drawsCut ? "W H CUT_W CUT_H X Y" : "W H LAM X Y"));
        const Size size{static_cast<int>(w), static_cast<int>(h)};
        Geometry g;
        double lam = m.box.drawsCut ? 0.0 : third;
        try {
            g = m.box.drawsCut
                    ? boxFromLine(m, size, 0.0, b, c, Size{static_cast<int>(third), static_cast<int>(a)}, mode)
                    : boxFromLine(m, size, third, a, b, std::nullopt, mode);
        } catch (const Error& e) {
            throw UsageError(QString("standard input line %1: %2").arg(lineNo).arg(e.what()));
        }
        out << g.box.x1 << ' ' << g.box.y1 << ' ' << g.box.x2 << ' ' << g.box.y2 << ' '
            << formatExact(lamAdjusted(size, g.box));
        if (mode.withWeight)
            out << ' ' << formatExact(m.box.weight(g, size, lam, corrected));
        out << '\n';
    }
    std::cout << out.str();
    return kExitOk;
}

} // namespace

int cmdBox(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Prints the box and the weights for a given image size, lam and centre (no randomness).\n"
        "Conventions that place the box by its top-left corner take it with --center; those that\n"
        "draw their cut size take it with --cut. With --batch, reads lines 'W H LAM X Y' ('W H\n"
        "CUT_W CUT_H X Y' where the cut is drawn) from standard input and prints\n"
        "'X1 Y1 X2 Y2 LAM_ADJ' per line (and the reported weight with --with-weight).\n"
        "With --uniforms, X and Y are uniforms in [0, 1) that the convention turns into its\n"
        "position, as the library does (kornia: floor(u * (side - cut - 1)) in float32).");
    parser.addOptions({
        {"size", "Image size.", "WxH"},
        {"lam", "The sampled lam in [0, 1].", "L"},
        {"center", "Box centre (or top-left corner, see above).", "X,Y"},
        {"cut", "The cut size, for conventions that draw it (0 allowed).", "WxH"},
        {"convention", conventionHelp(), "name"},
        {"correct-lam", "yes/no: weight from the clipped box area (conventions with the switch).", "yes|no"},
        {"batch", "Read many inputs from standard input."},
        {"uniforms", "X and Y are uniforms in [0, 1), turned into the position as the library does."},
        {"with-weight", "--batch: also print the weight the convention reports (17 digits)."},
    });
    if (!parseOrHelp(parser, args))
        return kExitOk;
    Params p;
    if (parser.isSet("convention"))
        p.method = &toMethod("--convention", parser.value("convention"));
    if (parser.isSet("correct-lam"))
        p.correctLam = toYesNo("--correct-lam", parser.value("correct-lam"));
    BoxInputMode mode;
    mode.uniforms = parser.isSet("uniforms");
    mode.withWeight = parser.isSet("with-weight");
    if (parser.isSet("batch"))
        return boxBatch(p, mode);
    for (const char* required : {"size", "center"})
        if (!parser.isSet(required))
            throw UsageError(QString("--%1 is required (or use --batch)").arg(required));
    if (!p.method->box.drawsCut && !parser.isSet("lam"))
        throw UsageError("--lam is required");
    if (p.method->box.drawsCut && !parser.isSet("cut"))
        throw UsageError("--cut: " + QString::fromUtf8(p.method->name.data(), qsizetype(p.method->name.size())) +
                         " draws its cut size: give it with --cut WxH");
    const Size size = toSize("--size", parser.value("size"));
    const double lam = parser.isSet("lam") ? toDouble("--lam", parser.value("lam")) : 0.0;
    if (!(lam >= 0.0 && lam <= 1.0))
        throw UsageError("--lam: must be between 0 and 1 (got " + parser.value("lam") + ")");
    std::optional<Size> cut;
    if (parser.isSet("cut"))
        cut = toSize("--cut", parser.value("cut"), 0);
    Geometry g;
    if (mode.uniforms) {
        const QStringList u = parser.value("center").split(',');
        if (u.size() != 2)
            throw UsageError("--center: with --uniforms, give two uniforms UX,UY in [0, 1)");
        const double ux = toDouble("--center", u[0]), uy = toDouble("--center", u[1]);
        g = asUsage([&] { return boxFromLine(*p.method, size, lam, ux, uy, cut, mode); });
    } else {
        const Point given = toPoint("--center", parser.value("center"));
        g = asUsage([&] { return p.method->boxOf(size, lam, {given}, {cut}); });
    }
    RandomInputs in;
    in.lam = lam;
    std::cout << boxRecord(recordDraw(p, size, size, in, g)).dump(2) << '\n';
    return kExitOk;
}

// ---- sample

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
        return kExitOk;
    Params p = readParams(parser);
    const long long count = parser.isSet("count") ? toIntIn("--count", parser.value("count"), 1, 100'000'000) : 10;
    std::optional<Size> size;
    if (parser.isSet("size"))
        size = toSize("--size", parser.value("size"));
    std::string out = size ? "index,lam_sampled,x1,y1,x2,y2,lam,lam_adj\n" : "index,lam_sampled\n";
    const std::uint64_t first = p.index;
    for (long long k = 0; k < count; ++k) {
        p.index = first + static_cast<std::uint64_t>(k);
        const RandomInputs in = drawInputs(p.seed, p.index, p.alpha);
        out += std::to_string(p.index) + "," + formatExact(in.lam);
        if (size) {
            const Draw d = makeDraw(p, *size, *size, in);
            const Box& b = d.geometry.box;
            for (int v : {b.x1, b.y1, b.x2, b.y2})
                (out += ',') += std::to_string(v);
            for (double w : {d.lam, d.lamAdj})
                (out += ',') += formatExact(w);
        }
        out += '\n';
        if (out.size() > (1 << 20)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out;
    return kExitOk;
}

// ---- stats

int cmdStats(const QStringList& args, PlotWriter plot)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "What alpha does to the distribution of the weight: draws samples 0..N-1 of a seed (the same\n"
        "draws as cutmix sample) and prints JSON: count, mean_lam_sampled, mean_lam_adj, mean_lam (the\n"
        "reported weight), p_clipped, p_empty and histogram (edges and the counts of lam_sampled,\n"
        "lam_adj and lam).");
    addParamOptions(parser);
    parser.addOptions({
        {"size", "Image size the boxes are placed on (required).", "WxH"},
        {"count", "Number of draws (default 100000).", "N"},
        {"bins", "Histogram bins over [0, 1] (default 50).", "B"},
        {"plot", "Also write the histograms over the density: .png, .jpg or .pdf.", "file"},
    });
    if (!parseOrHelp(parser, args))
        return kExitOk;
    const Params p = readParams(parser);
    if (!parser.isSet("size"))
        throw UsageError("--size is required");
    const Size size = toSize("--size", parser.value("size"));
    const long long count =
        parser.isSet("count") ? toIntIn("--count", parser.value("count"), 1, 1'000'000'000) : 100'000;
    const int bins = parser.isSet("bins") ? int(toIntIn("--bins", parser.value("bins"), 1, 10000)) : 50;
    const LamStats s = asUsage([&] { return lamStats(p, size, p.index, std::uint64_t(count), bins); });
    std::cout << statsJson(s).dump(2) << '\n';
    if (parser.isSet("plot")) {
        if (!plot)
            throw UsageError("--plot: this build cannot write plots");
        const fs::path out = parser.value("plot").toStdString();
        plot(out, s, p, size);
        std::cerr << "wrote " << out.string() << '\n';
    }
    return kExitOk;
}

// ---- replay

namespace
{

ReplaySettings replaySettings(const QCommandLineParser& parser)
{
    ReplaySettings s;
    if (!parser.isSet("recipe"))
        throw UsageError("--recipe is required (official or timm)");
    try {
        s.recipe = parseReplayRecipe(parser.value("recipe").toStdString());
    } catch (const Error& e) {
        throw UsageError(QString("--recipe: ") + e.what());
    }
    for (const char* required : {"numpy-seed", "size", "iterations"})
        if (!parser.isSet(required))
            throw UsageError(QString("--%1 is required").arg(required));
    const std::uint64_t seed = toUInt64("--numpy-seed", parser.value("numpy-seed"));
    if (seed > 0xFFFFFFFFull)
        throw UsageError("--numpy-seed: NumPy's np.random.seed takes 0 to 4294967295 (got " +
                         parser.value("numpy-seed") + ")");
    s.seed = static_cast<std::uint32_t>(seed);
    s.size = toSize("--size", parser.value("size"));
    auto number = [&](const char* name, double& out, bool required) {
        if (parser.isSet(name))
            out = toDouble(QString("--") + name, parser.value(name));
        else if (required)
            throw UsageError(QString("--%1 is required for the %2 recipe").arg(name, parser.value("recipe")));
    };
    auto refuse = [&](const char* name) {
        if (parser.isSet(name))
            throw UsageError(QString("--%1 does not apply to the %2 recipe").arg(name, parser.value("recipe")));
    };
    if (s.recipe == ReplayRecipe::Official) {
        number("alpha", s.alpha, true);
        number("prob", s.prob, true);
        for (const char* timmOnly : {"mixup-alpha", "cutmix-alpha", "switch-prob", "correct-lam"})
            refuse(timmOnly);
    } else {
        number("mixup-alpha", s.mixupAlpha, true);
        number("cutmix-alpha", s.cutmixAlpha, true);
        s.prob = 1.0; // timm Mixup's default
        number("prob", s.prob, false);
        number("switch-prob", s.switchProb, false);
        if (parser.isSet("correct-lam"))
            s.correctLam = toYesNo("--correct-lam", parser.value("correct-lam"));
        refuse("alpha");
    }
    asUsage([&] { checkReplaySettings(s); });
    return s;
}

} // namespace

int cmdReplay(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Replays the draws of a training run from its NumPy seed (np.random.seed) and prints CSV:\n"
        "iteration,method,lam_sampled,x1,y1,x2,y2,lam. method is none, mixup or cutmix; the box\n"
        "(x = columns, half-open) is given for cutmix only; lam is the weight the recipe reports.\n"
        "  official: clovaai/CutMix-PyTorch train.py (--alpha is its --beta, --prob its --cutmix_prob)\n"
        "  timm:     timm Mixup, mode batch, without cutmix_minmax");
    parser.addOptions({
        {"recipe", "official or timm.", "name"},
        {"numpy-seed", "The seed given to np.random.seed, 0 to 4294967295.", "S"},
        {"size", "Image size of the batch.", "WxH"},
        {"iterations", "Number of iterations to print.", "N"},
        {"start", "First iteration to print (the draws before it are consumed). Default 0.", "I"},
        {"alpha", "official: the Beta parameter (train.py --beta).", "A"},
        {"prob", "Probability of mixing (official: --cutmix_prob; timm: prob, default 1).", "P"},
        {"mixup-alpha", "timm: mixup_alpha.", "M"},
        {"cutmix-alpha", "timm: cutmix_alpha.", "C"},
        {"switch-prob", "timm: switch_prob (default 0.5).", "Q"},
        {"correct-lam", "timm: correct_lam, yes (default) or no.", "yes|no"},
    });
    if (!parseOrHelp(parser, args))
        return kExitOk;
    const ReplaySettings s = replaySettings(parser);
    const std::uint64_t count =
        static_cast<std::uint64_t>(toIntIn("--iterations", parser.value("iterations"), 0, 1'000'000'000'000LL));
    const std::uint64_t start = parser.isSet("start") ? toUInt64("--start", parser.value("start")) : 0;
    Replay replay(s);
    replay.skipTo(start);
    std::string out = std::string(replayCsvHeader()) + "\n";
    for (std::uint64_t k = 0; k < count; ++k) {
        out += replayCsvLine(replay.next());
        out += '\n';
        if (out.size() > (1 << 20)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out;
    return kExitOk;
}

int guarded(const std::string& name, const std::function<int()>& body)
{
    try {
        return body();
    } catch (const UsageError& e) {
        std::cerr << "cutmix " << name << ": " << e.what() << '\n';
        return kExitBadUsage;
    } catch (const Error& e) {
        std::cerr << "cutmix " << name << ": " << describe(e).toStdString() << '\n';
        return isArgumentError(e) ? kExitBadUsage : kExitFailed;
    } catch (const std::exception& e) {
        std::cerr << "cutmix " << name << ": unexpected error: " << e.what() << '\n';
        return kExitFailed;
    }
}

bool isPureCommand(const QStringList& arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString& command = arguments[1];
    if (command == "box" || command == "sample" || command == "replay")
        return true;
    if (command != "stats")
        return false;
    for (const QString& a : arguments.mid(2))
        if (a == "--plot" || a.startsWith("--plot="))
            return false;
    return true;
}

int runPure(const QStringList& arguments)
{
    const QString command = arguments.value(1);
    QStringList rest = arguments.mid(2);
    rest.prepend("cutmix " + command);
    return guarded(command.toStdString(), [&]() -> int {
        if (command == "box")
            return cmdBox(rest);
        if (command == "sample")
            return cmdSample(rest);
        if (command == "stats")
            return cmdStats(rest, nullptr);
        return cmdReplay(rest);
    });
}

} // namespace cutmix::cli
