// The audit's speed and memory (issue 20 item 6). Makes two dumps from the
// bundled photos (distinct crops, flips and rotations, resized) mixed by the
// timm recipe in elem mode (CutMix and MixUp elements), then measures, each
// in a child process of its own (wall time and peak resident memory from
// wait4):
//   decode   decoding the 2N images of the dump once (the floor), on as
//            many threads as the audit reads them with
//   audit    what `cutmix audit` does: read the dump and audit it
// for 16 x 1024x1024 (the ratio audit / decode, goal within 2x; peak memory
// against the decoded batch, goal under 3x) and 128 x 224x224 (goal under 1 s).
// Usage: bench_audit [work dir]  (default: a new folder in /tmp)
#include "audit.h"
#include "batchio.h"
#include "imageio.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace cutmix;

namespace
{

std::vector<cv::Mat> photos(int n, int side)
{
    const char* names[] = {"chelsea.png", "coffee.png", "camera.png", "coins.png", "horse.png", "rocket.jpg"};
    std::vector<cv::Mat> out;
    for (int i = 0; i < n; ++i) {
        cv::Mat img = loadForMixing(fs::path(CUTMIX_RESOURCES) / names[i % 6]);
        if (img.channels() == 1)
            cv::cvtColor(img, img, cv::COLOR_GRAY2BGR);
        if (img.channels() == 4)
            cv::cvtColor(img, img, cv::COLOR_BGRA2BGR);
        // A different crop, flip and rotation for each element.
        const int v = i / 6;
        const int w = img.cols * (8 - v % 3) / 8, h = img.rows * (8 - v % 3) / 8;
        img = img(cv::Rect((img.cols - w) * (v % 2), (img.rows - h) * ((v / 2) % 2), w, h)).clone();
        if (v % 2)
            cv::flip(img, img, 1);
        if ((v / 2) % 2)
            cv::rotate(img, img, cv::ROTATE_180);
        cv::resize(img, img, cv::Size(side, side), 0, 0, side > img.cols ? cv::INTER_LINEAR : cv::INTER_AREA);
        out.push_back(img);
    }
    return out;
}

fs::path makeDump(const fs::path& dir, int n, int side)
{
    const fs::path d = dir / ("dump-" + std::to_string(n) + "x" + std::to_string(side));
    if (fs::exists(d / "dump.json"))
        return d;
    std::vector<fs::path> paths;
    std::vector<std::string> names, labels;
    for (int i = 0; i < n; ++i) {
        paths.push_back("photo" + std::to_string(i) + ".png");
        names.push_back(paths.back().string());
        labels.push_back("class" + std::to_string(i % 10));
    }
    const BatchInput in = batchFromImages(paths, names, photos(n, side), labels, 10);
    BatchSettings s = recipeDefaults(recipeNamed("timm"));
    s.mode = BatchMode::Elem;
    s.seed = 11;
    dumpBatch(d, in, mixBatchInput(in, s, {side, side}));
    return d;
}

struct Measured {
    double seconds = 0;
    double peakMiB = 0;
};

// Runs `work` in a child process: its wall time and peak resident memory.
template <typename F> Measured inChild(F work)
{
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int code = work();
        std::_Exit(code);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const auto t1 = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "a measurement failed (status %d)\n", status);
        std::exit(1);
    }
    return {std::chrono::duration<double>(t1 - t0).count(), double(usage.ru_maxrss) / 1024.0};
}

Measured decodeOnce(const fs::path& d)
{
    // On as many threads as the audit reads with (readDump: up to 4).
    return inChild([&] {
        std::vector<fs::path> files;
        for (const char* side : {"before", "after"})
            for (const auto& e : fs::directory_iterator(d / side))
                if (e.path().extension() == ".png")
                    files.push_back(e.path());
        std::atomic<std::size_t> next{0}, bytes{0};
        auto work = [&] {
            for (std::size_t k; (k = next++) < files.size();)
                bytes += decodeForMixing(readImageBytes(files[k]), files[k].string()).total();
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < std::clamp(std::thread::hardware_concurrency(), 1u, 4u); ++t)
            pool.emplace_back(work);
        work();
        for (auto& t : pool)
            t.join();
        return bytes > 0 ? 0 : 1;
    });
}

Measured auditOnce(const fs::path& d)
{
    return inChild([&] {
        const AuditReport r = auditDump(readDump(d));
        return r.summary.agree == r.summary.n ? 0 : 2;
    });
}

Measured best(Measured (*f)(const fs::path&), const fs::path& d, int rounds)
{
    Measured m = f(d);
    for (int k = 1; k < rounds; ++k) {
        const Measured next = f(d);
        m.seconds = std::min(m.seconds, next.seconds);
        m.peakMiB = std::min(m.peakMiB, next.peakMiB);
    }
    return m;
}

} // namespace

int main(int argc, char** argv)
{
    fs::path dir =
        argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / ("bench_audit-" + std::to_string(getpid()));
    fs::create_directories(dir);
    cv::setNumThreads(1);
    const fs::path large = makeDump(dir, 16, 1024);
    const fs::path small = makeDump(dir, 128, 224);
    const double decodedMiB = 32.0 * 1024 * 1024 * 3 / (1024.0 * 1024.0);
    // A child's peak memory includes the program itself: measured with nothing loaded.
    const Measured idle = inChild([] { return 0; });
    const Measured dec = best(decodeOnce, large, 3);
    const Measured aud = best(auditOnce, large, 3);
    const Measured dec2 = best(decodeOnce, small, 3);
    const Measured aud2 = best(auditOnce, small, 3);
    std::printf("16 x 1024x1024 uint8 (%s)\n", large.string().c_str());
    std::printf("  decode the 32 images once: %.3f s, peak %.1f MiB\n", dec.seconds, dec.peakMiB);
    std::printf("  audit (read + explain + judge): %.3f s, peak %.1f MiB\n", aud.seconds, aud.peakMiB);
    std::printf("  audit / decode = %.2f (goal: at most 2)\n", aud.seconds / dec.seconds);
    std::printf("  peak memory above the idle process (%.1f MiB): %.1f MiB = %.2f x the decoded batch "
                "(%.1f MiB; goal: under 3)\n",
                idle.peakMiB, aud.peakMiB - idle.peakMiB, (aud.peakMiB - idle.peakMiB) / decodedMiB, decodedMiB);
    std::printf("128 x 224x224 uint8 (%s)\n", small.string().c_str());
    std::printf("  decode the 256 images once: %.3f s\n", dec2.seconds);
    std::printf("  audit: %.3f s (goal: under 1 s), peak %.1f MiB\n", aud2.seconds, aud2.peakMiB);
    return 0;
}
