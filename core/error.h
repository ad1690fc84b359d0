// The one way core reports a problem: an exception carrying a message that is
// ready to show a user (it names the file or the parameter that is wrong).
#pragma once

#include <stdexcept>
#include <string>

namespace cutmix
{

class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace cutmix
