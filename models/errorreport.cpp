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

QString runReportingErrors(const std::function<void()>& work)
{
    try {
        work();
        return {};
    } catch (const Error& e) {
        return windowMessage(e);
    } catch (const std::exception& e) {
        // Core reports its problems as cutmix::Error; anything else (out of
        // memory, say) is still shown rather than lost.
        return QCoreApplication::translate("errors", "Unexpected error: %1").arg(QString::fromStdString(e.what()));
    }
}

} // namespace cutmix::ui
