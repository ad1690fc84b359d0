#include "lamstats.h"

#include "error.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cutmix
{

namespace
{

void count(std::vector<std::uint64_t>& hist, double v)
{
    const int bins = int(hist.size());
    const int b = std::clamp(int(v * bins), 0, bins - 1); // 1.0 falls in the last bin
    ++hist[std::size_t(b)];
}

// The histograms and sums of what m counts.
void countFor(LamStats& s, const Method* m)
{
    s.method = m;
    const std::size_t n = m ? m->counted.size() : 0;
    s.histCounted.assign(n, std::vector<std::uint64_t>(std::size_t(s.bins), 0));
    s.sumCounted.assign(n, 0.0);
}

} // namespace

LamStats emptyStats(int bins, const Method* method)
{
    if (bins < 1 || bins > 10000)
        throw Error("a histogram has 1 to 10000 bins");
    LamStats s;
    s.bins = bins;
    s.histSampled.assign(std::size_t(bins), 0);
    s.histAdj.assign(std::size_t(bins), 0);
    s.histLam.assign(std::size_t(bins), 0);
    countFor(s, method);
    return s;
}

void addDraw(LamStats& s, const Draw& d)
{
    if (!s.method && s.count == 0)
        countFor(s, &d.method());
    else if (s.method != &d.method())
        throw Error("statistics of different methods cannot be added");
    const auto counted = s.counted();
    for (std::size_t k = 0; k < counted.size(); ++k) {
        const double v = counted[k].value(d);
        s.sumCounted[k] += v;
        count(s.histCounted[k], v);
    }
    ++s.count;
    s.sumSampled += d.lamSampled;
    s.sumAdj += d.lamAdj;
    s.sumLam += d.lam;
    s.sumAdjMinusSampled += d.lamAdj - d.lamSampled;
    if (d.method().region == Region::Box) {
        s.clipped += d.geometry.box != d.geometry.unclipped;
        s.empty += d.geometry.box.area() <= 0;
    }
    count(s.histSampled, d.lamSampled);
    count(s.histAdj, d.lamAdj);
    count(s.histLam, d.lam);
}

void addStats(LamStats& s, const LamStats& c)
{
    if (c.bins != s.bins)
        throw Error("histograms of different bins cannot be added");
    if (!s.method && s.count == 0)
        countFor(s, c.method);
    else if (c.method && s.method != c.method)
        throw Error("statistics of different methods cannot be added");
    s.count += c.count;
    s.sumSampled += c.sumSampled;
    s.sumAdj += c.sumAdj;
    s.sumLam += c.sumLam;
    s.sumAdjMinusSampled += c.sumAdjMinusSampled;
    s.clipped += c.clipped;
    s.empty += c.empty;
    for (std::size_t b = 0; b < s.histSampled.size(); ++b) {
        s.histSampled[b] += c.histSampled[b];
        s.histAdj[b] += c.histAdj[b];
        s.histLam[b] += c.histLam[b];
    }
    for (std::size_t k = 0; k < c.sumCounted.size(); ++k) {
        s.sumCounted[k] += c.sumCounted[k];
        for (std::size_t b = 0; b < s.histCounted[k].size(); ++b)
            s.histCounted[k][b] += c.histCounted[k][b];
    }
}

LamStats lamStats(const Params& p, Size size, std::uint64_t first, std::uint64_t count, int bins,
                  const std::atomic<bool>* cancel, const std::function<void(std::uint64_t)>& progress)
{
    return lamStats(p, std::vector<Size>{size}, first, count, bins, cancel, progress);
}

LamStats lamStats(const Params& p, const std::vector<Size>& given, std::uint64_t first, std::uint64_t count, int bins,
                  const std::atomic<bool>* cancel, const std::function<void(std::uint64_t)>& progress)
{
    checkParams(p);
    if (given.empty())
        throw Error("the statistics need the images' size");
    for (Size size : given)
        checkSize(size);
    LamStats s = emptyStats(bins, p.method);
    // One size is every source's; with more than two sources (multi-source
    // CutMix), B's draw is still the two-source one, the others come from
    // their own streams, and the weight is A's visible share.
    const int sources = sourceCount(p);
    std::vector<Size> sizes = given;
    if (given.size() == 1)
        sizes.assign(std::size_t(std::max(sources, 1)), given[0]);
    else if (int(given.size()) != sources)
        throw Error(std::string(p.method->title) + " draws from " + std::to_string(sources) +
                    " images: give one size, or " + std::to_string(sources) + ", not " + std::to_string(given.size()));
    for (std::uint64_t k = 0; k < count; ++k) {
        if (progress && k > 0 && (k & 0xFFFF) == 0)
            progress(k);
        if (cancel && (k & 1023) == 0 && cancel->load(std::memory_order_relaxed))
            break;
        // The draw `cutmix sample` makes for this index.
        addDraw(s, makeDraw(p, sizes, drawInputs(p.seed, first + k, p.alpha, sources)));
    }
    return s;
}

nlohmann::json statsJson(const LamStats& s)
{
    std::vector<double> edges;
    for (int b = 0; b <= s.bins; ++b)
        edges.push_back(double(b) / s.bins);
    const auto counted = s.counted();
    if (!counted.empty()) {
        nlohmann::json j{{"count", s.count}};
        nlohmann::json hist{{"edges", edges}};
        for (std::size_t k = 0; k < counted.size(); ++k) {
            const std::string key(counted[k].key);
            j["mean_" + key] = s.meanCounted(k);
            hist[key] = s.histCounted[k];
        }
        if (s.method->region == Region::Box) {
            j["p_clipped"] = s.pClipped();
            j["p_empty"] = s.pEmpty();
        }
        j["histogram"] = hist;
        return j;
    }
    return {
        {"count", s.count},
        {"mean_lam_sampled", s.meanSampled()},
        {"mean_lam_adj", s.meanAdj()},
        {"mean_lam", s.meanLam()},
        {"p_clipped", s.pClipped()},
        {"p_empty", s.pEmpty()},
        {"histogram", {{"edges", edges}, {"lam_sampled", s.histSampled}, {"lam_adj", s.histAdj}, {"lam", s.histLam}}}};
}

} // namespace cutmix
