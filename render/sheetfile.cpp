#include "sheetfile.h"

#include "error.h"
#include "imageio.h"

#include <QPainter>
#include <QPdfWriter>

namespace cutmix::render
{

namespace fs = std::filesystem;

void writeSheet(const fs::path& path, const QImage& image, const std::function<void(QPainter&)>& paint, int quality)
{
    std::string ext = path.extension().string();
    for (auto& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".pdf" && ext != ".png" && ext != ".jpg" && ext != ".jpeg")
        throw Error(quotePath(path) + ": unknown format (use .png, .jpg or .pdf)", Setting::Format);
    const fs::path tmp = temporaryPathFor(path);
    const QString qtmp = QString::fromStdString(tmp.string());
    bool ok = false;
    if (ext == ".pdf") {
        QPdfWriter pdf(qtmp);
        pdf.setResolution(96);
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setPageSize(QPageSize(QSizeF(image.width() * 72.0 / 96.0, image.height() * 72.0 / 96.0), QPageSize::Point,
                                  "sheet", QPageSize::ExactMatch));
        pdf.setCreator("CutMix Studio");
        QPainter p(&pdf);
        ok = p.isActive();
        if (ok)
            paint(p);
    } else {
        ok = image.save(qtmp, nullptr, ext == ".png" ? -1 : quality);
    }
    std::error_code ec;
    if (!ok) {
        fs::remove(tmp, ec);
        throw Error(quotePath(path) + ": cannot be written");
    }
    try {
        placeFinished(tmp, path);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
}

} // namespace cutmix::render
