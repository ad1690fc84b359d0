// cutmix audit: a batch mixed by the user's own code, explained from its own
// images, and its targets checked.
#include "audit.h"

#include "args.h"
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
        "before and right after mixing, lossless images with the same names), labels.csv (index,label) and\n"
        "targets.csv (index, then one column per class); classes.txt is optional. Every mixed image is\n"
        "explained from the batch's own images, the share of each source measured, and every target\n"
        "compared with it. Exit code 0 when all agree, 1 when any is flagged or unexplained, 2 for a bad\n"
        "folder or file.");
    parser.addOptions({
        {"tolerance", "How far a target may lie outside the measured share (default 0.001).", "T"},
        {"smoothing", "The label smoothing the pipeline applies (default: inferred from the targets).", "S"},
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
    AuditDump dump;
    try {
        dump = readDump(parser.positionalArguments().front().toStdString());
    } catch (const Error& e) {
        // A folder that is not a readable dump is a bad argument, as the command's help says.
        std::cerr << "cutmix audit: " << e.what() << '\n';
        return kExitBadUsage;
    }
    const AuditReport report = auditDump(dump, o);
    std::cout << auditTable(report);
    if (parser.isSet("json")) {
        const fs::path out = parser.value("json").toStdString();
        writeFileAtomic(out, auditJson(report).dump(2) + "\n");
        std::cerr << "wrote " << out.string() << '\n';
    }
    return report.summary.agree == report.summary.n ? kExitOk : kExitFailed;
}

} // namespace cutmix::cli
