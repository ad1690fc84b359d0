// What carrying objects adds to a mix: for each method, one draw and mix of
// two (Mosaic: four) 640x640 and 1920x1080 RGB images, alone and with 100 boxes per
// image carried through it and judged by a rule (Ultralytics), best of many
// runs each; prints the ratio. The target: under 1.05 for CutMix (issue 22).
// "carry alone" is the draw, the carry and the rule without the mix: what
// the objects cost by themselves, apart from what they do to the mix's cache.
//
//   build/release/bench/bench_objects [runs] [method]   (one method only: to profile it)
#include "draw.h"
#include "keeprules.h"
#include "method.h"
#include "mixer.h"
#include "objects.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <random>

using namespace cutmix;

namespace
{

ImageObjects randomObjects(Size size, int n, unsigned seed)
{
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    ImageObjects o{size, {}};
    for (int i = 0; i < n; ++i) {
        const double w = 4 + u(gen) * size.width / 4, h = 4 + u(gen) * size.height / 4;
        const double x = u(gen) * (size.width - w), y = u(gen) * (size.height - h);
        o.objects.push_back({{x, y, x + w, y + h}, i % 80});
    }
    return o;
}

template <typename F> double bestSeconds(int runs, F&& work)
{
    double best = 1e30;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        work(i);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    cv::setNumThreads(1); // one core: the ratio, not the machine's parallelism
    const KeepRule& rule = keepRuleNamed("ultralytics");
    std::printf("%-18s %-10s %12s %14s %8s %16s\n", "method", "size", "mix (ms)", "+100 boxes", "ratio", "carry alone");
    for (Size size : {Size{640, 640}, Size{1920, 1080}}) {
        std::vector<cv::Mat> images(4, cv::Mat(size.height, size.width, CV_8UC3));
        for (cv::Mat& m : images) {
            m = cv::Mat(size.height, size.width, CV_8UC3);
            cv::randu(m, 0, 256);
        }
        const std::vector<ImageObjects> objects{randomObjects(size, 100, 1), randomObjects(size, 100, 2),
                                                randomObjects(size, 100, 3), randomObjects(size, 100, 4)};
        for (const char* family : {"cutmix", "mixup", "resizemix", "cutout", "fmix", "cutmix-ultralytics", "mosaic"}) {
            if (argc > 2 && std::string_view(argv[2]) != family)
                continue;
            Params p;
            p.method = &methodFor(family);
            const int n = std::string_view(family) == "fmix" ? std::max(1, runs / 20) : runs;
            const std::vector<Size> sizes(std::size_t(sourceCount(p)), size);
            // Mosaic's tiles are prepared once (long side s = 640), as every
            // other method's sources are already at the draw's size.
            const std::vector<cv::Mat> used =
                prepareForDraw({images.begin(), images.begin() + sourceCount(p)}, sampleDraw(p, sizes));
            std::vector<ImageObjects> usedObjects(objects.begin(), objects.begin() + sourceCount(p));
            cv::Mat out;
            std::size_t kept = 0;
            // The draw (fitted to the objects for Ultralytics' CutMix), its
            // objects carried and judged; returns the draw to mix.
            const auto carryAndJudge = [&](int i) {
                p.index = std::uint64_t(i);
                Draw d = sampleDraw(p, sizes);
                if (d.method().fitObjects)
                    d = fitToObjects(d, usedObjects, 0.1);
                std::vector<CarriedObject> c = carryObjects(d, usedObjects);
                applyKeepRule(rule, rule.defaults, d.size, c);
                kept += c.size();
                return d;
            };
            // Alternate the measurements so that all see the same machine.
            double plain = 1e30, carried = 1e30, alone = 1e30;
            for (int round = 0; round < 5; ++round) {
                plain = std::min(plain, bestSeconds(n, [&](int i) {
                                     p.index = std::uint64_t(i);
                                     mixDrawInto(used, sampleDraw(p, sizes), out);
                                 }));
                carried = std::min(carried, bestSeconds(n, [&](int i) { mixDrawInto(used, carryAndJudge(i), out); }));
                alone = std::min(alone, bestSeconds(n, [&](int i) { carryAndJudge(i); }));
            }
            std::printf("%-18s %4dx%-5d %12.3f %14.3f %8.3f %16.4f\n", family, size.width, size.height, plain * 1e3,
                        carried * 1e3, carried / plain, alone * 1e3);
            if (kept == 0)
                return 1;
        }
    }
    return 0;
}
