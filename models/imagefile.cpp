#include "imagefile.h"

#include "error.h"
#include "imageio.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace cutmix::ui
{

cv::Mat decodeFile(const QString& path)
{
    const std::string name = path.toStdString();
    if (QFileInfo(path).isDir())
        throw Error(quotePath(name) + ": is a folder, not an image file");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(quotePath(name) + (f.exists() ? ": cannot be opened for reading" : ": no such file"));
    const QByteArray bytes = f.readAll();
    return decodeForMixing(std::vector<unsigned char>(bytes.begin(), bytes.end()), name);
}

QString imageFilter()
{
    QStringList patterns;
    for (const std::string& e : imageExtensions())
        patterns << "*" + QString::fromStdString(e);
    return QCoreApplication::translate("imagefile", "Images (%1);;All files (*)").arg(patterns.join(' '));
}

} // namespace cutmix::ui
