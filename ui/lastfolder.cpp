#include "lastfolder.h"

#include <QDir>
#include <QFileInfo>

namespace cutmix::ui
{

namespace
{

QString& folder()
{
    static QString f;
    return f;
}

} // namespace

QString lastFolder()
{
    return folder();
}

void setLastFolder(const QString& f)
{
    folder() = f;
}

QString rememberFolder(const QString& path)
{
    if (!path.isEmpty() && !path.startsWith(":/")) {
        const QFileInfo info(path);
        folder() = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    }
    return path;
}

QString inLastFolder(const QString& name)
{
    return folder().isEmpty() ? name : QDir(folder()).filePath(name);
}

} // namespace cutmix::ui
