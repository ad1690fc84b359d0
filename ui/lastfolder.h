// Where the file dialogs open: the folder of the file (or the folder) last
// chosen in any of them during the session; the main window keeps it in its
// settings for the next one.
#pragma once

#include <QString>

namespace cutmix::ui
{

QString lastFolder();
void setLastFolder(const QString& folder);
// Remembers where `path` is (a file's folder, or a folder itself) when it is
// not empty, and returns it unchanged.
QString rememberFolder(const QString& path);
// `name` in the last folder: a save dialog's suggested file.
QString inLastFolder(const QString& name);

} // namespace cutmix::ui
