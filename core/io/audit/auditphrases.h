// The audit's templates, listed by the file that says them; auditPhrases()
// (audit.h) joins the lists for the translators.
#pragma once

#include <span>
#include <string_view>

namespace cutmix::auditphrases
{

std::span<const std::string_view> explain(); // auditexplain.cpp
std::span<const std::string_view> judge();   // auditjudge.cpp

} // namespace cutmix::auditphrases
