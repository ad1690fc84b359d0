// libFuzzer target: the audit dump reader (docs/audit-dump.md). The input is
// parts separated by a line "--cutmix--": labels.csv, targets.csv,
// classes.txt, dump.json, then the files of one element before and after
// mixing (NPY arrays, or PNG images when a part starts with the PNG
// signature), then names, one per line, for the element order, then the
// first element's boxes before and after (YOLO text; either given puts
// boxes_before/ and boxes_after/ in the folder). Each part goes
// to its parser from memory; then the parts become a dump folder that
// readDump reads and, when it is accepted, the audit explains and judges.
#include "audit.h"
#include "error.h"
#include "fuzzparts.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace
{

const fs::path& folder()
{
    static const fs::path dir = fuzz::scratch("fuzz_audit");
    return dir;
}

bool isPng(const std::string& b)
{
    return b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::vector<std::string> p = fuzz::parts(std::string(reinterpret_cast<const char*>(data), size), 9);
    // The parsers from memory.
    std::size_t k = 0;
    try {
        std::istringstream in(p[1]);
        std::vector<std::string> header;
        const auto targets = cutmix::parseTargetsCsv(in, "targets.csv", 2, header);
        k = header.size();
        for (const auto& row : targets)
            for (double v : row)
                if (row.size() != k || !std::isfinite(v))
                    __builtin_trap();
    } catch (const cutmix::Error&) {
    }
    try {
        std::istringstream in(p[0]);
        for (int label : cutmix::parseLabelsCsv(in, "labels.csv", 2, std::max<std::size_t>(k, 1)))
            if (label < 0 || label >= int(std::max<std::size_t>(k, 1)))
                __builtin_trap();
    } catch (const cutmix::Error&) {
    }
    try {
        std::istringstream in(p[2]);
        cutmix::parseClassesTxt(in, "classes.txt", std::max<std::size_t>(k, 1));
    } catch (const cutmix::Error&) {
    }
    for (const std::string* npy : {&p[4], &p[5]}) {
        const auto* b = reinterpret_cast<const unsigned char*>(npy->data());
        try {
            const cutmix::NpyArray a = cutmix::parseNpyHeader(b, npy->size(), "x.npy");
            for (cutmix::DumpType t :
                 {cutmix::DumpType::F16, cutmix::DumpType::BF16, cutmix::DumpType::F32, cutmix::DumpType::F64}) {
                try {
                    const cv::Mat m = cutmix::npyToMat(a, b, npy->size(), t, "x.npy");
                    if (m.rows != a.rows || m.cols != a.cols || m.channels() != a.channels)
                        __builtin_trap();
                } catch (const cutmix::Error&) {
                }
            }
        } catch (const cutmix::Error&) {
        }
    }
    {
        std::vector<std::string> names;
        std::istringstream in(p[6]);
        for (std::string line; std::getline(in, line) && names.size() < 64;)
            names.push_back(line);
        try {
            const auto order = cutmix::elementOrder(names, "dir");
            if (order.size() != names.size())
                __builtin_trap();
        } catch (const cutmix::Error&) {
        }
    }
    // The folder: two elements, the second a copy of the first.
    const fs::path& dir = folder();
    fs::remove_all(dir);
    fs::create_directories(dir / "before");
    fs::create_directories(dir / "after");
    fuzz::write(dir / "labels.csv", p[0]);
    fuzz::write(dir / "targets.csv", p[1]);
    if (!p[2].empty())
        fuzz::write(dir / "classes.txt", p[2]);
    if (!p[3].empty())
        fuzz::write(dir / "dump.json", p[3]);
    const std::string ext = isPng(p[4]) ? ".png" : ".npy";
    for (const char* name : {"000", "001"}) {
        fuzz::write(dir / "before" / (name + ext), p[4]);
        fuzz::write(dir / "after" / (name + ext), p[5]);
    }
    if (!p[7].empty() || !p[8].empty()) {
        fs::create_directories(dir / "boxes_before");
        fs::create_directories(dir / "boxes_after");
        fuzz::write(dir / "boxes_before" / "000.txt", p[7]);
        fuzz::write(dir / "boxes_after" / "000.txt", p[8]);
    }
    try {
        const cutmix::AuditDump d = cutmix::readDump(dir);
        const cutmix::AuditReport r = cutmix::auditDump(d);
        if (r.elements.size() != d.before.size())
            __builtin_trap();
        for (const auto& e : r.elements) {
            if (!(e.shareLo <= e.shareHi) || (e.partner && (*e.partner < 0 || *e.partner >= int(d.before.size()))))
                __builtin_trap();
            // Boxes: a visible share in [0, 1], never agree with a flagged box or unexplained pixels.
            for (const auto& o : e.objects) {
                if (!(0 <= o.visibleLo && o.visibleLo <= o.visibleHi && o.visibleHi <= 1))
                    __builtin_trap();
                if (o.status == "flagged" && e.verdict == cutmix::Verdict::Agree)
                    __builtin_trap();
            }
            if (e.method == cutmix::AuditMethod::Unexplained && e.verdict == cutmix::Verdict::Agree)
                __builtin_trap();
        }
        cutmix::auditJsonText(cutmix::auditJson(r, &d));
        cutmix::displayImage(d.after.front(), cutmix::displayMapping(d));
    } catch (const cutmix::Error&) {
    }
    return 0;
}
