#include "comparesheet.h"

#include "error.h"
#include "format.h"
#include "imageio.h"
#include "matimage.h"
#include "painting.h"
#include "sheetfile.h"

#include <QPainter>
#include <algorithm>

namespace cutmix::render
{

namespace
{

struct Layout {
    int pad, title, label, foot, cellW, cellH, imageH;
};

Layout layoutFor(int panel, int imageH, int lines)
{
    Layout l;
    l.pad = std::max(6, panel / 20);
    l.title = std::max(24, panel / 8);
    l.label = std::max(18, panel / 11) * std::max(lines, 1);
    l.foot = std::max(20, panel / 11);
    l.cellW = panel;
    l.imageH = imageH;
    l.cellH = l.title + imageH + l.label;
    return l;
}

int labelLines(const ComparePlan& plan)
{
    std::size_t most = 1;
    for (const ComparePanel& p : plan.panels)
        most = std::max(most, p.weights.size());
    return int(std::min<std::size_t>(most, 4));
}

int imageHeight(const CompareSheet& s)
{
    const cv::Mat& first = s.plan.panels.front().image;
    return std::clamp(int(std::lround(double(s.panel) * first.rows / first.cols)), s.panel / 4, s.panel * 2);
}

} // namespace

CompareSheet renderComparison(ComparePlan plan, int panel)
{
    if (plan.panels.empty())
        throw Error("a comparison needs at least one panel");
    CompareSheet s;
    s.plan = std::move(plan);
    s.panel = std::clamp(panel, 64, 2048);
    const Layout l = layoutFor(s.panel, imageHeight(s), labelLines(s.plan));
    const int n = int(s.plan.panels.size());
    s.size = QSize(n * l.cellW + (n + 1) * l.pad, l.cellH + l.foot + 2 * l.pad);
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
    const int lines = labelLines(s.plan);
    const Layout l = layoutFor(s.panel, imageHeight(s), lines);
    p.fillRect(QRect(QPoint(0, 0), s.size), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QFont titleFont("DejaVu Sans");
    titleFont.setPixelSize(std::max(12, l.title * 2 / 3));
    titleFont.setBold(true);
    QFont labelFont("DejaVu Sans");
    labelFont.setPixelSize(std::max(10, l.label / lines * 2 / 3));
    for (std::size_t k = 0; k < s.plan.panels.size(); ++k) {
        const ComparePanel& panel = s.plan.panels[k];
        const int x = l.pad + int(k) * (l.cellW + l.pad);
        const int y = l.pad;
        p.setPen(Qt::black);
        p.setFont(titleFont);
        p.drawText(QRect(x, y, l.cellW, l.title), Qt::AlignCenter, QString::fromStdString(panel.title));
        const QRect imageBox(x, y + l.title, l.cellW, l.imageH);
        p.drawImage(fitted(QSize(panel.image.cols, panel.image.rows), imageBox), toQImage(panel.image));
        p.setFont(labelFont);
        const QFontMetrics fm(labelFont);
        const int lineH = l.label / lines;
        for (int i = 0; i < lines && i < int(panel.weights.size()); ++i) {
            const auto& [name, weight] = panel.weights[std::size_t(i)];
            const QString text =
                QString::fromStdString(name) + "  " + QString::number(weight, 'f', weight == 1.0 ? 1 : 2);
            p.drawText(QRect(x, y + l.title + l.imageH + i * lineH, l.cellW, lineH), Qt::AlignCenter,
                       fm.elidedText(text, Qt::ElideMiddle, l.cellW));
        }
    }
    QFont foot = labelFont;
    foot.setPixelSize(std::max(9, l.foot * 3 / 5));
    p.setFont(foot);
    p.setPen(QColor(90, 90, 90));
    p.drawText(QRect(l.pad, l.pad + l.cellH, s.size.width() - 2 * l.pad, l.foot), Qt::AlignLeft | Qt::AlignVCenter,
               QString::fromStdString(s.plan.caption));
}

void writeComparison(const std::filesystem::path& path, const CompareSheet& s, int quality)
{
    writeSheet(
        path, s.image, [&](QPainter& p) { paintComparison(p, s); }, quality);
}

} // namespace cutmix::render
