// The floor of any exporter: decode every input once and encode `count`
// outputs of the export size, on all cores, with nothing else (no mixing,
// no manifest). Usage: bench_floor <dataset> <count> <WxH> <quality> [threads]
// With FLOOR_WRITE_DIR the encoded bytes are also written there: one plain
// file each (FLOOR_WRITE_MODE=files, the default) or appended to one file
// per thread (FLOOR_WRITE_MODE=append, the least a tar-shard writer does).
#include "dataset.h"
#include "imageio.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench_floor <dataset> <count> <WxH> <quality> [threads]\n");
        return 2;
    }
    const cutmix::Dataset ds = cutmix::loadDataset(argv[1]);
    const long count = std::atol(argv[2]);
    int w = 0, h = 0;
    std::sscanf(argv[3], "%dx%d", &w, &h);
    const int quality = std::atoi(argv[4]);
    const unsigned threads = argc > 5 ? unsigned(std::atoi(argv[5])) : std::thread::hardware_concurrency();
    // As in cutmix export: these threads are the parallelism, OpenCV's own pool is off.
    cv::setNumThreads(1);
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<cv::Mat> decoded(ds.entries.size());
    std::atomic<std::size_t> next{0};
    auto decode = [&] {
        for (std::size_t i; (i = next++) < decoded.size();)
            cv::resize(cutmix::loadImage(ds.entries[i].path), decoded[i], cv::Size(w, h), 0, 0, cv::INTER_AREA);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(decode);
    for (auto& t : pool)
        t.join();
    const auto t1 = std::chrono::steady_clock::now();
    std::atomic<long> k{0};
    const char* writeTo = std::getenv("FLOOR_WRITE_DIR");
    const bool append = std::getenv("FLOOR_WRITE_MODE") && std::string(std::getenv("FLOOR_WRITE_MODE")) == "append";
    std::atomic<int> threadNo{0};
    auto encode = [&] {
        std::vector<unsigned char> buf;
        std::FILE* out = nullptr;
        if (writeTo && append)
            out = std::fopen((std::string(writeTo) + "/thread" + std::to_string(threadNo++) + ".bin").c_str(), "wb");
        for (long i; (i = k++) < count;) {
            cv::imencode(".jpg", decoded[std::size_t(i) % decoded.size()], buf, {cv::IMWRITE_JPEG_QUALITY, quality});
            if (out) {
                std::fwrite(buf.data(), 1, buf.size(), out);
            } else if (writeTo) {
                // Plain writes, as the least any exporter must do to leave files.
                std::FILE* f = std::fopen((std::string(writeTo) + "/" + std::to_string(i) + ".jpg").c_str(), "wb");
                if (f) {
                    std::fwrite(buf.data(), 1, buf.size(), f);
                    std::fclose(f);
                }
            }
        }
        if (out)
            std::fclose(out);
    };
    pool.clear();
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back(encode);
    for (auto& t : pool)
        t.join();
    const auto t2 = std::chrono::steady_clock::now();
    const double dec = std::chrono::duration<double>(t1 - t0).count(),
                 enc = std::chrono::duration<double>(t2 - t1).count();
    std::printf("floor%s: decode %zu inputs once %.2f s + encode %ld outputs%s %.2f s = %.2f s (%.1f images/s)\n",
                writeTo ? (append ? " with appends" : " with writes") : "", decoded.size(), dec, count,
                writeTo ? " and write them" : "", enc, dec + enc, count / (dec + enc));
    return 0;
}
