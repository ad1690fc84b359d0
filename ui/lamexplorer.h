// The lam explorer: many draws (100,000 by default) of the current method,
// convention, image size and alpha, made in the background chunk by chunk
// and shown as they come: the histograms of the sampled lam, of lam_adj and
// of the reported weight over the density, with the means, P(box clipped),
// P(empty box) and the clipping bias under them; for a method that samples
// no lam, what it counts instead (Mosaic: each tile's share, of the four
// images' own sizes; Cutout: the share erased; ResizeMix: the tau it draws
// over its Uniform density, and the share its patch covers). Any change of the
// parameters cancels the run and starts again; Cancel stops it. The numbers
// are core's (lamstats.h), the same as `cutmix stats`.
#pragma once

#include "lamstats.h"

#include <QWidget>
#include <atomic>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTimer;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class LamExplorer : public QWidget
{
    Q_OBJECT
public:
    explicit LamExplorer(StudioModel* model, QWidget* parent = nullptr);
    ~LamExplorer() override;

    const LamStats& stats() const { return stats_; }
    int count() const;
    void setCount(int n);
    bool running() const { return running_; }
    // The parameters and size the statistics are for.
    const Params& params() const { return params_; }
    Size size() const { return size_; }
    // The sources' sizes the draws were made for: the mixed size (every
    // source is brought to it), or each source's own (Mosaic's tiles).
    const std::vector<Size>& sizes() const { return sizes_; }
    // The parameters the statistics should be for: the window's, or in a
    // replay the method and alpha of the replayed run's draw.
    Params wanted() const;
    std::vector<Size> wantedSizes() const;

public slots:
    // Starts again for the window's current parameters, at once.
    void restart();
    // The same after a short pause (while alpha is dragged, the draws wait
    // for the slider to rest instead of competing with the redraw).
    void restartSoon();
    void cancel();

signals:
    void finished();      // all draws counted
    void progressed(int); // draws counted so far
    void failed(const QString& error);

protected:
    void showEvent(QShowEvent*) override;
    void changeEvent(QEvent*) override;

private:
    void retranslate();
    class Plot;
    void addChunk(unsigned generation, const LamStats& chunk, bool last);
    void fail(unsigned generation, const QString& error);
    void refreshText();
    QString failure_; // why the last run could not draw
    // Whether the statistics are for the wanted parameters.
    bool showsCurrent() const;

    StudioModel* model_;
    Plot* plot_;
    QLabel* label_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QSpinBox* count_;
    QLabel* countLabel_;
    LamStats stats_ = emptyStats(50);
    Params params_;
    Size size_;
    std::vector<Size> sizes_;
    unsigned generation_ = 0;
    bool running_ = false;
    bool stale_ = true;
    std::shared_ptr<std::atomic<bool>> stop_;
    QTimer* settle_;
};

} // namespace cutmix::ui
