// cutmix audit: a batch mixed by the user's own code, explained from its own
// images, and its targets checked.
#include "audit.h"

#include "args.h"
#include "auditmosaic.h"
#include "commands.h"
#include "constants.h"
#include "error.h"
#include "files.h"

#include <QCommandLineParser>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cutmix::cli
{

namespace fs = std::filesystem;

int cmdAudit(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Checks a batch mixed by your own code against its labels. DIR holds before/ and after/ (the batch\n"
        "before and right after mixing: PNG images, or NPY arrays of float batches, with the same names),\n"
        "labels.csv (index,label) and targets.csv (index, then one column per class); classes.txt and\n"
        "dump.json are optional (docs/audit-dump.md), and so are boxes_before/ and boxes_after/ (YOLO .txt\n"
        "per element: a detection batch's boxes, carried through the explained pixels and checked). Every\n"
        "mixed image is explained from the batch's own images in the batch's own arithmetic, the share of\n"
        "each source measured, and every target compared with it. Exit code 0 when all agree, 1 when any\n"
        "is flagged or unexplained, 2 for a bad folder or file.\n"
        "A dump whose dump.json says \"kind\": \"mosaic\" holds Mosaic samples instead: before/NAME_0 to NAME_3\n"
        "(the four tiles), after/NAME (the mosaic), boxes_before/ and boxes_after/; the tiles are found in\n"
        "the mosaic's pixels and their boxes carried there and checked.");
    parser.addOptions({
        {"tolerance", "How far a target may lie outside the measured share (default 0.001).", "T"},
        {"smoothing", "The label smoothing the pipeline applies (default: inferred from the targets).", "S"},
        {"lam-rule",
         "Which CutMix weight the targets carry: corrected (the pasted box's share, timm's correct_lam=True and "
         "torchvision; the default), drawn (the lam drawn before the box was rounded and clipped, timm's "
         "correct_lam=False), or any.",
         "rule"},
        {"min-visibility",
         "Detection dumps: a kept box whose object is less than this share visible is flagged, and so is an object "
         "at least this visible without a box (default 0.1).",
         "V"},
        {"json", "Also write the report as JSON.", "file"},
    });
    parser.addPositionalArgument("DIR", "The dump folder.", "DIR");
    if (!parseOrHelp(parser, args))
        return kExitOk;
    if (parser.positionalArguments().size() != 1)
        throw UsageError("give one dump folder");
    AuditOptions o;
    if (parser.isSet("tolerance"))
        o.tolerance = toDouble("--tolerance", parser.value("tolerance"));
    if (!(o.tolerance >= 0 && o.tolerance < 1))
        throw UsageError("--tolerance must be in [0, 1)");
    if (parser.isSet("smoothing"))
        o.smoothing = toDouble("--smoothing", parser.value("smoothing"));
    if (o.smoothing && !(*o.smoothing >= 0 && *o.smoothing < 1))
        throw UsageError("--smoothing must be in [0, 1)");
    if (parser.isSet("lam-rule")) {
        try {
            o.lamRule = parseLamRule(parser.value("lam-rule").toStdString());
        } catch (const Error&) {
            throw UsageError("--lam-rule must be corrected, drawn or any");
        }
    }
    if (parser.isSet("min-visibility"))
        o.minVisibility = toDouble("--min-visibility", parser.value("min-visibility"));
    if (!(o.minVisibility >= 0 && o.minVisibility <= 1))
        throw UsageError("--min-visibility must be in [0, 1]");
    const std::optional<fs::path> jsonOut =
        parser.isSet("json") ? std::optional<fs::path>(parser.value("json").toStdString()) : std::nullopt;
    const fs::path dir = parser.positionalArguments().front().toStdString();
    AuditDump dump;
    MosaicDump mosaic;
    bool mosaicDump = false;
    try {
        mosaicDump = dumpKind(dir) == "mosaic";
        if (mosaicDump) {
            for (const char* flag : {"tolerance", "smoothing", "lam-rule"})
                if (parser.isSet(flag))
                    throw UsageError(QString("--%1 checks targets; a Mosaic dump has none").arg(flag));
            mosaic = readMosaicDump(dir);
        } else {
            dump = readDump(dir);
        }
    } catch (const Error& e) {
        // A folder that is not a readable dump is a bad argument, as the command's help says.
        std::cerr << "cutmix audit: " << e.what() << '\n';
        if (jsonOut)
            writeFileAtomic(*jsonOut, auditJsonText(nlohmann::json{{"error", e.what()}}));
        return kExitBadUsage;
    }
    if (mosaicDump) {
        const MosaicReport report = auditMosaic(mosaic, o.minVisibility);
        std::cout << mosaicTable(report, mosaic);
        if (jsonOut) {
            writeFileAtomic(*jsonOut, auditJsonText(mosaicJson(report, mosaic)));
            std::cerr << "wrote " << jsonOut->string() << '\n';
        }
        return report.agree == int(report.samples.size()) ? kExitOk : kExitFailed;
    }
    const AuditReport report = auditDump(dump, o);
    std::cout << auditTable(report);
    if (jsonOut) {
        writeFileAtomic(*jsonOut, auditJsonText(auditJson(report, &dump)));
        std::cerr << "wrote " << jsonOut->string() << '\n';
    }
    return report.summary.agree == report.summary.n ? kExitOk : kExitFailed;
}

} // namespace cutmix::cli
