#include "batchmodel.h"

#include "batchsheet.h"
#include "coretext.h"
#include "demo.h"
#include "error.h"
#include "errorreport.h"
#include "imagefile.h"
#include "matimage.h"
#include "mixer.h"
#include "studiomodel.h"

#include <QFileInfo>

namespace cutmix::ui
{

BatchModel::BatchModel(QObject* parent) : QObject(parent) {}

bool BatchModel::loadFiles(const QStringList& paths)
{
    BatchInput next;
    const QString error = runReportingErrors([&] {
        std::vector<std::filesystem::path> files;
        std::vector<std::string> names;
        std::vector<cv::Mat> images;
        for (const QString& p : paths) {
            files.push_back(p.toStdString());
            names.push_back(QFileInfo(p).fileName().toStdString());
            images.push_back(decodeFile(p));
        }
        next = batchFromImages(std::move(files), std::move(names), std::move(images), {}, 0);
        // Objects found beside the images (labels/<name>.txt, as the pair
        // view finds them): a detection batch, drawn on the tiles.
        std::vector<ImageObjects> objects;
        std::vector<std::string> objectFiles;
        std::vector<bool> segments;
        bool any = false;
        for (int i = 0; i < int(paths.size()); ++i) {
            const QString file = objectsFileFor(paths[i]);
            ReadObjects r;
            r.image.size = sizeOf(next.images[std::size_t(i)]);
            if (!file.isEmpty()) {
                std::vector<std::string> classes;
                r = readObjectsFor(file, paths[i], r.image.size, classes);
                any = true;
            }
            objects.push_back(r.image);
            objectFiles.push_back(file.toStdString());
            segments.push_back(r.segments);
        }
        if (any) {
            next.objects = std::move(objects);
            next.objectFiles = std::move(objectFiles);
            next.segments = std::move(segments);
        }
    });
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        return false;
    }
    dataset_.reset();
    detection_.reset();
    input_ = std::move(next);
    prepareImages();
    recompute();
    return true;
}

bool BatchModel::loadDemo()
{
    return loadFiles(demoImages());
}

bool BatchModel::loadDataset(const QString& path, int batchSize)
{
    std::optional<Dataset> previous = std::move(dataset_);
    std::optional<DetectionSource> previousDetection = std::move(detection_);
    const int previousSize = datasetBatchSize_;
    const QString error = runReportingErrors([&] {
        dataset_.reset();
        detection_.reset();
        const std::filesystem::path dir(path.toStdString());
        if (const std::optional<std::filesystem::path> annotations = detectionAnnotationsOf(dir)) {
            detection_ = loadDetectionSource(dir, *annotations);
            dataset_ = detection_->dataset();
        } else {
            dataset_ = loadBatchSource(dir);
        }
        if (batchSize < 1)
            throw Error("a batch has at least one image", Setting::BatchSize);
    });
    if (error.isEmpty()) {
        datasetBatchSize_ = batchSize;
        if (readDatasetBatch()) {
            recompute();
            return true;
        }
    } else {
        emit errorOccurred(error);
    }
    dataset_ = std::move(previous);
    detection_ = std::move(previousDetection);
    datasetBatchSize_ = previousSize;
    return false;
}

bool BatchModel::setDatasetBatchSize(int batchSize)
{
    if (batchSize < 1) {
        emit errorOccurred(tr("a batch has at least one image"));
        return false;
    }
    if (batchSize == datasetBatchSize_)
        return true;
    const int previous = datasetBatchSize_;
    datasetBatchSize_ = batchSize;
    if (!dataset_)
        return true;
    if (!readDatasetBatch()) {
        datasetBatchSize_ = previous;
        return false;
    }
    recompute();
    return true;
}

bool BatchModel::readDatasetBatch()
{
    BatchInput next;
    const QString error = runReportingErrors([&] {
        next = detection_ ? batchFromDetection(*detection_, settings_.seed, settings_.batch, datasetBatchSize_)
                          : batchFromDataset(*dataset_, settings_.seed, settings_.batch, datasetBatchSize_);
    });
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        return false;
    }
    input_ = std::move(next);
    prepareImages();
    return true;
}

QString BatchModel::sourceText() const
{
    if (dataset_ && detection_)
        return tr("%1 (%2 images, %3 object classes, %4): batches of %5 in a seeded order")
            .arg(QString::fromStdString(dataset_->root.filename().string()))
            .arg(dataset_->entries.size())
            .arg(dataset_->classes.size())
            .arg(detection_->annotations.empty() ? tr("YOLO labels")
                                                 : QString::fromStdString(detection_->annotations.filename().string()))
            .arg(datasetBatchSize_);
    if (dataset_)
        return tr("%1 (%2 images, %3 classes): batches of %4 in a seeded order")
            .arg(QString::fromStdString(dataset_->root.filename().string()))
            .arg(dataset_->entries.size())
            .arg(dataset_->classes.size())
            .arg(datasetBatchSize_);
    return tr("%1 images, %2 classes").arg(input_.images.size()).arg(input_.classNames.size());
}

void BatchModel::setSettings(const BatchSettings& s)
{
    const bool seedChanged = s.seed != settings_.seed;
    settings_ = s;
    if (seedChanged) {
        history_ = {0};
        historyPos_ = 0;
        settings_.batch = 0;
        emit historyChanged();
        if (dataset_)
            readDatasetBatch();
    }
    emit settingsChanged();
    recompute();
}

void BatchModel::setRecipeValue(Setting k, const ParamValue& v)
{
    BatchSettings s = settings_;
    cutmix::setRecipeValue(s, k, v);
    setSettings(s);
}

void BatchModel::setRecipe(const Recipe& r)
{
    BatchSettings s = recipeDefaults(r);
    s.seed = settings_.seed;
    s.batch = settings_.batch;
    s.partner = settings_.partner;
    setSettings(s);
}

void BatchModel::setSeed(std::uint64_t seed)
{
    BatchSettings s = settings_;
    s.seed = seed;
    setSettings(s);
}

void BatchModel::setSize(Size s)
{
    size_ = s;
    prepareImages();
    recompute();
}

void BatchModel::newDraw()
{
    std::uint64_t next = 0;
    for (auto b : history_)
        next = std::max(next, b + 1);
    history_.push_back(next);
    showBatch(history_.size() - 1);
}

void BatchModel::back()
{
    if (canGoBack())
        showBatch(historyPos_ - 1);
}

void BatchModel::forward()
{
    if (canGoForward())
        showBatch(historyPos_ + 1);
}

void BatchModel::showBatch(std::size_t historyPos)
{
    historyPos_ = historyPos;
    settings_.batch = history_[historyPos];
    if (dataset_) // a dataset's batches are different images
        readDatasetBatch();
    emit historyChanged();
    emit settingsChanged();
    recompute();
}

void BatchModel::prepareImages()
{
    prepared_.clear();
    preparedDisplay_.clear();
    if (input_.images.empty())
        return;
    const QString error = runReportingErrors([&] {
        preparedSize_ = batchSize(input_, size_);
        prepared_ = prepareBatch(input_.images, preparedSize_);
    });
    if (!error.isEmpty()) {
        prepared_.clear();
        emit errorOccurred(error);
        return;
    }
    for (const cv::Mat& m : prepared_)
        preparedDisplay_.push_back(render::toQImage(m));
}

void BatchModel::recompute()
{
    problem_.clear();
    std::optional<MixedBatch> previous = std::move(mixed_);
    mixed_.reset();
    objectsBefore_.clear();
    objectsAfter_.clear();
    usedRule_ = boxRule();
    if (prepared_.empty()) {
        // Said by problem() in the language of the moment.
        emit batchChanged();
        return;
    }
    MixedBatch m;
    if (previous)
        m.after = std::move(previous->after); // buffers reused when the size and type fit
    problem_ = runReportingErrors([&] {
        m.draw = drawBatch(settings_, int(prepared_.size()), preparedSize_);
        m.before = prepared_;
        mixBatchInto(m.before, m.draw, m.after);
        m.targets = batchTargets(m.draw, input_.classes, int(input_.classNames.size()));
        if (input_.hasObjects())
            carryBatchObjects(input_, usedRule_, m);
    });
    if (problem_.isEmpty()) {
        picture_.draw = m.draw;
        picture_.before = preparedDisplay_;
        picture_.after.clear();
        for (const cv::Mat& a : m.after)
            picture_.after.push_back(render::toQImage(a));
        picture_.names = input_.names;
        picture_.classNames = input_.classNames;
        picture_.classes = input_.classes;
        picture_.targets = m.targets;
        render::setBatchObjects(picture_, m);
        // Drawn only: the classes of objects found beside classification
        // images are not the batch's classes, so what the view hands on (the
        // lesson's dump, the pair view) stays a classification batch.
        objectsBefore_ = std::move(m.objectsBefore);
        objectsAfter_ = std::move(m.objectsAfter);
        m.objectsBefore.clear();
        m.objectsAfter.clear();
        m.boxRule = nullptr;
        mixed_ = std::move(m);
    }
    emit batchChanged();
}

void BatchModel::followBoxRule(const StudioModel* pair)
{
    if (pair_)
        disconnect(pair_, nullptr, this, nullptr);
    pair_ = pair;
    if (pair_)
        // objectsChanged: the pair's objects, or the rule or its values;
        // only a change of the rule mixes the batch again.
        connect(pair_, &StudioModel::objectsChanged, this, [this] {
            const BatchBoxRule now = boxRule();
            if (input_.hasObjects() && (now.rule != usedRule_.rule || !(now.keep == usedRule_.keep)))
                recompute();
        });
    if (input_.hasObjects())
        recompute();
}

BatchBoxRule BatchModel::boxRule() const
{
    BatchBoxRule r;
    if (pair_) {
        r.rule = &pair_->keepRule();
        r.keep = pair_->keepValues();
    }
    return r;
}

MixedBatch BatchModel::detectionBatch() const
{
    MixedBatch m = *mixed_;
    if (!objectsAfter_.empty()) {
        m.objectsBefore = objectsBefore_;
        m.objectsAfter = objectsAfter_;
        m.boxRule = usedRule_.rule;
    }
    return m;
}

QString BatchModel::boxesSummary() const
{
    if (!mixed_ || objectsAfter_.empty())
        return {};
    std::size_t kept = 0, total = 0;
    for (const auto& objects : objectsAfter_)
        for (const CarriedObject& o : objects) {
            kept += o.kept;
            ++total;
        }
    return tr("%1 of %2 boxes kept (%3)").arg(kept).arg(total).arg(coreText(usedRule_.rule->title));
}

QString BatchModel::problem() const
{
    if (mixed_ || !problem_.isEmpty())
        return problem_;
    return input_.images.empty() ? tr("Open images or a dataset to make a batch.") : tr("The images cannot be used.");
}

QString BatchModel::summary() const
{
    if (!mixed_)
        return problem();
    int mixed = 0, selves = 0, mismatches = 0, cutmix = 0;
    for (const BatchElement& e : mixed_->draw.elements) {
        mixed += e.mixed;
        selves += e.mixedWithItself();
        mismatches += e.mismatch();
        cutmix += e.mixed && e.draw.method().isConvention();
    }
    QString s =
        tr("%1 of %2 mixed (%3 CutMix, %4 MixUp)").arg(mixed).arg(mixed_->draw.n).arg(cutmix).arg(mixed - cutmix);
    if (selves)
        s += tr(", %1 with itself").arg(selves);
    if (mismatches)
        s += tr(", %1 with pixels and labels from different partners").arg(mismatches);
    if (const QString boxes = boxesSummary(); !boxes.isEmpty())
        s += "; " + boxes;
    return s;
}

bool BatchModel::showInPairView(int i, StudioModel& pair, QString* why) const
{
    auto refuse = [&](const QString& reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!mixed_ || i < 0 || i >= mixed_->draw.n)
        return refuse(tr("There is no such element in the batch."));
    const BatchElement& e = mixed_->draw.elements[std::size_t(i)];
    if (!e.mixed)
        return refuse(tr("Element #%1 is not mixed in this batch: its draw decided not to mix.").arg(i));
    const Draw& d = e.draw;
    Params p;
    p.method = d.params.method;
    p.alpha = d.params.alpha;
    p.correctLam = d.correctLam;
    p.setRange(Setting::MinMax, d.params.range(Setting::MinMax));
    p.setChoice(Setting::Rounding, d.params.choice<MixupRounding>(Setting::Rounding));
    p.seed = d.params.seed;
    p.index = d.params.index;
    p.smoothing = mixed_->draw.settings.recipe->targetSmoothing(mixed_->draw.settings);
    p.numClasses = int(input_.classNames.size());
    auto label = [&](int k) {
        return QString::fromStdString(input_.classNames[std::size_t(input_.classes[std::size_t(k)])]);
    };
    auto path = [&](int k) { return QString::fromStdString(input_.paths[std::size_t(k)].string()); };
    // With the pixels' partner overridden, B's pixels come from one element
    // and the target's second class from another: B carries the class the
    // target names, as the batch's label does, and the message says so.
    if (!pair.showPair(path(i), mixed_->before[std::size_t(i)], label(i), path(e.partner),
                       mixed_->before[std::size_t(e.partner)], label(e.mismatch() ? e.labelPartner : e.partner), p))
        return refuse(tr("The pair view refused the element's draw."));
    if (why)
        *why = e.mismatch() ? tr("B's pixels come from #%1 (%2), but the target mixes in the class of #%3 (%4): "
                                 "the pair view labels B %4, as the target does.")
                                  .arg(e.partner)
                                  .arg(label(e.partner))
                                  .arg(e.labelPartner)
                                  .arg(label(e.labelPartner))
                            : QString();
    return true;
}

} // namespace cutmix::ui
