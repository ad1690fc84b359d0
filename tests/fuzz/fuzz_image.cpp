// libFuzzer target: the image-loading entry point with its limits (header
// sniffing, pixel limit, truncation check, decoding, type check).
#include "error.h"
#include "imageio.h"
#include "mixer.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    // Keep decoded images small so that the fuzzer explores, not allocates.
    setenv("CUTMIX_MAX_PIXELS", "4000000", 1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::vector<unsigned char> bytes(data, data + size);
    cutmix::headerSize(bytes);
    try {
        const cv::Mat m = cutmix::decodeImage(bytes, "fuzz");
        cutmix::checkImageType(m, "fuzz");
        // A decoded image must mix with itself.
        cutmix::pasteBox(m, m, {0, 0, m.cols / 2, m.rows / 2});
    } catch (const cutmix::Error&) {
    }
    return 0;
}
