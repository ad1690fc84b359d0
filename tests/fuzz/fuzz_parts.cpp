// libFuzzer target: an export folder's run.json and the files of its parts,
// as `cutmix merge` and a resumed run read them. The input is the files of a
// two-part run, separated by lines "#%": run.json, then for parts 1 and 2
// their info (.json), manifest lines (.jsonl), labels.csv rows (.labels) and
// metadata lines (.metadata), then the manifest lines of part 1 still
// running (.jsonl.part, read by a resumed run), then the name of one more
// file in parts/ (a stray, or a part of another split). make_parts_corpus.py writes
// a real run in this form. Whatever merges must hold exactly the run's
// samples; everything else must be refused with cutmix::Error.
#include "error.h"
#include "exporter.h"
#include "exportshared.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace
{

std::vector<std::string> pieces(std::string_view text)
{
    std::vector<std::string> out;
    const std::string_view separator = "\n#%\n";
    for (;;) {
        const std::size_t at = text.find(separator);
        out.emplace_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return out;
        text.remove_prefix(at + separator.size());
    }
}

void write(const fs::path& p, const std::string& bytes)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

std::uint64_t lines(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::uint64_t n = 0;
    for (std::string line; std::getline(in, line);)
        ++n;
    return n;
}

} // namespace

// The export folder each input is written into, removed when the fuzzer exits.
const fs::path& exportFolder()
{
    static const fs::path f = fs::temp_directory_path() / ("fuzz_parts-" + std::to_string(::getpid()));
    return f;
}

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(exportFolder(), ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fs::path& folder = exportFolder();
    std::error_code ec;
    fs::remove_all(folder, ec);
    fs::create_directories(folder / "parts");
    const std::vector<std::string> files = pieces({reinterpret_cast<const char*>(data), size});
    auto piece = [&](std::size_t i) -> const std::string* { return i < files.size() ? &files[i] : nullptr; };
    if (const std::string* run = piece(0))
        write(folder / "run.json", *run);
    for (int k = 1; k <= 2; ++k) {
        const cutmix::exporting::PartFiles p = cutmix::exporting::partFiles(folder, k, 2);
        const std::size_t first = 1 + 4 * std::size_t(k - 1);
        const fs::path targets[] = {p.info, p.lines, p.labels, p.metadata};
        for (std::size_t i = 0; i < 4; ++i)
            if (const std::string* bytes = piece(first + i))
                write(targets[i], *bytes);
    }
    if (const std::string* name = piece(10))
        if (!name->empty() && name->size() < 100 && name->find_first_of(std::string("/\0", 2)) == std::string::npos &&
            *name != "." && *name != "..")
            write(folder / "parts" / *name, "{}");
    std::uint64_t count = 0;
    try {
        count = cutmix::loadExportConfig(folder / "run.json").count;
    } catch (const cutmix::Error&) {
    }
    try {
        const cutmix::MergeSummary m = cutmix::mergeExport(folder);
        // A merge holds exactly the run's samples, one manifest line each.
        if (count == 0 || m.samples != count || lines(folder / "manifest.jsonl") != count)
            __builtin_trap();
    } catch (const cutmix::Error&) {
    }
    // What a resumed run keeps of a part's lines written so far.
    if (const std::string* running = piece(9)) {
        const cutmix::exporting::PartFiles p = cutmix::exporting::partFiles(folder, 1, 2);
        fs::create_directories(folder / "parts", ec);
        write(p.running, *running);
        write(p.labelsRunning, *running);
        write(p.metadataRunning, *running);
        try {
            const cutmix::exporting::Resumed r = cutmix::exporting::readResumable(p, 0, 1, true);
            if (lines(p.running) != r.lines || r.redrawn > r.lines)
                __builtin_trap();
        } catch (const cutmix::Error&) {
        }
    }
    return 0;
}
