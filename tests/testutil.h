// Helpers shared by the test suites: readable QCOMPARE output for core value
// types, and small synthetic images.
#pragma once

#include "batchio.h"
#include "box.h"
#include "draw.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMetaType>
#include <QTest>
#include <map>
#include <opencv2/core.hpp>

Q_DECLARE_METATYPE(cutmix::Box)

namespace cutmix
{

// The child of `parent` with this objectName (controls are named by the keys
// of their settings); the test stops when there is none.
template <typename T> T* named(const QObject* parent, const char* name)
{
    T* child = parent->findChild<T*>(QString::fromUtf8(name));
    if (!child)
        qFatal("no %s named '%s'", T::staticMetaObject.className(), name);
    return child;
}

// Mosaic's label weights counted by hand, the check of lamStats: over the
// draws 0 .. n-1 of p, each tile's area over the four tiles', as histograms
// of `bins` bins over [0, 1], and their sums.
struct TileShares {
    std::vector<std::vector<std::uint64_t>> hist;
    std::vector<double> sum;
};
inline TileShares mosaicTileShares(const Params& p, const std::vector<Size>& sizes, std::uint64_t n, int bins)
{
    TileShares s{std::vector<std::vector<std::uint64_t>>(4, std::vector<std::uint64_t>(std::size_t(bins), 0)),
                 std::vector<double>(4, 0.0)};
    for (std::uint64_t k = 0; k < n; ++k) {
        Params q = p;
        q.index = k;
        const Draw d = sampleDraw(q, sizes);
        long long total = 0;
        for (const SourceBox& r : d.regions)
            total += r.geometry.box.area();
        for (std::size_t t = 0; t < 4; ++t) {
            const double share = double(d.regions[t].geometry.box.area()) / double(total);
            s.sum[t] += share;
            ++s.hist[t][std::size_t(std::min(bins - 1, int(share * bins)))];
        }
    }
    return s;
}

// The share of an image that an unclipped box covers once clipped to it
// (Cutout's erased share, as lamStats counts it).
inline double erasedShare(const Box& unclipped, Size size)
{
    const Box in = clippedTo(unclipped, size);
    return double(in.width()) * double(in.height()) / (double(size.width) * double(size.height));
}

inline char* toString(const Box& b)
{
    return QTest::toString(QString("Box(%1,%2 - %3,%4)").arg(b.x1).arg(b.y1).arg(b.x2).arg(b.y2));
}

inline char* toString(const Point& p)
{
    return QTest::toString(QString("Point(%1,%2)").arg(p.x).arg(p.y));
}

inline char* toString(const Size& s)
{
    return QTest::toString(QString("Size(%1x%2)").arg(s.width).arg(s.height));
}

// An image whose every pixel is distinct and depends on a tag, so that where a
// pixel came from can be told from its value.
// Every file under folder by its path inside it: its bytes.
inline std::map<QString, QByteArray> filesUnder(const QString& folder)
{
    std::map<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            files[QDir(folder).relativeFilePath(f.fileName())] = f.readAll();
    }
    return files;
}

// Two folders hold the same files, byte for byte (the first difference is
// printed).
inline bool sameFiles(const QString& a, const QString& b)
{
    const std::map<QString, QByteArray> inA = filesUnder(a), inB = filesUnder(b);
    for (const auto& [name, bytes] : inB)
        if (!inA.count(name) || inA.at(name) != bytes) {
            qWarning("%s differs between %s and %s", qPrintable(name), qPrintable(a), qPrintable(b));
            return false;
        }
    if (inA.size() != inB.size()) {
        qWarning("%s has %zu files, %s %zu", qPrintable(a), inA.size(), qPrintable(b), inB.size());
        return false;
    }
    return true;
}

// A detection dataset in the YOLO layout (folder/images/ and
// folder/labels/) of four bundled photos and their hand-written boxes.
inline bool writeBundledDetectionDataset(const QString& folder)
{
    if (!QDir().mkpath(folder + "/images") || !QDir().mkpath(folder + "/labels"))
        return false;
    for (const char* name : {"chelsea", "coffee", "horse", "astronaut"})
        if (!QFile::copy(QString(CUTMIX_RESOURCES "/%1.png").arg(name), folder + QString("/images/%1.png").arg(name)) ||
            !QFile::copy(QString(CUTMIX_RESOURCES "/labels/%1.txt").arg(name),
                         folder + QString("/labels/%1.txt").arg(name)))
            return false;
    return true;
}

inline cv::Mat patternImage(int rows, int cols, int type, int tag)
{
    cv::Mat m(rows, cols, type);
    const int ch = m.channels();
    const bool wide = m.depth() == CV_16U;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            for (int c = 0; c < ch; ++c) {
                const int v = (x * 7 + y * 13 + c * 31 + tag * 101);
                if (wide)
                    m.ptr<std::uint16_t>(y)[x * ch + c] = static_cast<std::uint16_t>(v * 257 + tag);
                else
                    m.ptr<std::uint8_t>(y)[x * ch + c] = static_cast<std::uint8_t>(v);
            }
    return m;
}

// A batch of n distinct 56x40 pattern images named 0.png, 1.png, ..., of
// the classes "a", "b", ... (one each).
inline BatchInput patternBatchInput(int n)
{
    std::vector<std::filesystem::path> paths;
    std::vector<std::string> names, labels;
    std::vector<cv::Mat> images;
    for (int i = 0; i < n; ++i) {
        names.push_back(std::to_string(i) + ".png");
        paths.push_back(names.back());
        labels.push_back(std::string(1, char('a' + i)));
        images.push_back(patternImage(40, 56, CV_8UC3, i + 1));
    }
    return batchFromImages(paths, names, images, labels, 0);
}

} // namespace cutmix
