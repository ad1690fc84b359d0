#include "gridplan.h"

#include "error.h"
#include "format.h"
#include "guard.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"
#include "record.h"
#include "sampler.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

std::string shortNumber(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// "cat 55.3 % · cup 44.7 %": A's class first, then every other class above
// the smoothing floor (what a class no source gave gets: ε/K) by weight; the
// sheet wraps them, none is left out.
std::string classShares(const std::vector<double>& label, const std::vector<std::string>& classes, int classA,
                        double smoothing)
{
    const double floor = smoothing / double(label.size());
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < label.size(); ++k)
        if (int(k) != classA && label[k] > floor + 1e-12)
            order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return label[i] > label[j]; });
    order.insert(order.begin(), static_cast<std::size_t>(classA));
    std::string text;
    for (std::size_t n = 0; n < order.size(); ++n) {
        const std::size_t k = order[n];
        text.append(n ? " · " : "").append(k < classes.size() ? classes[k] : "class " + std::to_string(k));
        text.append(" ").append(formatPercent(label[k], 1));
    }
    return text;
}

// Makes tile t from whichever source the input names; decoded images are
// kept, so a pair shown on many tiles is read once.
class TileMaker
{
public:
    TileMaker(const GridOptions& o, const GridInput& in) : o_(o), in_(in)
    {
        if (in.dataset) {
            SamplerOptions so;
            so.params = o.params;
            so.cacheBytes = std::size_t(256) << 20;
            sampler_ = std::make_unique<DatasetSampler>(*in.dataset, so);
        }
    }

    GridTile make(int t)
    {
        Params p = o_.params;
        p.index = o_.params.index + static_cast<std::uint64_t>(t);
        if (in_.hasObjects() && (!in_.pairs.empty() || sampler_))
            throw Error("objects (--boxes) go with one pair A B, not with a list of pairs or a dataset",
                        Setting::Boxes);
        if (sampler_)
            return fromDataset(p);
        if (!in_.pairs.empty()) {
            const auto& [pa, pb] = in_.pairs[static_cast<std::size_t>(t) % in_.pairs.size()];
            return fromPair(p, load(pa), load(pb), pa.string(), pb.string(), defaultLabel(pa, pb),
                            defaultLabel(pb, pa));
        }
        const cv::Mat a = in_.imageA.empty() ? load(in_.pathA) : in_.imageA;
        const cv::Mat b = in_.imageB.empty() ? load(in_.pathB) : in_.imageB;
        return fromPair(p, a, b, in_.pathA.string(), in_.pathB.string(), in_.labelA, in_.labelB);
    }

private:
    cv::Mat load(const fs::path& path)
    {
        auto it = loaded_.find(path);
        if (it == loaded_.end())
            it = loaded_.emplace(path, loadForMixing(path)).first;
        return it->second;
    }

    GridTile fromPair(const Params& p, const cv::Mat& a, const cv::Mat& b, const std::string& pathA,
                      const std::string& pathB, const std::string& labelA, const std::string& labelB)
    {
        if (sourceCount(p) > 2)
            throw Error("a grid of pairs mixes two images; take more sources from a dataset (--dataset)",
                        Setting::Sources);
        GridTile tile;
        tile.draw = sampleDraw(p, sizeOf(a), sizeOf(b));
        const NamedPair named = namePair(labelA, labelB, p.numClasses, p.smoothing);
        // The draw is fitted to the objects where its method asks
        // (Ultralytics' CutMix), as `cutmix mix --boxes` does.
        if (in_.hasObjects())
            tile.objects = carryAndJudge(tile.draw, objectsOf(a, b, pathA, pathB));
        SampleInfo info = namedPairInfo(pathA, pathB, named, tile.draw);
        if (in_.hasObjects()) {
            info.objects = tile.objects;
            info.boxRule = in_.keepRule().name;
        }
        finishTile(tile, prepareSources({a, b}, p.resize), named.classes, info);
        if (in_.hasObjects())
            tile.caption1 += "   " + keptCount(tile.objects);
        return tile;
    }

    GridTile fromDataset(const Params& p)
    {
        const DatasetSample s = sampler_->sample(p.index);
        GridTile tile;
        tile.draw = s.draw;
        SampleInfo info = s.info;
        info.classes = in_.dataset->classes;
        std::vector<cv::Mat> prepared = DatasetSampler::prepared(s);
        if (prepared.size() < 2) // Cutout reads A only; the sheet shows A beside itself
            prepared.push_back(prepared.front());
        finishTile(tile, prepared, info.classes, info);
        return tile;
    }

    // The result, A and B when shown, the record and the two caption lines:
    // the sample index with A's pixel share, and the classes by weight.
    void finishTile(GridTile& tile, const std::vector<cv::Mat>& prepared, const std::vector<std::string>& classes,
                    const SampleInfo& info)
    {
        tile.labelA = classes.at(std::size_t(info.a.classIndex));
        tile.labelB = classes.at(std::size_t(info.b.classIndex));
        tile.label = info.label;
        tile.record = sampleRecord(tile.draw, info);
        tile.mixed = mixDraw(prepared, tile.draw);
        if (o_.sides) {
            tile.a = prepared[0];
            tile.b = prepared[1];
        }
        tile.caption1 = std::string("#").append(std::to_string(tile.draw.params.index)).append("   λ_adj ");
        tile.caption1 += formatFixed(tile.draw.lamAdj, 3);
        tile.caption2 = classShares(tile.label, classes, info.a.classIndex, tile.draw.params.smoothing);
    }

    // The pair's objects, read once (the same pair is on every tile).
    const ObjectInput& objectsOf(const cv::Mat& a, const cv::Mat& b, const std::string& pathA, const std::string& pathB)
    {
        if (!objects_)
            objects_ = readObjectInput(in_, {sizeOf(a), sizeOf(b)}, {pathA, pathB}, o_.params.numClasses);
        return *objects_;
    }

    const GridOptions& o_;
    const GridInput& in_;
    std::optional<ObjectInput> objects_;
    std::unique_ptr<DatasetSampler> sampler_;
    std::map<fs::path, cv::Mat> loaded_;
};

std::string gridTitle(const GridOptions& o)
{
    const Params& q = o.params;
    const std::uint64_t last = q.index + static_cast<std::uint64_t>(o.rows * o.cols) - 1;
    const std::string method =
        q.method->isConvention() ? "CutMix · " + std::string(q.method->name) : std::string(q.method->family);
    std::string t = method + " · α = " + shortNumber(q.alpha) + " · seed " + std::to_string(q.seed) + " · samples " +
                    std::to_string(q.index) + "–" + std::to_string(last);
    if (q.method->hasCorrectionSwitch() && effectiveCorrection(q) != q.method->correctsByDefault)
        t += effectiveCorrection(q) ? " · λ corrected (set by hand)" : " · drawn λ (set by hand)";
    if (q.smoothing > 0)
        t += " · smoothing " + shortNumber(q.smoothing);
    return t;
}

} // namespace

void checkGridOptions(const GridOptions& o)
{
    if (o.rows < 1 || o.cols < 1 || o.rows * o.cols > 10000)
        throw Error("a grid needs 1 to 10000 tiles (rows x cols)");
    if (o.tile < 16 || o.tile > 4096)
        throw Error("the tile size must be between 16 and 4096 pixels");
    checkParams(o.params);
    // The sheet is an image like any other: the readers' limit holds for it.
    const std::uint64_t pixels = std::uint64_t(o.rows) * std::uint64_t(o.cols) * std::uint64_t(o.tile) *
                                 std::uint64_t(o.tile) * (o.sides ? 3 : 1);
    if (pixels > maxImagePixels())
        throw Error("the grid would be larger than " + std::to_string(maxImagePixels() / 1'000'000) +
                    " megapixels (set CUTMIX_MAX_PIXELS to allow more); use fewer or smaller tiles");
}

namespace
{

std::uint64_t bytesOf(const cv::Mat& m)
{
    return std::uint64_t(m.total()) * m.elemSize();
}

} // namespace

namespace
{

GridPlan makePlan(const GridOptions& o, const GridInput& in, const std::function<bool(int, int)>& progress)
{
    checkGridOptions(o);
    GridPlan plan;
    plan.options = o;
    plan.title = gridTitle(o);
    TileMaker maker(o, in);
    const int total = o.rows * o.cols;
    std::uint64_t held = 0;
    for (int t = 0; t < total; ++t) {
        if (progress && !progress(t, total)) {
            plan.cancelled = true;
            return plan;
        }
        plan.tiles.push_back(maker.make(t));
        const GridTile& tile = plan.tiles.back();
        held += bytesOf(tile.mixed) + bytesOf(tile.a) + bytesOf(tile.b);
        // The tiles so far tell what all of them will hold (from the first
        // tile of a pair, exactly): stop before memory runs out, not after.
        const std::uint64_t projected = held / std::uint64_t(t + 1) * std::uint64_t(total);
        if (projected > maxSheetImageBytes())
            throw Error("the grid's " + std::to_string(total) + " tiles would hold about " +
                        std::to_string(projected >> 20) + " MiB of images (each result at its images' size, " +
                        std::to_string(tile.mixed.cols) + "x" + std::to_string(tile.mixed.rows) +
                        (o.sides ? ", with A and B beside it" : "") + "), more than the limit of " +
                        std::to_string(maxSheetImageBytes() >> 20) +
                        " MiB (twice CUTMIX_MAX_PIXELS); use fewer tiles or smaller images");
    }
    return plan;
}

} // namespace

GridPlan planGrid(const GridOptions& o, const GridInput& in, const std::function<bool(int, int)>& progress)
{
    return withCoreErrors("making the grid", [&] { return makePlan(o, in, progress); });
}

PairList loadPairList(const fs::path& listFile)
{
    std::ifstream in(listFile);
    if (!in)
        throw Error(quotePath(listFile) + ": cannot open the list of pairs");
    const fs::path root = fs::absolute(listFile).parent_path();
    PairList pairs;
    std::string line;
    int lineNo = 0;
    auto resolve = [&](std::string p) {
        p.erase(0, p.find_first_not_of(" \t\r"));
        p.erase(p.find_last_not_of(" \t\r") + 1);
        return fs::path(p).is_absolute() ? fs::path(p) : root / p;
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[line.find_first_not_of(" \t")] == '#')
            continue;
        const auto comma = line.find(',');
        if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos)
            throw Error(quotePath(listFile) + " line " + std::to_string(lineNo) + ": expected 'pathA,pathB'");
        pairs.emplace_back(resolve(line.substr(0, comma)), resolve(line.substr(comma + 1)));
    }
    if (pairs.empty())
        throw Error(quotePath(listFile) + ": the list holds no pairs");
    return pairs;
}

} // namespace cutmix
