#include "jsonnumber.h"

#include "error.h"

#include <nlohmann/json.hpp>
#include <string>

namespace cutmix
{

using nlohmann::json;

std::optional<std::uint64_t> jsonUnsigned(const json& j, std::uint64_t lo, std::uint64_t hi)
{
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v >= lo && v <= hi)
            return v;
    } else if (j.is_number_integer()) {
        // A negative integer (nlohmann stores non-negative ones as unsigned).
        const auto v = j.get<std::int64_t>();
        if (v >= 0 && static_cast<std::uint64_t>(v) >= lo && static_cast<std::uint64_t>(v) <= hi)
            return static_cast<std::uint64_t>(v);
    }
    return std::nullopt;
}

std::optional<std::int64_t> jsonInteger(const json& j, std::int64_t lo, std::int64_t hi)
{
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v <= static_cast<std::uint64_t>(INT64_MAX) && static_cast<std::int64_t>(v) >= lo &&
            static_cast<std::int64_t>(v) <= hi)
            return static_cast<std::int64_t>(v);
    } else if (j.is_number_integer()) {
        const auto v = j.get<std::int64_t>();
        if (v >= lo && v <= hi)
            return v;
    }
    return std::nullopt;
}

namespace
{

[[noreturn]] void notWhole(const json& object, std::string_view key, std::uint64_t lo, std::uint64_t hi,
                           Setting setting)
{
    const std::string k(key);
    std::string got = object.is_object() && object.contains(k) ? object[k].dump() : "nothing";
    if (got.size() > 40)
        got = got.substr(0, 37) + "...";
    throw Error("key '" + k + "' must be a whole number between " + std::to_string(lo) + " and " + std::to_string(hi) +
                    " (got " + got + ")",
                setting);
}

} // namespace

std::uint64_t wholeAt(const json& object, std::string_view key, std::uint64_t lo, std::uint64_t hi, Setting setting)
{
    const std::string k(key);
    if (object.is_object() && object.contains(k))
        if (const auto v = jsonUnsigned(object[k], lo, hi))
            return *v;
    notWhole(object, key, lo, hi, setting);
}

std::uint64_t wholeAt(const json& object, std::string_view key, std::uint64_t lo, std::uint64_t hi,
                      std::uint64_t fallback, Setting setting)
{
    const std::string k(key);
    if (!object.is_object() || !object.contains(k) || object[k].is_null())
        return fallback;
    return wholeAt(object, key, lo, hi, setting);
}

} // namespace cutmix
