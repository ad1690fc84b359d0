// The names of a small enum, written once: the name of each value and the
// value of each name, with one error for a name that is not in the list.
#pragma once

#include "error.h"

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace cutmix
{

template <typename E, std::size_t N> using EnumNames = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N> std::string_view enumName(const EnumNames<E, N>& names, E value)
{
    for (const auto& [v, name] : names)
        if (v == value)
            return name;
    return "?";
}

// Throws cutmix::Error "unknown <what> '<name>' (expected a, b or c)".
template <typename E, std::size_t N>
E parseEnum(const EnumNames<E, N>& names, std::string_view name, std::string_view what)
{
    std::string expected;
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i].second == name)
            return names[i].first;
        expected += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(names[i].second);
    }
    throw Error("unknown " + std::string(what) + " '" + std::string(name) + "' (expected " + expected + ")");
}

} // namespace cutmix
