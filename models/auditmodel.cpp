#include "auditmodel.h"

#include "errorreport.h"
#include "format.h"
#include "matimage.h"

namespace cutmix::ui
{

namespace
{

QString number(double v)
{
    return QString::fromStdString(formatFixed(v, 4));
}

} // namespace

AuditModel::AuditModel(QObject* parent) : QObject(parent) {}

bool AuditModel::open(const QString& dir)
{
    AuditDump next;
    const QString error = runReportingErrors([&] { next = readDump(dir.toStdString()); });
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        return false;
    }
    dump_ = std::move(next);
    folder_ = dir;
    before_.clear();
    after_.clear();
    const DisplayMapping shown = displayMapping(dump_);
    for (const cv::Mat& m : dump_.before)
        before_.push_back(render::toQImage(displayImage(m, shown)));
    for (const cv::Mat& m : dump_.after)
        after_.push_back(render::toQImage(displayImage(m, shown)));
    rerun();
    return true;
}

void AuditModel::setOptions(const AuditOptions& o)
{
    options_ = o;
    if (!dump_.before.empty())
        rerun();
}

void AuditModel::rerun()
{
    std::optional<AuditReport> next;
    const QString error = runReportingErrors([&] { next = auditDump(dump_, options_); });
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        return;
    }
    report_ = std::move(next);
    emit reportChanged();
}

QString AuditModel::summary() const
{
    return report_ ? QString::fromStdString(auditSummaryLine(*report_)) : QString("Open a batch dump folder.");
}

QString AuditModel::details(int i) const
{
    if (!report_ || i < 0 || i >= int(report_->elements.size()))
        return {};
    const ElementAudit& e = report_->elements[std::size_t(i)];
    const int own = dump_.labels[std::size_t(i)];
    QString t = QString("<b>#%1 %2</b> (%3, class %4): <b>%5</b>")
                    .arg(i)
                    .arg(QString::fromStdString(dump_.names[std::size_t(i)]).toHtmlEscaped())
                    .arg(QString::fromUtf8(auditMethodName(e.method).data()))
                    .arg(QString::fromStdString(dump_.classes[std::size_t(own)]).toHtmlEscaped())
                    .arg(QString::fromUtf8(verdictName(e.verdict).data()));
    if (!e.cause.empty())
        t += QString(", cause <b>%1</b>").arg(QString::fromStdString(e.cause));
    t += "<br>" + QString::fromStdString(e.explanation).toHtmlEscaped();
    if (e.partner) {
        t += QString("<br>Share of its own image: %1").arg(QString::fromStdString(shareText(e.shareLo, e.shareHi)));
        if (e.ambiguousPixels > 0)
            t += QString(" (%1 pixels are equal in both sources and count both ways)").arg(e.ambiguousPixels);
        t += QString("; from #%1: %2")
                 .arg(*e.partner)
                 .arg(QString::fromStdString(shareText(1.0 - e.shareHi, 1.0 - e.shareLo)));
    }
    if (e.targetOwn)
        t += QString("<br>The target gives its own class: %1 (tolerance %2)")
                 .arg(number(*e.targetOwn))
                 .arg(report_->summary.tolerance);
    return t;
}

} // namespace cutmix::ui
