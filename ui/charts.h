// The two plots of the window: the Beta(alpha, alpha) density with the drawn
// lam and lam_adj marked, and the soft label as bars. Both take their
// numbers from the model; they only draw.
#pragma once

#include <QWidget>
#include <tuple>
#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
class QBarSet;
class QBarCategoryAxis;
class QHorizontalBarSeries;
class QPlainTextEdit;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class BetaChart : public QWidget
{
    Q_OBJECT
public:
    explicit BetaChart(StudioModel* model, QWidget* parent = nullptr);
    // For tests: the plotted marker positions.
    double markedLam() const { return markedLam_; }
    double markedLamAdj() const { return markedLamAdj_; }
    int densityPoints() const;
    QString densityName() const;    // for tests: "Beta(0.8, 0.8)", "U(0.1, 0.8)", ...
    QColor backgroundColor() const; // for tests: follows the palette

protected:
    void changeEvent(QEvent* e) override;

private:
    void updateDensity();
    void updateMarkers();

    StudioModel* model_;
    QChart* chart_;
    QChartView* view_;
    QLineSeries* density_;
    QLineSeries* lamLine_;
    QLineSeries* adjLine_;
    QValueAxis* axisX_;
    QValueAxis* axisY_;
    double yMax_ = 1.0;
    std::tuple<int, double, double, double> plotted_{-1, 0.0, 0.0, 0.0}; // method's kind, alpha, scale range
    double markedLam_ = -1.0;
    double markedLamAdj_ = -1.0;
};

// The soft label as horizontal bars, painted directly: each value's text
// sits inside its bar when it fits and just outside it otherwise, so a short
// bar never cuts its number.
class LabelBars : public QWidget
{
    Q_OBJECT
public:
    explicit LabelBars(QWidget* parent = nullptr);
    void setBars(const QStringList& names, const std::vector<double>& percents);
    QSize minimumSizeHint() const override { return {160, 120}; }
    // Where bar i's value text is drawn, and whether inside the bar (tests).
    QRect valueRect(int i) const;
    bool valueInside(int i) const;
    QString valueText(int i) const;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    struct Layout {
        QRect title, plot;
        int nameWidth = 0;
        int rowHeight = 0;
    };
    Layout layout() const;
    QRect barRect(const Layout& l, int i) const;

    QStringList names_;
    std::vector<double> values_;
};

class LabelChart : public QWidget
{
    Q_OBJECT
public:
    explicit LabelChart(StudioModel* model, QWidget* parent = nullptr);
    QString text() const; // the soft label as copyable text
    // For tests: bar values in percent, in the plotted order.
    std::vector<double> barValues() const;
    QStringList barNames() const;
    LabelBars* bars() const { return bars_; }

public slots:
    void copyToClipboard() const;

protected:
    void changeEvent(QEvent* e) override;

private:
    void refresh();

    StudioModel* model_;
    LabelBars* bars_;
    QPlainTextEdit* text_;
    QStringList names_;
    std::vector<double> values_;
};

} // namespace cutmix::ui
