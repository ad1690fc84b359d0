#include "commands.h"

#include "args.h"
#include "constants.h"
#include "error.h"

#include <iostream>

namespace cutmix::cli
{

namespace
{

Needs statsNeeds(const QStringList& args)
{
    for (const QString& a : args)
        if (a == "--plot" || a.startsWith("--plot="))
            return Needs::Painting;
    return Needs::Math;
}

// In the order of the usage text.
const Command kCommands[] = {
    {"box", "the exact box and weight for a given size, lam and centre", Needs::Math, cmdBox},
    {"sample", "draw lam (and boxes) for a seed, as CSV", Needs::Math, cmdSample},
    {"stats", "the distribution of lam, lam_adj and the weight over many draws (JSON, a plot)", Needs::Math, cmdStats,
     statsNeeds},
    {"mix", "mix two images with one seeded draw and write the draw record", Needs::Images, cmdMix},
    {"export", "export many samples from a dataset with a manifest of soft labels", Needs::Images, cmdExport},
    {"merge", "assemble the parts of an export (--shard k/n) into one dataset", Needs::Images, cmdMerge},
    {"grid", "a contact sheet of R x C draws (PNG, JPEG or PDF)", Needs::Painting, cmdGrid},
    {"replay", "the draws of a training run from its NumPy seed, as CSV", Needs::Math, cmdReplay},
    {"compare", "the CutMix paper's figure: the original beside each method's mix", Needs::Painting, cmdCompare},
    {"animate", "an animation for slides: a sweep of alpha or lam, or a run of draws (GIF, WebP, MP4)", Needs::Video,
     cmdAnimate},
    {"batch", "a whole batch mixed as timm, torchvision or the official code does, with its targets", Needs::Painting,
     cmdBatch},
    {"audit", "check a batch mixed by your own code: pixels against soft labels", Needs::Images, cmdAudit},
};

} // namespace

PlotWriter gPlotWriter = nullptr;

std::span<const Command> commands()
{
    return kCommands;
}

const Command* findCommand(std::string_view name)
{
    for (const Command& c : kCommands)
        if (c.name == name)
            return &c;
    return nullptr;
}

Needs needsOf(const Command& c, const QStringList& args)
{
    return c.needsFor ? c.needsFor(args) : c.needs;
}

std::string usageText()
{
    std::string text = "Usage: cutmix <command> [options]\n\nCutMix (Yun et al., ICCV 2019) from the command line.\n\n"
                       "Commands:\n";
    std::size_t width = 0;
    for (const Command& c : kCommands)
        width = std::max(width, c.name.size());
    for (const Command& c : kCommands)
        text +=
            "  " + std::string(c.name) + std::string(width - c.name.size() + 2, ' ') + std::string(c.summary) + "\n";
    return text + "\nRun 'cutmix <command> --help' for a command's options.\n"
                  "Exit codes: 0 done, 1 a file or its data is wrong, 2 an argument is wrong,\n"
                  "130 interrupted (run the same command again to finish).\n";
}

int guarded(std::string_view name, int (*run)(const QStringList&), const QStringList& args)
{
    const std::string command(name);
    try {
        return run(args);
    } catch (const UsageError& e) {
        std::cerr << "cutmix " << command << ": " << e.what() << '\n';
        return kExitBadUsage;
    } catch (const Error& e) {
        std::cerr << "cutmix " << command << ": " << describe(e).toStdString() << '\n';
        return isArgumentError(e) ? kExitBadUsage : kExitFailed;
    } catch (const std::exception& e) {
        std::cerr << "cutmix " << command << ": unexpected error: " << e.what() << '\n';
        return kExitFailed;
    }
}

} // namespace cutmix::cli
