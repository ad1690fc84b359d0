// The lam explorer's picture (core/lamstats.h): the histograms of the sampled
// lam, of lam_adj and of the reported weight, as densities over [0, 1], with
// the density the method draws lam from. The window's explorer and
// `cutmix stats --plot` paint through the same function. QtGui only.
#pragma once

#include "lamstats.h"

#include <QRectF>
#include <QString>
#include <filesystem>

class QPainter;

namespace cutmix::render
{

struct StatsPlotStyle {
    double fontPixels = 12;
    double lineWidth = 1.6;
    bool legend = true;
};

// Paints into `area` of any device. `p` gives the method and alpha behind the
// draws (the density is drawn for methods whose lam is Beta(alpha, alpha)).
void paintLamStats(QPainter& painter, const QRectF& area, const LamStats& s, const Params& p,
                   const StatsPlotStyle& style = {});
// The statistics under the plot, one line each.
QStringList statsLines(const LamStats& s);
// PNG/JPEG or PDF (text stays text), through a temporary name.
void writeStatsPlot(const std::filesystem::path& path, const LamStats& s, const Params& p, Size size);

} // namespace cutmix::render
