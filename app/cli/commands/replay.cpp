// cutmix replay: the draws of a NumPy-seeded training run.
#include "replay.h"

#include "args.h"
#include "commands.h"
#include "constants.h"
#include "error.h"
#include "format.h"

#include <QCommandLineParser>
#include <iostream>

namespace cutmix::cli
{

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

} // namespace cutmix::cli
