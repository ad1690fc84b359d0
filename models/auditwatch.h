// Watching a training run: the dump folders that python/cutmix_dump.py's
// Recorder writes under DIR (DIR/000000/, DIR/000100/, ...: the call
// number, each folder appearing whole by a rename) as a timeline. Each new
// step is audited in the background, one at a time, oldest first; the
// timeline holds each step's verdict counts and its first flagged element.
#pragma once

#include "audit.h"
#include "errorreport.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace cutmix::ui
{

struct WatchStep {
    enum class State { Pending, Audited, Failed };
    long long call = 0; // the call number, from the folder's name
    QString folder;
    State state = State::Pending;
    int elements = 0, agree = 0, flagged = 0, unexplained = 0;
    std::optional<int> firstFlagged; // the first element that is flagged or unexplained
    Message error;                   // Failed: why (a folder removed by keep=, a damaged dump)
    // "agree", "flagged", "unexplained", "pending" or "failed": the step's worst verdict.
    QString verdict() const;
};

// Whether a folder name is a step (digits only, not hidden), and its number.
std::optional<long long> stepNumber(const QString& name);

class AuditWatch : public QObject
{
    Q_OBJECT
public:
    explicit AuditWatch(QObject* parent = nullptr);
    ~AuditWatch() override;

    // Watches DIR (its step folders now and those to come); false, with
    // errorOccurred(), when it is not a folder. Watching another folder
    // forgets the timeline.
    bool watch(const QString& dir);
    void stop();
    QString folder() const { return dir_; }
    bool watching() const { return !dir_.isEmpty(); }
    void setOptions(const AuditOptions& o) { options_ = o; }
    const std::vector<WatchStep>& steps() const { return steps_; }
    // Looks for new step folders now (also done on every change the system reports).
    void rescan();

signals:
    void stepAdded(int row);   // a new step in the timeline, at this row (ordered by call number)
    void stepAudited(int row); // its audit finished (Audited or Failed)
    void errorOccurred(const cutmix::ui::Message& message);

private:
    void startNext();
    void done(long long call, WatchStep result);

    QString dir_;
    QFileSystemWatcher watcher_;
    AuditOptions options_;
    std::vector<WatchStep> steps_;
    std::thread worker_;
    std::atomic<bool> cancel_{false};
    bool running_ = false;
    std::uint64_t generation_ = 0;
};

} // namespace cutmix::ui
