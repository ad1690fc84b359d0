#include "auditwatch.h"

#include "auditmosaic.h"
#include "errorreport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace cutmix::ui
{

QString WatchStep::verdict() const
{
    switch (state) {
    case State::Pending:
        return QT_TRANSLATE_NOOP("AuditWatch", "pending");
    case State::Failed:
        return QT_TRANSLATE_NOOP("AuditWatch", "failed");
    case State::Audited:
        break;
    }
    return unexplained ? QT_TRANSLATE_NOOP("AuditWatch", "unexplained")
           : flagged   ? QT_TRANSLATE_NOOP("AuditWatch", "flagged")
                       : QT_TRANSLATE_NOOP("AuditWatch", "agree");
}

std::optional<long long> stepNumber(const QString& name)
{
    if (name.isEmpty() || name.size() > 15)
        return std::nullopt;
    for (const QChar c : name)
        if (c < '0' || c > '9')
            return std::nullopt;
    return name.toLongLong();
}

AuditWatch::AuditWatch(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &AuditWatch::rescan);
}

AuditWatch::~AuditWatch()
{
    cancel_ = true;
    if (worker_.joinable())
        worker_.join();
}

bool AuditWatch::watch(const QString& dir)
{
    const QFileInfo info(dir);
    if (!info.isDir()) {
        emit errorOccurred(Message([dir] { return tr("'%1': not a folder to watch").arg(dir); }));
        return false;
    }
    stop();
    dir_ = info.absoluteFilePath();
    watcher_.addPath(dir_);
    rescan();
    return true;
}

void AuditWatch::stop()
{
    if (!dir_.isEmpty())
        watcher_.removePath(dir_);
    dir_.clear();
    ++generation_;
    cancel_ = true;
    if (worker_.joinable())
        worker_.join();
    cancel_ = false;
    running_ = false;
    steps_.clear();
}

void AuditWatch::rescan()
{
    if (dir_.isEmpty())
        return;
    const QStringList names = QDir(dir_).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : names) {
        const auto call = stepNumber(name);
        if (!call)
            continue;
        auto at = std::lower_bound(steps_.begin(), steps_.end(), *call,
                                   [](const WatchStep& s, long long c) { return s.call < c; });
        if (at != steps_.end() && at->call == *call)
            continue;
        WatchStep s;
        s.call = *call;
        s.folder = QDir(dir_).filePath(name);
        const int row = int(at - steps_.begin());
        steps_.insert(at, s);
        emit stepAdded(row);
    }
    startNext();
}

void AuditWatch::startNext()
{
    if (running_)
        return;
    const auto next = std::find_if(steps_.begin(), steps_.end(),
                                   [](const WatchStep& s) { return s.state == WatchStep::State::Pending; });
    if (next == steps_.end())
        return;
    if (worker_.joinable())
        worker_.join();
    running_ = true;
    const WatchStep step = *next;
    const AuditOptions options = options_;
    const std::uint64_t generation = generation_;
    worker_ = std::thread([this, step, options, generation] {
        WatchStep result = step;
        // The timeline counts a batch's elements: a Mosaic dump is said to be
        // one, not audited here (Open dump audits it).
        bool mosaic = false;
        Message error = reportErrors([&] { mosaic = dumpKind(step.folder.toStdString()) == "mosaic"; });
        if (error.isEmpty() && mosaic)
            error = Message([folder = step.folder] {
                return tr("%1: a dump of Mosaic samples; watching follows batch dumps only: open it with Open dump…")
                    .arg(folder);
            });
        if (error.isEmpty())
            error = reportErrors([&] {
                AuditControl control;
                control.cancel = &cancel_;
                const AuditReport r = auditDump(readDump(step.folder.toStdString()), options, control);
                result.elements = r.summary.n;
                result.agree = r.summary.agree;
                result.flagged = r.summary.flagged;
                result.unexplained = r.summary.unexplained;
                for (const ElementAudit& e : r.elements)
                    if (e.verdict != Verdict::Agree) {
                        result.firstFlagged = e.index;
                        break;
                    }
            });
        result.state = error.isEmpty() ? WatchStep::State::Audited : WatchStep::State::Failed;
        result.error = error;
        QMetaObject::invokeMethod(
            this,
            [this, result, generation] {
                if (generation == generation_)
                    done(result.call, result);
            },
            Qt::QueuedConnection);
    });
}

void AuditWatch::done(long long call, WatchStep result)
{
    running_ = false;
    const auto at = std::find_if(steps_.begin(), steps_.end(), [&](const WatchStep& s) { return s.call == call; });
    if (at != steps_.end()) {
        *at = std::move(result);
        emit stepAudited(int(at - steps_.begin()));
    }
    startNext();
}

} // namespace cutmix::ui
