// cutmix sample: the seeded draws as CSV.
#include "args.h"
#include "commands.h"
#include "constants.h"
#include "draw.h"
#include "error.h"
#include "format.h"

#include <QCommandLineParser>
#include <iostream>

namespace cutmix::cli
{

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

} // namespace cutmix::cli
