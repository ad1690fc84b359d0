// CSV as the project writes and reads it: a field quoted when it holds a
// comma, a quote or a line break (quotes doubled), and a line split back into
// its fields. One writer and one reader for labels.csv, targets.csv and the
// batch and audit files.
#pragma once

#include <string>
#include <vector>

namespace cutmix
{

std::string csvField(const std::string& s);
// The fields of one line (without its line break); a trailing '\r' is dropped.
std::vector<std::string> splitCsv(const std::string& line);

} // namespace cutmix
