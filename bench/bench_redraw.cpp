// Interactive redraw: the time from an alpha change in the spin box to the
// window having repainted the new result, for two 1920x1080 images. Prints
// the median and the 90th percentile over many changes (a benchmark, not a
// test: run it by hand or through bench/redraw.sh).
#include "imageview.h"
#include "mainwindow.h"
#include "method.h"
#include "parampanel.h"
#include "studiomodel.h"

#include <QApplication>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("CV_THREADS"))
        cv::setNumThreads(qEnvironmentVariableIntValue("CV_THREADS"));
    // Usage: bench_redraw [changes] [WxH]
    int width = 1920, height = 1080;
    if (argc > 2)
        std::sscanf(argv[2], "%dx%d", &width, &height);
    QTemporaryDir dir;
    const QString a = dir.filePath("a.png"), b = dir.filePath("b.png");
    for (auto [src, dst] :
         {std::pair{CUTMIX_RESOURCES "/chelsea.png", a}, std::pair{CUTMIX_RESOURCES "/coffee.png", b}}) {
        cv::Mat m = cv::imread(src), big;
        cv::resize(m, big, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
        cv::imwrite(dst.toStdString(), big);
    }
    cutmix::ui::MainWindow w(cutmix::ui::MainWindow::Options{false, {}});
    w.resize(1600, 1000);
    if (!w.model()->loadPair(a, b))
        return 1;
    // BOXES=N: N objects on each image (fixed seed), carried, judged and
    // drawn on A, B and the result at every redraw (issue 22's condition).
    if (qEnvironmentVariableIsSet("BOXES")) {
        const int n = qEnvironmentVariableIntValue("BOXES");
        cv::RNG rng(7);
        for (int k = 0; k < 2; ++k) {
            const QString file = dir.filePath(k == 0 ? "a.txt" : "b.txt");
            QFile f(file);
            if (!f.open(QIODevice::WriteOnly))
                return 1;
            for (int i = 0; i < n; ++i) {
                const double w = rng.uniform(0.02, 0.3), h = rng.uniform(0.02, 0.3);
                f.write(QString("%1 %2 %3 %4 %5\n")
                            .arg(i % 5)
                            .arg(rng.uniform(w / 2, 1 - w / 2), 0, 'f', 6)
                            .arg(rng.uniform(h / 2, 1 - h / 2), 0, 'f', 6)
                            .arg(w, 0, 'f', 6)
                            .arg(h, 0, 'f', 6)
                            .toUtf8());
            }
            f.close();
            if (!w.model()->loadObjects(k, file))
                return 1;
        }
        w.model()->setKeepRule(cutmix::keepRuleNamed(qEnvironmentVariable("BOX_RULE", "ultralytics").toStdString()));
        std::fprintf(stderr, "%zu objects carried\n", w.model()->objects().size());
    }
    // MASKS=1: a label mask on each image (discs of 8 classes, fixed seed),
    // mixed at every redraw and shown as washes on A, B and the result.
    if (qEnvironmentVariableIsSet("MASKS")) {
        cv::RNG rng(11);
        for (int k = 0; k < 2; ++k) {
            cv::Mat mask = cv::Mat::zeros(height, width, CV_8U);
            for (int i = 0; i < 40; ++i)
                cv::circle(mask, cv::Point(rng.uniform(0, width), rng.uniform(0, height)),
                           rng.uniform(height / 40, height / 6), cv::Scalar(1 + i % 8), cv::FILLED);
            const QString file = dir.filePath(k == 0 ? "a-mask.png" : "b-mask.png");
            cv::imwrite(file.toStdString(), mask);
            if (!w.model()->loadMask(k, file))
                return 1;
        }
    }
    w.show();
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents();
    // The lam explorer visible (its tab raised), as issue 13 measures: it
    // restarts its draws in the background on every alpha change.
    const bool explorer = qEnvironmentVariableIsSet("SHOW_EXPLORER");
    if (explorer)
        for (QDockWidget* d : w.findChildren<QDockWidget*>())
            if (d->objectName() == "explorerDock") {
                d->show();
                d->raise();
            }
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents();
    if (qEnvironmentVariableIsSet("HIDE_DOCKS"))
        for (QWidget* d : w.findChildren<QDockWidget*>())
            if (d->objectName() == qgetenv("HIDE_DOCKS"))
                d->hide();

    // METHOD=fmix (any method name) measures that method instead of CutMix;
    // NEW_DRAWS=1 measures New draw (Space: a new sample index) instead of
    // alpha changes, at a person's pace: the work the model does ahead for
    // the next draw (FMix's mask) has finished between two presses;
    // NEW_DRAWS=back-to-back presses again at once.
    const bool backToBack = qgetenv("NEW_DRAWS") == "back-to-back";
    if (qEnvironmentVariableIsSet("METHOD"))
        w.model()->setMethod(cutmix::methodFor(qgetenv("METHOD").toStdString()));
    const bool newDraws = qEnvironmentVariableIsSet("NEW_DRAWS");
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents();
    const int changes = argc > 1 ? std::atoi(argv[1]) : 300;
    auto* spin = w.panel()->findChild<QDoubleSpinBox*>("alpha");
    std::vector<double> model, result, full;
    QElapsedTimer t;
    for (int i = 0; i < changes; ++i) {
        // Sweep alpha up and down as a user dragging would.
        const double alpha = 0.1 + 0.02 * (i % 200 < 100 ? i % 100 : 100 - i % 100);
        if (newDraws && !backToBack)
            w.model()->finishPreparing();
        t.start();
        if (newDraws)
            w.model()->newDraw();
        else
            spin->setValue(alpha);
        const double afterModel = t.nsecsElapsed() / 1e6;
        w.resultView()->repaint();
        const double afterResult = t.nsecsElapsed() / 1e6;
        QApplication::processEvents(); // the rest of the window: charts, read-out, A and B
        full.push_back(t.nsecsElapsed() / 1e6);
        model.push_back(afterModel);
        result.push_back(afterResult);
    }
    auto report = [](const char* what, std::vector<double> v) {
        std::sort(v.begin(), v.end());
        std::cout << what << ": median " << v[v.size() / 2] << " ms, p90 " << v[v.size() * 9 / 10] << " ms\n";
    };
    std::cout << (newDraws ? (backToBack ? "new draw (back to back)" : "new draw") : "alpha change")
              << " -> updated window (" << w.model()->params().method->name << "), two " << width << "x" << height
              << " images, " << changes << " changes" << (explorer ? ", the lam explorer visible" : "") << "\n";
    report(newDraws ? "model + result image (core draw, mask, paste, wrap)"
                    : "model + result image (core draw, paste, wrap)",
           model);
    report("... and the result view repainted", result);
    report("whole window repainted", full);
    return 0;
}
