#include "imagefile.h"

#include "error.h"
#include "imageio.h"

#include <QCoreApplication>
#include <QDir>
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

namespace
{

// The file beside an image in folder `folder` with extension `ext`:
// <folder>/<name><ext> next to the image, or the image's path with its last
// /images/ made /<folder>/.
QString fileBeside(const QString& imagePath, const QString& folder, const QString& ext)
{
    const QFileInfo image(imagePath);
    const QString name = image.completeBaseName() + ext;
    QStringList candidates{image.path() + "/" + folder + "/" + name};
    // Ultralytics' rule (img2label_paths in ultralytics/data/utils.py): the
    // last "/images/" of the path becomes "/labels/" and the extension
    // ".txt" (images/train/x.jpg: labels/train/x.txt).
    const QString whole = image.filePath();
    const qsizetype at = whole.lastIndexOf("/images/");
    if (at >= 0) {
        const QString swapped = "/" + folder + "/";
        QString label = whole.left(at) + swapped + whole.mid(at + 8);
        const qsizetype dot = label.lastIndexOf('.');
        if (dot > at + swapped.size())
            label = label.left(dot);
        candidates << label + ext;
    }
    for (const QString& c : candidates)
        if (QFileInfo(c).isFile())
            return QDir::cleanPath(c);
    return {};
}

} // namespace

QString objectsFileFor(const QString& imagePath)
{
    return fileBeside(imagePath, "labels", ".txt");
}

QString maskFileFor(const QString& imagePath)
{
    return fileBeside(imagePath, "masks", ".png");
}

namespace
{

// The bytes of a small text file or resource (annotation files are read
// whole: at most 64 MiB here, as no single image's boxes come near it).
std::string readSmallText(const QString& path)
{
    const std::string name = path.toStdString();
    QFile f(path);
    if (QFileInfo(path).isDir())
        throw Error(quotePath(name) + ": is a folder, not an annotation file");
    if (!f.open(QIODevice::ReadOnly))
        throw Error(quotePath(name) + (f.exists() ? ": cannot be opened for reading" : ": no such file"));
    constexpr qint64 kMax = qint64(64) << 20;
    if (f.size() > kMax)
        throw Error(quotePath(name) + ": larger than 64 MiB; not the annotation file of one image");
    const QByteArray bytes = f.read(kMax + 1);
    return std::string(bytes.constData(), std::size_t(bytes.size()));
}

} // namespace

ReadObjects readObjectsFor(const QString& file, const QString& imagePath, Size size, std::vector<std::string>& classes)
{
    const std::string name = quotePath(file.toStdString());
    const BoxFormat format = boxFormatOfFile(file.toStdString());
    ReadObjects r = parseObjects(readSmallText(file), format, size, imagePath.toStdString(), classes, 0, name);
    if (format == BoxFormat::Coco && classes.empty())
        classes = r.classes;
    const QString names = QFileInfo(file).path() + "/classes.txt";
    if (format == BoxFormat::Yolo && classes.empty() && QFileInfo(names).isFile()) {
        const QString text = QString::fromStdString(readSmallText(names));
        for (const QString& line : text.split('\n')) {
            if (classes.size() >= 100000)
                break;
            classes.push_back(line.trimmed().toStdString());
        }
        while (!classes.empty() && classes.back().empty())
            classes.pop_back();
    }
    return r;
}

QString objectsFilter()
{
    return QCoreApplication::translate("imagefile", "Annotations (*.txt *.json *.xml);;All files (*)");
}

cv::Mat readMaskFor(const QString& file, Size size)
{
    const std::string name = file.toStdString();
    if (QFileInfo(file).isDir())
        throw Error(quotePath(name) + ": is a folder, not a mask");
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(quotePath(name) + (f.exists() ? ": cannot be opened for reading" : ": no such file"));
    const QByteArray bytes = f.readAll();
    return decodeLabelMask(std::vector<unsigned char>(bytes.begin(), bytes.end()), quotePath(name), size);
}

QString masksFilter()
{
    return QCoreApplication::translate("imagefile", "Masks (*.png);;All files (*)");
}

} // namespace cutmix::ui
