#include "studiomodel.h"

#include "betadist.h"
#include "error.h"
#include "errorreport.h"
#include "imageio.h"
#include "matimage.h"
#include "mixer.h"
#include "record.h"

#include <QFile>
#include <QFileInfo>

namespace cutmix::ui
{

namespace
{

std::string local(const QString& s)
{
    return s.toStdString();
}

// The class name of a label; an empty label is named after its image.
std::string className(const QString& label, const char* image)
{
    return label.isEmpty() ? image : label.toStdString();
}

} // namespace

StudioModel::StudioModel(QObject* parent) : QObject(parent) {}

bool StudioModel::reportErrors(const std::function<void()>& work)
{
    const QString message = runReportingErrors(work);
    if (message.isEmpty())
        return true;
    emit errorOccurred(message);
    return false;
}

bool StudioModel::loadInto(const QString& path, cv::Mat& image)
{
    // QFile reads Qt resources and any file name the platform allows; core
    // decodes and checks, as for every other front end.
    return reportErrors([&] {
        const std::string name = local(path);
        if (QFileInfo(path).isDir())
            throw Error(quotePath(name) + ": is a folder, not an image file");
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            throw Error(quotePath(name) + (f.exists() ? ": cannot be opened for reading" : ": no such file"));
        const QByteArray bytes = f.readAll();
        image = decodeForMixing(std::vector<unsigned char>(bytes.begin(), bytes.end()), name);
    });
}

bool StudioModel::loadA(const QString& path)
{
    return loadPair(path, pathB_);
}

bool StudioModel::loadB(const QString& path)
{
    return loadPair(pathA_, path);
}

bool StudioModel::loadPair(const QString& pathA, const QString& pathB)
{
    cv::Mat a = a_, b = b_;
    if (pathA != pathA_ && !pathA.isEmpty() && !loadInto(pathA, a))
        return false;
    if (pathB != pathB_ && !pathB.isEmpty() && !loadInto(pathB, b))
        return false;
    a_ = a;
    b_ = b;
    pathA_ = pathA;
    pathB_ = pathB;
    labelA_ = QString::fromStdString(defaultLabel(local(pathA_), local(pathB_)));
    labelB_ = QString::fromStdString(defaultLabel(local(pathB_), local(pathA_)));
    preparePair();
    emit pairChanged();
    emit labelsChanged();
    recompute();
    return true;
}

void StudioModel::swap()
{
    std::swap(a_, b_);
    std::swap(pathA_, pathB_);
    std::swap(labelA_, labelB_);
    preparePair();
    emit pairChanged();
    emit labelsChanged();
    recompute();
}

void StudioModel::setLabelA(const QString& l)
{
    if (l == labelA_)
        return;
    labelA_ = l;
    emit labelsChanged();
    emit drawChanged();
}

void StudioModel::setLabelB(const QString& l)
{
    if (l == labelB_)
        return;
    labelB_ = l;
    emit labelsChanged();
    emit drawChanged();
}

Size StudioModel::sizeA() const
{
    return sizeOf(a_);
}
Size StudioModel::sizeB() const
{
    return sizeOf(b_);
}

bool StudioModel::setParams(const Params& p)
{
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
        preparePair();
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

void StudioModel::setAlpha(double alpha)
{
    editParams([&](Params& p) { p.alpha = alpha; });
}

void StudioModel::setMethod(const Method& m)
{
    editParams([&](Params& p) { p.method = &m; });
}

void StudioModel::setCorrectLam(std::optional<bool> correct)
{
    editParams([&](Params& p) { p.correctLam = correct; });
}

void StudioModel::setMinMax(MinMax m)
{
    editParams([&](Params& p) { p.minmax = m; });
}

void StudioModel::setResize(ResizePolicy r)
{
    editParams([&](Params& p) { p.resize = r; });
}

void StudioModel::setSmoothing(double s)
{
    editParams([&](Params& p) { p.smoothing = s; });
}

void StudioModel::setNumClasses(int k)
{
    // A K below the classes named is refused with the reason.
    if (k != 0 && !reportErrors([&] { namePair(className(labelA_, "A"), className(labelB_, "B"), k, 0.0); })) {
        emit paramsChanged(); // the spin box goes back to the K in use
        return;
    }
    editParams([&](Params& p) { p.numClasses = k; });
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

void StudioModel::newDraw()
{
    std::uint64_t next = 0;
    for (auto i : history_)
        next = std::max(next, i + 1);
    history_.push_back(next);
    historyPos_ = history_.size() - 1;
    params_.index = next;
    // A new draw is a new random number: holding applies to it from here.
    if (hold_)
        heldU_ = betaCdf(params_.alpha, drawInputs(params_.seed, next, params_.alpha).lam);
    emit historyChanged();
    emit paramsChanged();
    recompute();
}

void StudioModel::back()
{
    if (!canGoBack())
        return;
    params_.index = history_[--historyPos_];
    emit historyChanged();
    emit paramsChanged();
    recompute();
}

void StudioModel::forward()
{
    if (!canGoForward())
        return;
    params_.index = history_[++historyPos_];
    emit historyChanged();
    emit paramsChanged();
    recompute();
}

void StudioModel::setHold(bool hold)
{
    if (hold == hold_)
        return;
    hold_ = hold;
    // Start from the lam on screen, so that turning hold on changes nothing.
    if (hold_)
        heldU_ = betaCdf(params_.alpha, hasPair() ? draw_.lamSampled : 0.5);
    emit paramsChanged();
    recompute();
}

void StudioModel::preparePair()
{
    if (!hasPair())
        return;
    const PreparedPair p = cutmix::preparePair(a_, b_, params_.resize);
    prepA_ = p.a;
    prepB_ = p.b;
    dispA_ = render::toDisplayOrder(prepA_);
    dispB_ = render::toDisplayOrder(prepB_);
    qA_ = render::wrapDisplay(dispA_);
    qB_ = render::wrapDisplay(dispB_);
}

void StudioModel::recompute()
{
    if (!hasPair())
        return;
    const RandomInputs in = hold_ ? heldInputs(params_.seed, params_.index, params_.alpha, heldU_)
                                  : drawInputs(params_.seed, params_.index, params_.alpha);
    draw_ = makeDraw(params_, sizeOf(a_), sizeOf(b_), in);
    // The displayed result is the same paste, made on the display copies so
    // that no colour conversion runs per redraw.
    cv::Mat& buffer = dispMixed_[nextBuffer_];
    nextBuffer_ = 1 - nextBuffer_;
    pasteBoxInto(dispA_, dispB_, draw_.geometry.box, buffer);
    qMixed_ = render::wrapDisplay(buffer);
    emit drawChanged();
}

QImage StudioModel::sourceMaskImage() const
{
    if (!hasPair())
        return {};
    return render::wrapDisplay(sourceMask(draw_.size, draw_.geometry.box));
}

cv::Mat StudioModel::mixed() const
{
    if (!hasPair())
        return {};
    return pasteBox(prepA_, prepB_, draw_.geometry.box);
}

PixelInfo StudioModel::pixelAt(int x, int y) const
{
    PixelInfo info;
    if (!hasPair() || x < 0 || y < 0 || x >= draw_.size.width || y >= draw_.size.height)
        return info;
    info.valid = true;
    info.x = x;
    info.y = y;
    info.fromB = draw_.geometry.box.contains(x, y);
    const cv::Mat& src = info.fromB ? prepB_ : prepA_;
    const int ch = src.channels();
    static const char* bgra[] = {"B", "G", "R", "A"};
    QStringList parts;
    for (int c = 0; c < ch; ++c) {
        const int v =
            src.depth() == CV_16U ? src.ptr<std::uint16_t>(y)[x * ch + c] : src.ptr<std::uint8_t>(y)[x * ch + c];
        parts << (ch == 1 ? QString("gray %1").arg(v) : QString("%1 %2").arg(bgra[c]).arg(v));
    }
    if (ch >= 3)
        std::swap(parts[0], parts[2]); // show R G B order
    info.value = parts.join(' ');
    return info;
}

NamedPair StudioModel::labels() const
{
    const std::string a = className(labelA_, "A"), b = className(labelB_, "B");
    // K covers at least the classes named: a K set before the labels were
    // renamed apart widens to them (setNumClasses refuses a K below them).
    const int named = a == b ? 1 : 2;
    return namePair(a, b, params_.numClasses >= named ? params_.numClasses : 0, params_.smoothing);
}

std::vector<double> StudioModel::softLabel() const
{
    return cutmix::softLabel(labels().spec, draw_.lam);
}

bool StudioModel::selfMix() const
{
    return hasPair() && samePath(local(pathA_), local(pathB_));
}

nlohmann::json StudioModel::record() const
{
    return sampleRecord(draw_, namedPairInfo(local(pathA_), local(pathB_), labels(), draw_));
}

bool StudioModel::saveResult(const QString& path, int quality)
{
    return hasPair() && reportErrors([&] {
               refuseToOverwrite(local(path), {local(pathA_), local(pathB_)});
               saveImageAtomic(local(path), mixed(), quality);
           });
}

bool StudioModel::saveRecord(const QString& path)
{
    return reportErrors([&] { writeFileAtomic(local(path), record().dump(2) + "\n"); });
}

bool StudioModel::savePreset(const QString& path)
{
    return reportErrors([&] { cutmix::savePreset(local(path), params_); });
}

bool StudioModel::restoreParams(const QString& json)
{
    Params p;
    return reportErrors([&] { p = paramsFromText(local(json)); }) && setParams(p);
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
