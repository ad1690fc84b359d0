// The guided lesson (Help > Lesson, cutmix-studio --lesson): eight steps
// through CutMix, each putting the window's models in a prepared state with a
// short text and one thing to try. Every number a step's text shows is
// computed by the core from the state on screen (the draw, a run of draws,
// a batch, an audit), never typed in. Starting the lesson remembers the
// user's images and parameters; finishing it puts them back.
#pragma once

#include "draw.h"
#include "errorreport.h"
#include "lamstats.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <functional>
#include <memory>
#include <optional>

namespace cutmix::ui
{

class AuditModel;
class BatchModel;
class StudioModel;

class Lesson : public QObject
{
    Q_OBJECT
public:
    // Where a step wants the user to look.
    enum class View { Pair, Batch, Audit };
    // The batch and audit models, made on first use by whoever owns them.
    struct Models {
        std::function<BatchModel*()> batch;
        std::function<AuditModel*()> audit;
    };
    Lesson(StudioModel* pair, Models models, QObject* parent = nullptr);
    ~Lesson() override;

    static constexpr int kSteps = 8;
    int count() const { return kSteps; }
    int current() const { return step_; }
    bool active() const { return active_; }

    // Remembers the user's pair and parameters and shows step 0.
    void start();
    void goTo(int step);
    void next() { goTo(step_ + 1); }
    void back() { goTo(step_ - 1); }
    // Leaves the lesson and puts the user's pair and parameters back.
    void finish();

    QString title(int step) const;
    // The current step's explanation with its live numbers (rich text).
    QString text() const;
    // The one thing to try in the current step.
    QString task() const;
    View view() const;
    // Why the current step could not be prepared (empty when it was).
    QString problem() const { return problem_.text(); }

    // Step 8's dump: the folder, and the element whose weights were swapped.
    QString auditFolder() const;
    int swappedElement() const { return swapped_; }

signals:
    void stepChanged(int step);
    void textChanged();
    void finished();

private:
    void refresh();
    void prepare(int step);
    void prepareBatch();
    void prepareAudit();
    QString betaText() const;
    QString boxText() const;
    QString clippingText() const;
    QString labelText() const;
    QString sourcesText() const;
    QString librariesText() const;
    QString batchText() const;
    QString auditText() const;

    StudioModel* pair_;
    Models models_;
    int step_ = 0;
    bool active_ = false;
    Message problem_; // said again in the language of the moment
    // The user's state before the lesson.
    struct Saved {
        QStringList paths, labels;
        Params params;
        bool hold = false;
    };
    std::optional<Saved> saved_;
    // Step 3's run of draws, computed once per alpha: its numbers (or why
    // it failed), put into words in the language of the moment.
    struct Clipping {
        double alpha = 0;
        std::optional<LamStats> stats;
        QString error;
    };
    mutable std::optional<Clipping> clipping_;
    std::unique_ptr<QTemporaryDir> dumpDir_;
    int swapped_ = -1;
};

} // namespace cutmix::ui
