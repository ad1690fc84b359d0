// The batch view's model: the images of a batch (files, or batches of a
// dataset in a seeded order), the recipe's settings, the batch numbers seen,
// and the mixed batch with its targets. Every number comes from core
// (batch.h, batchio.h); the view only paints what this holds.
#pragma once

#include "batch.h"
#include "batchio.h"
#include "batchsheet.h"
#include "dataset.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace cutmix::ui
{

class StudioModel;

class BatchModel : public QObject
{
    Q_OBJECT
public:
    explicit BatchModel(QObject* parent = nullptr);

    // Loading: on failure the previous batch stays, errorOccurred() names the
    // file, and false is returned. Paths may be Qt resources.
    bool loadFiles(const QStringList& paths);
    // A dataset folder or list: each batch number takes the next batchSize
    // images of the dataset's seeded order. A detection dataset (the YOLO
    // layout, or a folder with annotations.json: detectionAnnotationsOf)
    // brings its objects, its label files read and checked here, once.
    bool loadDataset(const QString& path, int batchSize);
    // The images per batch of the dataset: the batch on show is read again
    // at once (refused, with a message, below 1).
    bool setDatasetBatchSize(int batchSize);
    int datasetBatchSize() const { return datasetBatchSize_; }
    bool loadDemo(); // the six bundled images
    bool fromDataset() const { return dataset_.has_value(); }
    QString sourceText() const; // "6 files", "folder imagenet: batches of 16"

    const BatchSettings& settings() const { return settings_; }
    // Applies the recipe's settings (seed and batch number kept from here);
    // invalid settings are kept and explained by problem().
    void setSettings(const BatchSettings& s);
    // The recipe and its library defaults.
    void setRecipe(const Recipe& r);
    // One setting of the recipe (a row of recipeSpecs()), as its control sets
    // it; an invalid one is kept and explained by problem().
    void setRecipeValue(Setting s, const ParamValue& v);
    void setSeed(std::uint64_t seed);
    // The size the images are brought to; width 0: the first image's.
    void setSize(Size s);
    Size requestedSize() const { return size_; }

    // Batch numbers: a new draw is the next batch of the run.
    void newDraw();
    void back();
    void forward();
    bool canGoBack() const { return historyPos_ > 0; }
    bool canGoForward() const { return historyPos_ + 1 < history_.size(); }

    // The mixed batch (when there is one), or why there is none.
    bool hasBatch() const { return mixed_.has_value(); }
    QString problem() const;
    const BatchInput& input() const { return input_; }
    const MixedBatch& mixed() const { return *mixed_; }
    const render::BatchPicture& picture() const { return picture_; }
    QString summary() const;

    // The box rule and thresholds a detection batch is judged by: the pair
    // view's (StudioModel::keepRule, keepValues), read from it and followed
    // when they change; without a pair view, the rule that keeps all.
    void followBoxRule(const StudioModel* pair);
    BatchBoxRule boxRule() const;
    // The batch as `cutmix batch --boxes` mixes it: mixed() with each
    // element's objects before and after the mix judged by boxRule() (none
    // when the images came without objects). mixed() itself stays a
    // classification batch (the objects' classes are not the batch's).
    MixedBatch detectionBatch() const;
    // "3 of 4 boxes kept (Albumentations)"; empty without objects.
    QString boxesSummary() const;

    // Shows element i and its partner in the pair view with the element's
    // draw. False (and a message in `why`) for an element that is not mixed;
    // when the pixels' and the label's partners differ, true with `why`
    // saying which class B carries.
    bool showInPairView(int i, StudioModel& pair, QString* why = nullptr) const;

signals:
    void batchChanged();
    void settingsChanged();
    void historyChanged();
    void errorOccurred(const QString& message);

private:
    bool readDatasetBatch();
    // Shows the batch at this place of the history.
    void showBatch(std::size_t historyPos);
    void recompute();
    void prepareImages();

    BatchSettings settings_ = recipeDefaults(defaultRecipe());
    Size size_{0, 0};
    BatchInput input_;
    std::optional<Dataset> dataset_;
    std::optional<DetectionSource> detection_; // a detection dataset's objects (dataset_ is its images)
    int datasetBatchSize_ = 16;
    std::vector<std::uint64_t> history_{0};
    std::size_t historyPos_ = 0;
    // The images at the batch's size and type, kept while only the draw changes.
    std::vector<cv::Mat> prepared_;
    std::vector<QImage> preparedDisplay_;
    Size preparedSize_{0, 0};
    std::optional<MixedBatch> mixed_;
    // mixed_'s objects, kept apart (detectionBatch()), and the rule they
    // were judged by.
    std::vector<std::vector<Object>> objectsBefore_;
    std::vector<std::vector<CarriedObject>> objectsAfter_;
    const StudioModel* pair_ = nullptr;
    BatchBoxRule usedRule_;
    render::BatchPicture picture_;
    QString problem_;
};

} // namespace cutmix::ui
