// Reading an image the window was given: a file or a Qt resource (":/..."),
// decoded and checked by core as for every other front end.
#pragma once

#include "objectio.h"

#include <QString>
#include <opencv2/core.hpp>

namespace cutmix::ui
{

// Throws cutmix::Error naming the file (a folder, a missing or unreadable
// file, or what the decoder says).
cv::Mat decodeFile(const QString& path);
// The formats core reads, for the file dialogs.
QString imageFilter();

// The annotation file that goes with an image, as datasets lay them out:
// labels/<name>.txt beside the image, or the path with its last /images/
// made /labels/ and its extension .txt (Ultralytics' layout:
// images/train/x.jpg, labels/train/x.txt); Qt resources too. Empty when
// there is none.
QString objectsFileFor(const QString& imagePath);
// Reads an annotation file (format by its extension: .txt YOLO, .json
// COCO, .xml Pascal VOC; a file or a Qt resource) for the image at
// imagePath of `size`. Class names come from the file (COCO, VOC) or from a
// classes.txt beside a YOLO file, one per line, into `classes` where it
// names none yet. Throws cutmix::Error naming the file.
ReadObjects readObjectsFor(const QString& file, const QString& imagePath, Size size, std::vector<std::string>& classes);
// The file dialogs' filter for annotation files.
QString objectsFilter();

// The label mask that goes with an image: masks/<name>.png beside the image
// (as labels/<name>.txt holds its objects), or the path with its last
// /images/ made /masks/ and its extension .png (images/train/x.jpg:
// masks/train/x.png). Empty when there is none.
QString maskFileFor(const QString& imagePath);
// Reads a label mask (a PNG of one channel, 8- or 16-bit; a file or a Qt
// resource) for an image of `size`. Throws cutmix::Error naming the file
// (not a PNG, not one channel, another size, unreadable).
cv::Mat readMaskFor(const QString& file, Size size);
// The file dialogs' filter for masks.
QString masksFilter();

} // namespace cutmix::ui
