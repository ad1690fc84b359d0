// The audit view's model: a dump folder of a batch mixed by the user's own
// code, the audit's options, and the report with the images ready to paint.
// Every number comes from core (audit.h).
#pragma once

#include "audit.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <optional>
#include <vector>

namespace cutmix::ui
{

class AuditModel : public QObject
{
    Q_OBJECT
public:
    explicit AuditModel(QObject* parent = nullptr);

    // Reads and audits a dump folder; on failure the previous one stays,
    // errorOccurred() says what is wrong with which file, and false is returned.
    bool open(const QString& dir);
    void setOptions(const AuditOptions& o);
    const AuditOptions& options() const { return options_; }

    bool hasReport() const { return report_.has_value(); }
    const AuditDump& dump() const { return dump_; }
    const AuditReport& report() const { return *report_; }
    QString folder() const { return folder_; }
    QImage before(int i) const { return before_.at(std::size_t(i)); }
    QImage after(int i) const { return after_.at(std::size_t(i)); }
    QString summary() const;
    // The element in words: what the pixels show, the shares beside the
    // target's claim, and the cause.
    QString details(int i) const;

signals:
    void reportChanged();
    void errorOccurred(const QString& message);

private:
    void rerun();

    AuditOptions options_;
    AuditDump dump_;
    QString folder_;
    std::optional<AuditReport> report_;
    std::vector<QImage> before_, after_;
};

} // namespace cutmix::ui
