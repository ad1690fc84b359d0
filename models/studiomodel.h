// The window's one model: the sources (A, B, and more for multi-source
// CutMix), the parameters, the draw history and the current draw with its
// result. Every number comes from core; widgets observe this object through
// its signals and never compute a mix themselves.
#pragma once

#include "draw.h"
#include "keeprules.h"
#include "labels.h"
#include "replay.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace cutmix::ui
{

// Where a pixel of the result comes from, and its values.
struct PixelInfo {
    bool valid = false;
    int x = 0;
    int y = 0;
    int source = 0;     // 0 = A, 1 = B, ...; -1 for a blend of A and B, 255 for a filled pixel
    bool fromB = false; // source == 1
    QString value;      // of the result: "R 12 G 34 B 56", "gray 200", 16-bit values as stored
    int label = -1;     // the mixed mask's label there (-1: no mixed mask)
};

// Where the draws come from: the project's own (seed, index), or the
// NumPy-seeded run of a training recipe, replayed iteration by iteration.
struct ReplaySource {
    bool active = false;
    ReplaySettings settings;
    std::uint64_t iteration = 0;
};

class StudioModel : public QObject
{
    Q_OBJECT
public:
    explicit StudioModel(QObject* parent = nullptr);
    ~StudioModel() override;

    // Loading: on failure the previous images stay, errorOccurred() carries a
    // message naming the file, and false is returned. Paths may be Qt
    // resource paths (":/...").
    bool loadA(const QString& path);
    bool loadB(const QString& path);
    // A new pair (both images replaced) starts with A and B only; any load
    // after showPair() brings back the parameters the user had before it.
    bool loadPair(const QString& pathA, const QString& pathB);
    // A pair handed over already decoded (an element of the batch view and
    // its partner, at the batch's size), with its class names and the
    // parameters of its draw (seed and index included): the pair view then
    // shows exactly that draw. Leaves a replay. Refused (error signal) when
    // the parameters are invalid.
    bool showPair(const QString& pathA, const cv::Mat& a, const QString& labelA, const QString& pathB, const cv::Mat& b,
                  const QString& labelB, const Params& p);
    // Multi-source CutMix: sources 3, 4, ... (up to kMaxSources in all).
    bool addSource(const QString& path);
    // Every source at once: A, B, then the others (what the command line
    // and a drop of three or more files open).
    bool loadSources(const QStringList& paths);
    void removeSource(int index); // index >= 2
    void swap();

    bool hasPair() const { return sources_.size() >= 2 && !sources_[0].image.empty() && !sources_[1].image.empty(); }
    int sourceCount() const { return int(sources_.size()); }
    const cv::Mat& imageA() const { return sources_[0].image; } // as decoded
    const cv::Mat& imageB() const { return sources_[1].image; }
    const cv::Mat& sourceImage(int k) const { return sources_.at(std::size_t(k)).image; } // as decoded
    QString pathA() const { return sources_[0].path; }
    QString pathB() const { return sources_[1].path; }
    QString sourcePath(int k) const { return sources_.at(std::size_t(k)).path; }
    QString labelA() const { return sources_[0].label; }
    QString labelB() const { return sources_[1].label; }
    QString sourceLabel(int k) const { return sources_.at(std::size_t(k)).label; }
    void setLabelA(const QString& l) { setSourceLabel(0, l); }
    void setLabelB(const QString& l) { setSourceLabel(1, l); }
    void setSourceLabel(int k, const QString& l);
    Size sizeA() const;
    Size sizeB() const;

    const Params& params() const { return params_; }
    // Applies all parameters at once; an invalid set is refused (error
    // signal) and the previous one stays.
    bool setParams(const Params& p);
    void setMethod(const Method& m);
    // One parameter of the table (params.h), as its control or a key sets it;
    // an invalid value is refused (error signal) and the previous one stays.
    void setParam(Setting s, const ParamValue& v);

    // Draws: (seed, index) pairs; the history lists the indices seen.
    void setSeed(std::uint64_t seed);
    void newDraw();
    void back();
    void forward();
    bool canGoBack() const;
    bool canGoForward() const { return !replay_.active && historyPos_ + 1 < history_.size(); }
    const std::vector<std::uint64_t>& history() const { return history_; }

    // The NumPy-seeded source of draws (cutmix replay, in the window): while
    // active, the draw is iteration `iteration` of the recipe's run on these
    // images; New draw and back/forward step through the iterations.
    bool setReplay(const ReplaySource& replay);
    const ReplaySource& replay() const { return replay_; }
    // The replayed step behind the current draw (when the replay is active).
    const ReplayStep& replayStep() const { return replayStep_; }

    // Hold the draw: keep the uniforms behind every lam fixed and map them
    // through the Beta quantile, so that changing alpha moves lam (and the
    // boxes) smoothly; the other uniforms (positions, ResizeMix's scale) are
    // kept anyway.
    // Back and forward release it: they show the draws as drawn.
    void setHold(bool hold);
    bool hold() const { return hold_; }
    double heldUniform() const { return heldU_.empty() ? 0.5 : heldU_.front(); }

    // The current draw and what it produced (valid when hasPair()).
    const Draw& draw() const { return draw_; }
    // A and B as the draw paints them: at the mixed size (Mosaic: each at
    // its tile's size).
    QImage displayA() const { return qA_; }
    QImage displayB() const { return qB_; } // B converted to A's type
    // Shares a buffer that the draw after next writes again: copy() to keep it.
    QImage displayMixed() const { return qMixed_; }
    // Where displayMixed() differs from the result shown before it (image
    // pixels), when that is known: a box that moved. Unset: anywhere.
    const std::optional<std::vector<Box>>& resultChanges() const { return changes_; }
    // Which source each pixel comes from (0 = A, 1 = B, ..., 255 filled), as
    // a Grayscale8 image; null for MixUp, whose pixels are blends.
    QImage sourceMapImage() const;
    cv::Mat mixed() const; // full precision, for export
    PixelInfo pixelAt(int x, int y) const;

    // Objects (boxes with a class) of the sources: found beside an image
    // when it is opened (labels/<name>.txt, as the bundled demo images have
    // them; imagefile.h), or loaded for a source; carried through every
    // draw of a method that carries objects and judged by the box rule, as
    // `cutmix mix --boxes` does (keeprules.h, carryAndJudge).
    bool loadObjects(int k, const QString& path);
    void clearObjects(int k);
    bool hasObjects() const;
    // Source k's objects in its own pixels (none: an empty list).
    const ImageObjects& sourceObjects(int k) const { return sources_.at(std::size_t(k)).objects; }
    QString objectsFile(int k) const { return sources_.at(std::size_t(k)).objectsFile; }
    // Whether source k's objects came with polygons (Ultralytics' 1 % rule).
    bool objectsHaveSegments(int k) const { return sources_.at(std::size_t(k)).segments; }
    // What the current draw did to them (empty without objects, or for a
    // method that carries none: objectsNote() then says so).
    const std::vector<CarriedObject>& objects() const { return carried_; }
    QString objectsNote() const { return objectsNote_; }
    // The name of an object class ("class 3" when the files name none).
    QString objectClassName(int source, int classIndex) const;
    const KeepRule& keepRule() const { return *rule_; }
    const KeepValues& keepValues() const { return keep_; }
    void setKeepRule(const KeepRule& rule);
    // One threshold of the rules (a row of keepSpecs()); refused with the
    // reason when out of range.
    void setKeepValue(Setting s, const ParamValue& v);
    // The kept objects of the current draw in the format of the file's
    // extension (.txt YOLO, .json COCO, .xml VOC).
    bool saveObjects(const QString& path);

    // Label masks (one channel, a class or an instance id per pixel, 0 =
    // background, the size of its image) of the sources: found beside an
    // image when it is opened (masks/<name>.png, or the last /images/ of its
    // path made /masks/; imagefile.h maskFileFor), or loaded for a source;
    // dropped with their source. The result's mask is made of the steps of
    // core's mixedMask (what `cutmix mix --masks-out` writes): each mask
    // prepared once (prepareLabels), painted for every draw
    // (paintPreparedLabels, narrowedMask) of a method that paints labels,
    // when every source has a mask; else masksNote() says why there is none.
    bool loadMask(int k, const QString& path);
    void clearMask(int k);
    bool hasMasks() const;
    const cv::Mat& sourceMask(int k) const { return sources_.at(std::size_t(k)).mask; } // as read
    QString maskFile(int k) const { return sources_.at(std::size_t(k)).maskFile; }
    // The current draw's mixed mask (8-bit, or 16-bit when a mask is); empty
    // when there is none.
    const cv::Mat& mixedMask() const { return mixedMask_; }
    QString masksNote() const { return masksNote_; }
    // The masks as translucent washes (render::labelWash) at the mixed size:
    // view k >= 0 source k's as its image is shown, view -1 the result's.
    // Made when first asked for after a draw (null without a mask).
    QImage maskWash(int view) const;
    // Writes mixedMask() (the format by the extension; PNG keeps it exact).
    bool saveMixedMask(const QString& path);
    // Whether the masks are instance masks (`cutmix mix --instances`: pixel
    // value j is the j-th object of its image's objects, 0 none) rather than
    // a class per pixel. The result's mask then numbers the kept objects 1,
    // 2, ... in the order Save kept objects writes them (dropped ones 0),
    // through core's keptInstanceIds and renumberedInstances, and the
    // objects count as segments for Ultralytics' thresholds, as the
    // command line's. A setting of the window: it stays when another pair
    // is opened.
    void setMasksAreInstances(bool instances);
    bool masksAreInstances() const { return instances_; }
    // What a mask says under a pixel of view k >= 0 (source k as its image
    // is shown, at the mixed size) or -1 (the result).
    struct MaskHit {
        bool valid = false; // a mask there
        int label = 0;      // the pixel's value
        int source = -1;    // whose label it is (the result: the source the map names; -1 for none)
        // Instance masks: the object the label numbers, in its source's
        // list (-1: none, or a semantic mask) and, in the result, in objects().
        int object = -1;
        int carried = -1;
        int classIndex = -1; // the class: the label itself, or the object's (-1: background or none)
    };
    MaskHit maskAt(int view, int x, int y) const;

    // The classes of the sources, and the soft label of the current draw.
    NamedSources names() const;
    std::vector<double> softLabel() const;
    bool selfMix() const;
    nlohmann::json record() const;

    bool saveResult(const QString& path, int quality = 95);
    bool saveRecord(const QString& path);
    bool saveSourceMap(const QString& path);
    bool savePreset(const QString& path);
    bool loadPreset(const QString& path);
    // Parameters saved as JSON text (the window's settings).
    bool restoreParams(const QString& json);
    // Waits for the work done ahead for the next draw (FMix's mask of the
    // next sample index, made on a background thread after each draw): for
    // benchmarks and tests; the draws are the same whether or not it ran.
    void finishPreparing();

signals:
    void pairChanged();
    void paramsChanged();
    void labelsChanged();
    void drawChanged();
    void historyChanged();
    void objectsChanged(); // the sources' objects, the rule or its values (the carried ones: drawChanged)
    void masksChanged();   // a source's mask (the mixed one: drawChanged)
    void errorOccurred(const QString& message);
    // Something the window changed on its own, to be said without alarm
    // (Mosaic left when the sources are no longer four).
    void noted(const QString& message);

private:
    // Prepares the next New draw of a method that has work to do ahead.
    void prepareNext();
    void startPreparing();
    QThreadPool preparing_; // one thread; a newer request replaces a waiting one
    QTimer* prepareSoon_;   // starts the work once the window has shown the draw
    struct Source {
        QString path;
        QString label;
        cv::Mat image;
        bool named = false; // the label was given (typed, or handed over with the pair): kept
        ImageObjects objects;
        QString objectsFile;
        bool segments = false;
        std::vector<std::string> objectClasses; // names from the annotation file or classes.txt beside it
        cv::Mat mask;                           // as read (8- or 16-bit, one channel, the image's size)
        QString maskFile;
        // The number of objects the mask's instance ids were last found to
        // fit (core's checkInstanceIds), so that a draw does not scan it again.
        std::optional<std::size_t> idsFit;
    };
    // A source read from a file, with its objects when a file beside it
    // has them (an error there is reported; the image still opens).
    Source openSource(const QString& path, const cv::Mat& image);
    void carry();
    void mixMasks();

    // Applies one change to a copy of the parameters through setParams.
    void editParams(const std::function<void(Params&)>& change);
    // Throws cutmix::Error when path names one of the sources' files (an
    // image or its annotation file).
    void refuseToOverwriteSources(const QString& path) const;
    // The one path for errors: runs work; a failure becomes errorOccurred()
    // and false.
    bool reportErrors(const std::function<void()>& work);
    bool decode(const QString& path, cv::Mat& image);
    bool setSources(std::vector<Source> sources);
    // Back to the user's parameters after a batch element's (showPair).
    void restoreUserParams();
    // Names each source whose label was not given after its file.
    void relabel();
    void prepare();
    // The sources brought to the sizes this draw paints them at, when they
    // are not (a method with sizes of its own: Mosaic's tiles); true when it
    // prepared them again.
    bool prepareFor(const Draw& d);
    // After prepared_ changed: the display copies and the views of A and B.
    void preparedChanged();
    void recompute();
    RandomInputs currentInputs() const;
    void resetHistory();
    std::vector<Size> sizes() const;

    std::vector<Source> sources_{2};
    void releaseHold();
    Params params_;
    // The user's parameters while a batch element's (showPair) are shown.
    std::optional<Params> beforeShown_;
    std::vector<std::uint64_t> history_{0};
    std::size_t historyPos_ = 0;
    bool hold_ = false;
    std::vector<double> heldU_;
    ReplaySource replay_;
    std::optional<ReplayCursor> cursor_;
    ReplayStep replayStep_;

    std::vector<cv::Mat> prepared_; // full precision, at the mixed size (Mosaic: tiles)
    // The method's own sizes prepared_ was made for (Mosaic's); null: the
    // resize policy's.
    Size (*preparedBy_)(const Draw&, int) = nullptr;
    std::vector<cv::Mat> display_; // display order, 8-bit
    // Two result buffers used in turn, so that the one on screen is never
    // written while shown.
    cv::Mat dispMixed_[2];
    // The box each buffer holds B in, when it holds exactly A with B in one
    // box (then a redraw rewrites only the old and the new box).
    std::optional<Box> dispBox_[2];
    std::optional<Box> shownBox_; // the box of the result shown last
    std::optional<std::vector<Box>> changes_;
    int nextBuffer_ = 0;
    mutable cv::Mat fullMixed_; // made when first asked for after a draw
    mutable cv::Mat map_;
    QImage qA_, qB_, qMixed_;
    Draw draw_;
    std::vector<CarriedObject> carried_;
    QString objectsNote_;
    cv::Mat mixedMask_;
    QString masksNote_;
    mutable std::vector<QImage> washes_; // [0] the result's, [1 + k] source k's; null: not made yet
    // The sources' masks at the mixed size (core's prepareLabels), made once
    // per pair, size and resize policy rather than at every draw.
    mutable std::vector<cv::Mat> preparedMasks_;
    mutable std::optional<std::pair<std::vector<Size>, ResizePolicy>> preparedFor_; // every source's prepared size
    // The sources' masks prepared for draw_ (empty mats for sources without one).
    const std::vector<cv::Mat>& preparedMasks() const;
    bool instances_ = false;
    // The masks count as instance masks for this draw (the setting, and a mask).
    bool instancesInUse() const { return instances_ && hasMasks(); }
    const KeepRule* rule_ = &defaultKeepRule();
    KeepValues keep_ = defaultKeepRule().defaults;
};

} // namespace cutmix::ui
