// The reduced float types of PyTorch batches, held as float32 values: the
// bits of IEEE half (binary16) and bfloat16, and rounding a float32 to
// either, to nearest with ties to even as c10::Half and c10::BFloat16
// convert (and NumPy's astype(float16)). Overflow gives an infinity.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace cutmix
{

inline std::uint32_t floatBits(float f)
{
    std::uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

inline float bitsFloat(std::uint32_t u)
{
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

inline float bfloat16BitsToFloat(std::uint16_t b)
{
    return bitsFloat(std::uint32_t(b) << 16);
}

inline float halfBitsToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000) << 16;
    const int exponent = (h >> 10) & 0x1F;
    const std::uint32_t mantissa = h & 0x3FF;
    if (exponent == 0x1F)
        return bitsFloat(sign | 0x7F800000 | (mantissa << 13));
    if (exponent == 0) // zero and subnormals: mantissa * 2^-24, exact in float
        return std::copysign(std::ldexp(float(mantissa), -24), sign ? -1.0f : 1.0f);
    return bitsFloat(sign | std::uint32_t(exponent - 15 + 127) << 23 | mantissa << 13);
}

// f rounded to the nearest bfloat16 (ties to even), as a float32.
inline float roundToBfloat16(float f)
{
    std::uint32_t u = floatBits(f);
    if ((u & 0x7F800000) == 0x7F800000)
        return f;
    u += 0x7FFF + ((u >> 16) & 1);
    return bitsFloat(u & 0xFFFF0000u);
}

// f rounded to the nearest IEEE half (ties to even), as a float32.
inline float roundToHalf(float f)
{
    const std::uint32_t u = floatBits(f);
    const std::uint32_t sign = u & 0x80000000u;
    std::uint32_t a = u & 0x7FFFFFFFu;
    if (a >= 0x7F800000u)
        return f;
    if (a < 0x38800000u) { // below 2^-14: the half's subnormal steps of 2^-24, exact scaling by powers of two
        const float scaled = std::nearbyint(bitsFloat(a) * 16777216.0f);
        return bitsFloat(sign | floatBits(scaled / 16777216.0f));
    }
    // Keep 10 of the 23 mantissa bits, ties to even; a carry moves into the exponent.
    a += 0xFFF + ((a >> 13) & 1);
    a &= ~0x1FFFu;
    if (a > 0x477FE000u) // above 65504, the largest half
        a = 0x7F800000u;
    return bitsFloat(sign | a);
}

// The bits of a float32 that holds a half value exactly (roundToHalf's result).
inline std::uint16_t halfBits(float h)
{
    const std::uint32_t u = floatBits(h);
    const std::uint16_t sign = std::uint16_t((u >> 16) & 0x8000);
    const float a = std::abs(h);
    if (std::isinf(a))
        return std::uint16_t(sign | 0x7C00);
    if (a < 6.103515625e-05f) // subnormal: a multiple of 2^-24
        return std::uint16_t(sign | std::uint16_t(a * 16777216.0f));
    const std::uint32_t b = floatBits(a);
    return std::uint16_t(sign | (((b >> 23) - 127 + 15) << 10) | ((b >> 13) & 0x3FF));
}

} // namespace cutmix
