#include "charts.h"

#include "betadist.h"
#include "coretext.h"
#include "format.h"
#include "method.h"
#include "readouttext.h"
#include "studiomodel.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace cutmix::ui
{

namespace
{

QString percent(double v)
{
    return QString::fromStdString(formatPercent(v, 2));
}

} // namespace

BetaChart::BetaChart(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    setMinimumHeight(200);
    connect(model_, &StudioModel::paramsChanged, this, &BetaChart::updateDensity);
    // A replayed run draws with its own alpha and method: the density follows the draw.
    connect(model_, &StudioModel::drawChanged, this, [this] {
        updateDensity();
        updateMarkers();
    });
    updateDensity();
    updateMarkers();
}

QColor BetaChart::backgroundColor() const
{
    return palette().color(QPalette::Base);
}

void BetaChart::changeEvent(QEvent* e)
{
    // Light or dark: the chart follows a palette change at run time.
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::FontChange) {
        cache_ = QPixmap();
        update();
    }
    // The title and the markers' names in the language now installed.
    if (e->type() == QEvent::LanguageChange) {
        plotted_ = {-1, 0.0, 0.0, 0.0}; // the same curve, worded again
        updateDensity();
    }
    QWidget::changeEvent(e);
}

void BetaChart::resizeEvent(QResizeEvent*)
{
    cache_ = QPixmap();
}

QRectF BetaChart::plotRect() const
{
    const QFontMetricsF fm(font());
    const double left = fm.horizontalAdvance("00.0") + 12;
    const double top = fm.height() * 1.6 + 4;
    // Tick labels, axis title, and the legend's rows.
    const double bottom = fm.height() * (2.4 + legendRows()) + 6;
    // The right margin holds half of the last tick label ("1.00").
    const double right = fm.horizontalAdvance("1.00") / 2 + 6;
    return QRectF(left, top, std::max(20.0, width() - left - right), std::max(20.0, height() - top - bottom));
}

QRectF BetaChart::xTitleRect() const
{
    const QFontMetricsF fm(font());
    const QRectF plot = plotRect();
    return QRectF(plot.left(), plot.bottom() + fm.height() + 2, plot.width(), fm.height());
}

std::vector<BetaChart::LegendEntry> BetaChart::legendEntries() const
{
    std::vector<LegendEntry> entries{{name_, true}};
    if (markedLam_ >= 0)
        entries.push_back({lamName_, true});
    if (markedLamAdj_ >= 0 || !adjName_.isEmpty())
        entries.push_back({adjName_, markedLamAdj_ >= 0});
    return entries;
}

QStringList BetaChart::legendNames() const
{
    QStringList names;
    for (const LegendEntry& e : legendEntries())
        names << e.name;
    return names;
}

namespace
{

constexpr double kSample = 20; // a legend entry's line sample and its gap
constexpr double kEntryGap = 14;

// Each entry's rect in a row of `width` starting at x0, in rows of height h
// from y0; an entry that does not fit the row's rest starts the next row.
std::vector<QRectF> flowLegend(const QFontMetricsF& fm, const std::vector<double>& widths, double x0, double width,
                               double y0)
{
    std::vector<QRectF> rects;
    double x = x0, y = y0;
    for (double w : widths) {
        if (x > x0 && x + w > x0 + width) {
            x = x0;
            y += fm.height();
        }
        rects.emplace_back(x, y, std::min(w, width), fm.height());
        x += w + kEntryGap;
    }
    return rects;
}

} // namespace

int BetaChart::legendRows() const
{
    const QFontMetricsF fm(font());
    std::vector<double> widths;
    for (const LegendEntry& e : legendEntries())
        widths.push_back((e.line ? kSample : 0) + fm.horizontalAdvance(e.name));
    const std::vector<QRectF> rects = flowLegend(fm, widths, 0, std::max(1.0, width() - 8.0), 0);
    return int(std::lround(rects.back().top() / fm.height())) + 1;
}

std::vector<QRectF> BetaChart::legendRects() const
{
    const QFontMetricsF fm(font());
    std::vector<double> widths;
    for (const LegendEntry& e : legendEntries())
        widths.push_back((e.line ? kSample : 0) + fm.horizontalAdvance(e.name));
    // Rows across the width, the last one ending just above the bottom.
    return flowLegend(fm, widths, 4, std::max(1.0, width() - 8.0), height() - 2 - legendRows() * fm.height());
}

QRectF BetaChart::xTickRect(double x) const
{
    const QFontMetricsF fm(font());
    const QRectF plot = plotRect();
    const double w = fm.horizontalAdvance(QString::number(x, 'f', 2)) + 2;
    return QRectF(toWidget(plot, x, 0).x() - w / 2, plot.bottom() + 2, w, fm.height());
}

QPointF BetaChart::toWidget(const QRectF& plot, double x, double y) const
{
    return QPointF(plot.left() + x * plot.width(), plot.bottom() - std::min(y, yMax_) / yMax_ * plot.height());
}

void BetaChart::paintEvent(QPaintEvent*)
{
    const QPalette pal = palette();
    const QRectF plot = plotRect();
    const QFontMetricsF fm(font());
    const qreal dpr = devicePixelRatioF();
    // The legend's rows can change with a draw, and with them the plot.
    if (cache_.isNull() || cache_.size() != size() * dpr || cachedPlot_ != plot) {
        cachedPlot_ = plot;
        cache_ = QPixmap(size() * dpr);
        cache_.setDevicePixelRatio(dpr);
        cache_.fill(pal.color(QPalette::Base));
        QPainter p(&cache_);
        p.setRenderHint(QPainter::Antialiasing, true);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(0, 2, width(), fm.height() * 1.4), Qt::AlignCenter, title_);
        p.setFont(font());
        // Grid and ticks.
        p.setPen(QPen(pal.color(QPalette::Mid), 1));
        p.drawRect(plot);
        for (int t = 0; t <= 4; ++t) {
            const double x = t / 4.0;
            const QPointF q = toWidget(plot, x, 0);
            p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
            p.drawLine(QPointF(q.x(), plot.top()), q);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(xTickRect(x), Qt::AlignHCenter, QString::number(x, 'f', 2));
        }
        const double step = yMax_ > 6 ? 2.0 : yMax_ > 2.5 ? 1.0 : yMax_ > 1.2 ? 0.5 : 0.25;
        for (double y = 0; y <= yMax_ + 1e-9; y += step) {
            const QPointF q = toWidget(plot, 0, y);
            p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
            p.drawLine(q, QPointF(plot.right(), q.y()));
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(0, q.y() - fm.height() / 2, plot.left() - 4, fm.height()),
                       Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'f', step < 1 ? 2 : 0));
        }
        p.drawText(xTitleRect(), Qt::AlignCenter, xTitle_);
        // The density.
        if (!points_.empty()) {
            QPainterPath path(toWidget(plot, points_.front().x(), points_.front().y()));
            for (const QPointF& q : points_)
                path.lineTo(toWidget(plot, q.x(), q.y()));
            // A density the convention ignores is drawn faint.
            p.setPen(used_ ? QPen(QColor(40, 110, 255), 2) : QPen(pal.color(QPalette::Mid), 2, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
        }
    }
    QPainter p(this);
    p.drawPixmap(0, 0, cache_);
    p.setRenderHint(QPainter::Antialiasing, true);
    // The markers and the legend change with every draw.
    const QPen densityPen =
        used_ ? QPen(QColor(40, 110, 255), 2) : QPen(palette().color(QPalette::Mid), 2, Qt::DashLine);
    const QPen lamPen(QColor(255, 140, 0), 2), adjPen(QColor(0, 170, 90), 2, Qt::DashLine);
    std::vector<QPen> pens{densityPen};
    if (markedLam_ >= 0) {
        p.setPen(lamPen);
        p.drawLine(toWidget(plot, markedLam_, 0), toWidget(plot, markedLam_, yMax_));
        pens.push_back(lamPen);
    }
    if (markedLamAdj_ >= 0) {
        p.setPen(adjPen);
        p.drawLine(toWidget(plot, markedLamAdj_, 0), toWidget(plot, markedLamAdj_, yMax_));
    }
    pens.push_back(adjPen);
    const std::vector<LegendEntry> entries = legendEntries();
    const std::vector<QRectF> rects = legendRects();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        QRectF r = rects[i];
        const double y = r.center().y();
        if (entries[i].line) {
            p.setPen(pens[std::min(i, pens.size() - 1)]);
            p.drawLine(QPointF(r.left(), y), QPointF(r.left() + kSample - 4, y));
            r.setLeft(r.left() + kSample);
        }
        p.setPen(palette().color(QPalette::Text));
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(entries[i].name, Qt::ElideMiddle, r.width()));
    }
}

void LabelChart::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::PaletteChange)
        bars_->update();
    if (e->type() == QEvent::LanguageChange) {
        copy_->setText(tr("Copy label"));
        copy_->setToolTip(tr("Copy the soft label as text"));
        refresh();
    }
    QWidget::changeEvent(e);
}

void BetaChart::updateDensity()
{
    const Params& params = model_->params();
    const Draw& d = model_->draw();
    const bool fromDraw = model_->hasPair();
    const Method& method = *(fromDraw ? d.params.method : params.method);
    const Drawn drawn = method.drawn;
    const bool used = drawn != Drawn::BetaLam || alphaMatters(method);
    const double alpha = fromDraw ? d.params.alpha : params.alpha;
    const MinMax scale = fromDraw ? d.params.range(Setting::Scale) : params.range(Setting::Scale);
    const std::tuple<int, double, double, double> key{int(drawn) * 2 + int(used), alpha, scale.lo, scale.hi};
    if (key == plotted_)
        return;
    plotted_ = key;
    used_ = used;
    points_.clear();
    if (drawn == Drawn::BetaLam) {
        // Denser sampling near the edges, where the density of alpha < 1 rises.
        const int n = 240;
        std::vector<double> ys;
        for (int i = 0; i <= n; ++i) {
            const double t = double(i) / n;
            const double x = std::clamp(0.5 - 0.5 * std::cos(M_PI * t), 1e-4, 1.0 - 1e-4);
            const double y = betaPdf(alpha, x);
            points_.emplace_back(x, y);
            ys.push_back(y);
        }
        // The y range follows the bulk of the curve, so that the spikes at 0
        // and 1 for small alpha do not flatten everything else.
        std::vector<double> sorted = ys;
        std::sort(sorted.begin(), sorted.end());
        const double body = sorted[sorted.size() * 9 / 10];
        yMax_ = std::max(1.2, std::min(sorted.back(), body * 1.6)) * 1.05;
        title_ = used ? tr("Beta(α, α) density")
                      : tr("Beta(α, α): not used by %1")
                            .arg(QString::fromUtf8(method.name.data(), qsizetype(method.name.size())));
        name_ = QString("Beta(%1, %1)").arg(alpha, 0, 'g', 3);
        xTitle_ = "λ";
    } else if (drawn == Drawn::UniformScale) {
        const double lo = scale.lo, hi = scale.hi;
        const double height = hi > lo ? 1.0 / (hi - lo) : 50.0;
        points_ = {QPointF(0, 0),       QPointF(lo, 0), QPointF(lo, height),
                   QPointF(hi, height), QPointF(hi, 0), QPointF(1, 0)};
        yMax_ = height * 1.2;
        title_ = tr("Uniform density of the patch scale τ");
        name_ = QString("U(%1, %2)").arg(lo, 0, 'g', 3).arg(hi, 0, 'g', 3);
        xTitle_ = "τ";
    } else {
        yMax_ = 1.0;
        title_ = tr("%1 draws no weight: only a position").arg(coreText(method.title));
        name_ = tr("(nothing drawn)");
        xTitle_.clear();
    }
    cache_ = QPixmap();
    updateMarkers();
}

void BetaChart::updateMarkers()
{
    const Drawn drawn = model_->draw().method().drawn;
    lamName_.clear();
    adjName_.clear();
    markedLam_ = markedLamAdj_ = -1.0;
    if (model_->hasPair() && drawn != Drawn::Nothing) {
        const auto& d = model_->draw();
        if (drawn == Drawn::UniformScale) {
            markedLam_ = d.tau;
            lamName_ = tr("τ drawn = %1").arg(d.tau, 0, 'f', 4);
            adjName_ = tr("weight of A = %1").arg(d.lam, 0, 'f', 4);
        } else {
            markedLam_ = used_ ? d.lamSampled : -1.0;
            markedLamAdj_ = d.lamAdj;
            if (used_)
                lamName_ = tr("λ drawn = %1").arg(d.lamSampled, 0, 'f', 4);
            adjName_ = QString("λ_adj = %1").arg(d.lamAdj, 0, 'f', 4);
        }
    }
    update();
}

LabelBars::LabelBars(QWidget* parent) : QWidget(parent)
{
    setMinimumHeight(120);
}

void LabelBars::setBars(const QStringList& names, const std::vector<double>& percents)
{
    names_ = names;
    values_ = percents;
    update();
}

QString LabelBars::valueText(int i) const
{
    return QString::fromStdString(formatFixed(values_.at(std::size_t(i)), 2)) + " %";
}

LabelBars::Layout LabelBars::layout() const
{
    Layout l;
    const QFontMetrics fm(font());
    l.title = QRect(0, 2, width(), fm.height() + 4);
    int widest = 0;
    for (const QString& n : names_)
        widest = std::max(widest, fm.horizontalAdvance(n));
    l.nameWidth = std::min(widest + 10, width() * 2 / 5);
    // Room on the right for half of the "100%" tick and a short bar's value.
    const int right = fm.horizontalAdvance("100%") / 2 + 6;
    l.plot = QRect(l.nameWidth, l.title.bottom() + 4, std::max(10, width() - l.nameWidth - right),
                   std::max(10, height() - l.title.bottom() - 8 - fm.height()));
    l.rowHeight = names_.isEmpty() ? 0 : std::min(44, l.plot.height() / int(names_.size()));
    return l;
}

QRect LabelBars::barRect(const Layout& l, int i) const
{
    const int gap = std::max(2, l.rowHeight / 6);
    const int length = int(std::lround(std::clamp(values_[std::size_t(i)], 0.0, 100.0) / 100.0 * l.plot.width()));
    return QRect(l.plot.left(), l.plot.top() + i * l.rowHeight + gap, length, l.rowHeight - 2 * gap);
}

bool LabelBars::valueInside(int i) const
{
    const Layout l = layout();
    return QFontMetrics(font()).horizontalAdvance(valueText(i)) + 12 <= barRect(l, i).width();
}

QRect LabelBars::valueRect(int i) const
{
    const Layout l = layout();
    const QRect bar = barRect(l, i);
    const int w = QFontMetrics(font()).horizontalAdvance(valueText(i));
    return valueInside(i) ? QRect(bar.right() - w - 5, bar.top(), w, bar.height())
                          : QRect(bar.right() + 5, bar.top(), w, bar.height());
}

void LabelBars::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const Layout l = layout();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(l.title, Qt::AlignCenter, tr("Soft label"));
    p.setFont(font());
    // The percent grid.
    const QFontMetrics fm(font());
    for (int t = 0; t <= 100; t += 25) {
        const int x = l.plot.left() + int(std::lround(t / 100.0 * l.plot.width()));
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(x, l.plot.top(), x, l.plot.top() + int(names_.size()) * l.rowHeight);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x - 30, l.plot.top() + int(names_.size()) * l.rowHeight + 2, 60, fm.height()),
                   Qt::AlignHCenter, QString("%1%").arg(t));
    }
    const QColor bar(40, 110, 255);
    for (int i = 0; i < int(names_.size()); ++i) {
        const QRect r = barRect(l, i);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(0, r.top(), l.nameWidth - 6, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(names_[i], Qt::ElideMiddle, l.nameWidth - 6));
        p.fillRect(r, bar);
        const bool inside = valueInside(i);
        p.setPen(inside ? QColor(255, 255, 255) : pal.color(QPalette::Text));
        p.drawText(valueRect(i), Qt::AlignVCenter | (inside ? Qt::AlignRight : Qt::AlignLeft), valueText(i));
    }
}

LabelChart::LabelChart(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    bars_ = new LabelBars;
    text_ = new QPlainTextEdit;
    text_->setReadOnly(true);
    text_->setMaximumHeight(90);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* copy = copy_ = new QPushButton(tr("Copy label"));
    copy->setToolTip(tr("Copy the soft label as text"));
    connect(copy, &QPushButton::clicked, this, &LabelChart::copyToClipboard);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bars_, 1);
    layout->addWidget(text_);
    layout->addWidget(copy, 0, Qt::AlignRight);
    connect(model_, &StudioModel::drawChanged, this, &LabelChart::refresh);
    connect(model_, &StudioModel::labelsChanged, this, &LabelChart::refresh);
    refresh();
}

void LabelChart::refresh()
{
    QStringList names;
    std::vector<double> values;
    QStringList lines;
    if (model_->hasPair()) {
        const NamedSources named = model_->names();
        const std::vector<double> label = model_->softLabel();
        // Named classes get a bar each; the unnamed ones share one bar for the
        // weight each of them gets from smoothing.
        for (std::size_t k = 0; k < named.classes.size(); ++k) {
            names << QString::fromStdString(named.classes[k]);
            values.push_back(label[k] * 100.0);
            lines << tr("%1 (class %2): %3").arg(names.last()).arg(k).arg(percent(label[k]));
        }
        const int others = named.numClasses - int(named.classes.size());
        if (others > 0) {
            const double each = label.back();
            names << tr("each of %1 others").arg(others);
            values.push_back(each * 100.0);
            lines << tr("each of the other %1 classes: %2").arg(others).arg(percent(each));
        }
        lines << tr("smoothing %1, K = %2, weight of A = %3")
                     .arg(model_->params().smoothing)
                     .arg(named.numClasses)
                     .arg(model_->draw().lam, 0, 'f', 6);
    }
    bars_->setBars(names, values);
    names_ = names;
    values_ = values;
    text_->setPlainText(lines.join('\n'));
}

QString LabelChart::text() const
{
    return text_->toPlainText();
}
std::vector<double> LabelChart::barValues() const
{
    return values_;
}
QStringList LabelChart::barNames() const
{
    return names_;
}

void LabelChart::copyToClipboard() const
{
    QApplication::clipboard()->setText(text());
}

} // namespace cutmix::ui
