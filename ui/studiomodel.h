// The window's one model: the current pair, the parameters, the draw history
// and the current draw with its result. Every number comes from core; widgets
// observe this object through its signals and never compute CutMix.
#pragma once

#include "draw.h"
#include "labels.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <functional>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <vector>

namespace cutmix::ui
{

// Where a pixel of the result comes from, and its value there.
struct PixelInfo {
    bool valid = false;
    int x = 0;
    int y = 0;
    bool fromB = false;
    QString value; // "R 12 G 34 B 56", "gray 200", 16-bit values as stored
};

class StudioModel : public QObject
{
    Q_OBJECT
public:
    explicit StudioModel(QObject* parent = nullptr);

    // Loading: on failure the previous pair stays, errorOccurred() carries a
    // message naming the file, and false is returned. Paths may be Qt
    // resource paths (":/...").
    bool loadA(const QString& path);
    bool loadB(const QString& path);
    bool loadPair(const QString& pathA, const QString& pathB);
    void swap();

    bool hasPair() const { return !a_.empty() && !b_.empty(); }
    const cv::Mat& imageA() const { return a_; } // as decoded
    const cv::Mat& imageB() const { return b_; }
    QString pathA() const { return pathA_; }
    QString pathB() const { return pathB_; }
    QString labelA() const { return labelA_; }
    QString labelB() const { return labelB_; }
    void setLabelA(const QString& l);
    void setLabelB(const QString& l);
    Size sizeA() const;
    Size sizeB() const;

    const Params& params() const { return params_; }
    // Applies all parameters at once; an invalid set is refused (error
    // signal) and the previous one stays.
    bool setParams(const Params& p);
    void setAlpha(double alpha);
    void setMethod(const Method& m);
    void setCorrectLam(std::optional<bool> correct);
    void setMinMax(MinMax m);
    void setResize(ResizePolicy r);
    void setSmoothing(double s);
    void setNumClasses(int k);

    // Draws: (seed, index) pairs; the history lists the indices seen.
    void setSeed(std::uint64_t seed);
    void newDraw();
    void back();
    void forward();
    bool canGoBack() const { return historyPos_ > 0; }
    bool canGoForward() const { return historyPos_ + 1 < history_.size(); }
    const std::vector<std::uint64_t>& history() const { return history_; }

    // Hold the draw: keep the uniform behind lam fixed and map it through the
    // Beta quantile, so that changing alpha moves lam (and the box) smoothly.
    void setHold(bool hold);
    bool hold() const { return hold_; }
    double heldUniform() const { return heldU_; }

    // The current draw and what it produced (valid when hasPair()).
    const Draw& draw() const { return draw_; }
    QImage displayA() const { return qA_; } // A at the mixed size
    QImage displayB() const { return qB_; } // B converted and brought to the mixed size
    // Shares a buffer that the draw after next writes again: copy() to keep it.
    QImage displayMixed() const { return qMixed_; }
    QImage sourceMaskImage() const; // 0 where the pixel is A's, 255 where B's
    cv::Mat mixed() const;          // full precision, for export
    PixelInfo pixelAt(int x, int y) const;

    NamedPair labels() const;
    std::vector<double> softLabel() const;
    bool selfMix() const;
    nlohmann::json record() const;

    bool saveResult(const QString& path, int quality = 95);
    bool saveRecord(const QString& path);
    bool savePreset(const QString& path);
    bool loadPreset(const QString& path);
    // Parameters saved as JSON text (the window's settings).
    bool restoreParams(const QString& json);

signals:
    void pairChanged();
    void paramsChanged();
    void labelsChanged();
    void drawChanged();
    void historyChanged();
    void errorOccurred(const QString& message);

private:
    // Applies one change to a copy of the parameters through setParams.
    void editParams(const std::function<void(Params&)>& change);
    // The one path for errors: runs work; a failure becomes errorOccurred()
    // and false.
    bool reportErrors(const std::function<void()>& work);
    bool loadInto(const QString& path, cv::Mat& image);
    void preparePair();
    void recompute();
    void resetHistory();

    cv::Mat a_, b_;
    QString pathA_, pathB_, labelA_, labelB_;
    Params params_;
    std::vector<std::uint64_t> history_{0};
    std::size_t historyPos_ = 0;
    bool hold_ = false;
    double heldU_ = 0.5;

    cv::Mat prepA_, prepB_; // full precision, at the mixed size
    cv::Mat dispA_, dispB_; // display order, 8-bit
    // Two result buffers used in turn, so that the one on screen is never
    // written while shown.
    cv::Mat dispMixed_[2];
    int nextBuffer_ = 0;
    QImage qA_, qB_, qMixed_;
    Draw draw_;
};

} // namespace cutmix::ui
