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
        applyPalette(chart_, palette());
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

LabelChart::LabelChart(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    chart_ = makeChart();
    chart_->setTitle("Soft label");
    chart_->legend()->hide();
    // The series and axes are built once; a new draw only changes values,
    // which keeps dragging alpha fluid.
    set_ = new QBarSet("weight");
    set_->setColor(QColor(40, 110, 255));
    set_->setLabelColor(QColor(255, 255, 255));
    auto* series = new QHorizontalBarSeries;
    series->append(set_);
    series->setLabelsVisible(true);
    series->setLabelsFormat("@value %");
    series->setLabelsPrecision(4);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart_->addSeries(series);
    categories_ = new QBarCategoryAxis;
    auto* values = new QValueAxis;
    values->setRange(0, 100);
    values->setLabelFormat("%d%%");
    chart_->addAxis(categories_, Qt::AlignLeft);
    chart_->addAxis(values, Qt::AlignBottom);
    series->attachAxis(categories_);
    series->attachAxis(values);
    applyPalette(chart_, palette());

    view_ = new QChartView(chart_);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumHeight(160);
    text_ = new QPlainTextEdit;
    text_->setReadOnly(true);
    text_->setMaximumHeight(90);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* copy = new QPushButton("Copy label");
    copy->setToolTip("Copy the soft label as text");
    connect(copy, &QPushButton::clicked, this, &LabelChart::copyToClipboard);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
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
    // Horizontal bars stack upwards: reversed, so that A's class is on top.
    if (names != names_) {
        categories_->clear();
        categories_->append(QStringList(names.rbegin(), names.rend()));
        set_->remove(0, set_->count());
        for (auto it = values.rbegin(); it != values.rend(); ++it)
            *set_ << *it;
    } else {
        for (std::size_t i = 0; i < values.size(); ++i)
            set_->replace(int(values.size() - 1 - i), values[i]);
    }
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
