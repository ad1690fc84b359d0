// Reading an image the window was given: a file or a Qt resource (":/..."),
// decoded and checked by core as for every other front end.
#pragma once

#include <QString>
#include <opencv2/core.hpp>

namespace cutmix::ui
{

// Throws cutmix::Error naming the file (a folder, a missing or unreadable
// file, or what the decoder says).
cv::Mat decodeFile(const QString& path);
// The formats core reads, for the file dialogs.
QString imageFilter();

} // namespace cutmix::ui
