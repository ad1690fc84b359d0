// libFuzzer target: the dataset list parser (CSV/TSV of path,label).
#include "dataset.h"
#include "error.h"

#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (bool tsv : {false, true}) {
        std::istringstream in(text);
        try {
            const cutmix::Dataset d = cutmix::parseList(in, "/data", "fuzz.csv", tsv);
            // Every entry's label indexes a class.
            for (const auto& e : d.entries)
                if (e.label < 0 || e.label >= static_cast<int>(d.classes.size()))
                    __builtin_trap();
        } catch (const cutmix::Error&) {
        }
    }
    return 0;
}
