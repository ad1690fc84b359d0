// libFuzzer target: the names of a data.yaml (parseYamlNames). Whatever it
// accepts is a list of non-empty names that dataYamlText writes and
// parseYamlNames reads back the same; everything else is a cutmix::Error.
#include "error.h"
#include "objectio.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto names = cutmix::parseYamlNames(text, "fuzz.yaml");
        if (!names)
            return 0;
        for (const std::string& n : *names)
            if (n.empty())
                __builtin_trap();
        if (cutmix::parseYamlNames(cutmix::dataYamlText(*names), "again.yaml") != names)
            __builtin_trap();
    } catch (const cutmix::Error&) {
    }
    return 0;
}
