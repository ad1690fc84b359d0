// The audit's templates, listed by the file that says them; auditPhrases()
// (audit.h) joins the lists for the translators.
#pragma once

#include <span>
#include <string_view>

namespace cutmix::auditphrases
{

std::span<const std::string_view> explain(); // auditexplain.cpp
std::span<const std::string_view> judge();   // auditjudge.cpp
std::span<const std::string_view> objects(); // auditobjects.cpp
std::span<const std::string_view> mosaic();  // auditmosaic.cpp

// The causes of the object audit (auditobjects.cpp says them, auditCauses()
// describes them).
constexpr std::string_view kLabelNotThere = "label-not-there";
constexpr std::string_view kObjectWithoutBox = "visible-object-no-box";
constexpr std::string_view kBoxUnexplained = "box-unexplained";
// A Mosaic tile's box written where it lay in the tile (auditmosaic.cpp).
constexpr std::string_view kTileNotMoved = "tile-box-not-moved";

} // namespace cutmix::auditphrases
