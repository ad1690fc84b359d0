// What the dump-folder fuzz targets share: an input cut into parts at lines
// "--cutmix--", a private scratch folder, and files written into it.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fuzz
{

// The parts of `text`, always `count` (missing ones empty).
inline std::vector<std::string> parts(const std::string& text, std::size_t count)
{
    static const std::string sep = "\n--cutmix--\n";
    std::vector<std::string> out;
    std::size_t at = 0;
    for (;;) {
        const std::size_t next = text.find(sep, at);
        out.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos)
            break;
        at = next + sep.size();
    }
    out.resize(count);
    return out;
}

// A folder of this process's own, made once (`name` starts its name in /tmp).
inline std::filesystem::path scratch(const char* name)
{
    std::string pattern = std::string("/tmp/") + name + "-XXXXXX";
    const char* made = mkdtemp(pattern.data());
    if (!made)
        std::abort();
    return std::filesystem::path(made);
}

inline void write(const std::filesystem::path& p, const std::string& bytes)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
}

} // namespace fuzz
