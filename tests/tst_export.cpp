// Batch export checked file by file against its manifest, and the promises
// around it: thread-count and shard equality, cancel, failure and
// kill-and-resume at chosen samples (never at chosen times), redrawing of
// unreadable files, refusals, epoch pairing and list inputs.
#include "clirun.h"
#include "error.h"
#include "exporter.h"
#include "exportutil.h"
#include "imageio.h"
#include "mixer.h"
#include "record.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

using namespace cutmix;
using nlohmann::json;
namespace fs = std::filesystem;

using namespace cutmix::exporttest;

namespace
{

// root/<class>/<n>.png, every image 64x48 with its own pattern.
fs::path makeDataset(const QString& dir, int perClass = 4, bool withBadFile = false)
{
    const fs::path root = fs::path(dir.toStdString()) / "data";
    int tag = 1;
    for (const char* cls : {"bird", "cat", "dog"}) {
        fs::create_directories(root / cls);
        for (int i = 0; i < perClass; ++i)
            cv::imwrite((root / cls / (std::to_string(i) + ".png")).string(), patternImage(48, 64, CV_8UC3, tag++));
    }
    if (withBadFile) {
        std::ofstream(root / "dog" / "broken.png") << "not a png";
    }
    return root;
}

ExportConfig baseConfig(const fs::path& input, const fs::path& output)
{
    ExportConfig c;
    c.input = input;
    c.output = output;
    c.count = 60;
    c.format = "png";
    c.params.seed = 17;
    c.params.alpha = 0.7;
    c.params.smoothing = 0.1;
    return c;
}

// Part 1 of 2 of a 20-sample run, finished and waiting for part 2.
ExportConfig firstOfTwo(const fs::path& root, const fs::path& out)
{
    ExportConfig c = baseConfig(root, out);
    c.count = 20;
    c.shardCount = 2;
    c.shardIndex = 1;
    runExport(c);
    return c;
}

std::string mergeErrorOf(const fs::path& out)
{
    try {
        mergeExport(out);
    } catch (const Error& e) {
        return e.what();
    }
    return "merged";
}

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
private slots:
    void manifestMatchesFiles();
    void sameBytesForAnyThreadCount();
    void shardsUnionIsTheWhole();
    void webDatasetShards();
    void webDatasetResumesPerShard();
    void mergeRefusals();
    void mergeFindsDamagedParts_data();
    void mergeFindsDamagedParts();
    void mergeRefusesStrayParts();
    void mergeStaysInsideTheFolder();
    void racingMergesTakeTurns();
    void partsStartingAndFinishingTogether();
    void cancelAndResume();
    void killAndResumeCli();
    void partsAsConcurrentProcesses();
    void mergeCommand();
    void lightCommandsLoadNoCodecs();
    void unreadableFilesRedrawn();
    void tooFewReadableImages();
    void refusals();
    void epochPairing();
    void listInputs();
    void configRepeatsTheRun();
    void resizeToSize();
    void failingCommitStopsCleanly();
    void throwingProgressStopsCleanly();
};

void TestExport::manifestMatchesFiles()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path out = fs::path(dir.path().toStdString()) / "out";
    const ExportSummary s = runExport(baseConfig(root, out));
    QCOMPARE(s.progress.written, 60u);
    QCOMPARE(s.progress.redrawn, 0u);
    const auto manifest = readManifest(out);
    QCOMPARE(int(manifest.size()), 60);
    std::ifstream classes(out / "classes.txt");
    std::string c1, c2, c3;
    classes >> c1 >> c2 >> c3;
    QCOMPARE(c1 + c2 + c3, std::string("birdcatdog"));
    std::ifstream labels(out / "labels.csv");
    std::string header;
    std::getline(labels, header);
    QCOMPARE(header, std::string("file,bird,cat,dog"));
    for (std::size_t i = 0; i < manifest.size(); ++i) {
        const json& r = manifest[i];
        QCOMPARE(r["index"].get<std::size_t>(), i);
        const std::string file = r["file"];
        QCOMPARE(file, sampleFileName(i, 60, "png"));
        // The pixels: B inside the box, A outside.
        const cv::Mat img = cv::imread((out / "images" / file).string(), cv::IMREAD_UNCHANGED);
        const cv::Mat a = loadImage(root / r["a"]["path"].get<std::string>());
        const cv::Mat b = loadImage(root / r["b"]["path"].get<std::string>());
        const Box box{r["box"]["x1"], r["box"]["y1"], r["box"]["x2"], r["box"]["y2"]};
        QCOMPARE(cv::norm(img, pasteBox(a, b, box), cv::NORM_INF), 0.0);
        // The class of each image is its folder's index.
        const std::string folderA = fs::path(r["a"]["path"].get<std::string>()).parent_path().string();
        QCOMPARE(r["a"]["class"].get<int>(), folderA == "bird" ? 0 : folderA == "cat" ? 1 : 2);
        // The soft label: sums to 1, smoothing floor on the others.
        double sum = 0;
        for (const auto& w : r["label"])
            sum += w.get<double>();
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
        const double lamAdj = r["lam_adj"];
        QCOMPARE(lamAdj, 1.0 - double(box.area()) / (64.0 * 48.0));
        if (r["a"]["class"] != r["b"]["class"])
            QVERIFY(std::abs(r["label"][r["a"]["class"].get<int>()].get<double>() - (lamAdj * 0.9 + 0.1 / 3)) < 1e-12);
        QCOMPARE(r["self_mix"].get<bool>(), r["a"]["path"] == r["b"]["path"]);
        // labels.csv agrees with the manifest.
        std::string row;
        std::getline(labels, row);
        QVERIFY(row.rfind(file + ",", 0) == 0);
    }
    QVERIFY(!fs::exists(out / "parts"));
}

void TestExport::sameBytesForAnyThreadCount()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig c = baseConfig(root, base / "t1");
    c.format = "jpg";
    c.threads = 1;
    runExport(c);
    c.output = base / "t8";
    c.threads = 8;
    runExport(c);
    const auto h1 = hashes(base / "t1"), h8 = hashes(base / "t8");
    QCOMPARE(int(h1.size()), 60 + 5); // images, metadata.jsonl, manifest, labels, classes, run.json
    QVERIFY(h1 == h8);
}

void TestExport::shardsUnionIsTheWhole()
{
    // Parts written one after another into one folder (the concurrent case
    // runs as processes in tst_cli) merge into the unsharded run, byte for
    // byte, for both layouts.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    for (ExportLayout layout : {ExportLayout::Files, ExportLayout::WebDataset}) {
        const std::string name(layoutName(layout));
        ExportConfig whole = baseConfig(root, base / ("whole-" + name));
        whole.count = 50;
        whole.layout = layout;
        whole.shardSamples = 7;
        runExport(whole);
        ExportConfig part = whole;
        part.output = base / ("parts-" + name);
        part.shardCount = 3;
        for (int k : {3, 1}) {
            part.shardIndex = k;
            const ExportSummary s = runExport(part);
            QVERIFY(!s.merged);
            QCOMPARE(s.waitingFor.back(), 2);
        }
        QVERIFY(!fs::exists(part.output / "manifest.jsonl"));
        try {
            mergeExport(part.output);
            QFAIL("merged without part 2");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("part 2 of 3 is missing") != std::string::npos, e.what());
        }
        part.shardIndex = 2;
        const ExportSummary last = runExport(part);
        QVERIFY(last.merged);
        QVERIFY(last.waitingFor.empty());
        QVERIFY2(hashes(whole.output) == hashes(part.output), name.c_str());
        QVERIFY(!fs::exists(part.output / "parts"));
        QVERIFY(mergeExport(part.output).alreadyMerged);
    }
    ExportConfig ten;
    ten.count = 10;
    ten.shardIndex = 1;
    ten.shardCount = 3;
    QCOMPARE(partRange(ten), (std::pair<std::uint64_t, std::uint64_t>{0, 3}));
    ten.shardIndex = 3;
    QCOMPARE(partRange(ten), (std::pair<std::uint64_t, std::uint64_t>{6, 10}));
    // WebDataset parts are whole shards: 10 samples in shards of 4 are shards 0, 1, 2 (the last of 2).
    ten.layout = ExportLayout::WebDataset;
    ten.shardSamples = 4;
    QCOMPARE(partRange(ten), (std::pair<std::uint64_t, std::uint64_t>{8, 10}));
    ten.shardIndex = 2;
    QCOMPARE(partRange(ten), (std::pair<std::uint64_t, std::uint64_t>{4, 8}));
    ten.shardIndex = 1;
    QCOMPARE(partRange(ten), (std::pair<std::uint64_t, std::uint64_t>{0, 4}));
}

void TestExport::webDatasetShards()
{
    // Every sample's three members hold exactly what the files layout writes:
    // the same encoded bytes, the manifest line (plus its shard), A's class.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig files = baseConfig(root, base / "files");
    files.count = 23;
    runExport(files);
    ExportConfig wds = files;
    wds.output = base / "wds";
    wds.layout = ExportLayout::WebDataset;
    wds.shardSamples = 10;
    wds.threads = 1;
    runExport(wds);
    const std::vector<json> fileLines = readManifest(files.output), wdsLines = readManifest(wds.output);
    QCOMPARE(wdsLines.size(), std::size_t(23));
    QVERIFY(!fs::exists(wds.output / "images"));
    std::size_t sample = 0;
    for (int shard = 0; shard < 3; ++shard) {
        const fs::path tar = wds.output / "shards" / shardFileName(std::uint64_t(shard), 3);
        QCOMPARE(tar.filename().string(), "00000" + std::to_string(shard) + ".tar");
        const auto members = tarMembers(tar);
        QCOMPARE(members.size(), std::size_t(shard < 2 ? 30 : 9));
        for (std::size_t m = 0; m < members.size(); m += 3, ++sample) {
            const std::string key = sampleFileName(sample, 23, "png").substr(0, 6);
            QCOMPARE(members[m].first, key + ".png");
            QCOMPARE(members[m + 1].first, key + ".json");
            QCOMPARE(members[m + 2].first, key + ".cls");
            QVERIFY(members[m].second == readAll(files.output / "images" / (key + ".png")));
            json record = json::parse(members[m + 1].second);
            QVERIFY(record == wdsLines[sample]);
            QCOMPARE(record["shard"].get<std::string>(), "shards/" + tar.filename().string());
            record.erase("shard");
            QVERIFY(record == fileLines[sample]);
            QCOMPARE(members[m + 2].second, std::to_string(fileLines[sample]["a"]["class"].get<int>()));
        }
    }
    QCOMPARE(sample, std::size_t(23));
    // The same bytes for any thread count.
    wds.output = base / "wds4";
    wds.threads = 4;
    runExport(wds);
    QVERIFY(hashes(base / "wds") == hashes(wds.output));
    // The files layout's metadata for image-folder loaders: file_name and label.
    std::ifstream meta(files.output / "images" / "metadata.jsonl");
    std::string line;
    for (std::size_t k = 0; std::getline(meta, line); ++k) {
        const json j = json::parse(line);
        QVERIFY(j["file_name"] == fileLines[k]["file"]);
        QVERIFY(j["label"] == fileLines[k]["label"]);
    }
}

void TestExport::webDatasetResumesPerShard()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig c = baseConfig(root, base / "ref");
    c.layout = ExportLayout::WebDataset;
    c.shardSamples = 10;
    c.count = 45;
    runExport(c);
    c.output = base / "run";
    c.threads = 2;
    ExportControl stopAt25;
    stopAt25.beforeCommit = [](std::uint64_t index) { return index < 25; };
    QVERIFY(runExport(c, stopAt25).cancelled);
    // Shards 0 and 1 are whole; shard 2 (samples 20..29) was not finished: no
    // file under its name, no temporary, and its lines are not committed.
    QVERIFY(fs::exists(c.output / "shards" / "000000.tar"));
    QVERIFY(fs::exists(c.output / "shards" / "000001.tar"));
    QCOMPARE(int(std::distance(fs::directory_iterator(c.output / "shards"), fs::directory_iterator())), 2);
    std::ifstream part(partManifestPath(c));
    QCOMPARE(int(std::count(std::istreambuf_iterator<char>(part), {}, '\n')), 20);
    // A line of shard 2 cut short by a kill is dropped as well.
    std::ofstream(partManifestPath(c), std::ios::app) << "{\"index\": 20, \"fi";
    const ExportSummary again = runExport(c);
    QVERIFY(!again.cancelled);
    QCOMPARE(again.progress.resumed, 20u);
    QVERIFY(hashes(base / "ref") == hashes(c.output));
}

void TestExport::mergeRefusals()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    auto mergeError = [](const fs::path& out) {
        try {
            mergeExport(out);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("merged");
    };
    ExportConfig c = baseConfig(root, base / "out");
    c.count = 20;
    c.shardCount = 2;
    // An unfinished part is named with what it has written.
    c.shardIndex = 2;
    ExportControl stopAt14;
    stopAt14.beforeCommit = [](std::uint64_t index) { return index < 14; };
    QVERIFY(runExport(c, stopAt14).cancelled);
    c.shardIndex = 1;
    runExport(c);
    std::string e = mergeError(c.output);
    QVERIFY2(e.find("part 2 of 2 is not finished (4 samples written)") != std::string::npos, e.c_str());
    // A part of another configuration is refused when it starts...
    ExportConfig other = c;
    other.params.alpha = 2.0;
    other.shardIndex = 2;
    QVERIFY_THROWS_EXCEPTION(Error, runExport(other));
    // ...and, forced in, named by the merge that its end starts.
    other.force = true;
    try {
        runExport(other);
        QFAIL("merged parts of two configurations");
    } catch (const Error& error) {
        e = error.what();
    }
    QCOMPARE(e, mergeError(c.output));
    QVERIFY2(e.find("part 1 of 2 was made with a different configuration") != std::string::npos, e.c_str());
    // Parts of two different splits.
    ExportConfig split = baseConfig(root, base / "split");
    split.count = 20;
    split.shardIndex = 1;
    split.shardCount = 2;
    runExport(split);
    split.shardCount = 3;
    runExport(split);
    e = mergeError(split.output);
    QVERIFY2(e.find("different splits (into 2, 3 parts)") != std::string::npos, e.c_str());
    // A part whose info was damaged is named as such; running that part
    // again repairs it and merges.
    ExportConfig two = baseConfig(root, base / "two");
    two.count = 20;
    two.shardCount = 2;
    two.shardIndex = 1;
    runExport(two);
    std::ofstream(two.output / "parts" / "part-00001-of-00002.json") << "{ damaged";
    two.shardIndex = 2;
    try {
        runExport(two);
        QFAIL("merged a damaged part");
    } catch (const Error& error) {
        QVERIFY2(std::string(error.what()).find("part 1 of 2 is damaged") != std::string::npos, error.what());
    }
    fs::remove(two.output / "parts" / "part-00001-of-00002.json");
    two.shardIndex = 1;
    QVERIFY(runExport(two).merged); // made again, then merged with part 2
    QCOMPARE(readManifest(two.output).size(), std::size_t(20));
    // A folder that is no export.
    fs::create_directories(base / "empty");
    e = mergeError(base / "empty");
    QVERIFY2(e.find("no readable run.json") != std::string::npos, e.c_str());
}

void TestExport::mergeFindsDamagedParts_data()
{
    // A finished part records its files' lines, bytes and CRC-32; the merge
    // checks them, and the part's range against the run, before it commits
    // anything (issue 24, items 3 and 12). Each row damages part 1 of 2.
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("named"); // the file the message names
    for (const char* d : {"lines cut mid-line", "lines lost last line", "labels lost last line", "metadata cut",
                          "lines byte changed", "labels byte changed"})
        QTest::newRow(d) << d
                         << (QString(d).startsWith("lines")    ? ".jsonl"
                             : QString(d).startsWith("labels") ? ".labels"
                                                               : ".metadata");
    for (const char* d : {"info claims 2e9 samples", "info samples 5.55e69", "info without digests",
                          "info digest 5.55e69", "info records fewer lines"})
        QTest::newRow(d) << d << ".json";
}

void TestExport::mergeFindsDamagedParts()
{
    QFETCH(QString, damage);
    QFETCH(QString, named);
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    ExportConfig c = firstOfTwo(root, fs::path(dir.path().toStdString()) / "out");
    const fs::path stem = c.output / "parts" / "part-00001-of-00002";
    const fs::path file = stem.string() + named.toStdString();
    const std::string text = readAll(file);
    QVERIFY(!text.empty());
    const std::size_t lastLine = text.rfind('\n', text.size() - 2) + 1;
    json info = json::parse(readAll(stem.string() + ".json"));
    if (damage.endsWith("cut mid-line") || damage.endsWith("cut"))
        fs::resize_file(file, text.size() - 7);
    else if (damage.endsWith("lost last line"))
        fs::resize_file(file, lastLine);
    else if (damage.endsWith("byte changed")) {
        std::string changed = text;
        changed[lastLine + 2] = changed[lastLine + 2] == 'x' ? 'y' : 'x';
        writeText(file, changed);
    } else if (damage == "info claims 2e9 samples")
        info["samples"] = {0, 2000000000};
    else if (damage == "info samples 5.55e69")
        info["samples"] = json::parse("[0, 5.55e69]");
    else if (damage == "info without digests")
        info.erase("files");
    else if (damage == "info digest 5.55e69")
        info["files"]["lines"]["bytes"] = 5.55e69;
    else if (damage == "info records fewer lines")
        info["files"]["labels"]["lines"] = 9;
    if (named == ".json")
        writeText(file, info.dump());
    // The part that finishes last merges: it names part 1 and the file, and
    // writes no manifest; `cutmix merge` says the same.
    c.shardIndex = 2;
    try {
        runExport(c);
        QFAIL("merged a damaged part");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("part 1 of 2 is damaged") &&
                     QString(e.what()).contains(QString::fromStdString(file.filename().string())),
                 e.what());
    }
    QVERIFY(!fs::exists(c.output / "manifest.jsonl"));
    const CliRun r = runCli({"merge", QString::fromStdString(c.output.string())});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("part 1 of 2 is damaged"), qPrintable(r.err));
    QVERIFY(!fs::exists(c.output / "manifest.jsonl"));
    // Running part 1 again repairs it, and the merge is whole.
    for (const char* ext : {".json", ".jsonl", ".labels", ".metadata"})
        fs::remove(stem.string() + ext);
    c.shardIndex = 1;
    QVERIFY(runExport(c).merged);
    QCOMPARE(readManifest(c.output).size(), std::size_t(20));
}

void TestExport::mergeRefusesStrayParts()
{
    // A stray file claiming two billion parts once made the merge list (and
    // look for) every one of them; names other than part-KKKKK-of-NNNNN are
    // refused at once, naming the file.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const ExportConfig c = firstOfTwo(root, fs::path(dir.path().toStdString()) / "out");
    for (const char* stray :
         {"part-1-of-2000000000.json", "part-00001-of-99999999999.json", "part-00003-of-00002.json"}) {
        writeText(c.output / "parts" / stray, "{}");
        const std::string e = mergeErrorOf(c.output);
        QVERIFY2(e.find(stray) != std::string::npos && e.find("not a part's file") != std::string::npos, e.c_str());
        fs::remove(c.output / "parts" / stray);
    }
}

void TestExport::mergeStaysInsideTheFolder()
{
    // Symbolic links among the parts are refused, and nothing outside the
    // export is read into it, written or deleted (issue 24, item 9).
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    fs::create_directories(base / "outside");
    writeText(base / "outside" / "secret.txt", "secret\n");
    // A part's lines file linked to an outside file.
    ExportConfig c = firstOfTwo(root, base / "linked-file");
    const fs::path lines = c.output / "parts" / "part-00001-of-00002.jsonl";
    fs::remove(lines);
    fs::create_symlink(base / "outside" / "secret.txt", lines);
    c.shardIndex = 2;
    try {
        runExport(c);
        QFAIL("merged through a link");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("is a symbolic link") &&
                     QString(e.what()).contains("part-00001-of-00002.jsonl"),
                 e.what());
    }
    const CliRun r = runCli({"merge", QString::fromStdString(c.output.string())});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("is a symbolic link"), qPrintable(r.err));
    QVERIFY(!fs::exists(c.output / "manifest.jsonl"));
    QCOMPARE(readAll(base / "outside" / "secret.txt"), std::string("secret\n"));
    // parts/ itself linked to an outside folder of finished parts: merging
    // would delete them there.
    ExportConfig whole = firstOfTwo(root, base / "linked-parts");
    fs::create_directories(base / "elsewhere");
    fs::rename(whole.output / "parts", base / "elsewhere" / "parts");
    fs::create_directory_symlink(base / "elsewhere" / "parts", whole.output / "parts");
    const std::string e = mergeErrorOf(whole.output);
    QVERIFY2(e.find("is a symbolic link") != std::string::npos, e.c_str());
    QCOMPARE(int(std::distance(fs::directory_iterator(base / "elsewhere" / "parts"), fs::directory_iterator())), 4);
    // A part about to run whose running file is a link: nothing is written
    // through it, and images/ linked elsewhere is not written into.
    ExportConfig fresh = baseConfig(root, base / "linked-running");
    fresh.count = 10;
    fs::create_directories(fresh.output / "parts");
    fs::create_symlink(base / "outside" / "secret.txt", partManifestPath(fresh));
    QVERIFY_THROWS_EXCEPTION(Error, runExport(fresh));
    QCOMPARE(readAll(base / "outside" / "secret.txt"), std::string("secret\n"));
    fresh.output = base / "linked-images";
    fs::create_directories(fresh.output);
    fs::create_directory_symlink(base / "outside", fresh.output / "images");
    QVERIFY_THROWS_EXCEPTION(Error, runExport(fresh));
    QCOMPARE(int(std::distance(fs::directory_iterator(base / "outside"), fs::directory_iterator())), 1);
}

void TestExport::racingMergesTakeTurns()
{
    // Two `cutmix merge` of one folder at once: one merges, the other waits
    // for it and then says that another merge finished first (once it said
    // that the files it was reading "cannot be read"). The test holds the
    // folder's lock until both say they wait: no timing involved.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    ExportConfig c = firstOfTwo(root, fs::path(dir.path().toStdString()) / "out");
    // Part 2 finishes while a merge claim exists: it leaves the merge to it.
    writeText(c.output / "parts" / ".merging", "");
    c.shardIndex = 2;
    QVERIFY(!runExport(c).merged);
    fs::remove(c.output / "parts" / ".merging");
    const QString out = QString::fromStdString(c.output.string());
    const int lock = ::open(c.output.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); // not inherited by the merges
    QVERIFY(lock >= 0);
    QCOMPARE(::flock(lock, LOCK_EX), 0);
    std::vector<std::unique_ptr<QProcess>> merges;
    std::vector<QString> errors(2);
    for (int i = 0; i < 2; ++i) {
        merges.push_back(std::make_unique<QProcess>());
        merges.back()->setReadChannel(QProcess::StandardError);
        merges.back()->start(CUTMIX_CLI, {"merge", out});
        while (!errors[i].contains("waiting for another merge")) {
            QVERIFY2(merges.back()->waitForReadyRead(60000), qPrintable(errors[i]));
            errors[i] += QString::fromUtf8(merges.back()->readAllStandardError());
        }
    }
    ::close(lock);
    int merged = 0, another = 0;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(merges[i]->waitForFinished(60000));
        QCOMPARE(merges[i]->exitCode(), 0);
        errors[i] += QString::fromUtf8(merges[i]->readAllStandardError());
        merged += errors[i].contains("merged 2 parts: 20 samples");
        another += errors[i].contains("another merge (run at the same time) finished first: 20 samples");
    }
    QVERIFY2(merged == 1 && another == 1, qPrintable(errors[0] + errors[1]));
    QCOMPARE(readManifest(c.output).size(), std::size_t(20));
}

void TestExport::partsStartingAndFinishingTogether()
{
    // Part 2 has listed the empty output folder when part 1 runs (from the
    // hook: exactly there, no timing). Part 2 read run.json before listing
    // once, found none, then saw part 1's files: "is not empty and is not a
    // previous run", and the run was never merged (CI, docs/export.md).
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig whole = baseConfig(root, base / "whole");
    whole.count = 20;
    runExport(whole);
    ExportConfig second = baseConfig(root, base / "parts");
    second.count = 20;
    second.shardCount = 2;
    second.shardIndex = 2;
    ExportControl control;
    bool firstRan = false;
    control.afterListing = [&] {
        if (!std::exchange(firstRan, true))
            firstOfTwo(root, second.output);
    };
    const ExportSummary s = runExport(second, control);
    QVERIFY(firstRan);
    QVERIFY(s.merged);
    QVERIFY(hashes(whole.output) == hashes(second.output));
    // Two parts that finish together: the second claims the merge after the
    // first removed its claim, and finds it done. Nothing of it is left.
    fs::create_directories(second.output / "parts");
    writeText(second.output / "parts" / ".merging", "");
    QVERIFY(mergeExport(second.output).alreadyMerged);
    QVERIFY(!fs::exists(second.output / "parts"));
    QVERIFY(hashes(whole.output) == hashes(second.output));
}

void TestExport::cancelAndResume()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig c = baseConfig(root, base / "ref");
    c.count = 200;
    runExport(c);
    c.output = base / "run";
    c.threads = 2;
    // Stop right before sample 40 is committed: exactly 40 are in the manifest.
    ExportControl stopAt40;
    stopAt40.beforeCommit = [](std::uint64_t index) { return index < 40; };
    const ExportSummary first = runExport(c, stopAt40);
    QVERIFY(first.cancelled);
    QCOMPARE(first.progress.done, 40u);
    QVERIFY(!fs::exists(c.output / "manifest.jsonl"));
    std::ifstream part(partManifestPath(c));
    QCOMPARE(int(std::count(std::istreambuf_iterator<char>(part), {}, '\n')), 40);
    // The labels.csv rows of the part lost their last line and a half (a
    // disk that filled up): the run resumes where all its files agree.
    std::string labelsPart = partManifestPath(c).string();
    labelsPart.replace(labelsPart.find(".jsonl.part"), std::string::npos, ".labels.part");
    const std::string rows = readAll(labelsPart);
    QCOMPARE(int(std::count(rows.begin(), rows.end(), '\n')), 40);
    std::size_t cut = rows.rfind('\n', rows.size() - 2);
    std::ofstream(labelsPart, std::ios::binary | std::ios::trunc) << rows.substr(0, cut - 5);
    const ExportSummary second = runExport(c);
    QVERIFY(!second.cancelled);
    QCOMPARE(second.progress.resumed, 38u);
    QVERIFY(hashes(base / "ref") == hashes(c.output));
    // The cancel flag, set from the commit hook, stops the same way.
    c.output = base / "flag";
    std::atomic<bool> cancel{false};
    ExportControl flag;
    flag.cancel = &cancel;
    flag.beforeCommit = [&](std::uint64_t index) {
        cancel = index >= 7;
        return true;
    };
    const ExportSummary flagged = runExport(c, flag);
    QVERIFY(flagged.cancelled);
    QCOMPARE(flagged.progress.done, 8u);
}

void TestExport::killAndResumeCli()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path(), 10);
    const QString out = dir.filePath("killed"), ref = dir.filePath("ref");
    const QStringList args{"export",   QString::fromStdString(root.string()),
                           "--count",  "600",
                           "--seed",   "5",
                           "--size",   "128x96",
                           "--format", "jpg",
                           "-q"};
    QCOMPARE(runCli(args + QStringList{"-o", ref}).code, 0);
    // SIGKILL right before committing a chosen sample (the CLI's test hook),
    // three times at moments from a fixed-seed generator, then let it finish.
    QRandomGenerator chosen(20261129);
    int killAt = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        killAt += 1 + int(chosen.bounded(150));
        QVERIFY(
            runCli(args + QStringList{"-o", out}, {{}, {{"CUTMIX_TEST_KILL_AT", QString::number(killAt)}}}).crashed);
        // Nothing half-written under a final name: every final image decodes.
        QDirIterator it(out + "/images", {"*.jpg"}, QDir::Files);
        while (it.hasNext())
            QVERIFY2(!cv::imread(it.next().toStdString()).empty(), qPrintable(it.filePath()));
        QVERIFY(!QFile::exists(out + "/manifest.jsonl"));
    }
    QCOMPARE(runCli(args + QStringList{"-o", out}).code, 0);
    QVERIFY(hashes(ref.toStdString()) == hashes(out.toStdString()));
}

void TestExport::partsAsConcurrentProcesses()
{
    // Four `cutmix export --shard k/4` processes started together into one
    // folder (as a cluster array would): the last to finish merges, and the
    // folder equals the unsharded run byte for byte, for both layouts. One
    // part is also killed once and run again, as a cluster retries a task.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path(), 10);
    for (const QString layout : {"files", "webdataset"}) {
        const QString ref = dir.filePath("ref-" + layout), out = dir.filePath("parts-" + layout);
        const QStringList args{"export",
                               QString::fromStdString(root.string()),
                               "--count",
                               "203",
                               "--seed",
                               "9",
                               "--size",
                               "40x30",
                               "--format",
                               "png",
                               "--layout",
                               layout,
                               "--shard-samples",
                               "16",
                               "--threads",
                               "1",
                               "-q"};
        QCOMPARE(runCli(args + QStringList{"-o", ref}).code, 0);
        QVERIFY(
            runCli(args + QStringList{"-o", out, "--shard", "4/4"}, {{}, {{"CUTMIX_TEST_KILL_AT", "170"}}}).crashed);
        std::vector<std::unique_ptr<QProcess>> parts;
        for (int k = 1; k <= 4; ++k) {
            parts.push_back(std::make_unique<QProcess>());
            parts.back()->start(CUTMIX_CLI, args + QStringList{"-o", out, "--shard", QString("%1/4").arg(k)});
        }
        int merged = 0;
        for (auto& p : parts) {
            QVERIFY(p->waitForFinished(300000));
            QCOMPARE(p->exitCode(), 0);
            merged += QString::fromUtf8(p->readAllStandardError()).contains("finished and merged") ? 1 : 0;
        }
        QCOMPARE(merged, 1);
        QVERIFY2(hashes(ref.toStdString()) == hashes(out.toStdString()), qPrintable(layout));
    }
}

void TestExport::mergeCommand()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const QString out = dir.filePath("out");
    const QStringList args{
        "export", QString::fromStdString(root.string()), "--count", "30", "--seed", "3", "--format", "png", "-q", "-o",
        out};
    CliRun r = runCli(args + QStringList{"--shard", "2/3"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.contains("waiting for parts 1, 3"));
    r = runCli({"merge", out});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("part 1 of 3 is missing") && r.err.contains("part 3 of 3 is missing"), qPrintable(r.err));
    QCOMPARE(runCli({"merge", dir.filePath("nowhere")}).code, 2);
    for (const char* k : {"1/3", "3/3"})
        QCOMPARE(runCli(args + QStringList{"--shard", k}).code, 0);
    QVERIFY(QFile::exists(out + "/manifest.jsonl"));
    r = runCli({"merge", out});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.contains("already merged: 30 samples"));
}

void TestExport::lightCommandsLoadNoCodecs()
{
    // The commands that read no image never load OpenCV's image codecs (and
    // with them GDAL, Poppler, HDF5, FFmpeg): the dynamic loader's own list
    // of the libraries it loads says so. The time this saves is measured by
    // bench/startup.sh, not here.
    auto loaded = [](const QStringList& args) { return runCli(args, {{}, {{"LD_DEBUG", "files"}}}).err; };
    for (const QStringList& args :
         {QStringList{"box", "--size", "64x64", "--lam", "0.5", "--center", "3,3"},
          QStringList{"sample", "--count", "3"}, QStringList{"stats", "--size", "32x32", "--count", "10"},
          QStringList{"replay", "--recipe", "official", "--numpy-seed", "1", "--size", "32x32", "--iterations", "2",
                      "--alpha", "1", "--prob", "1"}}) {
        const QString log = loaded(args);
        QVERIFY2(log.contains("libQt6Core"), qPrintable(args.join(' '))); // the log is there
        QVERIFY2(!log.contains("libopencv_imgcodecs"), qPrintable(args.join(' ')));
        QVERIFY2(!log.contains("libcutmix-cli"), qPrintable(args.join(' ')));
    }
    const QString heavy = loaded({"mix", "--help"});
    QVERIFY(heavy.contains("libcutmix-cli"));
    QVERIFY(heavy.contains("libopencv_imgcodecs"));
}

void TestExport::unreadableFilesRedrawn()
{
    // Every sample is made: an unreadable input is drawn again from the
    // sample's own stream, so --count N gives N samples, the same ones for any
    // thread count; the file is named once and the record counts the redraws.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path(), 2, true);
    ExportConfig c = baseConfig(root, fs::path(dir.path().toStdString()) / "out");
    c.threads = 1;
    const ExportSummary s = runExport(c);
    QCOMPARE(s.progress.written, 60u);
    QVERIFY(s.progress.redrawn > 0);
    QCOMPARE(int(s.problems.size()), 1);
    QVERIFY(QString::fromStdString(s.problems[0]).contains("broken.png"));
    const auto manifest = readManifest(c.output);
    QCOMPARE(manifest.size(), 60u);
    std::uint64_t redrawn = 0;
    for (const json& r : manifest) {
        QVERIFY(r["a"]["path"].get<std::string>().find("broken") == std::string::npos);
        QVERIFY(r["b"]["path"].get<std::string>().find("broken") == std::string::npos);
        redrawn += r["redraws"].get<int>() > 0 ? 1 : 0;
    }
    QCOMPARE(redrawn, s.progress.redrawn);
    // run.json names the unreadable file too.
    std::ifstream run(c.output / "run.json");
    const json runJson = json::parse(run);
    QCOMPARE(runJson["unreadable"].size(), 1u);
    ExportConfig eight = c;
    eight.output = fs::path(dir.path().toStdString()) / "eight";
    eight.threads = 8;
    runExport(eight);
    QVERIFY(hashes(c.output) == hashes(eight.output));
    // --strict stops at the first unreadable file, before any output.
    c.output = fs::path(dir.path().toStdString()) / "strict";
    c.strict = true;
    try {
        runExport(c);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).contains("broken.png"));
        QVERIFY(e.setting() == Setting::Strict);
    }
    QVERIFY(!fs::exists(c.output));
}

void TestExport::tooFewReadableImages()
{
    QTemporaryDir dir;
    const fs::path root = fs::path(dir.path().toStdString()) / "data";
    fs::create_directories(root / "a");
    fs::create_directories(root / "b");
    cv::imwrite((root / "a" / "good.png").string(), patternImage(20, 20, CV_8UC3, 1));
    std::ofstream(root / "b" / "bad.png") << "not a png";
    std::ofstream(root / "b" / "worse.jpg") << "";
    ExportConfig c = baseConfig(root, fs::path(dir.path().toStdString()) / "out");
    try {
        runExport(c);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("only 1 of its 3 images"), e.what());
    }
    QVERIFY(!fs::exists(c.output)); // nothing written
}

void TestExport::refusals()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    fs::create_directories(base / "busy");
    std::ofstream(base / "busy" / "notes.txt") << "mine";
    QVERIFY_THROWS_EXCEPTION(Error, runExport(baseConfig(root, base / "busy")));
    ExportConfig forced = baseConfig(root, base / "busy");
    forced.force = true;
    runExport(forced);
    QVERIFY(fs::exists(base / "busy" / "notes.txt")); // never deleted
    std::ofstream(base / "afile") << "x";
    QVERIFY_THROWS_EXCEPTION(Error, runExport(baseConfig(root, base / "afile")));
    QVERIFY_THROWS_EXCEPTION(Error, runExport(baseConfig(root, root / "cat" / "out")));
    QVERIFY(!fs::exists(root / "cat" / "out"));
    ExportConfig bad = baseConfig(root, base / "x");
    bad.shardIndex = 4;
    bad.shardCount = 3;
    QVERIFY_THROWS_EXCEPTION(Error, runExport(bad));
    bad = baseConfig(root, base / "x");
    bad.format = "gif";
    QVERIFY_THROWS_EXCEPTION(Error, runExport(bad));
    // A different configuration in a previous run's folder is refused too.
    ExportConfig other = baseConfig(root, base / "busy");
    other.params.seed = 99;
    QVERIFY_THROWS_EXCEPTION(Error, runExport(other));
    QVERIFY_THROWS_EXCEPTION(Error, runExport(baseConfig(base / "missing", base / "y")));
}

void TestExport::epochPairing()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    ExportConfig c = baseConfig(root, fs::path(dir.path().toStdString()) / "out");
    c.pairs = PairMode::Epoch;
    c.count = 24; // two epochs of 12
    runExport(c);
    const auto m = readManifest(c.output);
    for (int epoch = 0; epoch < 2; ++epoch) {
        std::map<std::string, int> asA, asB;
        for (int i = 0; i < 12; ++i) {
            asA[m[epoch * 12 + i]["a"]["path"]]++;
            asB[m[epoch * 12 + i]["b"]["path"]]++;
        }
        QCOMPARE(int(asA.size()), 12); // every image is A exactly once
        QCOMPARE(int(asB.size()), 12); // B is a permutation
    }
}

void TestExport::listInputs()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path list = root / "list.csv";
    std::ofstream(list) << "\xEF\xBB\xBFpath,label\ncat/0.png,cat\n dog/1.png , dog\n# comment\n\nbird/2.png,bird\n";
    const Dataset d = loadDataset(list);
    QCOMPARE(int(d.entries.size()), 3);
    QCOMPARE(d.classes, (std::vector<std::string>{"bird", "cat", "dog"}));
    QCOMPARE(d.entries[1].label, 2);
    QVERIFY(fs::exists(d.entries[1].path));
    const fs::path tsv = root / "list.tsv";
    std::ofstream(tsv) << "cat/0.png\tcat\nbird/1.png\tbird\n";
    QCOMPARE(int(loadDataset(tsv).entries.size()), 2);
    // A header after a comment is still a header, not an image "path" of class "label".
    const fs::path commented = root / "commented.csv";
    std::ofstream(commented) << "# made by hand\npath,label\ncat/0.png,cat\n";
    const Dataset c1 = loadDataset(commented);
    QCOMPARE(int(c1.entries.size()), 1);
    QCOMPARE(c1.classes, (std::vector<std::string>{"cat"}));
    const fs::path broken = root / "broken.csv";
    std::ofstream(broken) << "cat/0.png,cat\njust-a-path\n";
    try {
        loadDataset(broken);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("line 2"), e.what());
    }
    ExportConfig c = baseConfig(list, fs::path(dir.path().toStdString()) / "fromlist");
    c.count = 10;
    QCOMPARE(runExport(c).progress.written, 10u);
}

void TestExport::configRepeatsTheRun()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig c = baseConfig(root, base / "first");
    c.params.method = &methodNamed("kornia");
    c.size = Size{40, 30};
    runExport(c);
    ExportConfig again = loadExportConfig(base / "first" / "run.json");
    QCOMPARE(again.output, fs::absolute(base / "first"));
    again.output = base / "second";
    runExport(again);
    QVERIFY(hashes(base / "first") == hashes(base / "second"));
    // Running the finished configuration again changes nothing.
    const ExportSummary s = runExport(c);
    QCOMPARE(s.progress.resumed, 60u);
}

void TestExport::resizeToSize()
{
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    ExportConfig c = baseConfig(root, fs::path(dir.path().toStdString()) / "out");
    c.size = Size{33, 21};
    c.count = 5;
    runExport(c);
    for (const json& r : readManifest(c.output)) {
        const cv::Mat img = cv::imread((c.output / "images" / r["file"].get<std::string>()).string());
        QCOMPARE(img.cols, 33);
        QCOMPARE(img.rows, 21);
        QCOMPARE(r["size"]["width"].get<int>(), 33);
    }
}

void TestExport::failingCommitStopsCleanly()
{
    // An exception in the middle of a run, while workers are busy, must stop
    // and join them, then reach the caller (not terminate the process); what
    // was committed stays, and the run resumes to the same result.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    const fs::path base = dir.path().toStdString();
    ExportConfig c = baseConfig(root, base / "ref");
    c.count = 300;
    runExport(c);
    c.output = base / "out";
    c.threads = 4;
    std::uint64_t reached = 0;
    ExportControl failAt25;
    failAt25.beforeCommit = [&](std::uint64_t index) {
        reached = index;
        if (index == 25)
            throw Error("commit hook failed at 25");
        return true;
    };
    try {
        runExport(c, failAt25);
        QFAIL("no error");
    } catch (const Error& e) {
        QCOMPARE(std::string(e.what()), std::string("commit hook failed at 25"));
    }
    QCOMPARE(reached, 25u); // the failure path ran, at the chosen sample
    std::ifstream part(partManifestPath(c));
    QCOMPARE(int(std::count(std::istreambuf_iterator<char>(part), {}, '\n')), 25);
    const ExportSummary again = runExport(c);
    QCOMPARE(again.progress.resumed, 25u);
    QVERIFY(hashes(base / "ref") == hashes(c.output));
}

void TestExport::throwingProgressStopsCleanly()
{
    // The progress callback runs at the end of every run: a throwing one
    // reaches the caller after the workers are joined.
    QTemporaryDir dir;
    const fs::path root = makeDataset(dir.path());
    ExportConfig c = baseConfig(root, fs::path(dir.path().toStdString()) / "out");
    c.count = 20;
    int calls = 0;
    ExportControl control;
    control.progress = [&](const ExportProgress&) {
        ++calls;
        throw std::runtime_error("progress failed");
    };
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, runExport(c, control));
    QVERIFY(calls >= 1);
    QVERIFY(!runExport(c).cancelled); // resumable, whenever the report came
    QCOMPARE(readManifest(c.output).size(), 20u);
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
