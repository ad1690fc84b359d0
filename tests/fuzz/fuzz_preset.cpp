// libFuzzer target: the preset and run.json readers.
#include "draw.h"
#include "error.h"
#include "exporter.h"

#include <cstdint>
#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, false);
    if (j.is_discarded())
        return 0;
    try {
        const cutmix::Params p = cutmix::paramsFromJson(j);
        // Whatever is accepted must round-trip and draw.
        if (cutmix::paramsToJson(cutmix::paramsFromJson(cutmix::paramsToJson(p))) != cutmix::paramsToJson(p))
            __builtin_trap();
        cutmix::sampleDraw(p, {7, 5}, {3, 9});
    } catch (const cutmix::Error&) {
    }
    try {
        const cutmix::ExportConfig c = cutmix::exportConfigFromJson(j);
        cutmix::exportConfigToJson(c);
        try {
            cutmix::checkExportConfig(c);
        } catch (const cutmix::Error&) {
        }
    } catch (const cutmix::Error&) {
    }
    return 0;
}
