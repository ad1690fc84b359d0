#include "errorreport.h"

#include "error.h"

#include <QCoreApplication>

namespace cutmix::ui
{

QString windowMessage(const Error& e)
{
    const QString message = QString::fromStdString(e.what());
    switch (e.setting()) {
    case Setting::ForceOutput:
        return message +
               QCoreApplication::translate("errors", " (tick “Export into a non-empty folder” to use it anyway)");
    case Setting::Strict:
        return message + QCoreApplication::translate("errors", " (stopped at the first unreadable image)");
    default:
        return message;
    }
}

Message reportErrors(const std::function<void()>& work)
{
    try {
        work();
        return {};
    } catch (const Error& e) {
        return Message([e] { return windowMessage(e); });
    } catch (const std::exception& e) {
        // Core reports its problems as cutmix::Error; anything else (out of
        // memory, say) is still shown rather than lost.
        return Message([what = QString::fromStdString(e.what())] {
            return QCoreApplication::translate("errors", "Unexpected error: %1").arg(what);
        });
    }
}

QString runReportingErrors(const std::function<void()>& work)
{
    return reportErrors(work).text();
}

} // namespace cutmix::ui
