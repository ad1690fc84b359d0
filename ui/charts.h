// The two plots of the window: the Beta(alpha, alpha) density with the drawn
// lam and lam_adj marked, and the soft label as bars. Both take their
// numbers from the model; they only draw.
#pragma once

#include <QPixmap>
#include <QWidget>
#include <tuple>
#include <vector>

QT_BEGIN_NAMESPACE
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

// The density lam (or ResizeMix's tau) is drawn from, with the drawn value
// and lam_adj marked. Painted directly: the curve, axes and title into a
// cached pixmap (redrawn only when alpha, the method or the size change),
// the two markers and the legend over it on every draw.
class BetaChart : public QWidget
{
    Q_OBJECT
public:
    explicit BetaChart(StudioModel* model, QWidget* parent = nullptr);
    // For tests: the plotted marker positions.
    double markedLam() const { return markedLam_; }
    double markedLamAdj() const { return markedLamAdj_; }
    int densityPoints() const { return int(points_.size()); }
    QString densityName() const { return name_; } // for tests: "Beta(0.8, 0.8)", "U(0.1, 0.8)", ...
    // For tests: the words painted, the title and the drawn value's legend.
    QString title() const { return title_; }
    QString drawnName() const { return lamName_; }
    // False where the method draws lam and ignores it (timm-minmax).
    bool densityUsed() const { return used_; }
    // Where the tick label at x (0 to 1) is written.
    QRectF xTickRect(double x) const;
    // Where each legend entry (its line sample and name) is drawn: in rows
    // within the width, below the axis title.
    std::vector<QRectF> legendRects() const;
    QStringList legendNames() const;
    QRectF xTitleRect() const;
    QColor backgroundColor() const; // for tests: follows the palette
    QSize minimumSizeHint() const override { return {220, 200}; }

protected:
    void changeEvent(QEvent* e) override;
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    void updateDensity();
    void updateMarkers();
    QRectF plotRect() const;
    struct LegendEntry {
        QString name;
        bool line; // drawn with a line sample before the name
    };
    std::vector<LegendEntry> legendEntries() const;
    // The rows the legend takes at this width.
    int legendRows() const;
    QPointF toWidget(const QRectF& plot, double x, double y) const;

    StudioModel* model_;
    std::vector<QPointF> points_; // the density, in data coordinates
    QString title_, name_, xTitle_;
    QString lamName_, adjName_;
    double yMax_ = 1.0;
    bool used_ = true;
    std::tuple<int, double, double, double> plotted_{-1, 0.0, 0.0, 0.0}; // method's kind, alpha, scale range
    double markedLam_ = -1.0;
    double markedLamAdj_ = -1.0;
    QPixmap cache_;
    QRectF cachedPlot_;
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
    QPushButton* copy_;
    QStringList names_;
    std::vector<double> values_;
};

} // namespace cutmix::ui
