// FMix (Harris et al., "FMix: Enhancing Mixed Sample Data Augmentation",
// 2020): a grey mask of low-frequency Fourier noise, thresholded so that an
// exact number of pixels comes from A. Follows ecs-vlc/FMix fmix.py
// (fftfreqnd, get_spectrum, make_low_freq_image, binarise_mask), with three
// differences, each stated: the noise comes from the project's own seeded
// Gaussian stream; the inverse transform is OpenCV's complex DFT of the full
// spectrum, of which the real part is kept (the reference's irfftn of a half
// spectrum); and A keeps round(lam * H * W) pixels where the reference picks
// ceil or floor at random.
#pragma once

#include "box.h"

#include <cstdint>
#include <opencv2/core.hpp>

namespace cutmix
{

// The grey mask of (seed, index) for an image of `size`: CV_64FC1 in [0, 1],
// the real part of the inverse DFT of complex Gaussian noise scaled by
// 1 / max(f, 1 / max(W, H))^decay. Values are quantized to 2^-32 so that the
// last bits of the transform (which vectorised code may round differently on
// another machine) never move a pixel. The last few masks made are kept, so
// that redraws with only lam changing, and a draw prepared ahead, cost no
// transform; a mask being made on another thread is waited for, not made
// twice.
cv::Mat fmixField(std::uint64_t seed, std::uint64_t index, Size size, double decay);

// Makes the mask of (seed, index, size, decay) and keeps it for fmixField,
// unless it is kept already or too large to keep beside the others
// (returns false then). For a background thread: the next draw's mask.
bool prepareFmixField(std::uint64_t seed, std::uint64_t index, Size size, double decay);

// The source map (CV_8UC1): 0 for the `countA` pixels with the highest mask
// values (ties by position, earlier first), 1 for the others.
cv::Mat fmixMap(const cv::Mat& field, std::int64_t countA);

} // namespace cutmix
