// Whole numbers read from JSON (presets, run.json, the part files of an
// export) without ever converting a float out of an integer's range: nlohmann
// converts {"seed": 5.55e69} to an integer with a plain cast, which is
// undefined behaviour. Every reader of outside JSON takes its counts,
// indices and sizes through these.
#pragma once

#include "setting.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace cutmix
{

// j's value when it is an integer in JSON (not a float) within [lo, hi].
std::optional<std::uint64_t> jsonUnsigned(const nlohmann::json& j, std::uint64_t lo, std::uint64_t hi);
std::optional<std::int64_t> jsonInteger(const nlohmann::json& j, std::int64_t lo, std::int64_t hi);

// object[key] as a whole number within [lo, hi]; throws cutmix::Error
// naming the key, the range and the value found (about `setting`) when it
// is missing, not a whole number, or out of range.
std::uint64_t wholeAt(const nlohmann::json& object, std::string_view key, std::uint64_t lo, std::uint64_t hi,
                      Setting setting = Setting::None);
// The same with a default for a missing key (or null).
std::uint64_t wholeAt(const nlohmann::json& object, std::string_view key, std::uint64_t lo, std::uint64_t hi,
                      std::uint64_t fallback, Setting setting = Setting::None);

} // namespace cutmix
