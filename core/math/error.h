// The one way core reports a problem: cutmix::Error, an exception carrying a
// message that is ready to show a user (it names the file or the value that
// is wrong). Core never names a command-line flag or a widget: an error may
// say which setting it is about (setting.h), and each front end adds its own
// words for that setting (the CLI its flag, the window its control).
#pragma once

#include "setting.h"

#include <stdexcept>
#include <string>

namespace cutmix
{

class Error : public std::runtime_error
{
public:
    explicit Error(const std::string& message, Setting setting = Setting::None)
        : std::runtime_error(message), setting_(setting)
    {
    }
    Setting setting() const { return setting_; }

private:
    Setting setting_;
};

} // namespace cutmix
