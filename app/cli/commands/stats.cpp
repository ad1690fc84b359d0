// cutmix stats: what alpha does to the weight over many draws.
#include "args.h"
#include "commands.h"
#include "constants.h"
#include "draw.h"
#include "error.h"
#include "format.h"
#include "lamstats.h"
#include "progress.h"

#include <QCommandLineParser>
#include <csignal>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cutmix::cli
{

namespace
{

namespace fs = std::filesystem;

} // namespace

int cmdStats(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "What alpha does to the distribution of the weight: draws samples 0..N-1 of a seed (the same\n"
        "draws as cutmix sample) and prints JSON: count, mean_lam_sampled, mean_lam_adj, mean_lam (the\n"
        "reported weight), p_clipped, p_empty and histogram (edges and the counts of lam_sampled,\n"
        "lam_adj and lam). Mosaic counts each tile's share (share_a .. share_d), Cutout the share of\n"
        "the image erased (erased), ResizeMix the scale tau it draws (tau) and the share of the image\n"
        "its patch covers (area_share): mean_<name> and histogram <name> instead of lam.");
    addParamOptions(parser, MethodSet::All);
    addParamOption(parser, Setting::Sources);
    parser.addOptions({
        {"size",
         "Image size the boxes are placed on (required): once for every source, or once per source "
         "(Mosaic: A, B, C, D).",
         "WxH"},
        {"count", "Number of draws (default 100000).", "N"},
        {"bins", "Histogram bins over [0, 1] (default 50).", "B"},
        {"plot", "Also write the histograms over the density: .png, .jpg or .pdf.", "file"},
    });
    if (!parseOrHelp(parser, args))
        return kExitOk;
    Params p = readParams(parser, MethodSet::All);
    readSources(parser, p);
    if (!parser.isSet("size"))
        throw UsageError("--size is required");
    std::vector<Size> sizes;
    for (const QString& v : parser.values("size"))
        sizes.push_back(toSize("--size", v));
    if (sizes.size() > 1 && int(sizes.size()) != sourceCount(p))
        throw UsageError(QString("--size: give it once, or once for each of the %1 images %2 draws from, not %3 times")
                             .arg(sourceCount(p))
                             .arg(QString::fromUtf8(p.method->title.data(), qsizetype(p.method->title.size())))
                             .arg(sizes.size()));
    const long long count =
        parser.isSet("count") ? toIntIn("--count", parser.value("count"), 1, 1'000'000'000) : 100'000;
    const int bins = parser.isSet("bins") ? int(toIntIn("--bins", parser.value("bins"), 1, 10000)) : 50;
    // A billion draws take minutes: progress, and Ctrl-C stops with nothing written.
    Progress progress("stats", std::uint64_t(count), "draws");
    gInterrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const LamStats s = asUsage(
        [&] { return lamStats(p, sizes, p.index, std::uint64_t(count), bins, &gInterrupted, std::ref(progress)); });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    progress.finish();
    if (s.count < std::uint64_t(count)) {
        std::cerr << "interrupted after " << s.count << " of " << count << " draws: nothing written\n";
        return kExitInterrupted;
    }
    std::cout << statsJson(s).dump(2) << '\n';
    if (parser.isSet("plot")) {
        if (!gPlotWriter)
            throw UsageError("--plot: this build cannot write plots");
        const fs::path out = parser.value("plot").toStdString();
        gPlotWriter(out, s, p, sizes);
        std::cerr << "wrote " << out.string() << '\n';
    }
    return kExitOk;
}

} // namespace cutmix::cli
