// What alpha does to the distribution of the weight, not to one draw: many
// draws of one method and convention at one image size (the same draws as
// `cutmix sample` for the same seed: indices first .. first + count - 1),
// summarised as means, the chance that the box is clipped or empty, and
// histograms of the sampled lam, of lam_adj (A's true share of the pixels)
// and of the weight the convention reports; for a method that samples no
// lam, of what its entry counts instead (Method::counted: Mosaic's tiles'
// shares, Cutout's erased share).
#pragma once

#include "draw.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

namespace cutmix
{

struct LamStats {
    std::uint64_t count = 0;
    double sumSampled = 0, sumAdj = 0, sumLam = 0;
    double sumAdjMinusSampled = 0; // the clipping bias of centre-based boxes
    std::uint64_t clipped = 0;     // the box reached outside the image and was cut back
    std::uint64_t empty = 0;       // the box has no pixel
    int bins = 50;                 // over [0, 1]
    std::vector<std::uint64_t> histSampled, histAdj, histLam;
    // The method's own numbers (method->counted), each a histogram and a sum;
    // set by the first draw added (or emptyStats).
    const Method* method = nullptr;
    std::vector<std::vector<std::uint64_t>> histCounted;
    std::vector<double> sumCounted;

    // What the method counts instead of lam (empty: lam).
    std::span<const CountedNumber> counted() const
    {
        return method ? method->counted : std::span<const CountedNumber>{};
    }
    double meanCounted(std::size_t k) const { return count ? sumCounted.at(k) / double(count) : 0.0; }

    double meanSampled() const { return count ? sumSampled / double(count) : 0.0; }
    double meanAdj() const { return count ? sumAdj / double(count) : 0.0; }
    double meanLam() const { return count ? sumLam / double(count) : 0.0; }
    double meanBias() const { return count ? sumAdjMinusSampled / double(count) : 0.0; }
    double pClipped() const { return count ? double(clipped) / double(count) : 0.0; }
    double pEmpty() const { return count ? double(empty) / double(count) : 0.0; }
};

// No draws yet, for the draws of `method` (null: whatever is added first).
LamStats emptyStats(int bins, const Method* method = nullptr);
// Adds one draw.
void addDraw(LamStats& s, const Draw& d);
// Adds the next chunk to `s` (chunks added in index order give the same sums
// as one call).
void addStats(LamStats& s, const LamStats& chunk);

// The draws of p (its method, convention, alpha and seed) for indices
// [first, first + count) on sources of `sizes` (one size: every source;
// else one per source, as Mosaic's four images). Stops early, returning
// what it has, when `cancel` becomes true; `progress` hears how many draws
// are counted every 65,536 draws. Throws cutmix::Error for bad parameters.
LamStats lamStats(const Params& p, const std::vector<Size>& sizes, std::uint64_t first, std::uint64_t count,
                  int bins = 50, const std::atomic<bool>* cancel = nullptr,
                  const std::function<void(std::uint64_t done)>& progress = {});
LamStats lamStats(const Params& p, Size size, std::uint64_t first, std::uint64_t count, int bins = 50,
                  const std::atomic<bool>* cancel = nullptr,
                  const std::function<void(std::uint64_t done)>& progress = {});

// {"count", "mean_lam_sampled", "mean_lam_adj", "mean_lam", "p_clipped",
//  "p_empty", "histogram": {"edges", "lam_sampled", "lam_adj", "lam"}};
// for a method that counts its own numbers: {"count", "mean_<key>" for each,
// "p_clipped" and "p_empty" where it places a box, "histogram": {"edges",
// "<key>" for each}}.
nlohmann::json statsJson(const LamStats& s);

} // namespace cutmix
