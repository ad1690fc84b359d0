// The audit of Mosaic samples (auditmosaic.h): where the pixels put each
// tile, found by placing the four tiles as _mosaic4 does (mosaic.h) around
// every centre the canvas allows, and the tiles' boxes carried there and
// judged by the batch audit's function (auditcarry.h).
#include "auditmosaic.h"

#include "auditcarry.h"
#include "auditphrases.h"
#include "format.h"
#include "keeprules.h"
#include "mosaic.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace cutmix
{

namespace
{

constexpr std::string_view kPlaced = "Mosaic: the tiles placed around the centre ({xc}, {yc}): top left {t0}, top "
                                     "right {t1}, bottom left {t2}, bottom right {t3}";
constexpr std::string_view kOtherCentres =
    "; {count} centres reproduce the pixels, and the boxes are judged at the one that flags fewest";
constexpr std::string_view kNoCentre = "Mosaic: no centre places the four tiles as _mosaic4 does to give these pixels: "
                                       "unexplained; the boxes cannot be judged";
constexpr std::string_view kTooMany = "Mosaic: more than {most} centres reproduce the pixels (flat tiles): "
                                      "unexplained; the boxes cannot be judged";
constexpr std::string_view kSummary =
    "Mosaic samples: {n}; {agree} agree, {flagged} flagged, {unexplained} unexplained; min visibility {min}";
constexpr std::string_view kPhrases[] = {kPlaced, kOtherCentres, kNoCentre, kTooMany, kSummary};

// How many bytes the search compares in all, in canvases: a canvas of flat
// tiles matches nearly everywhere, and its search ends here.
constexpr std::size_t kCompareBudget = 256;

std::string regionText(const Box& b)
{
    if (b.area() <= 0)
        return "nothing";
    return "[" + std::to_string(b.x1) + ", " + std::to_string(b.x2) + ") × [" + std::to_string(b.y1) + ", " +
           std::to_string(b.y2) + ")";
}

std::array<Geometry, 4> placement(const std::array<cv::Mat, 4>& tiles, Point c, int s)
{
    std::array<Geometry, 4> g;
    for (int k = 0; k < 4; ++k)
        g[std::size_t(k)] = mosaicTile(k, {tiles[std::size_t(k)].cols, tiles[std::size_t(k)].rows}, c.x, c.y, s);
    return g;
}

auditcarry::Judged judgeAt(const MosaicSample& m, const std::array<Geometry, 4>& tiles, double minVisibility)
{
    auditcarry::Reading reading;
    std::vector<auditcarry::Source> sources;
    for (int k = 0; k < 4; ++k) {
        reading.views.push_back(mosaicView(tiles[std::size_t(k)]));
        sources.push_back({k, &m.boxes[std::size_t(k)].objects, m.segments[std::size_t(k)]});
    }
    // A box no object explains is compared with the tiles' boxes where they
    // lay in their tiles: a tile whose boxes were not moved.
    return auditcarry::judge({reading}, sources, std::nullopt, m.after.objects, {m.mosaic.cols, m.mosaic.rows}, sources,
                             auditphrases::kTileNotMoved, minVisibility);
}

MosaicAudit judgeSample(const MosaicSample& m, int index, const MosaicCentres& found, double minVisibility)
{
    MosaicAudit a;
    a.index = index;
    a.centres = found.centres;
    a.tooManyCentres = found.more;
    if (a.centres.empty() || a.tooManyCentres) {
        a.verdict = Verdict::Unexplained;
        if (a.tooManyCentres)
            a.explanation.push_back({kTooMany, {{"most", std::to_string(kMaxMosaicCentres)}}});
        else
            a.explanation.push_back({kNoCentre});
        for (std::size_t b = 0; b < m.after.objects.size(); ++b) {
            AuditObject o;
            o.classIndex = m.after.objects[b].classIndex;
            o.afterIndex = int(b);
            o.after = m.after.objects[b].box;
            o.status = "not-judged";
            a.objects.push_back(std::move(o));
        }
        return a;
    }
    const int s = m.mosaic.cols / 2;
    std::optional<auditcarry::Judged> best;
    std::size_t bestCentre = 0;
    for (std::size_t c = 0; c < a.centres.size(); ++c) {
        auditcarry::Judged j = judgeAt(m, placement(m.tiles, a.centres[c], s), minVisibility);
        if (!best || j.flagged < best->flagged) {
            best = std::move(j);
            bestCentre = c;
        }
        if (best->flagged == 0)
            break;
    }
    const Point centre = a.centres[bestCentre];
    a.tiles = placement(m.tiles, centre, s);
    a.objects = std::move(best->objects);
    a.explanation.push_back({kPlaced,
                             {{"xc", std::to_string(centre.x)},
                              {"yc", std::to_string(centre.y)},
                              {"t0", regionText(a.tiles[0].box)},
                              {"t1", regionText(a.tiles[1].box)},
                              {"t2", regionText(a.tiles[2].box)},
                              {"t3", regionText(a.tiles[3].box)}}});
    if (a.centres.size() > 1)
        a.explanation.push_back({kOtherCentres, {{"count", std::to_string(a.centres.size())}}});
    if (best->flagged > 0) {
        a.verdict = Verdict::Flagged;
        a.cause = auditcarry::flagPhrases(a.objects, minVisibility, true, a.explanation);
        // A tile's boxes not moved explain the rest: its objects without boxes.
        for (const AuditObject& o : a.objects)
            if (o.cause == auditphrases::kTileNotMoved)
                a.cause = o.cause;
    }
    return a;
}

std::string pointText(Point p)
{
    return "(" + std::to_string(p.x) + ", " + std::to_string(p.y) + ")";
}

} // namespace

std::span<const std::string_view> auditphrases::mosaic()
{
    return kPhrases;
}

std::vector<Point> mosaicCentres(const std::array<cv::Mat, 4>& tiles, const cv::Mat& mosaic, std::size_t most,
                                 bool* more)
{
    if (more)
        *more = false;
    std::vector<Point> out;
    const int side = mosaic.cols, s = side / 2;
    if (mosaic.rows != side || side % 2 != 0 || side < 2)
        return out;
    for (const cv::Mat& t : tiles)
        if (t.empty() || t.type() != mosaic.type())
            return out;
    const std::size_t bytes = mosaic.elemSize();
    // The pixel of each tile next to the centre, and where it lands relative
    // to (xc, yc): every tile shows it for a centre inside the canvas.
    struct Anchor {
        const unsigned char* pixel;
        int dx, dy;
    };
    const std::array<Anchor, 4> anchors{{
        {tiles[0].ptr(tiles[0].rows - 1, tiles[0].cols - 1), -1, -1},
        {tiles[1].ptr(tiles[1].rows - 1, 0), 0, -1},
        {tiles[2].ptr(0, tiles[2].cols - 1), -1, 0},
        {tiles[3].ptr(0, 0), 0, 0},
    }};
    const std::size_t budget = kCompareBudget * mosaic.total() * bytes;
    std::size_t compared = 0;
    for (int yc = 1; yc < side; ++yc)
        for (int xc = 1; xc < side; ++xc) {
            bool candidate = true;
            for (const Anchor& a : anchors)
                if (std::memcmp(mosaic.ptr(yc + a.dy, xc + a.dx), a.pixel, bytes) != 0) {
                    candidate = false;
                    break;
                }
            if (!candidate)
                continue;
            bool same = true;
            for (int k = 0; k < 4 && same; ++k) {
                const cv::Mat& t = tiles[std::size_t(k)];
                const Geometry g = mosaicTile(k, {t.cols, t.rows}, xc, yc, s);
                const std::size_t row = std::size_t(g.box.width()) * bytes;
                for (int y = g.box.y1; y < g.box.y2 && same; ++y) {
                    same = std::memcmp(mosaic.ptr(y, g.box.x1), t.ptr(y - g.unclipped.y1, g.box.x1 - g.unclipped.x1),
                                       row) == 0;
                    compared += row;
                }
            }
            if (same) {
                if (out.size() == most) {
                    if (more)
                        *more = true;
                    return out;
                }
                out.push_back({xc, yc});
            }
            if (compared > budget) {
                if (more)
                    *more = true;
                return out;
            }
        }
    return out;
}

std::vector<MosaicCentres> findMosaicCentres(const MosaicDump& dump, const AuditControl& control)
{
    const std::size_t n = dump.samples.size();
    std::vector<MosaicCentres> out(n);
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < n;) {
            if (control.cancel && control.cancel->load())
                return;
            const MosaicSample& m = dump.samples[i];
            out[i].centres = mosaicCentres(m.tiles, m.mosaic, kMaxMosaicCentres, &out[i].more);
            const int d = ++done;
            if (control.progress)
                control.progress(d, int(n));
        }
    };
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                        std::max<std::size_t>(1, std::min<std::size_t>(8, n)));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (control.cancel && control.cancel->load())
        throw AuditCancelled();
    return out;
}

MosaicReport judgeMosaic(const MosaicDump& dump, const std::vector<MosaicCentres>& centres, double minVisibility)
{
    if (!(minVisibility >= 0 && minVisibility <= 1))
        throw Error("the minimum visibility must be in [0, 1]");
    if (centres.size() != dump.samples.size())
        throw Error("judgeMosaic: " + std::to_string(centres.size()) + " lists of centres for " +
                    std::to_string(dump.samples.size()) + " samples");
    MosaicReport r;
    r.minVisibility = minVisibility;
    for (std::size_t i = 0; i < dump.samples.size(); ++i) {
        r.samples.push_back(judgeSample(dump.samples[i], int(i), centres[i], minVisibility));
        const Verdict v = r.samples.back().verdict;
        r.agree += v == Verdict::Agree;
        r.flagged += v == Verdict::Flagged;
        r.unexplained += v == Verdict::Unexplained;
    }
    return r;
}

MosaicReport auditMosaic(const MosaicDump& dump, double minVisibility, const AuditControl& control)
{
    return judgeMosaic(dump, findMosaicCentres(dump, control), minVisibility);
}

nlohmann::json mosaicJson(const MosaicReport& r, const MosaicDump& dump)
{
    using nlohmann::json;
    json samples = json::array();
    for (const MosaicAudit& a : r.samples) {
        const MosaicSample& m = dump.samples[std::size_t(a.index)];
        json centres = json::array();
        for (const Point& c : a.centres)
            centres.push_back({c.x, c.y});
        json tiles = json::array();
        for (int k = 0; k < 4; ++k) {
            json t{{"size", {m.tiles[std::size_t(k)].cols, m.tiles[std::size_t(k)].rows}},
                   {"given", {m.given[std::size_t(k)].width, m.given[std::size_t(k)].height}}};
            if (!a.centres.empty() && !a.tooManyCentres) {
                const Geometry& g = a.tiles[std::size_t(k)];
                t["shows"] = {g.box.x1, g.box.y1, g.box.x2, g.box.y2};
                t["offset"] = {g.unclipped.x1, g.unclipped.y1};
            }
            tiles.push_back(t);
        }
        json j{{"index", a.index},
               {"name", m.name},
               {"centres", centres},
               {"more_centres", a.tooManyCentres},
               {"tiles", tiles},
               {"verdict", verdictName(a.verdict)},
               {"cause", a.cause.empty() ? json(nullptr) : json(a.cause)},
               {"explanation", phraseText(a.explanation)},
               {"objects", auditcarry::objectsJson(a.objects)}};
        samples.push_back(j);
    }
    return {{"kind", "mosaic"},
            {"samples", samples},
            {"summary",
             {{"samples", r.samples.size()},
              {"agree", r.agree},
              {"flagged", r.flagged},
              {"unexplained", r.unexplained},
              {"min_visibility", r.minVisibility},
              {"dtype", dumpTypeName(dump.type)}}}};
}

std::string mosaicSummaryLine(const MosaicReport& r, const DescribeContext& context)
{
    return phraseText(Phrase{kSummary,
                             {{"n", std::to_string(r.samples.size())},
                              {"agree", std::to_string(r.agree)},
                              {"flagged", std::to_string(r.flagged)},
                              {"unexplained", std::to_string(r.unexplained)},
                              {"min", percentText(r.minVisibility)}}},
                      context);
}

std::string mosaicTable(const MosaicReport& r, const MosaicDump& dump)
{
    std::ostringstream out;
    out << "index  name          centre        verdict      cause\n";
    auto pad = [](std::string s, std::size_t w) {
        return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' ');
    };
    for (const MosaicAudit& a : r.samples) {
        const bool judged = !a.centres.empty() && !a.tooManyCentres;
        out << pad(std::to_string(a.index), 7) << pad(dump.samples[std::size_t(a.index)].name, 14)
            << pad(judged ? pointText(a.tiles[0].center.value_or(Point{})) : "-", 14)
            << pad(std::string(verdictName(a.verdict)), 13) << (a.cause.empty() ? "-" : a.cause) << '\n';
        if (a.verdict != Verdict::Agree)
            out << "       " << phraseText(a.explanation) << '\n';
        out << "       " << auditcarry::objectSummary(a.objects, judged) << '\n';
    }
    out << mosaicSummaryLine(r) << '\n';
    return out.str();
}

} // namespace cutmix
