// The batch view's redraw: the time from a new draw (Space) to the repainted
// tiles and target matrix, for a batch of 64 images of 224x224 (target:
// under 100 ms). Prints the median and the 90th percentile over many draws,
// with the share spent in the model (draw, mix, conversion) and in painting.
// A benchmark, not a test: run it by hand or through bench/batch_redraw.sh.
#include "batchmodel.h"
#include "batchwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollArea>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace
{

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Usage: bench_batch [draws] [batch size] [side]
    const int draws = argc > 1 ? std::atoi(argv[1]) : 100;
    const int n = argc > 2 ? std::atoi(argv[2]) : 64;
    const int side = argc > 3 ? std::atoi(argv[3]) : 224;
    const QStringList demo{CUTMIX_RESOURCES "/chelsea.png", CUTMIX_RESOURCES "/coffee.png",
                           CUTMIX_RESOURCES "/rocket.jpg",  CUTMIX_RESOURCES "/horse.png",
                           CUTMIX_RESOURCES "/coins.png",   CUTMIX_RESOURCES "/camera.png"};
    QStringList files;
    for (int i = 0; i < n; ++i)
        files << demo[i % demo.size()];
    cutmix::ui::BatchModel model;
    if (!model.loadFiles(files))
        return 1;
    model.setSize({side, side});
    cutmix::ui::BatchWindow w(&model);
    w.resize(1600, 1000);
    w.show();
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents();
    // The timm default with elem mode: every element its own draw, MixUp and CutMix.
    cutmix::BatchSettings s = model.settings();
    s.mode = cutmix::BatchMode::Elem;
    model.setSettings(s);

    std::vector<double> modelMs, totalMs;
    QElapsedTimer t;
    for (int i = 0; i < draws; ++i) {
        t.start();
        w.newDrawAction()->trigger();
        const double afterModel = double(t.nsecsElapsed()) / 1e6;
        // Everything the window shows, painted now (the tiles scroll: all are painted).
        w.tiles()->repaint();
        w.matrix()->repaint();
        w.repaint();
        totalMs.push_back(double(t.nsecsElapsed()) / 1e6);
        modelMs.push_back(afterModel);
    }
    std::printf("batch of %d images of %dx%d, %d new draws\n", n, side, side, draws);
    std::printf("model (draw, mix, convert): median %.1f ms\n", percentile(modelMs, 0.5));
    std::printf("new draw to repainted view: median %.1f ms, p90 %.1f ms (target < 100 ms)\n", percentile(totalMs, 0.5),
                percentile(totalMs, 0.9));
    return 0;
}
