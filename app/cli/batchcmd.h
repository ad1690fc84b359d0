// cutmix batch (batchcmd.cpp).
#pragma once

#include <QStringList>

namespace cutmix::cli
{

int cmdBatch(const QStringList& args);

} // namespace cutmix::cli
