// `cutmix animate`: an animation for slides (GIF, WebP, MP4).
#pragma once

#include <QStringList>

namespace cutmix::cli
{

int cmdAnimate(const QStringList& args);

} // namespace cutmix::cli
