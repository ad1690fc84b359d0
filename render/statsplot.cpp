#include "statsplot.h"

#include "betadist.h"
#include "format.h"
#include "painting.h"
#include "sheetfile.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace cutmix::render
{

namespace
{

const QColor kSampled(31, 119, 180);
const QColor kAdj(230, 120, 20);
const QColor kReported(44, 160, 44);
const QColor kDensity(90, 90, 90);

// core's words (a method's table) in the window's language, as
// models/coretext.h translates them: the context "core".
QString coreWords(std::string_view s)
{
    const QByteArray utf8(s.data(), qsizetype(s.size()));
    return QCoreApplication::translate("core", utf8.constData());
}

// The histogram as a density: count / (N * bin width).
std::vector<double> density(const std::vector<std::uint64_t>& h, std::uint64_t n)
{
    std::vector<double> d;
    for (std::uint64_t c : h)
        d.push_back(n ? double(c) * double(h.size()) / double(n) : 0.0);
    return d;
}

// One histogram of the plot: its legend, colour and line.
struct Curve {
    QString name;
    QColor colour;
    Qt::PenStyle style = Qt::SolidLine;
    double width = 1.0; // times the style's line width
    QColor fill = Qt::transparent;
    std::vector<double> density;
};

// The histograms s holds: the sampled lam, lam_adj and the reported weight,
// or what the method counts instead, each in its source's colour.
std::vector<Curve> curvesOf(const LamStats& s)
{
    std::vector<Curve> curves;
    const auto counted = s.counted();
    for (std::size_t k = 0; k < counted.size(); ++k)
        // The number the method draws filled, as a sampled lam is, under its density.
        curves.push_back(counted[k].drawn
                             ? Curve{coreWords(counted[k].name), kSampled, Qt::SolidLine, 1.0, QColor(31, 119, 180, 40),
                                     density(s.histCounted[k], s.count)}
                             : Curve{coreWords(counted[k].name), sourceColour(counted[k].source), Qt::SolidLine, 1.4,
                                     Qt::transparent, density(s.histCounted[k], s.count)});
    if (!curves.empty())
        return curves;
    curves.push_back({QCoreApplication::translate("render", "λ sampled"), kSampled, Qt::SolidLine, 1.0,
                      QColor(31, 119, 180, 40), density(s.histSampled, s.count)});
    // lam_adj wider, so that it shows under the reported weight where they are equal.
    curves.push_back({QCoreApplication::translate("render", "λ_adj (A's pixels)"), kAdj, Qt::SolidLine, 2.6,
                      Qt::transparent, density(s.histAdj, s.count)});
    curves.push_back({QCoreApplication::translate("render", "reported weight"), kReported, Qt::DashLine, 1.0,
                      Qt::transparent, density(s.histLam, s.count)});
    return curves;
}

} // namespace

QStringList statsLines(const LamStats& s)
{
    auto f = [](double v) { return QString::fromStdString(formatFixed(v, 4)); };
    const auto counted = s.counted();
    if (!counted.empty()) {
        // What the method counts instead of lam, and what its label is.
        QStringList means;
        for (std::size_t k = 0; k < counted.size(); ++k)
            means << QString("%1 %2").arg(coreWords(counted[k].name), f(s.meanCounted(k)));
        QStringList lines{
            QCoreApplication::translate("render", "%1 draws, mean: %2").arg(s.count).arg(means.join(", ")),
            QCoreApplication::translate("render", "the label's weight: %1").arg(coreWords(s.method->weightRaw))};
        if (s.method->region == Region::Box)
            lines << QCoreApplication::translate("render", "P(box clipped) %1, P(empty box) %2")
                         .arg(f(s.pClipped()), f(s.pEmpty()));
        return lines;
    }
    return {QCoreApplication::translate("render", "%1 draws: mean λ sampled %2, mean λ_adj %3, mean reported weight %4")
                .arg(s.count)
                .arg(f(s.meanSampled()), f(s.meanAdj()), f(s.meanLam())),
            QCoreApplication::translate("render",
                                        "P(box clipped) %1, P(empty box) %2, mean λ_adj − λ %3 (the clipping bias)")
                .arg(f(s.pClipped()), f(s.pEmpty()), f(s.meanBias()))};
}

void paintLamStats(QPainter& painter, const QRectF& area, const LamStats& s, const Params& p,
                   const StatsPlotStyle& style)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont font = painter.font();
    font.setPixelSize(int(std::lround(style.fontPixels)));
    painter.setFont(font);
    const QFontMetricsF fm(font);
    const bool beta = p.method->drawn == Drawn::BetaLam;
    const bool own = !s.counted().empty(); // the method counts its own numbers, not lam
    // ResizeMix's tau over the Uniform(lo, hi) it is drawn from.
    const bool uniform = own && p.method->drawn == Drawn::UniformScale;
    const MinMax scale = uniform ? p.range(Setting::Scale) : MinMax{};
    const std::vector<Curve> curves = curvesOf(s);
    // The legend's entries, laid out in as many rows as the width needs: the
    // histograms, then the density.
    std::vector<QString> names;
    for (const Curve& c : curves)
        names.push_back(c.name);
    names.push_back(beta      ? QString("Beta(%1, %1)").arg(p.alpha)
                    : uniform ? QString("U(%1, %2)").arg(scale.lo, 0, 'g', 3).arg(scale.hi, 0, 'g', 3)
                              : QString());
    const std::size_t entries = names.size();
    std::vector<QPointF> legendAt(entries);
    int legendRows = 0;
    if (style.legend) {
        double x = area.right() + 1; // forces the first row
        for (std::size_t k = 0; k < entries; ++k) {
            if (names[k].isEmpty())
                continue;
            const double w = 30 + fm.horizontalAdvance(names[k]);
            if (x + w > area.right()) {
                x = area.left() + fm.horizontalAdvance("00.0") + 8;
                ++legendRows;
            }
            legendAt[k] = QPointF(x, area.top() + fm.height() * (legendRows - 0.4));
            x += w;
        }
    }
    const QRectF plot =
        area.adjusted(fm.horizontalAdvance("00.0") + 8, fm.height() * (legendRows + 0.6), -8, -fm.height() * 2.4 - 6);
    double top = 0.0;
    for (const Curve& c : curves)
        for (double v : c.density)
            top = std::max(top, v);
    std::vector<QPointF> pdf;
    if (beta) {
        for (int k = 1; k < 400; ++k) {
            const double x = k / 400.0;
            pdf.emplace_back(x, betaPdf(p.alpha, x));
        }
        for (const QPointF& q : pdf)
            top = std::max(top, std::min(q.y(), 8.0));
    } else if (uniform) {
        const double height = scale.hi > scale.lo ? 1.0 / (scale.hi - scale.lo) : 50.0;
        pdf = {{0, 0}, {scale.lo, 0}, {scale.lo, height}, {scale.hi, height}, {scale.hi, 0}, {1, 0}};
        top = std::max(top, height);
    }
    // The Beta density's poles are cut; a method's own numbers (Cutout's
    // erased share is often one value) are shown whole.
    top = std::max(1.2, std::min(top * 1.08, own ? double(s.bins) * 1.08 : 12.0));
    auto at = [&](double x, double y) {
        return QPointF(plot.left() + x * plot.width(), plot.bottom() - std::min(y, top) / top * plot.height());
    };
    // Axes and ticks.
    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.drawRect(plot);
    for (int t = 0; t <= 10; t += 2) {
        const QPointF q = at(t / 10.0, 0);
        painter.drawLine(q, q + QPointF(0, 4));
        painter.drawText(QRectF(q.x() - 20, q.y() + 4, 40, fm.height()), Qt::AlignCenter, QString::number(t / 10.0));
    }
    const double step = top > 24 ? 10.0 : top > 12 ? 5.0 : top > 6 ? 2.0 : top > 3 ? 1.0 : 0.5;
    for (double y = 0; y <= top; y += step) {
        const QPointF q = at(0, y);
        painter.drawLine(q, q - QPointF(4, 0));
        painter.drawText(QRectF(area.left(), q.y() - fm.height() / 2, q.x() - area.left() - 6, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(y));
    }
    // Shortened with an ellipsis where the panel is narrow, never cut at both ends.
    const QString axis =
        own ? QCoreApplication::translate("render", "%1 (density over [0, 1])").arg(coreWords(s.method->countedAxis))
            : QCoreApplication::translate("render", "λ (density over [0, 1])");
    painter.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 6, plot.width(), fm.height()), Qt::AlignCenter,
                     own ? fm.elidedText(axis, Qt::ElideRight, plot.width()) : axis);
    // The histograms as steps.
    for (const Curve& c : curves) {
        const auto& d = c.density;
        QPainterPath path(at(0, 0));
        for (std::size_t b = 0; b < d.size(); ++b) {
            path.lineTo(at(double(b) / d.size(), d[b]));
            path.lineTo(at(double(b + 1) / d.size(), d[b]));
        }
        path.lineTo(at(1, 0));
        painter.setPen(QPen(c.colour, style.lineWidth * c.width, c.style));
        painter.setBrush(c.fill);
        painter.drawPath(path);
    }
    if (!pdf.empty()) {
        QPainterPath path;
        for (std::size_t k = 0; k < pdf.size(); ++k) {
            const QPointF q = at(pdf[k].x(), pdf[k].y());
            if (k == 0)
                path.moveTo(q);
            else
                path.lineTo(q);
        }
        painter.setPen(QPen(kDensity, style.lineWidth * 1.3, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
    if (style.legend) {
        for (std::size_t k = 0; k < entries; ++k) {
            if (names[k].isEmpty())
                continue;
            const QPointF at0 = legendAt[k];
            const bool density = k == curves.size();
            painter.setPen(QPen(density ? kDensity : curves[k].colour, style.lineWidth * 1.5,
                                density ? Qt::DotLine : curves[k].style));
            painter.drawLine(at0, at0 + QPointF(18, 0));
            painter.setPen(QColor(40, 40, 40));
            painter.drawText(at0 + QPointF(22, fm.ascent() / 2 - 1), names[k]);
        }
    }
    painter.restore();
}

void writeStatsPlot(const std::filesystem::path& path, const LamStats& s, const Params& p,
                    const std::vector<Size>& sizes)
{
    const QSize canvas(860, 540);
    auto paint = [&](QPainter& painter) {
        painter.fillRect(QRect(QPoint(0, 0), canvas), Qt::white);
        QFont font = painter.font();
        font.setPixelSize(15);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(QColor(20, 20, 20));
        // The method, its alpha where it has one, the images' sizes and the seed.
        QStringList title{QString("%1 (%2)").arg(QString::fromUtf8(p.method->title.data(), int(p.method->title.size())),
                                                 QString::fromUtf8(p.method->name.data(), int(p.method->name.size())))};
        if (p.method->takes(Setting::Alpha))
            title << QString("α = %1").arg(p.alpha);
        QStringList dims;
        for (Size size : sizes)
            dims << QString("%1x%2").arg(size.width).arg(size.height);
        title << dims.join(", ") << QString("seed %1").arg(p.seed);
        painter.drawText(QRectF(12, 6, canvas.width() - 24, 24), Qt::AlignLeft | Qt::AlignVCenter, title.join(", "));
        // The statistics' lines under the plot, 22 pixels each.
        const QStringList lines = statsLines(s);
        const int below = 10 + 22 * int(lines.size());
        paintLamStats(painter, QRectF(12, 36, canvas.width() - 24, canvas.height() - 42 - below), s, p);
        font.setBold(false);
        font.setPixelSize(13);
        painter.setFont(font);
        for (int k = 0; k < lines.size(); ++k)
            painter.drawText(QRectF(12, canvas.height() - below + k * 22, canvas.width() - 24, 20),
                             Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
    };
    QImage image(canvas, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    paint(painter);
    painter.end();
    writeSheet(path, image, paint);
}

} // namespace cutmix::render
