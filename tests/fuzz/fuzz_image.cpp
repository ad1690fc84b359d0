// libFuzzer target: the one image-loading path with its limits (format
// sniffing, header size, pixel limit, truncation check, decoding, type check).
// The label masks' reader runs on the same bytes.
// Regression inputs (DICOM signatures behind every supported header, which
// once reached GDCM and aborted) come from make_image_corpus.py.
#include "error.h"
#include "imageio.h"
#include "mixer.h"
#include "objectio.h"

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
    cutmix::sniffFormat(bytes);
    try {
        const cv::Mat m = cutmix::decodeForMixing(bytes, "fuzz");
        // A decoded image must mix with itself.
        cutmix::pasteBox(m, m, {0, 0, m.cols / 2, m.rows / 2});
    } catch (const cutmix::Error&) {
    }
    // The label masks' reader (cutmix mix --masks, the window's masks).
    try {
        const cv::Mat m = cutmix::decodeLabelMask(bytes, "fuzz", cutmix::Size{16, 16});
        (void)m;
    } catch (const cutmix::Error&) {
    }
    return 0;
}
