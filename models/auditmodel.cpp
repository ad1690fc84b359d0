#include "auditmodel.h"

#include "coretext.h"
#include "errorreport.h"
#include "format.h"
#include "keeprules.h"
#include "matimage.h"

namespace cutmix::ui
{

namespace
{

QString number(double v)
{
    return QString::fromStdString(formatFixed(v, 4));
}

// A Mosaic dump: read, its samples audited, the mosaics and tiles made ready
// to show (PNG images of uint8 or uint16, shown as a batch of that type is).
void runMosaicAudit(AuditResult& r, const AuditOptions& options, const AuditControl& control)
{
    r.mosaic = true;
    r.mosaicDump = readMosaicDump(r.folder.toStdString());
    r.mosaicCentres = findMosaicCentres(r.mosaicDump, control);
    r.mosaicReport = judgeMosaic(r.mosaicDump, r.mosaicCentres, options.minVisibility);
    AuditDump shape;
    shape.type = r.mosaicDump.type;
    if (!r.mosaicDump.samples.empty())
        shape.before = {r.mosaicDump.samples.front().mosaic};
    const DisplayMapping shown = displayMapping(shape);
    for (const MosaicSample& s : r.mosaicDump.samples) {
        r.after.push_back(render::toQImage(displayImage(s.mosaic, shown)));
        std::array<QImage, 4> tiles;
        for (std::size_t k = 0; k < 4; ++k)
            tiles[k] = render::toQImage(displayImage(s.tiles[k], shown));
        r.tiles.push_back(std::move(tiles));
    }
}

// The report judged again with `options`, assigned only when that succeeds.
// A Mosaic dump has no targets: only the minimum visibility changes it, and
// its centres are kept (judging again is fast).
void judgeAgain(AuditResult& r, const AuditOptions& options)
{
    if (!r.mosaic)
        r.report = judgeDump(r.dump, r.pixels, options);
    else if (r.mosaicReport.minVisibility != options.minVisibility)
        r.mosaicReport = judgeMosaic(r.mosaicDump, r.mosaicCentres, options.minVisibility);
}

} // namespace

AuditResult runAudit(const QString& dir, const AuditOptions& options, const AuditControl& control)
{
    AuditResult r;
    r.folder = dir;
    if (dumpKind(dir.toStdString()) == "mosaic") {
        runMosaicAudit(r, options, control);
        return r;
    }
    r.dump = readDump(dir.toStdString());
    r.pixels = explainDump(r.dump, control);
    r.report = judgeDump(r.dump, r.pixels, options);
    const DisplayMapping shown = displayMapping(r.dump);
    r.displayNote = shown.note;
    for (const cv::Mat& m : r.dump.before)
        r.before.push_back(render::toQImage(displayImage(m, shown)));
    for (const cv::Mat& m : r.dump.after)
        r.after.push_back(render::toQImage(displayImage(m, shown)));
    return r;
}

AuditModel::AuditModel(QObject* parent) : QObject(parent) {}

AuditModel::~AuditModel()
{
    for (auto& job : jobs_) {
        job->cancel = true;
        if (job->thread.joinable())
            job->thread.join();
    }
}

void AuditModel::setBusy(bool b)
{
    if (busy_ == b)
        return;
    busy_ = b;
    emit busyChanged(b);
}

void AuditModel::reapFinished()
{
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        if ((*it)->finished) {
            (*it)->thread.join();
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
}

void AuditModel::cancel()
{
    for (auto& job : jobs_)
        job->cancel = true;
}

void AuditModel::open(const QString& dir)
{
    cancel();
    reapFinished();
    const std::uint64_t generation = ++generation_;
    setBusy(true);
    auto job = std::make_unique<Job>();
    Job* j = job.get();
    const AuditOptions options = options_;
    j->thread = std::thread([this, j, dir, options, generation, hook = hook_] {
        AuditControl control;
        control.cancel = &j->cancel;
        control.progress = [this, j, generation, hook](int done, int total) {
            if (hook && !hook(done, total))
                j->cancel = true;
            QMetaObject::invokeMethod(
                this,
                [this, generation, done, total] {
                    if (generation == generation_)
                        emit progressChanged(done, total);
                },
                Qt::QueuedConnection);
        };
        auto result = std::make_shared<std::optional<AuditResult>>();
        Message error;
        bool stopped = false;
        try {
            *result = runAudit(dir, options, control);
        } catch (const AuditCancelled&) {
            stopped = true;
        } catch (...) {
            error = reportErrors([] { throw; });
        }
        if (j->cancel)
            stopped = true;
        QMetaObject::invokeMethod(
            this,
            [this, generation, result, error, stopped] {
                if (generation != generation_)
                    return; // a later open() took over
                setBusy(false);
                if (stopped) {
                    emit cancelled();
                } else if (!error.isEmpty()) {
                    emit errorOccurred(error);
                } else {
                    result_ = std::move(**result);
                    // Options changed while it ran: judge again with the current ones.
                    const Message late = reportErrors([this] { judgeAgain(*result_, options_); });
                    emit reportChanged();
                    if (!late.isEmpty())
                        emit errorOccurred(late);
                }
                finish(generation);
            },
            Qt::QueuedConnection);
        j->finished = true;
    });
    jobs_.push_back(std::move(job));
}

void AuditModel::finish(std::uint64_t)
{
    reapFinished();
}

bool AuditModel::openNow(const QString& dir)
{
    cancel();
    ++generation_; // whatever runs in the background is now stale
    setBusy(false);
    std::optional<AuditResult> next;
    const Message error = reportErrors([&] { next = runAudit(dir, options_); });
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        return false;
    }
    result_ = std::move(next);
    emit reportChanged();
    return true;
}

void AuditModel::setOptions(const AuditOptions& o)
{
    options_ = o;
    if (!result_)
        return;
    const Message error = reportErrors([this] { judgeAgain(*result_, options_); });
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        return;
    }
    emit reportChanged();
}

int AuditModel::count() const
{
    if (!result_)
        return 0;
    return int(result_->mosaic ? result_->mosaicReport.samples.size() : result_->report.elements.size());
}

Verdict AuditModel::verdict(int i) const
{
    return result_->mosaic ? result_->mosaicReport.samples.at(std::size_t(i)).verdict
                           : result_->report.elements.at(std::size_t(i)).verdict;
}

const std::string& AuditModel::cause(int i) const
{
    return result_->mosaic ? result_->mosaicReport.samples.at(std::size_t(i)).cause
                           : result_->report.elements.at(std::size_t(i)).cause;
}

const std::vector<AuditObject>& AuditModel::objects(int i) const
{
    return result_->mosaic ? result_->mosaicReport.samples.at(std::size_t(i)).objects
                           : result_->report.elements.at(std::size_t(i)).objects;
}

QString AuditModel::summary() const
{
    if (!result_)
        return tr("Open a batch dump folder.");
    return QString::fromStdString(result_->mosaic ? mosaicSummaryLine(result_->mosaicReport, translatedContext())
                                                  : auditSummaryLine(result_->report, translatedContext()));
}

QString AuditModel::displayNote() const
{
    return result_ ? QString::fromStdString(phraseText(result_->displayNote, translatedContext())) : QString();
}

QString AuditModel::mosaicDetails(int i) const
{
    const MosaicAudit& a = result_->mosaicReport.samples[std::size_t(i)];
    QString t = tr("<b>#%1 %2</b> (Mosaic sample): <b>%3</b>")
                    .arg(i)
                    .arg(QString::fromStdString(result_->mosaicDump.samples[std::size_t(i)].name).toHtmlEscaped())
                    .arg(coreText(verdictName(a.verdict)));
    if (!a.cause.empty())
        t += tr(", cause <code>%1</code>: %2")
                 .arg(QString::fromStdString(a.cause), coreText(auditCauseDescription(a.cause)).toHtmlEscaped());
    t += "<br>" + QString::fromStdString(phraseText(a.explanation, translatedContext())).toHtmlEscaped();
    int kept = 0, dropped = 0, flagged = 0, notJudged = 0;
    for (const AuditObject& o : a.objects) {
        kept += o.status == "kept";
        dropped += o.status == "dropped";
        flagged += o.status == "flagged";
        notJudged += o.status == "not-judged";
    }
    if (notJudged > 0)
        t += tr("<br>Boxes after the mosaic: %1, not judged").arg(notJudged);
    else
        t += tr("<br>Objects: %1 kept, %2 dropped, %3 flagged (minimum visibility %4)")
                 .arg(kept)
                 .arg(dropped)
                 .arg(flagged)
                 .arg(QString::fromStdString(percentText(result_->mosaicReport.minVisibility)));
    return t;
}

QString AuditModel::details(int i) const
{
    if (!result_ || i < 0 || i >= count())
        return {};
    if (result_->mosaic)
        return mosaicDetails(i);
    const AuditDump& dump = result_->dump;
    const ElementAudit& e = result_->report.elements[std::size_t(i)];
    const int own = dump.labels[std::size_t(i)];
    QString t = tr("<b>#%1 %2</b> (%3, class %4): <b>%5</b>")
                    .arg(i)
                    .arg(QString::fromStdString(dump.names[std::size_t(i)]).toHtmlEscaped())
                    .arg(coreText(auditMethodName(e.method)))
                    .arg(QString::fromStdString(dump.classes[std::size_t(own)]).toHtmlEscaped())
                    .arg(coreText(verdictName(e.verdict)));
    if (!e.cause.empty())
        t += tr(", cause <code>%1</code>: %2")
                 .arg(QString::fromStdString(e.cause), coreText(auditCauseDescription(e.cause)).toHtmlEscaped());
    t += "<br>" + QString::fromStdString(explanationText(e, translatedContext())).toHtmlEscaped();
    if (e.partner) {
        t += tr("<br>Share of its own image: %1").arg(QString::fromStdString(shareText(e.shareLo, e.shareHi)));
        if (e.ambiguousPixels > 0)
            t += tr(" (%1 pixels are equal in both sources and count both ways)").arg(e.ambiguousPixels);
        t += tr("; from #%1: %2")
                 .arg(*e.partner)
                 .arg(QString::fromStdString(shareText(1.0 - e.shareHi, 1.0 - e.shareLo)));
        if (e.candidates.size() > 1) {
            QStringList names;
            for (int c : e.candidates)
                names << QString("#%1").arg(c);
            t += tr("<br>Ambiguous partner: the region is equal in %1").arg(names.join(", "));
        }
    }
    if (e.targetOwn)
        t += tr("<br>The target gives its own class: %1 (tolerance %2, lam rule %3)")
                 .arg(number(*e.targetOwn))
                 .arg(result_->report.summary.tolerance)
                 .arg(QString::fromUtf8(lamRuleName(result_->report.summary.lamRule).data()));
    return t;
}

} // namespace cutmix::ui
