// cutmix compare: the CutMix paper's figure, the original beside each method.
#include "args.h"
#include "boxoptions.h"
#include "commands.h"
#include "compareplan.h"
#include "comparesheet.h"
#include "constants.h"
#include "error.h"
#include "imageio.h"
#include "method.h"

#include <QCommandLineParser>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cutmix::cli
{

namespace
{

namespace fs = std::filesystem;

} // namespace

int cmdCompare(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Writes the comparison figure of the CutMix paper's first table: the original A beside what\n"
        "each method makes of A and B with the same seed and index, the label under each.\n"
        "PNG, JPEG, or PDF for print (text stays text).");
    addParamOptions(parser);
    parser.addOptions({
        {{"o", "output"}, "The figure: .png, .jpg or .pdf.", "file"},
        {"methods",
         QString("Comma-separated panels from: original, %1 (default %2).")
             .arg(QString::fromStdString(familyNames()), "original,mixup,cutout,cutmix"),
         "list"},
        {"panel", "Side of each image box in pixels (default 256).", "px"},
        {"lam", "Use this lam for every method instead of the drawn one (the paper's figure).", "L"},
        {"label-a", "Class name of A (default: its folder or file name).", "name"},
        {"label-b", "Class name of B (default: its folder or file name).", "name"},
        {"json", "Also write each panel's draw record (JSON lines).", "file"},
    });
    addPairObjectOptions(parser);
    parser.addPositionalArgument("A", "The original image.");
    parser.addPositionalArgument("B", "The image mixed into it.");
    if (!parseOrHelp(parser, spreadListOptions(args, {"--boxes"})))
        return kExitOk;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        throw UsageError(QString("expected two images A and B, got %1 argument(s)").arg(pos.size()));
    if (!parser.isSet("output"))
        throw UsageError("-o/--output is required");
    const Params p = readParams(parser);
    std::vector<std::string> methods = defaultCompareMethods();
    if (parser.isSet("methods")) {
        methods.clear();
        for (const QString& m : parser.value("methods").split(',', Qt::SkipEmptyParts))
            methods.push_back(m.trimmed().toStdString());
        asUsageFor("--methods", [&] { checkCompareMethods(methods); });
    }
    const int panel = parser.isSet("panel") ? int(toIntIn("--panel", parser.value("panel"), 64, 2048)) : 256;
    const ObjectInput objects = readPairObjectOptions(parser);
    const std::vector<fs::path> paths{pos[0].toStdString(), pos[1].toStdString()};
    const fs::path out = parser.value("output").toStdString();
    std::vector<fs::path> inputs = paths;
    inputs.insert(inputs.end(), objects.boxFiles.begin(), objects.boxFiles.end());
    asUsage([&] {
        refuseToOverwrite(out, inputs);
        if (parser.isSet("json"))
            refuseToOverwrite(parser.value("json").toStdString(), inputs);
    });
    const std::vector<std::string> labels = sourceLabels(parser, paths);
    std::optional<double> lam;
    if (parser.isSet("lam")) {
        lam = toDouble("--lam", parser.value("lam"));
        if (!(*lam >= 0.0 && *lam <= 1.0))
            throw UsageError("--lam: must be between 0 and 1");
    }
    const cv::Mat a = loadForMixing(paths[0]), b = loadForMixing(paths[1]);
    const render::CompareSheet sheet = render::renderComparison(
        planComparison(a, b, paths[0].string(), paths[1].string(), labels[0], labels[1], p, methods, lam, objects),
        panel);
    render::writeComparison(out, sheet);
    if (parser.isSet("json")) {
        std::string lines;
        for (const ComparePanel& c : sheet.plan.panels)
            if (!c.record.is_null())
                lines += c.record.dump() + "\n";
        writeFileAtomic(parser.value("json").toStdString(), lines);
    }
    std::cerr << "wrote " << out.string() << " (" << sheet.size.width() << "x" << sheet.size.height() << ", "
              << sheet.plan.panels.size() << " panels)\n";
    return kExitOk;
}

} // namespace cutmix::cli
