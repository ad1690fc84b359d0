#include "charts.h"

#include "betadist.h"
#include "format.h"
#include "method.h"
#include "studiomodel.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QEvent>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace cutmix::ui
{

namespace
{

QChart* makeChart()
{
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

// Charts do not follow the widget palette by themselves: take the window's
// colours so that light and dark palettes both read well.
void applyPalette(QChart* chart, const QPalette& pal)
{
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setGridLineColor(pal.color(QPalette::Mid));
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
}

QString percent(double v)
{
    return QString::fromStdString(formatPercent(v, 2));
}

} // namespace

BetaChart::BetaChart(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    chart_ = makeChart();
    chart_->setTitle("Beta(α, α) density");
    density_ = new QLineSeries;
    density_->setName("density");
    density_->setPen(QPen(QColor(40, 110, 255), 2));
    lamLine_ = new QLineSeries;
    lamLine_->setPen(QPen(QColor(255, 140, 0), 2));
    adjLine_ = new QLineSeries;
    adjLine_->setPen(QPen(QColor(0, 170, 90), 2, Qt::DashLine));
    for (QLineSeries* s : {density_, lamLine_, adjLine_})
        chart_->addSeries(s);
    axisX_ = new QValueAxis;
    axisX_->setRange(0, 1);
    axisX_->setTitleText("λ");
    axisX_->setLabelFormat("%.1f");
    axisY_ = new QValueAxis;
    axisY_->setLabelFormat("%.1f");
    chart_->addAxis(axisX_, Qt::AlignBottom);
    chart_->addAxis(axisY_, Qt::AlignLeft);
    for (QLineSeries* s : {density_, lamLine_, adjLine_}) {
        s->attachAxis(axisX_);
        s->attachAxis(axisY_);
    }
    view_ = new QChartView(chart_);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumHeight(200);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);
    applyPalette(chart_, palette());
    connect(model_, &StudioModel::paramsChanged, this, &BetaChart::updateDensity);
    // A replayed run draws with its own alpha and method: the density follows the draw.
    connect(model_, &StudioModel::drawChanged, this, [this] {
        updateDensity();
        updateMarkers();
    });
    updateDensity();
    updateMarkers();
}

int BetaChart::densityPoints() const
{
    return int(density_->count());
}

QString BetaChart::densityName() const
{
    return density_->name();
}

QColor BetaChart::backgroundColor() const
{
    return chart_->backgroundBrush().color();
}

void BetaChart::changeEvent(QEvent* e)
{
    // Light or dark: the chart follows a palette change at run time.
    if (e->type() == QEvent::PaletteChange)
        applyPalette(chart_, palette());
    QWidget::changeEvent(e);
}

void LabelChart::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::PaletteChange)
        bars_->update();
    QWidget::changeEvent(e);
}

void BetaChart::updateDensity()
{
    const Params& params = model_->params();
    const Draw& d = model_->draw();
    const bool fromDraw = model_->hasPair();
    const Drawn drawn = (fromDraw ? d.method : params.method)->drawn;
    const double alpha = fromDraw ? d.alpha : params.alpha;
    const MinMax scale = fromDraw ? d.scale : params.scale;
    const std::tuple<int, double, double, double> key{int(drawn), alpha, scale.lo, scale.hi};
    if (key == plotted_)
        return;
    plotted_ = key;
    QList<QPointF> points;
    if (drawn == Drawn::BetaLam) {
        // Denser sampling near the edges, where the density of alpha < 1 rises.
        const int n = 240;
        std::vector<double> ys;
        for (int i = 0; i <= n; ++i) {
            const double t = double(i) / n;
            const double x = std::clamp(0.5 - 0.5 * std::cos(M_PI * t), 1e-4, 1.0 - 1e-4);
            const double y = betaPdf(alpha, x);
            points << QPointF(x, y);
            ys.push_back(y);
        }
        // The y range follows the bulk of the curve, so that the spikes at 0
        // and 1 for small alpha do not flatten everything else.
        std::vector<double> sorted = ys;
        std::sort(sorted.begin(), sorted.end());
        const double body = sorted[sorted.size() * 9 / 10];
        yMax_ = std::max(1.2, std::min(sorted.back(), body * 1.6)) * 1.05;
        for (QPointF& pt : points)
            pt.setY(std::min(pt.y(), yMax_));
        chart_->setTitle("Beta(α, α) density");
        density_->setName(QString("Beta(%1, %1)").arg(alpha, 0, 'g', 3));
        axisX_->setTitleText("λ");
    } else if (drawn == Drawn::UniformScale) {
        const double lo = scale.lo, hi = scale.hi;
        const double height = hi > lo ? 1.0 / (hi - lo) : 50.0;
        points << QPointF(0, 0) << QPointF(lo, 0) << QPointF(lo, height) << QPointF(hi, height) << QPointF(hi, 0)
               << QPointF(1, 0);
        yMax_ = height * 1.2;
        chart_->setTitle("Uniform density of the patch scale τ");
        density_->setName(QString("U(%1, %2)").arg(lo, 0, 'g', 3).arg(hi, 0, 'g', 3));
        axisX_->setTitleText("τ");
    } else {
        yMax_ = 1.0;
        chart_->setTitle("Cutout draws no weight: only a position");
        density_->setName("(nothing drawn)");
        axisX_->setTitleText("");
    }
    density_->replace(points);
    axisY_->setRange(0, yMax_);
    updateMarkers();
}

void BetaChart::updateMarkers()
{
    const Drawn drawn = model_->draw().method->drawn;
    if (!model_->hasPair() || drawn == Drawn::Nothing) {
        lamLine_->clear();
        adjLine_->clear();
        markedLam_ = markedLamAdj_ = -1.0;
        return;
    }
    const auto& d = model_->draw();
    if (drawn == Drawn::UniformScale) {
        markedLam_ = d.tau;
        markedLamAdj_ = -1.0;
        lamLine_->replace({QPointF(d.tau, 0), QPointF(d.tau, yMax_)});
        lamLine_->setName(QString("τ drawn = %1").arg(d.tau, 0, 'f', 4));
        adjLine_->clear();
        adjLine_->setName(QString("weight of A = %1").arg(d.lam, 0, 'f', 4));
        return;
    }
    markedLam_ = d.lamSampled;
    markedLamAdj_ = d.lamAdj;
    lamLine_->replace({QPointF(d.lamSampled, 0), QPointF(d.lamSampled, yMax_)});
    adjLine_->replace({QPointF(d.lamAdj, 0), QPointF(d.lamAdj, yMax_)});
    lamLine_->setName(QString("λ drawn = %1").arg(d.lamSampled, 0, 'f', 4));
    adjLine_->setName(QString("λ_adj = %1").arg(d.lamAdj, 0, 'f', 4));
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
    p.drawText(l.title, Qt::AlignCenter, "Soft label");
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
    auto* copy = new QPushButton("Copy label");
    copy->setToolTip("Copy the soft label as text");
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
            lines << QString("%1 (class %2): %3").arg(names.last()).arg(k).arg(percent(label[k]));
        }
        const int others = named.numClasses - int(named.classes.size());
        if (others > 0) {
            const double each = label.back();
            names << QString("each of %1 others").arg(others);
            values.push_back(each * 100.0);
            lines << QString("each of the other %1 classes: %2").arg(others).arg(percent(each));
        }
        lines << QString("smoothing %1, K = %2, weight of A = %3")
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
