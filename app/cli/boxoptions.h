// The options of the commands that read box files (mix, grid, compare,
// animate, batch): their format, and the objects of one pair, written once.
// Here rather than in args.h: the formats are core/io's, and the commands
// that read no image do not link it.
#pragma once

#include "args.h"
#include "objectinput.h"

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

// --boxes of the commands that mix one pair A B (grid, compare, animate).
inline QCommandLineOption pairBoxesOption()
{
    return {"boxes",
            "A's and B's objects, two files listed after the images (--boxes a.txt b.txt): carried through every"
            " mix, judged by --box-rule, drawn on the results (kept solid, clipped dashed, dropped red and"
            " crossed) and listed in the draw records where the command writes them (--json).",
            "file"};
}

// The objects of one pair: --boxes, --box-format, --box-rule and the
// rules' thresholds. Parse with spreadListOptions(args, {"--boxes"}).
inline void addPairObjectOptions(QCommandLineParser& parser)
{
    parser.addOptions({pairBoxesOption(), boxFormatOption()});
    addKeepRuleOptions(parser);
}

// What those options say (no files without --boxes); a UsageError for other
// than two files, or a rule or threshold that does not apply.
inline ObjectInput readPairObjectOptions(const QCommandLineParser& parser)
{
    ObjectInput in;
    for (const QString& b : parser.values("boxes"))
        in.boxFiles.push_back(b.toStdString());
    if (!in.boxFiles.empty() && in.boxFiles.size() != 2)
        throw UsageError(QString("--boxes: expected two files, A's and B's, got %1").arg(in.boxFiles.size()));
    in.boxFormat = readBoxFormat(parser);
    in.rule = &readKeepRule(parser, in.keep);
    return in;
}

} // namespace cutmix::cli
