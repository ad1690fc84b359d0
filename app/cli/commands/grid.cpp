// cutmix grid: a sheet of R x C seeded draws.
#include "args.h"
#include "boxoptions.h"
#include "commands.h"
#include "constants.h"
#include "error.h"
#include "gridplan.h"
#include "gridsheet.h"
#include "imageio.h"
#include "labels.h"
#include "progress.h"

#include <QCommandLineParser>
#include <csignal>
#include <iostream>

namespace cutmix::cli
{

namespace
{

namespace fs = std::filesystem;

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

} // namespace

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
    addPairObjectOptions(parser);
    addParamOption(parser, Setting::Sources);
    parser.addPositionalArgument("A", "The base image.", "[A]");
    parser.addPositionalArgument("B", "The image the patch comes from.", "[B]");
    if (!parseOrHelp(parser, spreadListOptions(args, {"--boxes"})))
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
    GridInput in = gridInput(parser);
    static_cast<ObjectInput&>(in) = readPairObjectOptions(parser);
    if (!in.boxFiles.empty() && (in.dataset || !in.pairs.empty()))
        throw UsageError("--boxes: objects go with one pair A B, not with --dataset or --pairs-list");
    if (!in.dataset && sourceCount(o.params) > 2)
        throw UsageError("--sources: a grid of pairs mixes two images; take more sources from a dataset (--dataset)");
    const fs::path out = parser.value("output").toStdString();
    std::vector<fs::path> inputs{in.pathA, in.pathB};
    inputs.insert(inputs.end(), in.boxFiles.begin(), in.boxFiles.end());
    asUsage([&] {
        refuseToOverwrite(out, inputs);
        if (parser.isSet("json"))
            refuseToOverwrite(parser.value("json").toStdString(), inputs);
    });
    // Thousands of tiles take a while: progress, and Ctrl-C stops with nothing written.
    Progress progress("grid", std::uint64_t(o.rows) * std::uint64_t(o.cols), "tiles");
    gInterrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    GridPlan plan = planGrid(o, in, [&](int done, int) {
        progress(std::uint64_t(done));
        return !gInterrupted.load();
    });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    progress.finish();
    if (plan.cancelled) {
        std::cerr << "interrupted: nothing written\n";
        return kExitInterrupted;
    }
    const render::GridSheet sheet = render::renderGrid(std::move(plan));
    render::writeGrid(out, sheet);
    if (parser.isSet("json"))
        writeFileAtomic(parser.value("json").toStdString(), render::gridRecords(sheet));
    std::cerr << "wrote " << out.string() << " (" << sheet.size.width() << "x" << sheet.size.height() << ", "
              << sheet.plan.tiles.size() << " tiles)\n";
    return kExitOk;
}

} // namespace cutmix::cli
