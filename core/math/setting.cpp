#include "setting.h"

#include <array>
#include <utility>

namespace cutmix
{

namespace
{

// In the order of the enum; a test checks that every setting has its key.
constexpr std::array<std::pair<Setting, std::string_view>, kSettingCount> kKeys{{
    {Setting::None, ""},
    {Setting::Method, "method"},
    {Setting::Convention, "convention"},
    {Setting::Alpha, "alpha"},
    {Setting::CorrectLam, "correct_lam"},
    {Setting::MinMax, "minmax"},
    {Setting::Sources, "sources"},
    {Setting::Scale, "scale"},
    {Setting::Decay, "decay"},
    {Setting::CutoutSize, "cutout_size"},
    {Setting::Fill, "fill"},
    {Setting::FillValue, "fill_value"},
    {Setting::Rounding, "rounding"},
    {Setting::MosaicSize, "mosaic_size"},
    {Setting::NumAreas, "num_areas"},
    {Setting::Resize, "resize"},
    {Setting::Smoothing, "smoothing"},
    {Setting::NumClasses, "num_classes"},
    {Setting::Seed, "seed"},
    {Setting::Index, "index"},
    {Setting::Recipe, "recipe"},
    {Setting::MixupAlpha, "mixup_alpha"},
    {Setting::CutmixAlpha, "cutmix_alpha"},
    {Setting::Prob, "prob"},
    {Setting::SwitchProb, "switch_prob"},
    {Setting::Mode, "mode"},
    {Setting::CutmixMinmax, "cutmix_minmax"},
    {Setting::Partner, "partner"},
    {Setting::BatchSize, "batch_size"},
    {Setting::Batch, "batch"},
    {Setting::NumpySeed, "numpy_seed"},
    {Setting::Iterations, "iterations"},
    {Setting::Start, "start"},
    {Setting::Lam, "lam"},
    {Setting::Size, "size"},
    {Setting::Count, "count"},
    {Setting::Quality, "quality"},
    {Setting::Format, "format"},
    {Setting::Shard, "shard"},
    {Setting::Layout, "layout"},
    {Setting::ShardSamples, "shard_samples"},
    {Setting::Output, "output"},
    {Setting::Boxes, "boxes"},
    {Setting::BoxFormat, "box_format"},
    {Setting::Masks, "masks"},
    {Setting::BoxRule, "box_rule"},
    {Setting::WhThr, "wh_thr"},
    {Setting::ArThr, "ar_thr"},
    {Setting::AreaThr, "area_thr"},
    {Setting::IoaThr, "ioa_thr"},
    {Setting::MinVisibility, "min_visibility"},
    {Setting::MinArea, "min_area"},
    {Setting::MinWidth, "min_width"},
    {Setting::MinHeight, "min_height"},
    {Setting::MinSize, "min_size"},
    {Setting::ForceOutput, ""},
    {Setting::Strict, ""},
}};

constexpr bool keysInOrder()
{
    for (int i = 0; i < kSettingCount; ++i)
        if (static_cast<int>(kKeys[std::size_t(i)].first) != i)
            return false;
    return true;
}
static_assert(keysInOrder(), "kKeys must list the settings in the order of the enum");

} // namespace

std::string_view settingKey(Setting s)
{
    const int i = static_cast<int>(s);
    return i >= 0 && i < kSettingCount ? kKeys[std::size_t(i)].second : std::string_view();
}

} // namespace cutmix
