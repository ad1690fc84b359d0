#include "comparesheet.h"

#include "error.h"
#include "format.h"
#include "imageio.h"
#include "matimage.h"
#include "mixer.h"
#include "painting.h"
#include "sheetfile.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace cutmix::render
{

namespace
{

struct Layout {
    int pad, titleLine, title, labelLine, label, footLine, foot, cellW, cellH, imageH;
};

qsizetype mostLines(const std::vector<QStringList>& texts)
{
    qsizetype most = 1;
    for (const QStringList& t : texts)
        most = std::max(most, t.size());
    return most;
}

// The bands hold the most lines of any panel, each line as high as the
// panel's size asks (and never lower than the font's line).
Layout layoutFor(const CompareSheet& s)
{
    const int panel = s.panel;
    Layout l;
    l.pad = std::max(6, panel / 20);
    l.titleLine = std::max(std::max(24, panel / 8), QFontMetrics(s.titleFont).height());
    l.title = l.titleLine * int(mostLines(s.titles));
    l.labelLine = std::max(std::max(18, panel / 11), QFontMetrics(s.labelFont).height());
    l.label = l.labelLine * int(mostLines(s.labels));
    l.footLine = std::max(std::max(20, panel / 11), QFontMetrics(s.footFont).height());
    l.foot = l.footLine * int(std::max<qsizetype>(1, s.foot.size()));
    l.cellW = panel;
    l.imageH = std::clamp(
        int(std::lround(double(panel) * s.plan.panels.front().image.rows / s.plan.panels.front().image.cols)),
        panel / 4, panel * 2);
    l.cellH = l.title + l.imageH + l.label;
    return l;
}

QFont sheetFont(int pixels, bool bold)
{
    QFont f("DejaVu Sans");
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

} // namespace

CompareSheet renderComparison(ComparePlan plan, int panel)
{
    if (plan.panels.empty())
        throw Error("a comparison needs at least one panel");
    CompareSheet s;
    s.plan = std::move(plan);
    s.panel = std::clamp(panel, 64, 2048);
    // The titles' font is made smaller (down to 8 px) until every word of
    // every title fits a panel's width, so that a title breaks between words
    // ("ResizeMix" at an 80 px panel), never inside one.
    int titlePixels = std::max(12, std::max(24, s.panel / 8) * 2 / 3);
    auto widestTitleWord = [&](const QFont& f) {
        const QFontMetrics fm(f);
        int widest = 0;
        for (const ComparePanel& p : s.plan.panels)
            for (const QString& word : QString::fromStdString(p.title).split(' ', Qt::SkipEmptyParts))
                widest = std::max(widest, fm.horizontalAdvance(word));
        return widest;
    };
    while (titlePixels > 8 && widestTitleWord(sheetFont(titlePixels, true)) > s.panel)
        --titlePixels;
    s.titleFont = sheetFont(titlePixels, true);
    s.labelFont = sheetFont(std::max(10, std::max(18, s.panel / 11) * 2 / 3), false);
    s.footFont = sheetFont(std::max(9, std::max(20, s.panel / 11) * 3 / 5), false);
    const QFontMetrics titleMetrics(s.titleFont), labelMetrics(s.labelFont);
    for (const ComparePanel& p : s.plan.panels) {
        s.titles.push_back(wrapText(titleMetrics, QString::fromStdString(p.title), s.panel));
        QStringList lines;
        for (const auto& [name, weight] : p.weights)
            lines += wrapText(labelMetrics,
                              QString::fromStdString(name) + "  " + QString::number(weight, 'f', weight == 1.0 ? 1 : 2),
                              s.panel);
        if (!p.objectsLine.empty())
            lines += wrapText(labelMetrics, QString::fromStdString(p.objectsLine), s.panel);
        s.labels.push_back(lines);
    }
    const int n = int(s.plan.panels.size());
    const int pad = std::max(6, s.panel / 20);
    const int width = n * s.panel + (n + 1) * pad;
    s.foot = wrapText(QFontMetrics(s.footFont), QString::fromStdString(s.plan.caption), width - 2 * pad);
    const Layout l = layoutFor(s);
    s.size = QSize(width, l.cellH + l.foot + 2 * l.pad);
    for (std::size_t k = 0; k < s.plan.panels.size(); ++k) {
        const cv::Mat& image = s.plan.panels[k].image;
        s.imageRects.push_back(fitted(QSize(image.cols, image.rows),
                                      QRect(l.pad + int(k) * (l.cellW + l.pad), l.pad + l.title, l.cellW, l.imageH)));
    }
    if (std::uint64_t(s.size.width()) * std::uint64_t(s.size.height()) > maxImagePixels())
        throw Error("the figure would be " + std::to_string(s.size.width()) + "x" + std::to_string(s.size.height()) +
                    " pixels, more than the limit of " + std::to_string(maxImagePixels()) +
                    " (set CUTMIX_MAX_PIXELS to allow more); use fewer methods or a smaller --panel");
    s.image = QImage(s.size, QImage::Format_RGB32);
    QPainter painter(&s.image);
    paintComparison(painter, s);
    return s;
}

void paintComparison(QPainter& p, const CompareSheet& s)
{
    const Layout l = layoutFor(s);
    p.fillRect(QRect(QPoint(0, 0), s.size), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    auto drawLines = [&](const QStringList& lines, int x, int y, int width, int lineH, int flags) {
        for (int i = 0; i < int(lines.size()); ++i)
            p.drawText(QRect(x, y + i * lineH, width, lineH), flags, lines[i]);
    };
    for (std::size_t k = 0; k < s.plan.panels.size(); ++k) {
        const ComparePanel& panel = s.plan.panels[k];
        const int x = l.pad + int(k) * (l.cellW + l.pad);
        const int y = l.pad;
        p.setPen(Qt::black);
        p.setFont(s.titleFont);
        // The title's lines sit at the bottom of their band, over the image.
        const int titleTop = y + l.title - int(s.titles[k].size()) * l.titleLine;
        drawLines(s.titles[k], x, titleTop, l.cellW, l.titleLine, Qt::AlignCenter);
        const QRect& imageRect = s.imageRects[k];
        p.drawImage(imageRect, toQImage(panel.image));
        outlineObjects(p, imageRect, sizeOf(panel.image), panel.objects);
        p.setFont(s.labelFont);
        drawLines(s.labels[k], x, y + l.title + l.imageH, l.cellW, l.labelLine, Qt::AlignCenter);
    }
    p.setFont(s.footFont);
    p.setPen(QColor(90, 90, 90));
    drawLines(s.foot, l.pad, l.pad + l.cellH, s.size.width() - 2 * l.pad, l.footLine, Qt::AlignLeft | Qt::AlignVCenter);
}

void writeComparison(const std::filesystem::path& path, const CompareSheet& s, int quality)
{
    writeSheet(
        path, s.image, [&](QPainter& p) { paintComparison(p, s); }, quality);
}

} // namespace cutmix::render
