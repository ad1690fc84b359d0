// Writing a painted sheet (a grid, a comparison figure) to PNG or JPEG from
// its image, or to PDF by painting it again on a PDF page so that its text
// stays text; through a temporary name, never half-written.
#pragma once

#include <QImage>
#include <filesystem>
#include <functional>

class QPainter;

namespace cutmix::render
{

// Throws cutmix::Error naming the file for an unknown extension or a failed write.
void writeSheet(const std::filesystem::path& path, const QImage& image, const std::function<void(QPainter&)>& paint,
                int quality = 95);

} // namespace cutmix::render
