#include "studiomodel.h"

#include "betadist.h"
#include "coretext.h"
#include "error.h"
#include "errorreport.h"
#include "files.h"
#include "imagefile.h"
#include "imageio.h"
#include "matimage.h"
#include "mixer.h"
#include "objectinput.h"
#include "painting.h"
#include "record.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <utility>

namespace cutmix::ui
{

namespace
{

std::string local(const QString& s)
{
    return s.toStdString();
}

// A source as a record names it: a bundled demo image by its file name and
// where it comes from, not by its Qt resource path (":/demo/chelsea.png"
// means nothing outside the window). The record is data, not translated.
std::string recordPath(const QString& path)
{
    if (path.startsWith(":/"))
        return local(QFileInfo(path).fileName() + " (bundled demo)");
    return local(path);
}

// The class name of a source; an empty label is named after its place.
std::string className(const QString& label, int k)
{
    if (!label.isEmpty())
        return label.toStdString();
    return k == 0 ? "A" : k == 1 ? "B" : "source " + std::to_string(k + 1);
}

} // namespace

StudioModel::StudioModel(QObject* parent) : QObject(parent)
{
    preparing_.setMaxThreadCount(1);
    // Not at once: the work would compete with painting the draw just made.
    prepareSoon_ = new QTimer(this);
    prepareSoon_->setSingleShot(true);
    prepareSoon_->setInterval(60);
    connect(prepareSoon_, &QTimer::timeout, this, &StudioModel::startPreparing);
}

StudioModel::~StudioModel()
{
    preparing_.clear();
    preparing_.waitForDone();
}

void StudioModel::finishPreparing()
{
    if (prepareSoon_->isActive()) {
        prepareSoon_->stop();
        startPreparing();
    }
    preparing_.waitForDone();
}

void StudioModel::prepareNext()
{
    const Method& m = *params_.method;
    if (m.prepare && !replay_.active)
        prepareSoon_->start();
}

void StudioModel::startPreparing()
{
    const Method& m = *params_.method;
    if (!m.prepare || replay_.active || !hasPair())
        return;
    // The index New draw takes next.
    Params next = params_;
    next.index = 0;
    for (auto i : history_)
        next.index = std::max(next.index, i + 1);
    const Size size = draw_.size;
    preparing_.clear();
    preparing_.start([next, size, prepare = m.prepare] {
        try {
            prepare(next, size);
        } catch (...) {
            // The draw itself will say what is wrong, if it is ever made.
        }
    });
}

bool StudioModel::reportErrors(const std::function<void()>& work)
{
    const QString message = runReportingErrors(work);
    if (message.isEmpty())
        return true;
    emit errorOccurred(message);
    return false;
}

bool StudioModel::decode(const QString& path, cv::Mat& image)
{
    return reportErrors([&] { image = decodeFile(path); });
}

std::vector<Size> StudioModel::sizes() const
{
    std::vector<Size> s;
    for (const Source& src : sources_)
        s.push_back(sizeOf(src.image));
    return s;
}

void StudioModel::relabel()
{
    // A file opened on its own is named by its file name (a folder name
    // means a class only in a dataset folder, where the batch view reads it).
    for (Source& s : sources_)
        if (!s.named)
            s.label = QFileInfo(s.path).completeBaseName();
}

bool StudioModel::setSources(std::vector<Source> sources)
{
    sources_ = std::move(sources);
    carried_.clear(); // of the sources before; carried again with the next draw
    relabel();
    params_.sources = std::max(2, int(sources_.size()));
    // Mosaic mixes a fixed number of images: with another number loaded the
    // window goes back to CutMix, and says so.
    if (!params_.method->mixesPair() && params_.method->images != int(sources_.size())) {
        const QString title = coreText(params_.method->title);
        const int images = params_.method->images;
        params_.method = &defaultMethod();
        params_.correctLam.reset();
        emit noted(tr("%1 mixes %2 images and %3 are loaded: the window mixes them with %4")
                       .arg(title)
                       .arg(images)
                       .arg(sources_.size())
                       .arg(coreText(params_.method->title)));
    }
    heldU_.clear();
    if (hold_ && hasPair())
        heldU_ = heldUniforms(drawInputs(params_.seed, params_.index, params_.alpha, params_.sources), params_.alpha);
    prepare();
    emit pairChanged();
    emit labelsChanged();
    emit paramsChanged();
    recompute();
    return true;
}

bool StudioModel::showPair(const QString& pathA, const cv::Mat& a, const QString& labelA, const QString& pathB,
                           const cv::Mat& b, const QString& labelB, const Params& p)
{
    Params next = p;
    next.sources = 2;
    if (a.empty() || b.empty() || !reportErrors([&] { checkParams(next); }))
        return false;
    setHold(false); // a held draw would not be the batch's draw
    if (!beforeShown_)
        beforeShown_ = params_;
    replay_ = ReplaySource{};
    cursor_.reset();
    params_ = next;
    history_ = {next.index};
    historyPos_ = 0;
    sources_ = {{pathA, labelA, a, true, {sizeOf(a), {}}, {}, false, {}, {}, {}, {}},
                {pathB, labelB, b, true, {sizeOf(b), {}}, {}, false, {}, {}, {}, {}}};
    washes_.clear();
    preparedFor_.reset();
    carried_.clear();
    prepare();
    emit pairChanged();
    emit labelsChanged();
    emit paramsChanged();
    emit historyChanged();
    recompute();
    return true;
}

bool StudioModel::loadA(const QString& path)
{
    return loadPair(path, pathB());
}

bool StudioModel::loadB(const QString& path)
{
    return loadPair(pathA(), path);
}

bool StudioModel::loadPair(const QString& pathA, const QString& pathB)
{
    std::vector<Source> next = sources_;
    const QString paths[2] = {pathA, pathB};
    for (int k = 0; k < 2; ++k) {
        if (paths[k] == next[std::size_t(k)].path || paths[k].isEmpty())
            continue;
        cv::Mat image;
        if (!decode(paths[k], image))
            return false;
        next[std::size_t(k)] = openSource(paths[k], image);
    }
    // Sources 3, 4, ... belong to the pair they were added to.
    if (pathA != sources_[0].path && pathB != sources_[1].path && !pathA.isEmpty() && !pathB.isEmpty() &&
        next.size() > 2)
        next.resize(2);
    restoreUserParams();
    return setSources(std::move(next));
}

// A batch element's parameters (its method, K, smoothing, seed) belong to
// that element's pair: a new pair gets the user's back.
void StudioModel::restoreUserParams()
{
    if (!beforeShown_)
        return;
    params_ = *std::exchange(beforeShown_, std::nullopt);
    history_ = {params_.index};
    historyPos_ = 0;
    emit historyChanged();
}

bool StudioModel::loadSources(const QStringList& paths)
{
    if (paths.size() < 2 || paths.size() > kMaxSources) {
        emit errorOccurred(tr("Open 2 to %1 images at once (%2 were given)").arg(kMaxSources).arg(paths.size()));
        return false;
    }
    std::vector<Source> next;
    for (const QString& path : paths) {
        cv::Mat image;
        if (!decode(path, image))
            return false;
        next.push_back(openSource(path, image));
    }
    restoreUserParams();
    return setSources(std::move(next));
}

bool StudioModel::addSource(const QString& path)
{
    if (int(sources_.size()) >= kMaxSources) {
        emit errorOccurred(tr("At most %1 sources can be mixed").arg(kMaxSources));
        return false;
    }
    cv::Mat image;
    if (!decode(path, image))
        return false;
    std::vector<Source> next = sources_;
    next.push_back(openSource(path, image));
    return setSources(std::move(next));
}

void StudioModel::removeSource(int index)
{
    if (index < 2 || index >= int(sources_.size()))
        return;
    std::vector<Source> next = sources_;
    next.erase(next.begin() + index);
    setSources(std::move(next));
}

void StudioModel::swap()
{
    std::vector<Source> next = sources_;
    std::swap(next[0], next[1]);
    setSources(std::move(next));
}

void StudioModel::setSourceLabel(int k, const QString& l)
{
    if (k < 0 || k >= int(sources_.size()) || l == sources_[std::size_t(k)].label)
        return;
    sources_[std::size_t(k)].label = l.trimmed();
    sources_[std::size_t(k)].named = !l.trimmed().isEmpty();
    if (!sources_[std::size_t(k)].named)
        relabel();
    emit labelsChanged();
    emit drawChanged();
}

Size StudioModel::sizeA() const
{
    return sizeOf(sources_[0].image);
}
Size StudioModel::sizeB() const
{
    return sizeOf(sources_[1].image);
}

bool StudioModel::setParams(const Params& requested)
{
    Params p = requested;
    p.sources = std::max(2, int(sources_.size())); // the sources loaded decide
    // Mosaic mixes four images: refused with the reason while another number is loaded.
    if (!p.method->mixesPair() && p.method->images != int(sources_.size())) {
        emit errorOccurred(tr("%1 mixes %2 images and %3 are loaded: add them with File > Add source "
                              "(or open %2 files at once)")
                               .arg(coreText(p.method->title))
                               .arg(p.method->images)
                               .arg(sources_.size()));
        return false;
    }
    if (!reportErrors([&] { checkParams(p); }))
        return false;
    const bool resizeChanged = p.resize != params_.resize;
    const bool seedChanged = p.seed != params_.seed;
    params_ = p;
    if (seedChanged) {
        history_ = {p.index};
        historyPos_ = 0;
        emit historyChanged();
    }
    if (resizeChanged)
        prepare();
    emit paramsChanged();
    if (resizeChanged)
        emit pairChanged();
    recompute();
    return true;
}

void StudioModel::editParams(const std::function<void(Params&)>& change)
{
    Params p = params_;
    change(p);
    setParams(p);
}

void StudioModel::setMethod(const Method& m)
{
    editParams([&](Params& p) {
        // A convention's weight follows its library unless the user sets it
        // for this convention: an override does not travel to another one.
        if (p.method != &m)
            p.correctLam.reset();
        p.method = &m;
    });
}

void StudioModel::setParam(Setting s, const ParamValue& v)
{
    if (s == Setting::NumClasses && v.a != 0) {
        // A K below the classes named is refused with the reason.
        std::vector<std::string> labels;
        for (std::size_t j = 0; j < sources_.size(); ++j)
            labels.push_back(className(sources_[j].label, int(j)));
        if (!reportErrors([&] { nameSources(labels, int(v.a), 0.0); })) {
            emit paramsChanged(); // the control goes back to the K in use
            return;
        }
    }
    editParams([&](Params& p) { setParamValue(p, s, v); });
}

void StudioModel::setSeed(std::uint64_t seed)
{
    Params p = params_;
    p.seed = seed;
    p.index = 0;
    setParams(p);
}

void StudioModel::resetHistory()
{
    history_ = {params_.index};
    historyPos_ = 0;
    emit historyChanged();
}

bool StudioModel::canGoBack() const
{
    return replay_.active ? replay_.iteration > 0 : historyPos_ > 0;
}

void StudioModel::newDraw()
{
    if (replay_.active) {
        ++replay_.iteration;
        emit historyChanged();
        recompute();
        return;
    }
    std::uint64_t next = 0;
    for (auto i : history_)
        next = std::max(next, i + 1);
    history_.push_back(next);
    historyPos_ = history_.size() - 1;
    params_.index = next;
    // A new draw is a new random number: holding applies to it from here.
    if (hold_)
        heldU_ = heldUniforms(drawInputs(params_.seed, next, params_.alpha, params_.sources), params_.alpha);
    emit historyChanged();
    emit paramsChanged();
    recompute();
}

void StudioModel::back()
{
    if (!canGoBack())
        return;
    releaseHold();
    if (replay_.active)
        --replay_.iteration;
    else
        params_.index = history_[--historyPos_];
    emit historyChanged();
    emit paramsChanged();
    recompute();
}

void StudioModel::forward()
{
    if (replay_.active) {
        newDraw();
        return;
    }
    if (!canGoForward())
        return;
    releaseHold();
    params_.index = history_[++historyPos_];
    emit historyChanged();
    emit paramsChanged();
    recompute();
}

bool StudioModel::setReplay(const ReplaySource& replay)
{
    ReplaySource r = replay;
    if (r.active && hasPair())
        r.settings.size = mixedSize(sizes(), params_.resize);
    if (r.active && !reportErrors([&] { cursor_.emplace(r.settings); }))
        return false;
    if (!r.active)
        cursor_.reset();
    replay_ = r;
    emit historyChanged();
    emit paramsChanged();
    recompute();
    return true;
}

void StudioModel::releaseHold()
{
    // Held numbers on an earlier index would make a mix never seen (its
    // centre with the held lam): back and forward show the draws themselves.
    hold_ = false;
    heldU_.clear();
}

void StudioModel::setHold(bool hold)
{
    if (hold == hold_)
        return;
    hold_ = hold;
    // Start from the lams on screen, so that turning hold on changes nothing.
    heldU_.clear();
    if (hold_ && hasPair())
        heldU_ = heldUniforms(draw_.inputs, params_.alpha);
    emit paramsChanged();
    recompute();
}

void StudioModel::prepare()
{
    if (!hasPair())
        return;
    std::vector<cv::Mat> images;
    for (const Source& s : sources_)
        images.push_back(s.image);
    prepared_ = prepareSources(images, params_.resize);
    preparedBy_ = nullptr;
    preparedChanged();
}

bool StudioModel::prepareFor(const Draw& d)
{
    bool ready = preparedBy_ == d.method().sourceSize && prepared_.size() == sources_.size();
    for (std::size_t k = 0; ready && k < prepared_.size(); ++k)
        ready = sizeOf(prepared_[k]) == preparedSize(d, int(k));
    if (ready)
        return false;
    std::vector<cv::Mat> images;
    for (const Source& s : sources_)
        images.push_back(s.image);
    prepared_ = prepareForDraw(images, d);
    preparedBy_ = d.method().sourceSize;
    preparedChanged();
    return true;
}

void StudioModel::preparedChanged()
{
    display_.clear();
    for (const cv::Mat& m : prepared_)
        display_.push_back(render::toDisplayOrder(m));
    washes_.clear(); // the masks' washes and prepared masks are at the mixed size
    preparedFor_.reset();
    dispBox_[0].reset(); // the result buffers no longer hold these sources
    dispBox_[1].reset();
    shownBox_.reset();
    qA_ = render::wrapDisplay(display_[0]);
    qB_ = render::wrapDisplay(display_[1]);
    if (replay_.active && cursor_) {
        replay_.settings.size = sizeOf(prepared_[0]);
        cursor_.emplace(replay_.settings);
    }
}

RandomInputs StudioModel::currentInputs() const
{
    const int sources = params_.sources;
    if (!hold_)
        return drawInputs(params_.seed, params_.index, params_.alpha, sources);
    std::vector<double> held = heldU_;
    const std::vector<double> fresh =
        heldUniforms(drawInputs(params_.seed, params_.index, params_.alpha, sources), params_.alpha);
    held.resize(fresh.size());
    for (std::size_t k = heldU_.size(); k < fresh.size(); ++k)
        held[k] = fresh[k];
    return heldInputs(params_.seed, params_.index, params_.alpha, held[0],
                      std::vector<double>(held.begin() + 1, held.end()));
}

void StudioModel::recompute()
{
    if (!hasPair())
        return;
    fullMixed_.release();
    map_.release();
    const bool ok = reportErrors([&] {
        if (replay_.active) {
            replayStep_ = cursor_->at(replay_.iteration);
            draw_ = replayDraw(replayStep_, replay_.settings, params_, sizeA(), sizeB());
        } else {
            draw_ = makeDraw(params_, sizes(), currentInputs());
        }
    });
    if (!ok)
        return;
    // Mosaic paints each source at its tile's size (and back at the mixed
    // size after it): the views of A and B change with them.
    if (prepareFor(draw_))
        emit pairChanged();
    carry();
    mixMasks();
    const int k = nextBuffer_;
    cv::Mat& buffer = dispMixed_[k];
    nextBuffer_ = 1 - nextBuffer_;
    if (draw_.method().selectsPixels) {
        // Every pixel is a source's: painting the 8-bit display copies gives
        // the same pixels as converting the full-precision mix, without a
        // colour conversion per redraw, and only what changed is rewritten.
        dispBox_[k] = repaintInto(display_, draw_, buffer, dispBox_[k]);
    } else {
        render::toDisplayOrder(mixed()).copyTo(buffer);
        dispBox_[k].reset();
    }
    // What changed since the result shown last.
    changes_ = changedBetween(shownBox_, dispBox_[k]);
    shownBox_ = dispBox_[k];
    qMixed_ = render::wrapDisplay(buffer);
    emit drawChanged();
    prepareNext();
}

QImage StudioModel::sourceMapImage() const
{
    if (!hasPair() || !hasSourceMap(draw_))
        return {};
    if (map_.empty())
        map_ = sourceMap(draw_);
    return render::wrapDisplay(map_);
}

cv::Mat StudioModel::mixed() const
{
    if (!hasPair())
        return {};
    if (fullMixed_.empty())
        fullMixed_ = mixDraw(prepared_, draw_);
    return fullMixed_;
}

PixelInfo StudioModel::pixelAt(int x, int y) const
{
    PixelInfo info;
    if (!hasPair() || x < 0 || y < 0 || x >= draw_.size.width || y >= draw_.size.height)
        return info;
    info.valid = true;
    info.x = x;
    info.y = y;
    if (hasSourceMap(draw_)) {
        if (map_.empty())
            map_ = sourceMap(draw_);
        info.source = map_.at<std::uint8_t>(y, x);
    } else {
        info.source = -1;
    }
    if (!mixedMask_.empty())
        info.label =
            mixedMask_.depth() == CV_16U ? mixedMask_.at<std::uint16_t>(y, x) : mixedMask_.at<std::uint8_t>(y, x);
    info.fromB = info.source == 1;
    const cv::Mat result = mixed();
    const int ch = result.channels();
    static const char* bgra[] = {"B", "G", "R", "A"};
    QStringList parts;
    for (int c = 0; c < ch; ++c) {
        const int v = result.depth() == CV_16U ? result.ptr<std::uint16_t>(y)[x * ch + c]
                                               : result.ptr<std::uint8_t>(y)[x * ch + c];
        parts << (ch == 1 ? QString("gray %1").arg(v) : QString("%1 %2").arg(bgra[c]).arg(v));
    }
    if (ch >= 3)
        std::swap(parts[0], parts[2]); // show R G B order
    info.value = parts.join(' ');
    return info;
}

NamedSources StudioModel::names() const
{
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < sources_.size(); ++k)
        labels.push_back(className(sources_[k].label, int(k)));
    // K covers at least the classes named: a K set before the labels were
    // renamed apart widens to them (setNumClasses refuses a K below them).
    std::vector<std::string> unique = labels;
    std::sort(unique.begin(), unique.end());
    const int named = int(std::unique(unique.begin(), unique.end()) - unique.begin());
    return nameSources(labels, params_.numClasses >= named ? params_.numClasses : 0, params_.smoothing);
}

std::vector<double> StudioModel::softLabel() const
{
    const NamedSources n = names();
    const std::vector<int> used(n.indices.begin(),
                                n.indices.begin() + std::min<std::size_t>(n.indices.size(), draw_.weights.size()));
    return mixedLabel(n.numClasses, used,
                      std::vector<double>(draw_.weights.begin(), draw_.weights.begin() + long(used.size())),
                      n.smoothing);
}

bool StudioModel::selfMix() const
{
    return hasPair() && draw_.sources > 1 && samePath(local(pathA()), local(pathB()));
}

nlohmann::json StudioModel::record() const
{
    std::vector<std::string> paths;
    for (const Source& s : sources_)
        paths.push_back(recordPath(s.path));
    SampleInfo info = namedSourcesInfo(paths, names(), draw_);
    if (!carried_.empty() || (hasObjects() && objectsNote_.isEmpty())) {
        info.objects = carried_;
        info.boxRule = rule_->name;
    }
    return sampleRecord(draw_, info);
}

StudioModel::Source StudioModel::openSource(const QString& path, const cv::Mat& image)
{
    Source s{path, QString(), image, false, {sizeOf(image), {}}, {}, false, {}, {}, {}, {}};
    const QString file = objectsFileFor(path);
    if (!file.isEmpty())
        reportErrors([&] {
            std::vector<std::string> classes;
            const ReadObjects r = readObjectsFor(file, path, sizeOf(image), classes);
            s.objects = r.image;
            s.objectsFile = file;
            s.segments = r.segments;
            s.objectClasses = std::move(classes);
        });
    const QString mask = maskFileFor(path);
    if (!mask.isEmpty())
        reportErrors([&] {
            s.mask = readMaskFor(mask, sizeOf(image));
            s.maskFile = mask;
        });
    return s;
}

bool StudioModel::loadObjects(int k, const QString& path)
{
    if (k < 0 || k >= int(sources_.size()) || !hasPair())
        return false;
    Source& s = sources_[std::size_t(k)];
    std::vector<std::string> classes;
    ReadObjects r;
    if (!reportErrors([&] { r = readObjectsFor(path, s.path, sizeOf(s.image), classes); }))
        return false;
    s.objectClasses = std::move(classes);
    s.objects = r.image;
    s.objectsFile = path;
    s.segments = r.segments;
    emit objectsChanged();
    recompute();
    return true;
}

void StudioModel::clearObjects(int k)
{
    if (k < 0 || k >= int(sources_.size()))
        return;
    Source& s = sources_[std::size_t(k)];
    s.objects.objects.clear();
    s.objectsFile.clear();
    s.segments = false;
    s.objectClasses.clear();
    emit objectsChanged();
    recompute();
}

bool StudioModel::hasObjects() const
{
    return std::any_of(sources_.begin(), sources_.end(), [](const Source& s) { return !s.objects.objects.empty(); });
}

QString StudioModel::objectClassName(int source, int classIndex) const
{
    // (A view may ask between a change of the sources and the draw made for them.)
    static const std::vector<std::string> none;
    const std::vector<std::string>& names =
        source >= 0 && source < int(sources_.size()) ? sources_[std::size_t(source)].objectClasses : none;
    if (classIndex >= 0 && classIndex < int(names.size()) && !names[std::size_t(classIndex)].empty())
        return QString::fromStdString(names[std::size_t(classIndex)]);
    return tr("class %1").arg(classIndex);
}

void StudioModel::setKeepRule(const KeepRule& rule)
{
    if (&rule == rule_)
        return;
    rule_ = &rule;
    keep_ = rule.defaults;
    emit objectsChanged();
    recompute();
}

void StudioModel::setKeepValue(Setting s, const ParamValue& v)
{
    KeepValues next = keep_;
    if (!reportErrors([&] { cutmix::setKeepValue(next, s, v); })) {
        emit objectsChanged(); // the control goes back to the value in use
        return;
    }
    keep_ = next;
    emit objectsChanged();
    recompute();
}

void StudioModel::carry()
{
    carried_.clear();
    objectsNote_.clear();
    if (!hasObjects())
        return;
    if (!draw_.method().objectViews) {
        objectsNote_ = tr("%1 does not carry objects").arg(coreText(draw_.method().title));
        return;
    }
    ObjectInput in;
    in.objects.emplace();
    // An instance mask is a segment per object, as `cutmix mix --instances` counts it.
    in.segments = instancesInUse();
    for (const Source& s : sources_) {
        in.objects->push_back(s.objects);
        in.segments = in.segments || s.segments;
    }
    in.rule = rule_;
    in.keep = keep_;
    // The draw is fitted to the objects where its method asks (Ultralytics'
    // CutMix chooses its cut among A's boxes): what is painted is that draw.
    // Cutout reads A only and carries A's objects, as the command line does
    // (the window said "this draw mixes 1 images, but objects were given for 2").
    const QString error = runReportingErrors([&] { carried_ = carryAndJudge(draw_, in); });
    if (!error.isEmpty()) {
        carried_.clear();
        objectsNote_ = error;
    }
}

void StudioModel::refuseToOverwriteSources(const QString& path) const
{
    std::vector<std::filesystem::path> inputs;
    for (const Source& s : sources_) {
        inputs.push_back(local(s.path));
        if (!s.objectsFile.isEmpty())
            inputs.push_back(local(s.objectsFile));
        if (!s.maskFile.isEmpty())
            inputs.push_back(local(s.maskFile));
    }
    refuseToOverwrite(local(path), inputs);
}

bool StudioModel::saveObjects(const QString& path)
{
    if (hasPair() && (!hasObjects() || !objectsNote_.isEmpty())) {
        emit errorOccurred(objectsNote_.isEmpty() ? tr("There are no objects to save: the images have none")
                                                  : objectsNote_);
        return false;
    }
    return hasPair() && reportErrors([&] {
               refuseToOverwriteSources(path);
               // The class names of the first source whose file names them.
               std::vector<std::string> names;
               for (const Source& s : sources_)
                   if (names.empty())
                       names = s.objectClasses;
               std::vector<Object> kept;
               for (const CarriedObject& o : carried_)
                   if (o.kept)
                       kept.push_back({o.box, o.classIndex});
               const BoxFormat format = boxFormatOfFile(local(path));
               writeFileAtomic(local(path), objectsText(kept, format, draw_.size, names,
                                                        QFileInfo(path).completeBaseName().toStdString() + ".png"));
           });
}

bool StudioModel::loadMask(int k, const QString& path)
{
    if (k < 0 || k >= int(sources_.size()) || !hasPair())
        return false;
    Source& s = sources_[std::size_t(k)];
    cv::Mat mask;
    if (!reportErrors([&] { mask = readMaskFor(path, sizeOf(s.image)); }))
        return false;
    s.mask = mask;
    s.maskFile = path;
    s.idsFit.reset();
    washes_.clear();
    preparedFor_.reset();
    emit masksChanged();
    recompute();
    return true;
}

void StudioModel::clearMask(int k)
{
    if (k < 0 || k >= int(sources_.size()))
        return;
    Source& s = sources_[std::size_t(k)];
    s.mask.release();
    s.maskFile.clear();
    s.idsFit.reset();
    washes_.clear();
    preparedFor_.reset();
    emit masksChanged();
    recompute();
}

bool StudioModel::hasMasks() const
{
    return std::any_of(sources_.begin(), sources_.end(), [](const Source& s) { return !s.mask.empty(); });
}

void StudioModel::mixMasks()
{
    mixedMask_.release();
    masksNote_.clear();
    if (!washes_.empty())
        washes_[0] = QImage(); // the result's wash is this draw's
    if (!hasMasks())
        return;
    if (!draw_.method().paintLabels) {
        masksNote_ = tr("%1 blends every pixel: no pixel of the result has the label of one image, so it has no mask")
                         .arg(coreText(draw_.method().title));
        return;
    }
    // The sources the draw mixes (Cutout's only A), as `cutmix mix` reads their masks.
    const std::size_t used = std::min(sources_.size(), std::size_t(std::max(draw_.sources, 1)));
    bool wide = false;
    for (std::size_t k = 0; k < used; ++k) {
        if (sources_[k].mask.empty()) {
            masksNote_ = tr("%1 has no mask: the result's mask needs one for every image")
                             .arg(k == 0   ? QString("A")
                                  : k == 1 ? QString("B")
                                           : tr("source %1").arg(k + 1));
            return;
        }
        wide = wide || sources_[k].mask.depth() == CV_16U;
    }
    if (instancesInUse()) {
        // The instance ids number the objects: without them (or a draw
        // that carries them) there is nothing to renumber.
        if (!objectsNote_.isEmpty()) {
            masksNote_ = objectsNote_;
            return;
        }
        if (!hasObjects()) {
            masksNote_ = tr("Instance masks number the images' objects, and these images have none");
            return;
        }
    }
    // mixedMask (what `cutmix mix --masks-out` writes) in its steps, the
    // masks prepared once: each draw only paints them. Instance ids are
    // renumbered after preparing (a resize picks pixels, so renumbering
    // before or after gives the same labels).
    const QString error = runReportingErrors([&] {
        const std::vector<cv::Mat>& prepared = preparedMasks();
        std::vector<cv::Mat> masks(prepared.begin(), prepared.begin() + long(used));
        if (instancesInUse()) {
            // An id above its image's number of objects names none: refused
            // naming the mask and pixel, as `cutmix mix --instances` and
            // `cutmix export --instances` refuse it (it was read as no object).
            for (std::size_t k = 0; k < used; ++k) {
                Source& s = sources_[k];
                const std::size_t count = s.objects.objects.size();
                if (s.idsFit != count) {
                    checkInstanceIds(s.mask, count, quotePath(local(s.maskFile)));
                    s.idsFit = count;
                }
            }
            masks = renumberedInstances(masks, keptInstanceIds(carried_, used));
            wide = wide ||
                   std::count_if(carried_.begin(), carried_.end(), [](const CarriedObject& o) { return o.kept; }) > 255;
        }
        mixedMask_ = narrowedMask(paintPreparedLabels(masks, draw_), wide);
    });
    if (!error.isEmpty()) {
        mixedMask_.release();
        masksNote_ = error;
    }
}

const std::vector<cv::Mat>& StudioModel::preparedMasks() const
{
    // Mosaic brings each source to a size of its own (its tile's).
    std::pair<std::vector<Size>, ResizePolicy> key{{}, draw_.params.resize};
    for (std::size_t k = 0; k < sources_.size(); ++k)
        key.first.push_back(preparedSize(draw_, int(k)));
    if (preparedFor_ != key) {
        preparedMasks_.assign(sources_.size(), cv::Mat());
        for (std::size_t k = 0; k < sources_.size(); ++k)
            if (!sources_[k].mask.empty())
                preparedMasks_[k] = prepareLabels(sources_[k].mask, sizeOf(sources_[k].image), draw_, int(k));
        preparedFor_ = key;
    }
    return preparedMasks_;
}

QImage StudioModel::maskWash(int view) const
{
    if (!hasPair() || view < -1 || view >= int(sources_.size()))
        return {};
    washes_.resize(sources_.size() + 1);
    QImage& wash = washes_[std::size_t(view + 1)];
    if (wash.isNull()) {
        if (view < 0) {
            if (!mixedMask_.empty())
                wash = render::labelWash(mixedMask_);
        } else {
            const Source& s = sources_[std::size_t(view)];
            // (A view may ask between a change of the sources and the draw made for them.)
            if (std::size_t(view) >= prepared_.size() ||
                sizeOf(prepared_[std::size_t(view)]) != preparedSize(draw_, view))
                return {};
            if (!s.mask.empty())
                runReportingErrors(
                    [&] { wash = render::labelWash(prepareLabels(s.mask, sizeOf(s.image), draw_, view)); });
        }
    }
    return wash;
}

bool StudioModel::saveMixedMask(const QString& path)
{
    if (hasPair() && mixedMask_.empty()) {
        emit errorOccurred(masksNote_.isEmpty() ? tr("There is no mask to save: the images have none") : masksNote_);
        return false;
    }
    return hasPair() && reportErrors([&] {
               refuseToOverwriteSources(path);
               saveImageAtomic(local(path), mixedMask_);
           });
}

void StudioModel::setMasksAreInstances(bool instances)
{
    if (instances == instances_)
        return;
    instances_ = instances;
    emit masksChanged();
    if (hasMasks())
        recompute(); // the objects' thresholds and the result's mask change
}

StudioModel::MaskHit StudioModel::maskAt(int view, int x, int y) const
{
    MaskHit hit;
    if (!hasPair() || view < -1 || view >= int(sources_.size()) || x < 0 || y < 0)
        return hit;
    auto labelOf = [&](const cv::Mat& m) {
        return m.depth() == CV_16U ? int(m.at<std::uint16_t>(y, x)) : int(m.at<std::uint8_t>(y, x));
    };
    if (view < 0) {
        if (mixedMask_.empty() || x >= mixedMask_.cols || y >= mixedMask_.rows)
            return hit;
        hit.valid = true;
        hit.label = labelOf(mixedMask_);
        const PixelInfo p = pixelAt(x, y);
        hit.source = p.source >= 0 && p.source < int(sources_.size()) ? p.source : -1;
        if (instancesInUse()) {
            // Label v is the v-th kept object, as keptInstanceIds numbers them.
            int seen = 0;
            for (std::size_t i = 0; i < carried_.size() && hit.label > 0; ++i)
                if (carried_[i].kept && ++seen == hit.label) {
                    hit.carried = int(i);
                    hit.source = carried_[i].source;
                    hit.object = carried_[i].index;
                    hit.classIndex = carried_[i].classIndex;
                }
        } else if (hit.label > 0) {
            hit.classIndex = hit.label;
        }
        return hit;
    }
    const Source& s = sources_[std::size_t(view)];
    if (s.mask.empty() || std::size_t(view) >= prepared_.size() ||
        sizeOf(prepared_[std::size_t(view)]) != preparedSize(draw_, view))
        return hit;
    cv::Mat prepared;
    if (!runReportingErrors([&] { prepared = preparedMasks()[std::size_t(view)]; }).isEmpty() || prepared.empty() ||
        x >= prepared.cols || y >= prepared.rows)
        return hit;
    hit.valid = true;
    hit.source = view;
    hit.label = labelOf(prepared);
    if (instancesInUse()) {
        const auto& objects = s.objects.objects;
        if (hit.label > 0 && hit.label <= int(objects.size())) {
            hit.object = hit.label - 1;
            hit.classIndex = objects[std::size_t(hit.object)].classIndex;
            for (std::size_t i = 0; i < carried_.size(); ++i)
                if (carried_[i].source == view && carried_[i].index == hit.object)
                    hit.carried = int(i);
        }
    } else if (hit.label > 0) {
        hit.classIndex = hit.label;
    }
    return hit;
}

bool StudioModel::saveResult(const QString& path, int quality)
{
    return hasPair() && reportErrors([&] {
               refuseToOverwriteSources(path);
               saveImageAtomic(local(path), mixed(), quality);
           });
}

bool StudioModel::saveSourceMap(const QString& path)
{
    return hasPair() && reportErrors([&] {
               refuseToOverwriteSources(path);
               saveImageAtomic(local(path), sourceMap(draw_));
           });
}

bool StudioModel::saveRecord(const QString& path)
{
    return reportErrors([&] {
        refuseToOverwriteSources(path);
        writeFileAtomic(local(path), record().dump(2) + "\n");
    });
}

bool StudioModel::savePreset(const QString& path)
{
    return reportErrors([&] {
        refuseToOverwriteSources(path);
        cutmix::savePreset(local(path), params_);
    });
}

bool StudioModel::restoreParams(const QString& json)
{
    Params p;
    if (!reportErrors([&] { p = paramsFromText(local(json)); }))
        return false;
    // The settings keep no sources: a Mosaic saved with four starts as CutMix.
    if (!p.method->mixesPair() && p.method->images != sourceCount())
        p.method = &defaultMethod();
    return setParams(p);
}

bool StudioModel::loadPreset(const QString& path)
{
    Params p;
    if (!reportErrors([&] { p = cutmix::loadPreset(local(path)); }) || !setParams(p))
        return false;
    // A preset names one draw: make it the start of the history.
    resetHistory();
    return true;
}

} // namespace cutmix::ui
