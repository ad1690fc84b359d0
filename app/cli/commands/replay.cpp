// cutmix replay: the draws of a NumPy-seeded training run.
#include "replay.h"

#include "args.h"
#include "commands.h"
#include "constants.h"
#include "error.h"
#include "format.h"

#include <QCommandLineParser>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace cutmix::cli
{

namespace
{

QString recipeOptionList()
{
    QStringList names;
    for (const Recipe& r : recipes())
        if (r.replayable())
            names << QString::fromUtf8(r.name.data(), qsizetype(r.name.size()));
    return names.join(" or ");
}

// Draws through the iterations before `start`, with a line of progress on
// standard error every 5 % when that takes longer than a second; Ctrl-C stops
// it (false).
bool skipWithProgress(Replay& replay, std::uint64_t start)
{
    constexpr std::uint64_t kChunk = 1 << 20;
    if (start <= kChunk) {
        replay.skipTo(start);
        return true;
    }
    gInterrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const auto begin = std::chrono::steady_clock::now();
    int lastStep = -1;
    while (replay.iteration() < start && !gInterrupted) {
        replay.skipTo(std::min(start, replay.iteration() + kChunk));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        const double fraction = double(replay.iteration()) / double(start);
        const int step = int(fraction * 20);
        if (seconds > 1.0 && step != lastStep) {
            lastStep = step;
            const double eta = seconds / fraction * (1.0 - fraction);
            std::fprintf(stderr, "replay: drawing through iteration %llu of %llu (%d%%), about %.0f s left\n",
                         (unsigned long long)replay.iteration(), (unsigned long long)start, int(fraction * 100), eta);
        }
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (gInterrupted) {
        std::fprintf(stderr, "replay: interrupted at iteration %llu, nothing printed\n",
                     (unsigned long long)replay.iteration());
        return false;
    }
    return true;
}

// Longer runs than anyone trains: a start or an end beyond it cannot be
// drawn through in reasonable time, and is refused with the reason.
constexpr std::uint64_t kMostIterations = 10'000'000'000ULL;

ReplaySettings replaySettings(const QCommandLineParser& parser)
{
    if (!parser.isSet("recipe"))
        throw UsageError("--recipe is required (" + recipeOptionList() + ")");
    const std::string name = parser.value("recipe").toStdString();
    const Recipe* recipe = nullptr;
    for (const Recipe& r : recipes())
        if (r.name == name && r.replayable())
            recipe = &r;
    if (!recipe)
        throw UsageError("--recipe: '" + parser.value("recipe") + "' is not a recipe whose draws come from NumPy (" +
                         recipeOptionList() + ")");
    ReplaySettings s = replayDefaults(*recipe);
    for (const char* required : {"numpy-seed", "size", "iterations"})
        if (!parser.isSet(required))
            throw UsageError(QString("--%1 is required").arg(required));
    const std::uint64_t seed = toUInt64("--numpy-seed", parser.value("numpy-seed"));
    if (seed > 0xFFFFFFFFull)
        throw UsageError("--numpy-seed: NumPy's np.random.seed takes 0 to 4294967295 (got " +
                         parser.value("numpy-seed") + ")");
    s.seed = static_cast<std::uint32_t>(seed);
    s.size = toSize("--size", parser.value("size"));
    // The run's alphas are its own: a replay is told them.
    for (Setting k : s.recipe->replaySettings)
        if ((k == Setting::Alpha || k == Setting::MixupAlpha || k == Setting::CutmixAlpha) &&
            !parser.isSet(flagOf(k).mid(2)))
            throw UsageError(QString("%1 is required for the %2 recipe").arg(flagOf(k), parser.value("recipe")));
    readRecipeValues(parser, *s.recipe, s.recipe->replaySettings, s, "a replay of the %1 recipe");
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
        "The official code's --beta is --alpha here, its --cutmix_prob --prob; timm is replayed in\n"
        "mode batch without cutmix_minmax.");
    addRecipeOptions(parser, true);
    parser.addOptions({
        {"numpy-seed", "The seed given to np.random.seed, 0 to 4294967295.", "S"},
        {"size", "Image size of the batch.", "WxH"},
        {"iterations", "Number of iterations to print.", "N"},
        {"start",
         "First iteration to print (the draws before it are consumed; progress on standard error "
         "when that takes long). Default 0.",
         "I"},
    });
    if (!parseOrHelp(parser, args))
        return kExitOk;
    const ReplaySettings s = replaySettings(parser);
    const std::uint64_t count =
        static_cast<std::uint64_t>(toIntIn("--iterations", parser.value("iterations"), 0, (long long)kMostIterations));
    const std::uint64_t start = parser.isSet("start") ? toUInt64("--start", parser.value("start")) : 0;
    if (start > kMostIterations - count)
        throw UsageError(QString("--start: a replay reaches iteration %1 at most (every iteration before the start is "
                                 "drawn through, at a few million per second); %2 + %3 iterations is beyond it")
                             .arg(kMostIterations)
                             .arg(start)
                             .arg(count));
    Replay replay(s);
    if (!skipWithProgress(replay, start))
        return kExitInterrupted;
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
