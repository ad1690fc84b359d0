#include "lamexplorer.h"

#include "draw.h"
#include "errorreport.h"
#include "statsplot.h"
#include "studiomodel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace cutmix::ui
{

namespace
{

constexpr std::uint64_t kChunk = 5000;

} // namespace

// The histograms, painted into a cached pixmap that is redrawn only when the
// statistics change (a window repaint then costs one blit).
class LamExplorer::Plot : public QWidget
{
public:
    explicit Plot(LamExplorer* owner) : owner_(owner) { setMinimumSize(180, 180); }
    void invalidate()
    {
        cache_ = QPixmap();
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        const qreal dpr = devicePixelRatioF();
        if (cache_.isNull() || cache_.size() != size() * dpr) {
            cache_ = QPixmap(size() * dpr);
            cache_.setDevicePixelRatio(dpr);
            cache_.fill(palette().color(QPalette::Base));
            QPainter p(&cache_);
            p.setPen(palette().color(QPalette::Text));
            render::StatsPlotStyle style;
            style.fontPixels = std::max(10.0, font().pixelSize() > 0 ? font().pixelSize() : font().pointSizeF() * 1.3);
            render::paintLamStats(p, QRectF(rect()).adjusted(4, 4, -4, -4), owner_->stats_, owner_->params_, style);
        }
        QPainter p(this);
        p.drawPixmap(0, 0, cache_);
    }
    void resizeEvent(QResizeEvent*) override { cache_ = QPixmap(); }

private:
    LamExplorer* owner_;
    QPixmap cache_;
};

LamExplorer::LamExplorer(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    plot_ = new Plot(this);
    label_ = new QLabel;
    label_->setObjectName("stats");
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_ = new QProgressBar;
    progress_->setTextVisible(true);
    cancel_ = new QPushButton;
    count_ = new QSpinBox;
    count_->setRange(1000, 10'000'000);
    count_->setSingleStep(10000);
    count_->setValue(100000);
    count_->setGroupSeparatorShown(true);
    count_->setKeyboardTracking(false);
    countLabel_ = new QLabel;
    retranslate();
    // The count on one row, the progress on the next: on one row they were
    // wider than the dock at 1024x700, and the scroll area cut the whole
    // panel off at the right.
    auto* countRow = new QHBoxLayout;
    countRow->addWidget(countLabel_);
    countRow->addWidget(count_, 1);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);
    progressRow->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(plot_, 1);
    layout->addWidget(label_);
    layout->addLayout(countRow);
    layout->addLayout(progressRow);
    connect(cancel_, &QPushButton::clicked, this, &LamExplorer::cancel);
    connect(count_, &QSpinBox::valueChanged, this, &LamExplorer::restart);
    settle_ = new QTimer(this);
    settle_->setSingleShot(true);
    settle_->setInterval(150);
    connect(settle_, &QTimer::timeout, this, &LamExplorer::restart);
    connect(model_, &StudioModel::paramsChanged, this, &LamExplorer::restartSoon);
    connect(model_, &StudioModel::pairChanged, this, &LamExplorer::restartSoon);
    // A replayed iteration may switch between CutMix and MixUp.
    connect(model_, &StudioModel::drawChanged, this, [this] {
        if (model_->replay().active)
            restartSoon();
    });
    refreshText();
}

LamExplorer::~LamExplorer()
{
    if (stop_)
        stop_->store(true);
    // The worker holds only shared state and posts to this object through a
    // guarded pointer; the pool's threads finish on their own.
}

int LamExplorer::count() const
{
    return count_->value();
}

void LamExplorer::setCount(int n)
{
    count_->setValue(n);
}

void LamExplorer::showEvent(QShowEvent*)
{
    if (stale_)
        restart();
}

void LamExplorer::cancel()
{
    if (stop_)
        stop_->store(true);
    if (running_) {
        running_ = false;
        ++generation_; // chunks still on their way are dropped
        refreshText();
    }
}

Params LamExplorer::wanted() const
{
    // Draws 0 .. N-1 of the seed, whatever the draw on screen: a new draw
    // changes nothing here, alpha, the method or the size do.
    Params p = model_->params();
    if (model_->replay().active && model_->hasPair()) {
        // The run decides the method and alpha of each iteration.
        const Params& run = model_->draw().params;
        p.method = run.method;
        p.alpha = run.alpha;
        p.correctLam = run.correctLam;
        p.sources = 2;
    }
    p.index = 0;
    return p;
}

std::vector<Size> LamExplorer::wantedSizes() const
{
    // A pair is mixed at one size; Mosaic's tiles keep each image's aspect.
    if (wanted().method->mixesPair())
        return {model_->draw().size};
    return model_->draw().sourceSizes;
}

bool LamExplorer::showsCurrent() const
{
    return !stale_ && stats_.count > 0 && model_->draw().size == size_ && wantedSizes() == sizes_ &&
           paramsToJson(wanted()) == paramsToJson(params_);
}

void LamExplorer::restartSoon()
{
    if (showsCurrent())
        return;
    if (stop_)
        stop_->store(true); // the running draws are for the old parameters
    if (isVisible()) {
        label_->setText(render::statsLines(stats_).join("\n") + tr("\nUpdating for the new parameters…"));
        settle_->start();
    } else {
        stale_ = true;
    }
}

void LamExplorer::restart()
{
    settle_->stop();
    const bool same = showsCurrent() && count_->value() == progress_->maximum();
    if (same && (running_ || stats_.count == std::uint64_t(count_->value())))
        return;
    if (stop_)
        stop_->store(true);
    ++generation_;
    running_ = false;
    if (!isVisible() || !model_->hasPair()) {
        stale_ = true; // computed when shown
        return;
    }
    stale_ = false;
    failure_.clear();
    params_ = wanted();
    size_ = model_->draw().size;
    sizes_ = wantedSizes();
    stats_ = emptyStats(50, params_.method);
    const std::uint64_t total = std::uint64_t(count_->value());
    progress_->setRange(0, int(total));
    progress_->setValue(0);
    stop_ = std::make_shared<std::atomic<bool>>(false);
    running_ = true;
    plot_->invalidate();
    refreshText();
    // One worker draws the chunks in index order and posts each to this
    // object: the sums are added in the same order every time.
    const unsigned generation = generation_;
    const Params p = params_;
    const std::vector<Size> sizes = sizes_;
    auto stop = stop_;
    QPointer<LamExplorer> self(this);
    QThreadPool::globalInstance()->start([self, generation, p, sizes, total, stop] {
        for (std::uint64_t first = 0; first < total && !stop->load(); first += kChunk) {
            LamStats chunk;
            const QString error = runReportingErrors(
                [&] { chunk = lamStats(p, sizes, p.index + first, std::min(kChunk, total - first), 50, stop.get()); });
            if (!error.isEmpty()) {
                // Said in the explorer, never a frozen "Drawing...".
                QMetaObject::invokeMethod(
                    qApp,
                    [self, generation, error] {
                        if (self)
                            self->fail(generation, error);
                    },
                    Qt::QueuedConnection);
                return;
            }
            if (stop->load())
                return;
            const bool last = first + kChunk >= total;
            // Posted to the application object (it outlives every window); the
            // explorer itself is checked on the GUI thread.
            QMetaObject::invokeMethod(
                qApp,
                [self, generation, chunk, last] {
                    if (self)
                        self->addChunk(generation, chunk, last);
                },
                Qt::QueuedConnection);
        }
    });
}

void LamExplorer::addChunk(unsigned generation, const LamStats& chunk, bool last)
{
    if (generation != generation_)
        return;
    addStats(stats_, chunk);
    progress_->setValue(int(stats_.count));
    plot_->invalidate();
    if (last)
        running_ = false;
    refreshText();
    emit progressed(int(stats_.count));
    if (last)
        emit finished();
}

void LamExplorer::fail(unsigned generation, const QString& error)
{
    if (generation != generation_)
        return;
    running_ = false;
    failure_ = error;
    refreshText();
    emit failed(error);
}

void LamExplorer::retranslate()
{
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop drawing; what is counted stays"));
    count_->setToolTip(tr("How many draws (indices 0 to N-1 of the seed, as cutmix stats)"));
    countLabel_->setText(tr("Draws"));
}

void LamExplorer::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        refreshText();
        plot_->invalidate(); // its axes and legend are words too
    }
    QWidget::changeEvent(e);
}

void LamExplorer::refreshText()
{
    QString text = render::statsLines(stats_).join("\n");
    if (!failure_.isEmpty())
        text += tr("\nCould not draw: %1").arg(failure_);
    else if (running_)
        text += tr("\nDrawing… %1 of %2").arg(stats_.count).arg(count_->value());
    else if (stats_.count < std::uint64_t(count_->value()) && stats_.count > 0)
        text += tr("\nStopped at %n draws", nullptr, int(stats_.count));
    label_->setText(text);
    cancel_->setEnabled(running_);
}

} // namespace cutmix::ui
