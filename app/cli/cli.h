// The `cutmix` command line: one function per subcommand over the core
// library, each returning the process exit code (constants.h: 0 success, 1 a
// file or the data is wrong, 2 the arguments are, 130 interrupted).
#pragma once

#include <QStringList>

namespace cutmix::cli
{

int run(const QStringList& arguments);

} // namespace cutmix::cli
