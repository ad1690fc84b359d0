// core's words in the window's language. core has no Qt: its tables
// (parameter labels and help, the methods' descriptions and formula
// templates, the recipes' descriptions) are written in English and
// translated here, at the boundary, in the context "core". lupdate sees them
// through the generated core_strings.cpp (translations/core_strings_tool.cpp).
#pragma once

#include "describe.h"

#include <QString>
#include <string_view>

namespace cutmix::ui
{

QString coreText(std::string_view s);
// A describe context whose templates are translated (the read-out, the
// summary line).
DescribeContext translatedContext();

} // namespace cutmix::ui
