// cutmix box: the exact box and weight for given inputs, no randomness.
#include "args.h"
#include "commands.h"
#include "constants.h"
#include "draw.h"
#include "error.h"
#include "format.h"
#include "method.h"
#include "record.h"

#include <QCommandLineParser>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cutmix::cli
{

namespace
{

using nlohmann::json;

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
    return m.boxOf(size, lam, at, BoxCut::of(cut));
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
        g = asUsage([&] { return p.method->boxOf(size, lam, {given}, BoxCut::of(cut)); });
    }
    RandomInputs in;
    in.lam = lam;
    std::cout << boxRecord(recordDraw(p, size, size, in, g)).dump(2) << '\n';
    return kExitOk;
}

} // namespace cutmix::cli
