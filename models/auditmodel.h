// The audit view's model: a dump folder of a batch mixed by the user's own
// code (or of Mosaic samples, auditmosaic.h), the audit's options, and the
// report with the images ready to paint. Every number comes from core
// (audit.h). A folder is read and its pixels explained in the background
// (progress, cancel); changing the options only judges the targets again, at
// once (a Mosaic dump is audited again whole: core finds its centres and
// judges its boxes in one call).
#pragma once

#include "audit.h"
#include "auditmosaic.h"
#include "errorreport.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace cutmix::ui
{

// What one background audit of a folder produces.
struct AuditResult {
    QString folder;
    AuditDump dump;
    std::vector<PixelExplanation> pixels;
    AuditReport report;
    std::vector<QImage> before, after; // a Mosaic dump: after holds the mosaics
    std::vector<Phrase> displayNote;
    // A Mosaic dump (dumpKind "mosaic"): the samples, their audit and each
    // sample's four tiles as placed; dump, pixels and report stay empty.
    bool mosaic = false;
    MosaicDump mosaicDump;
    std::vector<MosaicCentres> mosaicCentres; // found once; judged again for another min visibility
    MosaicReport mosaicReport;
    std::vector<std::array<QImage, 4>> tiles;
};

// Reads, explains and judges a folder; images made ready to show. Throws
// cutmix::Error (AuditCancelled when `control` cancels).
AuditResult runAudit(const QString& dir, const AuditOptions& options, const AuditControl& control = {});

class AuditModel : public QObject
{
    Q_OBJECT
public:
    explicit AuditModel(QObject* parent = nullptr);
    ~AuditModel() override;

    // Reads and audits a dump folder in the background: progressChanged()
    // meanwhile, then reportChanged(), or errorOccurred() saying what is
    // wrong with which file (the previous report stays), or cancelled().
    // Every text comes in the window's current language (core's sentences
    // through coreText), made anew at each call.
    // Opening another folder cancels the one in progress.
    void open(const QString& dir);
    // The same, done before it returns (for tools and tests); false on failure.
    bool openNow(const QString& dir);
    void cancel();
    bool busy() const { return busy_; }
    // Called in the background after each element (done of total); false
    // cancels the audit there. Tests cancel at a chosen element with it.
    void setProgressHook(std::function<bool(int done, int total)> hook) { hook_ = std::move(hook); }

    void setOptions(const AuditOptions& o);
    const AuditOptions& options() const { return options_; }

    bool hasReport() const { return result_.has_value(); }
    const AuditDump& dump() const { return result_->dump; }
    const AuditReport& report() const { return result_->report; }
    QString folder() const { return result_ ? result_->folder : QString(); }
    QImage before(int i) const { return result_->before.at(std::size_t(i)); }
    QImage after(int i) const { return result_->after.at(std::size_t(i)); }
    // A dump of Mosaic samples: its samples and their audit (only then).
    bool isMosaic() const { return result_ && result_->mosaic; }
    const MosaicDump& mosaicDump() const { return result_->mosaicDump; }
    const MosaicReport& mosaicReport() const { return result_->mosaicReport; }
    QImage tile(int i, int k) const { return result_->tiles.at(std::size_t(i)).at(std::size_t(k)); }
    // Either kind: how many elements (samples) the report holds, and each
    // one's verdict, cause and objects.
    int count() const;
    Verdict verdict(int i) const;
    const std::string& cause(int i) const;
    const std::vector<AuditObject>& objects(int i) const;
    QString summary() const;
    // How a float batch is shown (de-normalised, or its range), empty for integer images.
    QString displayNote() const;
    // The element in words: what the pixels show, the shares beside the
    // target's claim, and the cause.
    QString details(int i) const;

signals:
    void reportChanged();
    void errorOccurred(const cutmix::ui::Message& message);
    void progressChanged(int done, int total);
    void busyChanged(bool busy);
    void cancelled();

private:
    struct Job {
        std::atomic<bool> cancel{false};
        std::atomic<bool> finished{false};
        std::thread thread;
    };
    QString mosaicDetails(int i) const;
    void finish(std::uint64_t generation);
    void reapFinished();
    void setBusy(bool b);

    AuditOptions options_;
    std::optional<AuditResult> result_;
    std::vector<std::unique_ptr<Job>> jobs_;
    std::uint64_t generation_ = 0;
    bool busy_ = false;
    std::function<bool(int, int)> hook_;
};

} // namespace cutmix::ui
