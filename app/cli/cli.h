// The `cutmix` command line: one function per subcommand over the core
// library, each returning the process exit code.
#pragma once

#include <QStringList>

namespace cutmix::cli
{

// Exit codes: 0 success, 1 a file or the data is wrong, 2 the arguments are.
enum ExitCode { Ok = 0, Failed = 1, BadUsage = 2 };

int run(const QStringList& arguments);

} // namespace cutmix::cli
