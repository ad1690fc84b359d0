// The bundled demo images (resources/, compiled in under :/demo): the pair
// view opens on the first two, the batch view's demo batch is all six, the
// lesson uses them too.
#pragma once

#include <QStringList>

namespace cutmix::ui
{

inline const QStringList& demoImages()
{
    static const QStringList images{":/demo/chelsea.png", ":/demo/coffee.png", ":/demo/rocket.jpg",
                                    ":/demo/horse.png",   ":/demo/coins.png",  ":/demo/camera.png"};
    return images;
}

} // namespace cutmix::ui
