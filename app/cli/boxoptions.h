// The options of the commands that read box files (mix, grid): their format,
// written once. Here rather than in args.h: the formats are core/io's, and
// the commands that read no image do not link it.
#pragma once

#include "args.h"
#include "objectio.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace cutmix::cli
{

// --box-format: yolo, coco or voc (default yolo).
inline QCommandLineOption boxFormatOption()
{
    return {"box-format",
            "The format of the box files: yolo (class cx cy w h, normalised; polygons too), coco (an annotations"
            " JSON; the image is found by its file name) or voc (Pascal VOC XML). Default yolo.",
            "name"};
}

inline BoxFormat readBoxFormat(const QCommandLineParser& parser)
{
    if (!parser.isSet("box-format"))
        return BoxFormat::Yolo;
    return asUsageFor("--box-format", [&] { return parseBoxFormat(parser.value("box-format").toStdString()); });
}

} // namespace cutmix::cli
