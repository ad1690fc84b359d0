// Every setting a user can give, named once. A setting is a draw's parameter
// (alpha, FMix's decay, ...), a recipe's (timm's switch_prob, ...), or one of
// a command's (the size of an export, ...). Its key is the name it has in
// JSON (presets, records, run.json); each front end derives its own words
// from the key: the command line's flag (--cutout-size for cutout_size), the
// window's control. Core errors carry the setting they are about
// (error.h), never a flag.
#pragma once

#include <string_view>

namespace cutmix
{

enum class Setting {
    None,
    // A draw's parameters (params.h: their table).
    Method,
    Convention,
    Alpha,
    CorrectLam,
    MinMax,
    Sources,
    Scale,
    Decay,
    CutoutSize,
    Fill,
    FillValue,
    Rounding,
    MosaicSize,
    NumAreas,
    Resize,
    Smoothing,
    NumClasses,
    Seed,
    Index,
    // A batch recipe's settings (recipes.h).
    Recipe,
    MixupAlpha,
    CutmixAlpha,
    Prob,
    SwitchProb,
    Mode,
    CutmixMinmax,
    Partner,
    BatchSize,
    Batch,
    NumpySeed,
    Iterations,
    Start,
    // The inputs and outputs of commands.
    Lam,
    Size,
    Count,
    Quality,
    Format,
    Shard,
    Layout,
    ShardSamples,
    Output,
    // Objects (boxes and masks) carried through a mix: their files and the
    // rules that keep or drop them (keeprules.h).
    Boxes,
    BoxFormat,
    Masks,
    BoxRule,
    WhThr,
    ArThr,
    AreaThr,
    IoaThr,
    MinVisibility,
    MinArea,
    MinWidth,
    MinHeight,
    MinSize,
    // The output folder holds something else; exporting into it anyway is
    // the user's explicit choice.
    ForceOutput,
    // An unreadable image stopped a strict run.
    Strict,
    Count_ // the number of settings
};

constexpr int kSettingCount = static_cast<int>(Setting::Count_);

// The JSON key of a setting ("cutout_size"); empty for None, ForceOutput and
// Strict, which are states rather than values.
std::string_view settingKey(Setting s);

} // namespace cutmix
