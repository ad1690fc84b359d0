// The window's one path for errors: work that may fail runs through
// runReportingErrors(), and a core error becomes a message in the window's
// own words (a setting named by its control, never by a command-line flag).
#pragma once

#include <QString>
#include <functional>

namespace cutmix
{
class Error;
}

namespace cutmix::ui
{

// A core error as the window says it.
QString windowMessage(const Error& e);
// Runs `work`; returns the message of what went wrong, empty on success.
QString runReportingErrors(const std::function<void()>& work);

} // namespace cutmix::ui
