// cutmix batch: a whole batch mixed as timm, torchvision or the official
// code mixes it, with its partners and its N x K targets.
#include "batch.h"

#include "args.h"
#include "audit.h"
#include "batchio.h"
#include "batchsheet.h"
#include "boxoptions.h"
#include "commands.h"
#include "constants.h"
#include "error.h"
#include "format.h"
#include "imageio.h"

#include <QCommandLineParser>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

namespace cutmix::cli
{

namespace fs = std::filesystem;

namespace
{

BatchSettings readRecipe(const QCommandLineParser& parser)
{
    const Recipe& recipe = readRecipeName(parser);
    BatchSettings s = recipeDefaults(recipe);
    // The pixels' partner may override any recipe's rule.
    std::vector<Setting> reads(recipe.settings.begin(), recipe.settings.end());
    reads.push_back(Setting::Partner);
    readRecipeValues(parser, recipe, reads, s);
    if (parser.isSet("seed"))
        s.seed = toUInt64("--seed", parser.value("seed"));
    if (parser.isSet("batch"))
        s.batch = toUInt64("--batch", parser.value("batch"));
    return s;
}

std::vector<std::string> splitList(const QString& text)
{
    std::vector<std::string> out;
    for (const QString& part : text.split(','))
        out.push_back(part.trimmed().toStdString());
    return out;
}

// The table on stdout: one line per element and a summary.
void printTable(const BatchInput& in, const MixedBatch& m)
{
    std::cout << "index  class                 pixels  labels  method  lam\n";
    int mixed = 0, selves = 0, mismatches = 0;
    for (int i = 0; i < m.draw.n; ++i) {
        const BatchElement& e = m.draw.elements[std::size_t(i)];
        const std::string cls = in.classNames[std::size_t(in.classes[std::size_t(i)])];
        std::cout << std::left << std::setw(7) << i << std::setw(22) << cls.substr(0, 21) << std::setw(8)
                  << (e.mixed ? std::to_string(e.partner) : "-") << std::setw(8)
                  << (e.mixed ? std::to_string(e.labelPartner) : "-") << std::setw(8)
                  << (e.mixed ? std::string(e.draw.method().family) : "none") << formatExact(e.lam);
        if (e.mixedWithItself())
            std::cout << "  (mixed with itself)";
        if (e.mismatch())
            std::cout << "  (pixels and labels from different partners)";
        std::cout << '\n';
        mixed += e.mixed;
        selves += e.mixedWithItself();
        mismatches += e.mismatch();
    }
    std::cout << render::batchTitle(m.draw).toStdString() << ": " << mixed << " of " << m.draw.n << " mixed, " << selves
              << " with itself, " << mismatches << " with pixels and labels from different partners\n";
    if (m.hasObjects()) {
        std::size_t kept = 0, total = 0;
        for (const auto& objects : m.objectsAfter)
            for (const CarriedObject& o : objects) {
                kept += o.kept;
                ++total;
            }
        std::cout << "objects: " << kept << " of " << total << " kept after the mix (" << m.boxRule->name
                  << " rule; the boxes are carried by the box rule, not by " << m.draw.settings.recipe->title
                  << ", which mixes no boxes)\n";
    }
}

} // namespace

int cmdBatch(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Mixes a whole batch as training code does: each element with a partner (timm flips the batch,\n"
        "torchvision rolls it, the official code permutes it), lam per batch, pair or element, and the\n"
        "N x K soft targets. Prints one line per element; writes a sheet, the targets, or an audit dump.");
    addRecipeOptions(parser);
    parser.addOptions({
        {"dataset",
         "Take the batch from a dataset (class folders or a list) or a plain folder of images, in a\n"
         "seeded order.",
         "input"},
        {"batch-size", "With --dataset: the number of images (default 16).", "N"},
        {"labels", "Class names of the images, comma-separated (default: their folder or file names).", "list"},
        {"classes", "Number of classes K (default: as many as the classes named).", "K"},
        {"seed", "Seed of the draws (and of the dataset's order). Default 0.", "S"},
        {"batch", "Which batch of the run: its draws, and with --dataset its images. Default 0.", "B"},
        {"size", "Size the images are brought to (default: the first image's).", "WxH"},
        {{"o", "output"}, "A sheet of the batch before and after, with the target matrix: .png, .jpg or .pdf.", "file"},
        {"tile", "Side of each image on the sheet in pixels (default 112).", "px"},
        {"targets", "Write the targets as CSV: index,class,partner,method,lam, then one column per class.", "file"},
        {"dump",
         "Write the batch as an audit folder (before/, after/, labels.csv, targets.csv, classes.txt, dump.json;\n"
         "with objects also boxes_before/ and boxes_after/).",
         "dir"},
        {"boxes",
         "The images' objects, one box file per image in the batch's order, listed after the flag\n"
         "(--boxes a.txt b.txt ...): carried through each element's mix, judged by --box-rule, drawn on the\n"
         "sheet (kept solid, clipped dashed, dropped red and crossed) and dumped. A --dataset in the\n"
         "detection layout (images/ + labels/), or with an annotations.json (COCO), brings its own.",
         "file"},
        {"annotations",
         "With --dataset: a COCO annotations file giving the dataset's images and objects (its file_names\n"
         "found under the dataset, beside the file or under its images/), as cutmix export --task detect\n"
         "reads it.",
         "json"},
        boxFormatOption(),
    });
    addKeepRuleOptions(parser);
    parser.addPositionalArgument("images", "The images of the batch, in order.", "[images...]");
    if (!parseOrHelp(parser, spreadListOptions(args, {"--boxes"})))
        return kExitOk;
    const BatchSettings s = readRecipe(parser);
    const QStringList files = parser.positionalArguments();
    const bool fromDataset = parser.isSet("dataset");
    if (fromDataset == !files.isEmpty())
        throw UsageError("give the images of the batch, or --dataset DIR with --batch-size N");
    if (!fromDataset && parser.isSet("batch-size"))
        throw UsageError("--batch-size goes with --dataset; a batch of files has as many images as are given");
    if (fromDataset && parser.isSet("labels"))
        throw UsageError("--labels: a dataset names its own classes");
    if (!fromDataset && parser.isSet("annotations"))
        throw UsageError("--annotations goes with --dataset DIR (a COCO file of the dataset's images); the objects "
                         "of images given one by one come with --boxes");
    if (fromDataset && parser.isSet("boxes"))
        throw UsageError("--boxes: a dataset brings its own objects (images/ + labels/, as cutmix export --task detect "
                         "reads it)");
    const BoxFormat boxFormat = readBoxFormat(parser);
    BatchBoxRule boxRule;
    boxRule.rule = &readKeepRule(parser, boxRule.keep);
    const QStringList boxFiles = parser.values("boxes");
    if (!boxFiles.isEmpty() && boxFiles.size() != files.size())
        throw UsageError(QString("--boxes: give one box file per image, in the batch's order (%1 images, %2 box files)")
                             .arg(files.size())
                             .arg(boxFiles.size()));
    const int count =
        fromDataset
            ? (parser.isSet("batch-size") ? int(toIntIn("--batch-size", parser.value("batch-size"), 1, 4096)) : 16)
            : int(files.size());
    const int numClasses =
        parser.isSet("classes") ? int(toIntIn("--classes", parser.value("classes"), 1, 1'000'000)) : 0;
    const Size size = parser.isSet("size") ? toSize("--size", parser.value("size")) : Size{0, 0};
    // The settings are checked before any image is read.
    if (size.width > 0)
        asUsage([&] { checkBatchPixels(count, size); });
    try {
        checkBatchSettings(s, count);
    } catch (const Error& e) {
        // A batch of files has no --batch-size to blame.
        throw UsageError(e.setting() == Setting::BatchSize && !fromDataset ? QString(e.what()) : describe(e));
    }

    std::vector<fs::path> paths;
    for (const QString& f : files)
        paths.push_back(f.toStdString());
    BatchInput in;
    if (fromDataset) {
        const fs::path source = parser.value("dataset").toStdString();
        const fs::path annotations = parser.value("annotations").toStdString();
        if (!annotations.empty())
            in = asUsageFor("--annotations",
                            [&] { return batchFromDetection(source, annotations, s.seed, s.batch, count); });
        else if (const std::optional<fs::path> found = detectionAnnotationsOf(source))
            in = asUsageFor("--dataset", [&] { return batchFromDetection(source, *found, s.seed, s.batch, count); });
        else
            in = batchFromDataset(loadBatchSource(source), s.seed, s.batch, count);
        if (numClasses > 0 && numClasses < int(in.classNames.size()))
            throw UsageError(QString("--classes %1 is fewer than the dataset's %2 classes")
                                 .arg(numClasses)
                                 .arg(in.classNames.size()));
        for (int c = int(in.classNames.size()); c < numClasses; ++c)
            in.classNames.push_back("class " + std::to_string(c));
    } else {
        const std::vector<std::string> labels =
            parser.isSet("labels") ? splitList(parser.value("labels")) : std::vector<std::string>{};
        if (!labels.empty() && labels.size() != paths.size())
            throw UsageError(QString("--labels: give one label per image (%1 images, %2 labels)")
                                 .arg(paths.size())
                                 .arg(labels.size()));
        in = batchFromFiles(paths, labels, numClasses);
        if (!boxFiles.isEmpty()) {
            std::vector<fs::path> boxPaths;
            for (const QString& b : boxFiles)
                boxPaths.push_back(b.toStdString());
            // A dump's boxes are classes of the batch (targets.csv's columns).
            const int objectClasses = parser.isSet("dump") ? int(in.classNames.size()) : 0;
            asUsageFor("--boxes", [&] { readBatchObjects(in, boxPaths, boxFormat, objectClasses); });
        }
    }
    const MixedBatch mixed = mixBatchInput(in, s, size, boxRule);
    // No output overwrites an input (an image or a box file).
    std::vector<fs::path> inputs = in.paths;
    if (parser.isSet("annotations"))
        inputs.push_back(parser.value("annotations").toStdString());
    for (const QString& b : boxFiles)
        inputs.push_back(b.toStdString());
    printTable(in, mixed);

    if (parser.isSet("output")) {
        const fs::path out = parser.value("output").toStdString();
        asUsage([&] { refuseToOverwrite(out, inputs); });
        const int tile = parser.isSet("tile") ? int(toIntIn("--tile", parser.value("tile"), 24, 1024)) : 112;
        render::writeBatchSheet(out, render::batchPicture(in, mixed), tile);
        std::cerr << "wrote " << out.string() << '\n';
    }
    if (parser.isSet("targets")) {
        const fs::path out = parser.value("targets").toStdString();
        asUsage([&] { refuseToOverwrite(out, inputs); });
        writeFileAtomic(out, batchTargetsCsv(in, mixed));
        std::cerr << "wrote " << out.string() << '\n';
    }
    if (parser.isSet("dump")) {
        const fs::path dir = parser.value("dump").toStdString();
        dumpBatch(dir, in, mixed);
        std::cerr << "wrote the batch to " << dir.string() << " (check it with: cutmix audit " << dir.string() << ")\n";
    }
    return kExitOk;
}

// ---- audit

} // namespace cutmix::cli
