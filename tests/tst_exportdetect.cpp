// cutmix export --task detect: a tiny YOLO dataset made here, its export's
// labels checked against carryAndJudge of the same draws, the pixels
// against the fitted draw, thread count and parts that change nothing, COCO
// written and read back, data.yaml's names, and bad label files refused
// before anything is written; task segment: each sample's mask the bytes
// `cutmix mix --masks-out` writes for the same draw, in files, shards and
// parts, and bad masks refused naming the file; with instance masks, the
// bytes `cutmix mix --instances --masks-out` writes, and an id that numbers
// no object refused naming the mask.
#include "clirun.h"
#include "error.h"
#include "exporter.h"
#include "exportutil.h"
#include "imageio.h"
#include "keeprules.h"
#include "mixer.h"
#include "objectio.h"
#include "record.h"
#include "sampler.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <archive.h>
#include <archive_entry.h>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cutmix;
using nlohmann::json;
namespace fs = std::filesystem;

using namespace cutmix::exporttest;

namespace
{

const std::vector<std::string> kNames{"cat", "dog", "hot \"dog\": #1"};

void writeText(const fs::path& p, const std::string& text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// DATA/images/imK.png (64x48) and DATA/labels/imK.txt: a large box, a small
// one near the middle (often covered by a paste) and one at the corner;
// im5 has no label file (no objects); names in data.yaml.
fs::path makeYoloDataset(const fs::path& base)
{
    const fs::path root = base / "data";
    fs::create_directories(root / "images");
    for (int k = 0; k < 6; ++k) {
        const std::string stem = "im" + std::to_string(k);
        cv::imwrite((root / "images" / (stem + ".png")).string(), patternImage(48, 64, CV_8UC3, k + 1));
        if (k == 5)
            continue;
        writeText(root / "labels" / (stem + ".txt"), std::to_string(k % 3) + " 0.5 0.5 0.8 0.7\n" +
                                                         std::to_string((k + 1) % 3) + " 0.50 0.50 0.09375 0.125\n" +
                                                         "2 0.1 0.1 0.125 0.125\n");
    }
    writeText(root / "data.yaml", "path: ../somewhere  # ignored\ntrain: images\nnames:\n  - cat\n  - 'dog'\n"
                                  "  - \"hot \\\"dog\\\": #1\"\nnc: 3\n");
    return root;
}

// The same images as the sampler lists them (sorted), for an independent
// sampler in the test.
Dataset yoloDataset(const fs::path& root)
{
    Dataset ds;
    ds.root = root;
    ds.classes = kNames;
    for (int k = 0; k < 6; ++k)
        ds.entries.push_back(
            {root / "images" / ("im" + std::to_string(k) + ".png"), "images/im" + std::to_string(k) + ".png", 0});
    return ds;
}

ExportConfig detectConfig(const fs::path& input, const fs::path& output)
{
    ExportConfig c;
    c.input = input;
    c.output = output;
    c.count = 16;
    c.format = "png";
    c.params.seed = 5;
    c.task = ExportTask::Detect;
    c.boxRule = &keepRuleNamed("ultralytics");
    c.keep = c.boxRule->defaults;
    return c;
}

// makeYoloDataset with a label mask for every image (DATA/masks/imK.png,
// 8-bit: the class + 1 of its large box over the box, 0 elsewhere); im3 is
// 80x60 (image, mask and all), so that sizes differ.
fs::path makeSegmentDataset(const fs::path& base)
{
    const fs::path root = makeYoloDataset(base);
    fs::create_directories(root / "masks");
    for (int k = 0; k < 6; ++k) {
        const std::string stem = "im" + std::to_string(k);
        const int w = k == 3 ? 80 : 64, h = k == 3 ? 60 : 48;
        if (k == 3)
            cv::imwrite((root / "images" / (stem + ".png")).string(), patternImage(h, w, CV_8UC3, k + 1));
        cv::Mat m(h, w, CV_8UC1, cv::Scalar(0));
        m(cv::Rect(w / 10, h * 3 / 20, w * 8 / 10, h * 7 / 10)).setTo(k % 3 + 1);
        m(cv::Rect(w / 2 - 3, h / 2 - 3, 6, 6)).setTo((k + 1) % 3 + 1);
        cv::imwrite((root / "masks" / (stem + ".png")).string(), m);
    }
    return root;
}

ExportConfig segmentConfig(const fs::path& input, const fs::path& output)
{
    ExportConfig c = detectConfig(input, output);
    c.task = ExportTask::Segment;
    c.count = 12;
    return c;
}

// makeYoloDataset with an instance mask for every image (DATA/masks/imK.png,
// 8-bit: each object's box filled with its line number in the label file,
// later lines over earlier ones; 0 elsewhere); im5 has no objects (an empty
// label file, for `cutmix mix --boxes`) and an all-0 mask; im3 is 80x60.
fs::path makeInstanceDataset(const fs::path& base)
{
    const fs::path root = makeYoloDataset(base);
    writeText(root / "labels" / "im5.txt", "");
    fs::create_directories(root / "masks");
    for (int k = 0; k < 6; ++k) {
        const std::string stem = "im" + std::to_string(k);
        const int w = k == 3 ? 80 : 64, h = k == 3 ? 60 : 48;
        if (k == 3)
            cv::imwrite((root / "images" / (stem + ".png")).string(), patternImage(h, w, CV_8UC3, k + 1));
        cv::Mat m(h, w, CV_8UC1, cv::Scalar(0));
        const std::vector<Object> objects = readYolo(root / "labels" / (stem + ".txt"), Size{w, h}).image.objects;
        for (std::size_t j = 0; j < objects.size(); ++j) {
            const BoxF& b = objects[j].box;
            const cv::Point from(int(std::lround(b.x1)), int(std::lround(b.y1)));
            const cv::Point to(int(std::lround(b.x2)), int(std::lround(b.y2)));
            m(cv::Rect(from, to)).setTo(int(j) + 1);
        }
        cv::imwrite((root / "masks" / (stem + ".png")).string(), m);
    }
    return root;
}

std::string errorOf(const ExportConfig& c)
{
    try {
        runExport(c);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestExportDetect : public QObject
{
    Q_OBJECT

private slots:
    void labelsAreCarryAndJudgeOfTheDraws_data();
    void labelsAreCarryAndJudgeOfTheDraws();
    void sameForAnyThreadsAndParts();
    void cocoRoundTrip();
    void cocoInput();
    void webDatasetCarriesLabels();
    void dataYamlNames();
    void badLabelFileRefused();
    void cliRefusals();
    void segmentMasksAreMixMasksOut();
    void segmentSameForThreadsPartsAndShards();
    void segmentBadMasks();
    void segmentInstancesAreMixInstances_data();
    void segmentInstancesAreMixInstances();
    void segmentInstanceIdsChecked();
    void mosaicSamplesAreMixMosaic();
    void mosaicSameForThreadsAndParts();
    void mosaicClassifyLabelsByShare();
};

void TestExportDetect::labelsAreCarryAndJudgeOfTheDraws_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("cutmix") << "cutmix";
    QTest::newRow("cutmix-ultralytics") << "cutmix-ultralytics";
    QTest::newRow("mixup") << "mixup";
}

void TestExportDetect::labelsAreCarryAndJudgeOfTheDraws()
{
    QFETCH(QString, method);
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeYoloDataset(base);
    ExportConfig c = detectConfig(root, base / "out");
    c.params.method = &methodFor(method.toStdString());
    runExport(c);
    const fs::path out = c.output;
    // data.yaml names the classes, as Ultralytics reads it.
    const auto yaml = parseYamlNames(readAll(out / "data.yaml"), "data.yaml");
    QVERIFY(yaml);
    QVERIFY(*yaml == kNames);
    QVERIFY(readAll(out / "data.yaml").find("train: images\nval: images\n") != std::string::npos);

    // The same draws, made again by a sampler of the test's own, carried
    // and judged by core's carryAndJudge.
    const Dataset ds = yoloDataset(root);
    const DatasetSampler sampler(ds, {c.params, c.pairs, c.size, c.cacheBytes});
    const auto manifest = readManifest(out);
    QCOMPARE(int(manifest.size()), 16);
    int coveredDropped = 0, kept = 0;
    for (std::uint64_t i = 0; i < manifest.size(); ++i) {
        const json& r = manifest[i];
        DatasetSample s = sampler.sample(i);
        QCOMPARE(r["a"]["path"].get<std::string>(), ds.entries[s.entries[0]].name);
        QCOMPARE(r["b"]["path"].get<std::string>(), ds.entries[s.entries[1]].name);
        std::vector<ImageObjects> sources;
        for (int k = 0; k < 2; ++k) {
            const fs::path label = root / "labels" / (fs::path(ds.entries[s.entries[k]].path).stem().string() + ".txt");
            sources.push_back(fs::exists(label) ? readYolo(label, {64, 48}, 3).image : ImageObjects{{64, 48}, {}});
        }
        Draw d = s.draw;
        const std::vector<CarriedObject> carried = carryAndJudge(d, sources, false, *c.boxRule, c.keep);
        std::vector<Object> keptObjects;
        for (const CarriedObject& o : carried) {
            if (o.kept)
                keptObjects.push_back({o.box, o.classIndex});
            // A box fully covered by the paste is dropped by Ultralytics' rule.
            if (o.visible == 0.0) {
                QVERIFY(!o.kept);
                ++coveredDropped;
            }
        }
        kept += int(keptObjects.size());
        const std::string file = r["file"];
        const std::string stem = fs::path(file).stem().string();
        QCOMPARE(readAll(out / "labels" / (stem + ".txt")), yoloText(keptObjects, d.size));
        QCOMPARE(r["objects"].size(), carried.size());
        QCOMPARE(r["box_rule"].get<std::string>(), std::string("ultralytics"));
        // The record holds the fitted draw (Ultralytics' CutMix remakes its cut).
        QVERIFY(r["box"] == drawRecord(d)["box"]);
        QCOMPARE(r["lam"].get<double>(), d.lam);
        // Every kept box lies inside the image.
        for (const Object& o : keptObjects)
            QVERIFY(o.box.x1 >= 0 && o.box.y1 >= 0 && o.box.x2 <= 64 && o.box.y2 <= 48 && !o.box.empty());
        // The pixels are the fitted draw's mix.
        s.draw = d;
        const cv::Mat img = cv::imread((out / "images" / file).string(), cv::IMREAD_UNCHANGED);
        QCOMPARE(cv::norm(img, DatasetSampler::mixed(s), cv::NORM_INF), 0.0);
        // The label counts the kept boxes of each class.
        std::vector<double> counts(3, 0.0);
        for (const Object& o : keptObjects)
            counts[std::size_t(o.classIndex)] += 1;
        QCOMPARE(r["label"].get<std::vector<double>>(), counts);
    }
    QVERIFY(kept > 0);
    if (method == "cutmix")
        QVERIFY2(coveredDropped > 0, "no box was covered whole: the test shows nothing");
}

void TestExportDetect::sameForAnyThreadsAndParts()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeYoloDataset(base);
    for (BoxFormat format : {BoxFormat::Yolo, BoxFormat::Coco}) {
        const std::string name(boxFormatName(format));
        ExportConfig c = detectConfig(root, base / ("t1-" + name));
        c.boxFormat = format;
        c.format = "jpg";
        c.threads = 1;
        runExport(c);
        c.output = base / ("t2-" + name);
        c.threads = 2;
        runExport(c);
        const auto h1 = hashes(base / ("t1-" + name));
        QVERIFY(h1 == hashes(base / ("t2-" + name)));
        QVERIFY(h1.count(format == BoxFormat::Yolo ? "data.yaml" : "annotations.json"));
        QCOMPARE(h1.count("labels/000003.txt"), std::size_t(format == BoxFormat::Yolo ? 1 : 0));
        c.output = base / ("parts-" + name);
        c.shardCount = 3;
        for (int k : {2, 3, 1}) {
            c.shardIndex = k;
            const ExportSummary s = runExport(c);
            QCOMPARE(s.merged, k == 1);
        }
        QVERIFY2(hashes(c.output) == h1, name.c_str());
    }
}

void TestExportDetect::cocoRoundTrip()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeYoloDataset(base);
    ExportConfig c = detectConfig(root, base / "coco");
    c.boxFormat = BoxFormat::Coco;
    runExport(c);
    QVERIFY(!fs::exists(c.output / "labels"));
    const CocoFile coco = readCoco(c.output / "annotations.json");
    QCOMPARE(int(coco.categories.size()), 3);
    for (std::size_t k = 0; k < 3; ++k)
        QCOMPARE(coco.categories[k].second, kNames[k]);
    const auto manifest = readManifest(c.output);
    QCOMPARE(coco.images.size(), manifest.size());
    int boxes = 0;
    for (std::size_t i = 0; i < manifest.size(); ++i) {
        QCOMPARE(coco.images[i].fileName, manifest[i]["file"].get<std::string>());
        QVERIFY(coco.images[i].size == (Size{64, 48}));
        std::vector<Object> kept;
        for (const json& o : manifest[i]["objects"])
            if (o["kept"].get<bool>())
                kept.push_back({{o["box"][0], o["box"][1], o["box"][2], o["box"][3]}, o["class"].get<int>()});
        QCOMPARE(coco.objects[i].size(), kept.size());
        for (std::size_t j = 0; j < kept.size(); ++j) {
            QCOMPARE(coco.objects[i][j].classIndex, kept[j].classIndex);
            // bbox is [x, y, w, h]: x + w gives x2 back to a rounding step.
            const BoxF& a = coco.objects[i][j].box;
            const BoxF& b = kept[j].box;
            QVERIFY(a.x1 == b.x1 && a.y1 == b.y1 && std::abs(a.x2 - b.x2) < 1e-9 && std::abs(a.y2 - b.y2) < 1e-9);
            ++boxes;
        }
    }
    QVERIFY(boxes > 0);
}

void TestExportDetect::cocoInput()
{
    // The dataset as a COCO file (the YOLO boxes in pixels, images found in
    // DATA/images/) gives the labels the YOLO layout gives.
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeYoloDataset(base);
    std::vector<CocoImage> images;
    std::vector<std::vector<Object>> objects;
    for (int k = 0; k < 6; ++k) {
        const std::string stem = "im" + std::to_string(k);
        images.push_back({k + 1, stem + ".png", {64, 48}});
        const fs::path label = root / "labels" / (stem + ".txt");
        objects.push_back(fs::exists(label) ? readYolo(label, {64, 48}).image.objects : std::vector<Object>{});
    }
    writeText(base / "coco.json", cocoText(images, objects, kNames));
    // cocoText writes each box as a polygon too, which Ultralytics' rule
    // reads as segments (1 % inside the cut): compare under a rule that
    // reads no segments.
    ExportConfig fromYolo = detectConfig(root, base / "from-yolo");
    fromYolo.boxRule = &keepRuleNamed("torchvision");
    fromYolo.keep = fromYolo.boxRule->defaults;
    runExport(fromYolo);
    ExportConfig fromCoco = fromYolo;
    fromCoco.output = base / "from-coco";
    fromCoco.annotations = base / "coco.json";
    runExport(fromCoco);
    for (int i = 0; i < 16; ++i) {
        const std::string file = sampleFileName(std::uint64_t(i), 16, "txt");
        const ReadObjects a = readYolo(fromYolo.output / "labels" / file, {64, 48});
        const ReadObjects b = readYolo(fromCoco.output / "labels" / file, {64, 48});
        QCOMPARE(a.image.objects.size(), b.image.objects.size());
        for (std::size_t j = 0; j < a.image.objects.size(); ++j) {
            QCOMPARE(a.image.objects[j].classIndex, b.image.objects[j].classIndex);
            QVERIFY(std::abs(a.image.objects[j].box.x1 - b.image.objects[j].box.x1) < 1e-3);
            QVERIFY(std::abs(a.image.objects[j].box.y2 - b.image.objects[j].box.y2) < 1e-3);
        }
    }
    QCOMPARE(readAll(fromCoco.output / "data.yaml"), readAll(fromYolo.output / "data.yaml"));
    // With --size the file's pixel coordinates are scaled with the image.
    fromCoco.output = base / "coco-sized";
    fromCoco.size = Size{128, 96};
    runExport(fromCoco);
    fromYolo.output = base / "yolo-sized";
    fromYolo.size = Size{128, 96};
    runExport(fromYolo);
    for (int i = 0; i < 16; ++i) {
        const std::string file = sampleFileName(std::uint64_t(i), 16, "txt");
        QCOMPARE(readYolo(fromCoco.output / "labels" / file, {128, 96}).image.objects.size(),
                 readYolo(fromYolo.output / "labels" / file, {128, 96}).image.objects.size());
    }
}

void TestExportDetect::webDatasetCarriesLabels()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeYoloDataset(base);
    ExportConfig files = detectConfig(root, base / "files");
    runExport(files);
    ExportConfig web = detectConfig(root, base / "web");
    web.layout = ExportLayout::WebDataset;
    web.shardSamples = 10;
    runExport(web);
    int found = 0;
    for (const char* shard : {"000000.tar", "000001.tar"})
        for (const auto& [name, bytes] : tarMembers(web.output / "shards" / shard))
            if (name.ends_with(".txt")) {
                QCOMPARE(bytes, readAll(files.output / "labels" / name));
                ++found;
            }
    QCOMPARE(found, 16);
    web.boxFormat = BoxFormat::Coco;
    web.output = base / "web-coco";
    QVERIFY(errorOf(web).find("coco needs the files layout") != std::string::npos);
}

void TestExportDetect::dataYamlNames()
{
    using Names = std::vector<std::string>;
    QVERIFY(parseYamlNames(dataYamlText(kNames), "d") == kNames);
    QVERIFY(parseYamlNames("names: [a, 'b c', \"d\"]  # three\n", "d") == (Names{"a", "b c", "d"}));
    QVERIFY(parseYamlNames("names: {1: b, 0: a}\n", "d") == (Names{"a", "b"}));
    QVERIFY(parseYamlNames("nc: 2\nnames:\n- a # x\n- 'it''s'\ntrain: x\n", "d") == (Names{"a", "it's"}));
    QVERIFY(parseYamlNames("names:\r\n  0: person\r\n  1: bicycle\r\n", "d") == (Names{"person", "bicycle"}));
    QVERIFY(!parseYamlNames("train: images\n", "d"));
    for (const auto& [text, why] : std::vector<std::pair<std::string, std::string>>{
             {"names: cat\n", "d:1: names must be a list"},
             {"names: [a, b\n", "d:1: the list is not closed"},
             {"names:\n  0: a\n  2: c\n", "class 1 has no name"},
             {"names:\n  0: a\n  0: b\n", "d:3: class 0 is named twice"},
             {"names:\n  - a\n  1: b\n", "d:3: an 'index: name' line"},
             {"names:\n  x: a\n", "d:2: 'x' is not a class index"},
             {"names:\n  - ''\n", "d:2: a class name is empty"},
             {"names:\n  - \"a\\q\"\n", "d:2: the escape \\q"},
             {"names:\ntrain: x\n", "d:1: names has no entries"},
         }) {
        try {
            parseYamlNames(text, "d");
            QFAIL(("accepted: " + text).c_str());
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(why) != std::string::npos, e.what());
        }
    }
}

void TestExportDetect::badLabelFileRefused()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeYoloDataset(base);
    writeText(root / "labels" / "im2.txt", "0 0.5 0.5 0.2 0.2\n1 0.5 0.5 1.5 0.2\n");
    const std::string why = errorOf(detectConfig(root, base / "out"));
    QVERIFY2(why.find("im2.txt':2: ") != std::string::npos && why.find("outside") != std::string::npos, why.c_str());
    QVERIFY(!fs::exists(base / "out")); // stopped before anything was written
    writeText(root / "labels" / "im2.txt", "7 0.5 0.5 0.2 0.2\n");
    QVERIFY(errorOf(detectConfig(root, base / "out")).find("im2.txt':1: class 7 is out of range (0 to 2)") !=
            std::string::npos);
    writeText(root / "labels" / "im2.txt", "0 0.5 0.5 0.2 0.2\n");
    writeText(root / "data.yaml", "names: [a, b\n");
    QVERIFY(errorOf(detectConfig(root, base / "out")).find("data.yaml':1: the list is not closed") !=
            std::string::npos);
    fs::remove(root / "data.yaml");
    runExport(detectConfig(root, base / "out")); // classes from the labels: "class 0" ...
    QVERIFY(readAll(base / "out" / "classes.txt") == "class 0\nclass 1\nclass 2\n");
    writeText(base / "bad.json", "{\"images\": [{\"id\": 1, \"file_name\": \"im0.png\", \"width\": 64, \"height\": "
                                 "48}], \"annotations\": [{\"image_id\": 9, \"bbox\": [1, 1, 2, 2], \"category_id\": "
                                 "1}], \"categories\": [{\"id\": 1, \"name\": \"a\"}]}");
    ExportConfig coco = detectConfig(root, base / "out2");
    coco.annotations = base / "bad.json";
    QVERIFY2(errorOf(coco).find("bad.json") != std::string::npos, errorOf(coco).c_str());
    QVERIFY(!fs::exists(base / "out2"));
}

void TestExportDetect::cliRefusals()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const QString root = QString::fromStdString(makeYoloDataset(base).string());
    const QString out = dir.path() + "/cli";
    CliRun r = runCli({"export", root, "-o", out, "--box-rule", "ultralytics"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--box-rule is for a detection export (--task detect or segment)"), qPrintable(r.err));
    r = runCli({"export", root, "-o", out, "--task", "detect", "--box-format", "voc"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("not voc"), qPrintable(r.err));
    r = runCli({"export", root, "-o", out, "--task", "detect", "--box-rule", "all", "--wh-thr", "3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--wh-thr does not apply"), qPrintable(r.err));
    // This dataset has no masks/: refused, naming the first missing mask.
    r = runCli({"export", root, "-o", out, "--task", "segment"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("masks/im0.png': no such mask"), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));
    r = runCli({"export", root, "-o", out, "--task", "detect", "--count", "4", "--box-rule", "ultralytics",
                "--area-thr", "0.5", "--quiet"});
    QCOMPARE(r.code, 0);
    const ExportConfig c = loadExportConfig(out.toStdString() + "/run.json");
    QVERIFY(c.task == ExportTask::Detect);
    QCOMPARE(std::string(c.boxRule->name), std::string("ultralytics"));
    QCOMPARE(c.keep.areaThr, 0.5);
    // --resume reads the detection settings back from run.json.
    r = runCli({"export", "--resume", "-o", out, "--quiet"});
    QCOMPARE(r.code, 0);
}

void TestExportDetect::segmentMasksAreMixMasksOut()
{
    // Each exported mask is the file `cutmix mix A B --masks mA mB
    // --masks-out` writes for the same seed and index: the same function
    // (core's mixedMask) over the same draw, byte for byte; the image too.
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeSegmentDataset(base);
    ExportConfig c = segmentConfig(root, base / "out");
    runExport(c);
    QCOMPARE(readAll(c.output / "run.json").find("\"task\": \"segment\"") != std::string::npos, true);
    const auto manifest = readManifest(c.output);
    QCOMPARE(int(manifest.size()), 12);
    bool sawOther = false, sawBoth = false;
    for (std::size_t i = 0; i < manifest.size(); ++i) {
        const json& r = manifest[i];
        const std::string file = r["file"];
        const std::string stem = fs::path(file).stem().string();
        const std::string a = r["a"]["path"], b = r["b"]["path"];
        auto maskOf = [&](const std::string& image) {
            return QString::fromStdString((root / "masks" / (fs::path(image).stem().string() + ".png")).string());
        };
        const QString mixOut = dir.path() + "/mix-" + QString::number(i) + ".png";
        const QString maskOut = dir.path() + "/mask-" + QString::number(i) + ".png";
        const CliRun run = runCli({"mix", QString::fromStdString((root / a).string()),
                                   QString::fromStdString((root / b).string()), "-o", mixOut, "--seed", "5", "--index",
                                   QString::number(i), "--masks", maskOf(a), maskOf(b), "--masks-out", maskOut});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const std::string exported = readAll(c.output / "masks" / (stem + ".png"));
        QVERIFY(!exported.empty());
        QVERIFY2(exported == readAll(maskOut.toStdString()), file.c_str());
        QVERIFY2(readAll(c.output / "images" / file) == readAll(mixOut.toStdString()), file.c_str());
        const cv::Mat m = cv::imread((c.output / "masks" / (stem + ".png")).string(), cv::IMREAD_UNCHANGED);
        QCOMPARE(m.type(), CV_8UC1);
        sawOther = sawOther || a.find("im3") != std::string::npos || b.find("im3") != std::string::npos;
        // Both sources' labels in one mask: the paste is there.
        double lo = 0, hi = 0;
        cv::minMaxLoc(m, &lo, &hi);
        sawBoth = sawBoth || hi > 0;
    }
    QVERIFY2(sawOther, "no sample mixed the 80x60 image: the test shows less than it says");
    QVERIFY(sawBoth);
    // A COCO input finds the same masks (its file_names under DATA/images/).
    std::vector<CocoImage> images;
    std::vector<std::vector<Object>> objects;
    for (int k = 0; k < 6; ++k) {
        const Size size = k == 3 ? Size{80, 60} : Size{64, 48};
        images.push_back({k + 1, "im" + std::to_string(k) + ".png", size});
        const fs::path label = root / "labels" / ("im" + std::to_string(k) + ".txt");
        objects.push_back(fs::exists(label) ? readYolo(label, size).image.objects : std::vector<Object>{});
    }
    writeText(base / "coco.json", cocoText(images, objects, kNames));
    ExportConfig coco = c;
    coco.output = base / "coco";
    coco.annotations = base / "coco.json";
    runExport(coco);
    for (std::size_t i = 0; i < 12; ++i) {
        const std::string mask = "masks/" + sampleFileName(i, 12, "png");
        QVERIFY2(readAll(coco.output / mask) == readAll(c.output / mask), mask.c_str());
    }
}

void TestExportDetect::segmentSameForThreadsPartsAndShards()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeSegmentDataset(base);
    ExportConfig c = segmentConfig(root, base / "t1");
    c.threads = 1;
    c.size = Size{40, 30}; // masks brought to the size with their images
    runExport(c);
    const auto h1 = hashes(c.output);
    QVERIFY(h1.count("masks/000011.png") && h1.count("labels/000011.txt") && h1.count("data.yaml"));
    const cv::Mat m = cv::imread((c.output / "masks" / "000004.png").string(), cv::IMREAD_UNCHANGED);
    QVERIFY(m.cols == 40 && m.rows == 30);
    c.output = base / "t2";
    c.threads = 2;
    runExport(c);
    QVERIFY(hashes(c.output) == h1);
    c.output = base / "parts";
    c.shardCount = 3;
    for (int k : {3, 1, 2}) {
        c.shardIndex = k;
        QCOMPARE(runExport(c).merged, k == 2);
    }
    QVERIFY(hashes(c.output) == h1);
    // Shards: a <key>.mask.png member, the same bytes as masks/<key>.png.
    ExportConfig web = c;
    web.shardCount = web.shardIndex = 1;
    web.output = base / "web";
    web.layout = ExportLayout::WebDataset;
    web.shardSamples = 5;
    runExport(web);
    int found = 0;
    for (const char* shard : {"000000.tar", "000001.tar", "000002.tar"}) {
        std::string last;
        for (const auto& [name, bytes] : tarMembers(web.output / "shards" / shard)) {
            if (name.ends_with(".mask.png")) {
                QVERIFY2(last.ends_with(".txt"), name.c_str()); // after the labels
                QCOMPARE(bytes, readAll(base / "t1" / "masks" / (name.substr(0, name.size() - 9) + ".png")));
                ++found;
            }
            last = name;
        }
    }
    QCOMPARE(found, 12);
    QVERIFY(!fs::exists(web.output / "masks"));
    // run.json records the task: --resume and --config read it back.
    QVERIFY(loadExportConfig(web.output / "run.json").task == ExportTask::Segment);
    const CliRun r = runCli({"export", "--resume", "-o", QString::fromStdString(web.output.string()), "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

void TestExportDetect::segmentBadMasks()
{
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeSegmentDataset(base);
    // The first sample that reads im2 (an independent sampler, the same draws).
    const Dataset ds = yoloDataset(root);
    ExportConfig c = segmentConfig(root, base / "out");
    c.threads = 1;
    const DatasetSampler sampler(ds, {c.params, c.pairs, c.size, c.cacheBytes});
    std::uint64_t first = 0;
    while (sampler.sample(first).entries[0] != 2 && sampler.sample(first).entries[1] != 2)
        ++first;
    QVERIFY2(first > 0 && first < 12, "im2 must come after sample 0 for this test");
    const std::string good = readAll(root / "masks" / "im2.png");
    const std::string firstFile = sampleFileName(first, c.count, "png");
    const std::string firstStem = fs::path(firstFile).stem().string();
    std::vector<std::pair<std::function<void()>, std::string>> cases{
        {[&] { cv::imwrite((root / "masks" / "im2.png").string(), cv::Mat(47, 64, CV_8UC1, cv::Scalar(1))); },
         "im2.png': the mask is 64x47, its image 64x48"},
        {[&] { cv::imwrite((root / "masks" / "im2.png").string(), patternImage(48, 64, CV_8UC3, 1)); },
         "im2.png': a mask must be a one-channel (gray) 8- or 16-bit PNG"},
        {[&] {
             std::vector<unsigned char> jpg;
             cv::imencode(".jpg", cv::Mat(48, 64, CV_8UC1, cv::Scalar(1)), jpg);
             writeText(root / "masks" / "im2.png", std::string(jpg.begin(), jpg.end()));
         },
         "im2.png': a mask must be a PNG"},
        {[&] { writeText(root / "masks" / "im2.png", good.substr(0, good.size() / 2)); }, "im2.png'"},
    };
    int n = 0;
    for (const auto& [damage, why] : cases) {
        damage();
        c.output = base / ("out" + std::to_string(n++));
        const std::string e = errorOf(c);
        QVERIFY2(e.find(why) != std::string::npos, e.c_str());
        // Nothing of the failing sample under a final name; what was done
        // before it is kept, and the run finishes once the mask is mended.
        QVERIFY(!fs::exists(c.output / "masks" / (firstStem + ".png")));
        QVERIFY(!fs::exists(c.output / "images" / firstFile));
        QVERIFY(!fs::exists(c.output / "manifest.jsonl"));
        for (const auto& entry : fs::directory_iterator(c.output / "masks"))
            QVERIFY2(entry.path().filename().string() < firstStem, entry.path().c_str());
        writeText(root / "masks" / "im2.png", good);
        const ExportSummary s = runExport(c);
        QVERIFY(!s.cancelled && s.merged);
        QCOMPARE(readManifest(c.output).size(), std::size_t(12));
    }
    // The command line: exit 1 (a file of the dataset is wrong, as a bad
    // label file), the file named.
    cv::imwrite((root / "masks" / "im2.png").string(), cv::Mat(47, 64, CV_8UC1, cv::Scalar(1)));
    const CliRun r = runCli({"export", QString::fromStdString(root.string()), "-o", dir.path() + "/cli", "--task",
                             "segment", "--count", "12", "--seed", "5", "--quiet"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("im2.png': the mask is 64x47"), qPrintable(r.err));
    // MixUp blends every pixel: no mask to make.
    const CliRun m = runCli({"export", QString::fromStdString(root.string()), "-o", dir.path() + "/mixup", "--task",
                             "segment", "--method", "mixup", "--quiet"});
    QCOMPARE(m.code, 2);
    QVERIFY2(m.err.contains("makes no mask"), qPrintable(m.err));
}

void TestExportDetect::segmentInstancesAreMixInstances_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("cutmix") << "cutmix";
    // Its cut is fitted to the boxes, with 1 % for segments: the objects of
    // instance masks are segments, so the draws change.
    QTest::newRow("cutmix-ultralytics") << "cutmix-ultralytics";
}

void TestExportDetect::segmentInstancesAreMixInstances()
{
    QFETCH(QString, method);
    // Each exported instance mask is the file `cutmix mix A B --boxes lA lB
    // --instances --masks mA mB --masks-out` writes for the same seed and
    // index (core's mixedInstanceMask over the same draw and kept objects),
    // and its labels what --boxes-out writes (instance masks make the
    // objects segments for Ultralytics' rule in both); the image too.
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeInstanceDataset(base);
    ExportConfig c = segmentConfig(root, base / "out");
    c.params.method = &methodFor(method.toStdString());
    c.instances = true;
    runExport(c);
    QVERIFY(readAll(c.output / "run.json").find("\"instances\": true") != std::string::npos);
    QVERIFY(loadExportConfig(c.output / "run.json").instances);
    // The same export taking the masks as class masks, to show the ids change.
    ExportConfig plain = c;
    plain.instances = false;
    plain.output = base / "plain";
    runExport(plain);
    QVERIFY(readAll(plain.output / "run.json").find("instances") == std::string::npos);
    const auto manifest = readManifest(c.output);
    QCOMPARE(int(manifest.size()), 12);
    int dropped = 0, renumbered = 0, asSegments = 0;
    for (std::size_t i = 0; i < manifest.size(); ++i) {
        const json& r = manifest[i];
        const std::string file = r["file"];
        const std::string stem = fs::path(file).stem().string();
        const std::string a = r["a"]["path"], b = r["b"]["path"];
        auto fileOf = [&](const char* folder, const std::string& image, const char* ext) {
            return QString::fromStdString((root / folder / (fs::path(image).stem().string() + ext)).string());
        };
        const QString n = QString::number(i);
        const QString mixOut = dir.path() + "/mix-" + n + ".png", maskOut = dir.path() + "/mask-" + n + ".png",
                      boxesOut = dir.path() + "/boxes-" + n + ".txt";
        const CliRun run = runCli({"mix",
                                   QString::fromStdString((root / a).string()),
                                   QString::fromStdString((root / b).string()),
                                   "-o",
                                   mixOut,
                                   "--seed",
                                   "5",
                                   "--index",
                                   n,
                                   "--method",
                                   method,
                                   "--boxes",
                                   fileOf("labels", a, ".txt"),
                                   fileOf("labels", b, ".txt"),
                                   "--box-rule",
                                   "ultralytics",
                                   "--instances",
                                   "--masks",
                                   fileOf("masks", a, ".png"),
                                   fileOf("masks", b, ".png"),
                                   "--masks-out",
                                   maskOut,
                                   "--boxes-out",
                                   boxesOut});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const std::string exported = readAll(c.output / "masks" / (stem + ".png"));
        QVERIFY(!exported.empty());
        QVERIFY2(exported == readAll(maskOut.toStdString()), file.c_str());
        QVERIFY2(readAll(c.output / "labels" / (stem + ".txt")) == readAll(boxesOut.toStdString()), file.c_str());
        QVERIFY2(readAll(c.output / "images" / file) == readAll(mixOut.toStdString()), file.c_str());
        // The ids number the kept objects: 1 to their count, no more.
        const cv::Mat m = cv::imread((c.output / "masks" / (stem + ".png")).string(), cv::IMREAD_UNCHANGED);
        QCOMPARE(m.type(), CV_8UC1);
        int kept = 0;
        for (const json& o : r["objects"])
            kept += o["kept"].get<bool>() ? 1 : 0;
        double hi = 0;
        cv::minMaxLoc(m, nullptr, &hi);
        QVERIFY2(hi <= kept, file.c_str());
        dropped += kept < int(r["objects"].size()) ? 1 : 0;
        renumbered += exported != readAll(plain.output / "masks" / (stem + ".png")) ? 1 : 0;
        asSegments += readAll(c.output / "images" / file) != readAll(plain.output / "images" / file) ? 1 : 0;
    }
    QVERIFY2(dropped > 0, "no sample dropped an object: the test shows less than it says");
    QVERIFY(renumbered > 0);
    if (method == "cutmix-ultralytics")
        QVERIFY2(asSegments > 0, "no draw was fitted otherwise for segments: the test shows less than it says");
    if (method != "cutmix")
        return;
    // Another setting is another run: the class-mask export of the same
    // dataset is refused in this folder (and so is its part in a merge).
    ExportConfig other = c;
    other.instances = false;
    const std::string e = errorOf(other);
    QVERIFY2(e.find("is not a previous run of this configuration") != std::string::npos, e.c_str());
    // The command line: --instances, the same masks; read back by --resume.
    const QString out = dir.path() + "/cli";
    CliRun r = runCli({"export", QString::fromStdString(root.string()), "-o", out, "--task", "segment", "--instances",
                       "--count", "12", "--seed", "5", "--box-rule", "ultralytics", "--format", "png", "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    for (std::size_t i = 0; i < 12; ++i) {
        const std::string mask = "masks/" + sampleFileName(i, 12, "png");
        QVERIFY2(readAll(out.toStdString() + "/" + mask) == readAll(c.output / mask), mask.c_str());
    }
    r = runCli({"export", "--resume", "-o", out, "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // Refused for any other task: there are no masks to number.
    r = runCli({"export", QString::fromStdString(root.string()), "-o", dir.path() + "/detect", "--task", "detect",
                "--instances"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--instances is for a segmentation export (--task segment)"), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(dir.path() + "/detect"));
}

void TestExportDetect::segmentInstanceIdsChecked()
{
    // An id above the image's number of objects names no object: the sample
    // that reads the mask stops the run naming it, as any bad mask does
    // (nothing of that sample written, exit 1 on the command line).
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeInstanceDataset(base);
    const Dataset ds = yoloDataset(root);
    ExportConfig c = segmentConfig(root, base / "out");
    c.instances = true;
    c.threads = 1;
    const DatasetSampler sampler(ds, {c.params, c.pairs, c.size, c.cacheBytes});
    auto firstWith = [&](std::size_t entry) {
        std::uint64_t i = 0;
        while (i < c.count && sampler.sample(i).entries[0] != entry && sampler.sample(i).entries[1] != entry)
            ++i;
        return i;
    };
    const std::uint64_t first = firstWith(2);
    QVERIFY2(first > 0 && first < 12, "im2 must come after sample 0 for this test");
    QVERIFY2(firstWith(5) < 12, "no sample reads im5: the test shows less than it says");
    const std::string good = readAll(root / "masks" / "im2.png");
    cv::Mat bad = cv::imread((root / "masks" / "im2.png").string(), cv::IMREAD_UNCHANGED);
    bad.at<std::uint8_t>(7, 5) = 4; // im2 has 3 objects
    cv::imwrite((root / "masks" / "im2.png").string(), bad);
    const std::string e = errorOf(c);
    QVERIFY2(e.find("im2.png': pixel (5, 7) has instance id 4, but its image has 3 objects") != std::string::npos,
             e.c_str());
    const std::string firstFile = sampleFileName(first, c.count, "png");
    QVERIFY(!fs::exists(c.output / "masks" / (fs::path(firstFile).stem().string() + ".png")));
    QVERIFY(!fs::exists(c.output / "images" / firstFile));
    QVERIFY(!fs::exists(c.output / "manifest.jsonl"));
    // As a class mask the same file is fine: the check is the instances'.
    ExportConfig plain = c;
    plain.instances = false;
    plain.output = base / "plain";
    QVERIFY(!runExport(plain).cancelled);
    // Mended, the run finishes.
    writeText(root / "masks" / "im2.png", good);
    QVERIFY(runExport(c).merged);
    QCOMPARE(readManifest(c.output).size(), std::size_t(12));
    // An image without objects: any id is too large. The command line
    // exits 1 (a file of the dataset is wrong), naming the mask.
    cv::imwrite((root / "masks" / "im5.png").string(), cv::Mat(48, 64, CV_8UC1, cv::Scalar(1)));
    const CliRun r = runCli({"export", QString::fromStdString(root.string()), "-o", dir.path() + "/cli", "--task",
                             "segment", "--instances", "--count", "12", "--seed", "5", "--quiet"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("im5.png': pixel (0, 0) has instance id 1, but its image has no objects"),
             qPrintable(r.err));
    // cutmix mix refuses the same mask (it read the id as no object), before writing anything.
    const QString img = QString::fromStdString((root / "images").string()),
                  masks = QString::fromStdString((root / "masks").string()),
                  labels = QString::fromStdString((root / "labels").string());
    const QString mixed = dir.path() + "/mixed.png";
    const CliRun m = runCli({"mix", img + "/im2.png", img + "/im5.png", "-o", mixed, "--boxes", labels + "/im2.txt",
                             labels + "/im5.txt", "--masks", masks + "/im2.png", masks + "/im5.png", "--instances",
                             "--masks-out", dir.path() + "/mixed-mask.png"});
    QCOMPARE(m.code, 2);
    QVERIFY2(m.err.contains("im5.png': pixel (0, 0) has instance id 1, but its image has no objects"),
             qPrintable(m.err));
    QVERIFY(!QFile::exists(mixed));
}

void TestExportDetect::mosaicSamplesAreMixMosaic()
{
    // Each exported Mosaic sample is `cutmix mix A B C D --method mosaic` of
    // its four files with the same seed and index: image, YOLO labels and
    // mask, byte for byte.
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeSegmentDataset(base);
    writeText(base / "empty.txt", ""); // im5 has no label file: no objects
    ExportConfig c = segmentConfig(root, base / "out");
    c.params.method = &methodFor("mosaic");
    c.params.setNumber(Setting::MosaicSize, 32);
    c.count = 8;
    runExport(c);
    const auto manifest = readManifest(c.output);
    QCOMPARE(int(manifest.size()), 8);
    int boxes = 0;
    for (std::size_t i = 0; i < manifest.size(); ++i) {
        const json& r = manifest[i];
        QCOMPARE(r["method"].get<std::string>(), std::string("mosaic"));
        QCOMPARE(int(r["sources"].size()), 4);
        QStringList args{"mix"};
        QStringList labels{"--boxes"}, masks{"--masks"};
        for (const json& src : r["sources"]) {
            const fs::path image = root / src["path"].get<std::string>();
            const std::string stem = image.stem().string();
            args << QString::fromStdString(image.string());
            const fs::path label = root / "labels" / (stem + ".txt");
            labels << QString::fromStdString((fs::exists(label) ? label : base / "empty.txt").string());
            masks << QString::fromStdString((root / "masks" / (stem + ".png")).string());
        }
        const QString n = QString::number(i);
        const QString img = dir.path() + "/m" + n + ".png", txt = dir.path() + "/m" + n + ".txt",
                      mask = dir.path() + "/mask" + n + ".png";
        args << "--method"
             << "mosaic"
             << "--mosaic-size"
             << "32"
             << "--seed"
             << "5"
             << "--index" << n << "-o" << img << labels << "--box-rule"
             << "ultralytics"
             << "--boxes-out" << txt << masks << "--masks-out" << mask;
        const CliRun run = runCli(args);
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const std::string file = r["file"], stem = fs::path(file).stem().string();
        QVERIFY2(readAll(c.output / "images" / file) == readAll(img.toStdString()), file.c_str());
        QVERIFY2(readAll(c.output / "labels" / (stem + ".txt")) == readAll(txt.toStdString()), file.c_str());
        QVERIFY2(readAll(c.output / "masks" / (stem + ".png")) == readAll(mask.toStdString()), file.c_str());
        QVERIFY(cv::imread(img.toStdString()).cols == 64); // the 2s x 2s canvas
        const std::string kept = readAll(txt.toStdString());
        boxes += int(std::count(kept.begin(), kept.end(), '\n'));
    }
    QVERIFY(boxes > 0);
}

void TestExportDetect::mosaicSameForThreadsAndParts()
{
    // The four images of a sample depend on the seed and index only: the
    // same bytes with 1 or 2 threads and in 3 parts merged.
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    const fs::path root = makeSegmentDataset(base);
    ExportConfig c = segmentConfig(root, base / "t1");
    c.params.method = &methodFor("mosaic");
    c.params.setNumber(Setting::MosaicSize, 24);
    c.format = "jpg";
    c.threads = 1;
    runExport(c);
    const auto h1 = hashes(c.output);
    QVERIFY(h1.count("masks/000011.png") && h1.count("labels/000011.txt"));
    c.output = base / "t2";
    c.threads = 2;
    runExport(c);
    QVERIFY(hashes(c.output) == h1);
    c.output = base / "parts";
    c.shardCount = 3;
    for (int k : {2, 3, 1}) {
        c.shardIndex = k;
        QCOMPARE(runExport(c).merged, k == 1);
    }
    QVERIFY(hashes(c.output) == h1);
}

void TestExportDetect::mosaicClassifyLabelsByShare()
{
    // A classification export of Mosaic: each sample's label is the share of
    // each tile's class on the canvas (core's weights), as cutmix mix labels it.
    QTemporaryDir dir;
    const fs::path base = dir.path().toStdString();
    for (int k = 0; k < 6; ++k) {
        const fs::path p = base / "data" / (k % 2 ? "odd" : "even") / ("im" + std::to_string(k) + ".png");
        fs::create_directories(p.parent_path());
        cv::imwrite(p.string(), patternImage(30 + 4 * k, 40, CV_8UC3, k + 1));
    }
    ExportConfig c;
    c.input = base / "data";
    c.output = base / "out";
    c.count = 10;
    c.format = "png";
    c.params.seed = 9;
    c.params.method = &methodFor("mosaic");
    c.params.setNumber(Setting::MosaicSize, 20);
    runExport(c);
    const auto manifest = readManifest(c.output);
    QCOMPARE(int(manifest.size()), 10);
    for (const json& r : manifest) {
        std::vector<double> expected(2, 0.0);
        double total = 0;
        for (const json& src : r["sources"]) {
            expected[src["class"].get<std::size_t>()] += src["weight"].get<double>();
            total += src["weight"].get<double>();
        }
        QVERIFY(std::abs(total - 1.0) < 1e-12);
        const std::vector<double> label = r["label"];
        QVERIFY(std::abs(label[0] - expected[0]) < 1e-12 && std::abs(label[1] - expected[1]) < 1e-12);
        const cv::Mat img = cv::imread((c.output / "images" / r["file"].get<std::string>()).string());
        QVERIFY(img.cols == 40 && img.rows == 40);
    }
}

QTEST_GUILESS_MAIN(TestExportDetect)
#include "tst_exportdetect.moc"
