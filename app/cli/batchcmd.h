// cutmix batch and cutmix audit (batchcmd.cpp).
#pragma once

#include <QStringList>

namespace cutmix::cli
{

int cmdBatch(const QStringList& args);
int cmdAudit(const QStringList& args);

} // namespace cutmix::cli
