// libFuzzer target: the reader and audit of Mosaic dumps (auditmosaic.h,
// docs/audit-dump.md "Mosaic samples"). The input is parts separated by a
// line "--cutmix--": dump.json (empty: a valid one), the mosaic (an image
// file), tiles 0 to 3 (an empty part repeats tile 0), the boxes of tile 0,
// of tile 3 and of the mosaic (YOLO text), classes.txt. The parts become a
// dump folder of one sample that readMosaicDump reads and, when it is
// accepted, auditMosaic judges.
#include "auditmosaic.h"
#include "error.h"
#include "fuzzparts.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace
{

const fs::path& folder()
{
    static const fs::path dir = fuzz::scratch("fuzz_mosaic");
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::vector<std::string> p = fuzz::parts(std::string(reinterpret_cast<const char*>(data), size), 10);
    const fs::path& dir = folder();
    fs::remove_all(dir);
    for (const char* sub : {"before", "after", "boxes_before", "boxes_after"})
        fs::create_directories(dir / sub);
    fuzz::write(dir / "dump.json", p[0].empty() ? std::string(R"({"cutmix_dump": 2, "kind": "mosaic"})") : p[0]);
    fuzz::write(dir / "after" / "000.png", p[1]);
    for (int k = 0; k < 4; ++k)
        fuzz::write(dir / "before" / ("000_" + std::to_string(k) + ".png"),
                    p[std::size_t(2 + k)].empty() ? p[2] : p[std::size_t(2 + k)]);
    if (!p[6].empty())
        fuzz::write(dir / "boxes_before" / "000_0.txt", p[6]);
    if (!p[7].empty())
        fuzz::write(dir / "boxes_before" / "000_3.txt", p[7]);
    if (!p[8].empty())
        fuzz::write(dir / "boxes_after" / "000.txt", p[8]);
    if (!p[9].empty())
        fuzz::write(dir / "classes.txt", p[9]);
    try {
        const cutmix::MosaicDump d = cutmix::readMosaicDump(dir);
        const cutmix::MosaicReport r = cutmix::auditMosaic(d);
        if (r.samples.size() != d.samples.size() || r.agree + r.flagged + r.unexplained != int(r.samples.size()))
            __builtin_trap();
        for (const auto& a : r.samples) {
            if (a.centres.size() > cutmix::kMaxMosaicCentres)
                __builtin_trap();
            // Never agree with a flagged box, or without a centre that explains the pixels.
            if (a.verdict == cutmix::Verdict::Agree && (a.centres.empty() || a.tooManyCentres))
                __builtin_trap();
            for (const auto& o : a.objects) {
                if (!(0 <= o.visibleLo && o.visibleLo <= o.visibleHi && o.visibleHi <= 1) && o.sourceElement)
                    __builtin_trap();
                if (o.status == "flagged" && a.verdict == cutmix::Verdict::Agree)
                    __builtin_trap();
            }
        }
        cutmix::auditJsonText(cutmix::mosaicJson(r, d));
        cutmix::mosaicTable(r, d);
    } catch (const cutmix::Error&) {
    }
    return 0;
}
