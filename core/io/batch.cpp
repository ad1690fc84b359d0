#include "batch.h"

#include "constants.h"
#include "dataset.h"
#include "enumnames.h"
#include "error.h"
#include "labels.h"
#include "mixer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace cutmix
{

namespace
{

constexpr int kMaxBatch = 4096;

Draw unitDraw(const BatchSettings& s, const Decision& decision, std::uint64_t drawIndex, Size size)
{
    Params p;
    p.seed = s.seed;
    p.index = drawIndex;
    p.setChoice(Setting::Rounding, s.rounding);
    p.alpha = decision.alpha;
    if (!decision.cutmix) {
        p.method = &methodNamed("mixup");
    } else if (s.cutmixMinmax) {
        // timm sets cutmix_alpha = 1.0 with cutmix_minmax; the cut is drawn directly.
        p.method = &methodNamed("timm-minmax");
        p.setRange(Setting::MinMax, *s.cutmixMinmax);
    } else {
        p.method = &methodNamed("official");
        p.correctLam = s.recipe->corrects(s);
    }
    return sampleDraw(p, size, size);
}

int unitOf(BatchMode mode, int i, int n)
{
    switch (mode) {
    case BatchMode::Batch:
        return 0;
    case BatchMode::Pair:
        return std::min(i, n - 1 - i);
    case BatchMode::Elem:
        return i;
    }
    return 0;
}

} // namespace

BatchSettings recipeDefaults(const Recipe& r)
{
    BatchSettings s;
    static_cast<RecipeValues&>(s) = r.defaults;
    s.recipe = &r;
    return s;
}

void checkBatchSettings(const BatchSettings& s, int n)
{
    if (n < 1 || n > kMaxBatch)
        throw Error("a batch has 1 to " + std::to_string(kMaxBatch) + " images (got " + std::to_string(n) + ")",
                    Setting::BatchSize);
    checkRecipeValues(*s.recipe, s);
    if (s.partner)
        checkParamValue(recipeSpec(Setting::Partner), recipeValue(s, Setting::Partner));
    if (s.recipe->evenBatch && n % 2 != 0)
        throw Error(std::string(s.recipe->title) + " refuses an odd batch (assert len(x) % 2 == 0); " +
                        std::to_string(n) + " images were given",
                    Setting::BatchSize);
}

BatchDraw drawBatch(const BatchSettings& given, int n, Size size)
{
    checkBatchSettings(given, n);
    BatchSettings s = given;
    static_cast<RecipeValues&>(s) = s.recipe->effective(given);
    checkSize(size);
    BatchDraw b;
    b.settings = s;
    b.n = n;
    b.size = size;
    b.labelRule = s.recipe->partner;
    b.pixelRule = s.partner.value_or(b.labelRule);
    const auto labelPartners = partnerMap(b.labelRule, n, s.seed, s.batch);
    const auto pixelPartners = partnerMap(b.pixelRule, n, s.seed, s.batch);
    const BatchMode mode = s.recipe->mode(s);

    struct Unit {
        Decision decision;
        Draw draw;
    };
    std::map<int, Unit> units;
    b.elements.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        BatchElement& e = b.elements[std::size_t(i)];
        e.selfIndex = i;
        e.partner = pixelPartners[std::size_t(i)];
        e.labelPartner = labelPartners[std::size_t(i)];
        e.unit = unitOf(mode, i, n);
        auto found = units.find(e.unit);
        if (found == units.end()) {
            const std::uint64_t drawIndex = s.batch * std::uint64_t(n) + std::uint64_t(e.unit);
            SeededSource source(s.seed, drawIndex);
            Unit u;
            u.decision = s.recipe->decide(s, source);
            if (u.decision.mix)
                u.draw = unitDraw(s, u.decision, drawIndex, size);
            found = units.emplace(e.unit, u).first;
        }
        e.mixed = found->second.decision.mix;
        if (e.mixed) {
            e.draw = found->second.draw;
            e.lam = e.draw.weights.at(0);
        }
    }
    return b;
}

std::vector<cv::Mat> prepareBatch(const std::vector<cv::Mat>& images, Size size)
{
    checkSize(size);
    std::vector<cv::Mat> out;
    out.reserve(images.size());
    for (const cv::Mat& m : images) {
        if (m.empty())
            throw Error("an image of the batch is empty");
        out.push_back(resizedTo(convertLike(m, images.front().depth(), images.front().channels()), size));
    }
    return out;
}

void mixBatchInto(const std::vector<cv::Mat>& prepared, const BatchDraw& b, std::vector<cv::Mat>& out)
{
    if (int(prepared.size()) != b.n)
        throw Error("the batch has " + std::to_string(prepared.size()) + " images but its draw is for " +
                    std::to_string(b.n));
    out.resize(prepared.size());
    for (int i = 0; i < b.n; ++i) {
        const BatchElement& e = b.elements[std::size_t(i)];
        cv::Mat& o = out[std::size_t(i)];
        if (!e.mixed)
            prepared[std::size_t(i)].copyTo(o);
        else
            mixDrawInto({prepared[std::size_t(i)], prepared[std::size_t(e.partner)]}, e.draw, o);
    }
}

std::vector<cv::Mat> mixBatch(const std::vector<cv::Mat>& prepared, const BatchDraw& b)
{
    std::vector<cv::Mat> out;
    mixBatchInto(prepared, b, out);
    return out;
}

std::vector<double> batchTargets(const BatchDraw& b, const std::vector<int>& classes, int numClasses)
{
    if (int(classes.size()) != b.n)
        throw Error("the batch has " + std::to_string(b.n) + " elements but " + std::to_string(classes.size()) +
                        " classes were given",
                    Setting::NumClasses);
    const double smoothing = b.settings.recipe->targetSmoothing(b.settings);
    std::vector<double> t;
    t.reserve(std::size_t(b.n) * std::size_t(std::max(numClasses, 0)));
    for (int i = 0; i < b.n; ++i) {
        const BatchElement& e = b.elements[std::size_t(i)];
        const int own = classes[std::size_t(i)];
        const std::vector<double> row = e.mixed ? mixedLabel(numClasses, {own, classes[std::size_t(e.labelPartner)]},
                                                             {e.lam, 1.0 - e.lam}, smoothing)
                                                : mixedLabel(numClasses, {own}, {1.0}, smoothing);
        t.insert(t.end(), row.begin(), row.end());
    }
    return t;
}

std::string_view elementMethod(const BatchElement& e)
{
    return e.mixed ? e.draw.method().title : std::string_view("none");
}

} // namespace cutmix
