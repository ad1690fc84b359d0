#include "statsplot.h"

#include "betadist.h"
#include "format.h"
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

// The histogram as a density: count / (N * bin width).
std::vector<double> density(const std::vector<std::uint64_t>& h, std::uint64_t n)
{
    std::vector<double> d;
    for (std::uint64_t c : h)
        d.push_back(n ? double(c) * double(h.size()) / double(n) : 0.0);
    return d;
}

} // namespace

QStringList statsLines(const LamStats& s)
{
    auto f = [](double v) { return QString::fromStdString(formatFixed(v, 4)); };
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
    // The legend's entries, laid out in as many rows as the width needs.
    const QString names[4] = {QCoreApplication::translate("render", "λ sampled"),
                              QCoreApplication::translate("render", "λ_adj (A's pixels)"),
                              QCoreApplication::translate("render", "reported weight"),
                              beta ? QString("Beta(%1, %1)").arg(p.alpha) : QString()};
    std::vector<QPointF> legendAt(4);
    int legendRows = 0;
    if (style.legend) {
        double x = area.right() + 1; // forces the first row
        for (int k = 0; k < 4; ++k) {
            if (names[k].isEmpty())
                continue;
            const double w = 30 + fm.horizontalAdvance(names[k]);
            if (x + w > area.right()) {
                x = area.left() + fm.horizontalAdvance("00.0") + 8;
                ++legendRows;
            }
            legendAt[std::size_t(k)] = QPointF(x, area.top() + fm.height() * (legendRows - 0.4));
            x += w;
        }
    }
    const QRectF plot =
        area.adjusted(fm.horizontalAdvance("00.0") + 8, fm.height() * (legendRows + 0.6), -8, -fm.height() * 2.4 - 6);
    const std::vector<std::vector<double>> curves{density(s.histSampled, s.count), density(s.histAdj, s.count),
                                                  density(s.histLam, s.count)};
    double top = 0.0;
    for (const auto& c : curves)
        for (double v : c)
            top = std::max(top, v);
    std::vector<QPointF> pdf;
    if (beta) {
        for (int k = 1; k < 400; ++k) {
            const double x = k / 400.0;
            pdf.emplace_back(x, betaPdf(p.alpha, x));
        }
        for (const QPointF& q : pdf)
            top = std::max(top, std::min(q.y(), 8.0));
    }
    top = std::max(1.2, std::min(top * 1.08, 12.0));
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
    const double step = top > 6 ? 2.0 : top > 3 ? 1.0 : 0.5;
    for (double y = 0; y <= top; y += step) {
        const QPointF q = at(0, y);
        painter.drawLine(q, q - QPointF(4, 0));
        painter.drawText(QRectF(area.left(), q.y() - fm.height() / 2, q.x() - area.left() - 6, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(y));
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 6, plot.width(), fm.height()), Qt::AlignCenter,
                     QCoreApplication::translate("render", "λ (density over [0, 1])"));
    // The histograms as steps; the reported weight dashed.
    const QColor colours[3] = {kSampled, kAdj, kReported};
    for (int c = 0; c < 3; ++c) {
        const auto& d = curves[std::size_t(c)];
        QPainterPath path(at(0, 0));
        for (std::size_t b = 0; b < d.size(); ++b) {
            path.lineTo(at(double(b) / d.size(), d[b]));
            path.lineTo(at(double(b + 1) / d.size(), d[b]));
        }
        path.lineTo(at(1, 0));
        // lam_adj wider, so that it shows under the reported weight where they are equal.
        QPen pen(colours[c], c == 1 ? style.lineWidth * 2.6 : style.lineWidth, c == 2 ? Qt::DashLine : Qt::SolidLine);
        painter.setPen(pen);
        painter.setBrush(c == 0 ? QColor(31, 119, 180, 40) : QColor(Qt::transparent));
        painter.drawPath(path);
    }
    if (beta) {
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
        const QColor legendColours[4] = {kSampled, kAdj, kReported, kDensity};
        for (int k = 0; k < 4; ++k) {
            if (names[k].isEmpty())
                continue;
            const QPointF at0 = legendAt[std::size_t(k)];
            painter.setPen(QPen(legendColours[k], style.lineWidth * 1.5,
                                k == 2   ? Qt::DashLine
                                : k == 3 ? Qt::DotLine
                                         : Qt::SolidLine));
            painter.drawLine(at0, at0 + QPointF(18, 0));
            painter.setPen(QColor(40, 40, 40));
            painter.drawText(at0 + QPointF(22, fm.ascent() / 2 - 1), names[k]);
        }
    }
    painter.restore();
}

void writeStatsPlot(const std::filesystem::path& path, const LamStats& s, const Params& p, Size size)
{
    const QSize canvas(860, 540);
    auto paint = [&](QPainter& painter) {
        painter.fillRect(QRect(QPoint(0, 0), canvas), Qt::white);
        QFont font = painter.font();
        font.setPixelSize(15);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(QColor(20, 20, 20));
        painter.drawText(QRectF(12, 6, canvas.width() - 24, 24), Qt::AlignLeft | Qt::AlignVCenter,
                         QString("%1 (%2), α = %3, %4x%5, seed %6")
                             .arg(QString::fromUtf8(p.method->title.data(), int(p.method->title.size())),
                                  QString::fromUtf8(p.method->name.data(), int(p.method->name.size())))
                             .arg(p.alpha)
                             .arg(size.width)
                             .arg(size.height)
                             .arg(p.seed));
        paintLamStats(painter, QRectF(12, 36, canvas.width() - 24, canvas.height() - 96), s, p);
        font.setBold(false);
        font.setPixelSize(13);
        painter.setFont(font);
        const QStringList lines = statsLines(s);
        for (int k = 0; k < lines.size(); ++k)
            painter.drawText(QRectF(12, canvas.height() - 54 + k * 22, canvas.width() - 24, 20),
                             Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
    };
    QImage image(canvas, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    paint(painter);
    painter.end();
    writeSheet(path, image, paint);
}

} // namespace cutmix::render
