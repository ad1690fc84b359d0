// `cutmix` driven as a process: outputs, exit codes and messages.
#include "batch.h"
#include "clirun.h"
#include "draw.h"
#include "format.h"
#include "imageio.h"
#include "method.h"
#include "mixer.h"
#include "replay.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace cutmix;
using nlohmann::json;

namespace
{

using Result = CliRun;

// With standard input.
Result runCli(const QStringList& args, const QByteArray& input)
{
    cutmix::CliOptions options;
    options.input = input;
    return cutmix::runCli(args, options);
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

const QString kCat = CUTMIX_RESOURCES "/chelsea.png";
const QString kCoffee = CUTMIX_RESOURCES "/coffee.png";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void boxGolden_data();
    void boxGolden();
    void boxBatch();
    void boxBatchBadLine();
    void badArguments_data();
    void badArguments();
    void help();
    void everyCommand_data();
    void everyCommand();
    void sampleCsv();
    void mixPixels();
    void mixRefusesToOverwrite();
    void mixMissingAndCorruptFiles();
    void mixWithPreset();
    void replayCsv();
    void boxFromUniforms();
    void mixEveryMethodWithItsMap_data();
    void mixEveryMethodWithItsMap();
    void mixSaysWhenKorniaStartsOutside();
    void mixSeveralSources();
    void exportAndGridOtherMethods();
    void compareFigure();
    void batchCommand();
    void batchFromDatasetAndErrors();
    void batchFromACocoDataset();
};

void TestCli::boxGolden_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Box>("box");
    QTest::addColumn<double>("lamAdj");
    QTest::addColumn<double>("lam");
    QTest::newRow("official") << QStringList{"--size", "224x224", "--lam", "0.7", "--center", "200,10"}
                              << Box{139, 0, 224, 71} << 0.8797233737244898 << 0.8797233737244898;
    QTest::newRow("official-raw") << QStringList{"--size",   "224x224", "--lam",        "0.7",
                                                 "--center", "200,10",  "--convention", "official-raw"}
                                  << Box{139, 0, 224, 71} << 0.8797233737244898 << 0.7;
    QTest::newRow("keras-cv") << QStringList{"--size",   "224x224", "--lam",        "0.7",
                                             "--center", "200,10",  "--convention", "keras-cv"}
                              << Box{139, 0, 224, 71} << 0.8797233737244898 << double(float(0.7033641581632653));
    QTest::newRow("keras-cv odd") << QStringList{"--size",   "320x180", "--lam",        "0.5",
                                                 "--center", "160,90",  "--convention", "keras-cv"}
                                  << Box{47, 27, 273, 154} << 0.5017013888888888 << double(float(0.5017013888888888));
    QTest::newRow("kornia start") << QStringList{"--size",   "320x180", "--lam",        "0.5",
                                                 "--center", "46,26",   "--convention", "kornia"}
                                  << Box{46, 26, 272, 153} << 1.0 - 226.0 * 127 / 57600
                                  << double(226.0f * 127.0f / 57600.0f); // float32, as Kornia computes it
    QTest::newRow("timm-minmax") << QStringList{"--size",   "200x100", "--cut",        "100x50",
                                                "--center", "50,25",   "--convention", "timm-minmax"}
                                 << Box{50, 25, 150, 75} << 0.75 << 0.75;
    // timm draws a zero cut (a 2-pixel side with the default 0.2-0.8 range
    // always gives width 0): accepted like --batch accepts it.
    QTest::newRow("timm-minmax zero cut")
        << QStringList{"--size", "2x331", "--cut", "0x331", "--center", "0,0", "--convention", "timm-minmax"}
        << Box{0, 0, 0, 331} << 1.0 << 1.0;
}

void TestCli::boxGolden()
{
    QFETCH(QStringList, args);
    QFETCH(Box, box);
    QFETCH(double, lamAdj);
    QFETCH(double, lam);
    const Result r = runCli(QStringList{"box"} + args);
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out.toStdString());
    QCOMPARE((Box{j["box"]["x1"], j["box"]["y1"], j["box"]["x2"], j["box"]["y2"]}), box);
    QCOMPARE(j["lam_adj"].get<double>(), lamAdj);
    QCOMPARE(j["lam"].get<double>(), lam);
}

void TestCli::boxBatch()
{
    const Result r = runCli({"box", "--batch"}, "# W H LAM CX CY\n224 224 0.7 112 112\n224 224 0.7 200 10\n"
                                                "320 180 0.5 160 90\n\n224 224 0.0 0 0\n1 1 0.4 0 0\n");
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QString("51 51 173 173 0.70336415816326525\n"
                            "139 0 224 71 0.87972337372448983\n"
                            "47 27 273 153 0.50562499999999999\n"
                            "0 0 112 112 0.75\n"
                            "0 0 0 0 1\n"));
    const Result k = runCli({"box", "--batch", "--convention", "keras-cv"}, "320 180 0.5 160 90\n");
    QCOMPARE(k.out, QString("47 27 273 154 0.50170138888888882\n"));
}

void TestCli::boxBatchBadLine()
{
    const Result r = runCli({"box", "--batch"}, "224 224 0.7 112 112\n224 224 seven 1 1\n");
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("line 2"), qPrintable(r.err));
    const Result lam = runCli({"box", "--batch"}, "224 224 1.7 112 112\n");
    QCOMPARE(lam.code, 2);
    QVERIFY2(lam.err.contains("lam"), qPrintable(lam.err));
}

// The arguments cutmix replay refuses, as rows of badArguments.
static void addReplayErrorRows()
{
    const QStringList official{"replay", "--recipe", "official", "--size", "32x32", "--iterations", "5"};
    QTest::newRow("seed 2^32") << official + QStringList{"--numpy-seed", "4294967296", "--alpha", "1", "--prob", "1"}
                               << "4294967295";
    QTest::newRow("negative seed") << official + QStringList{"--numpy-seed", "-1", "--alpha", "1", "--prob", "1"}
                                   << "--numpy-seed";
    QTest::newRow("no alpha") << official + QStringList{"--numpy-seed", "1", "--prob", "1"} << "--alpha";
    QTest::newRow("timm option") << official + QStringList{"--numpy-seed", "1", "--alpha",       "1",
                                                           "--prob",       "1", "--switch-prob", "0.5"}
                                 << "--switch-prob";
    QTest::newRow("prob 2") << official + QStringList{"--numpy-seed", "1", "--alpha", "1", "--prob", "2"}
                            << "probability";
    QTest::newRow("unknown recipe") << QStringList{"replay", "--recipe",     "keras", "--numpy-seed", "1", "--size",
                                                   "8x8",    "--iterations", "3"}
                                    << "timm or official";
    QTest::newRow("timm without alphas") << QStringList{"replay", "--recipe",      "timm", "--numpy-seed",
                                                        "1",      "--size",        "8x8",  "--iterations",
                                                        "3",      "--mixup-alpha", "0",    "--cutmix-alpha",
                                                        "0"}
                                         << "cutmix alpha > 0";
    QTest::newRow("no size") << QStringList{"replay", "--recipe", "timm", "--numpy-seed", "1", "--iterations", "3"}
                             << "--size";
}

void TestCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no command") << QStringList{} << "Usage";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
    QTest::newRow("missing size") << QStringList{"box", "--lam", "0.5", "--center", "1,1"} << "--size";
    QTest::newRow("bad size") << QStringList{"box", "--size", "0x5", "--lam", "0.5", "--center", "1,1"} << "--size";
    QTest::newRow("lam > 1") << QStringList{"box", "--size", "5x5", "--lam", "1.5", "--center", "1,1"} << "--lam";
    QTest::newRow("lam nan") << QStringList{"box", "--size", "5x5", "--lam", "nan", "--center", "1,1"} << "--lam";
    QTest::newRow("bad convention") << QStringList{"box",      "--size", "5x5",          "--lam", "0.5",
                                                   "--center", "1,1",    "--convention", "fmix"}
                                    << "fmix";
    QTest::newRow("unknown option") << QStringList{"sample", "--alpah", "1"} << "alpah";
    QTest::newRow("alpha 0") << QStringList{"sample", "--alpha", "0"} << "alpha";
    QTest::newRow("alpha inf") << QStringList{"sample", "--alpha", "inf"} << "alpha";
    QTest::newRow("alpha text") << QStringList{"sample", "--alpha", "big"} << "--alpha";
    QTest::newRow("count 0") << QStringList{"sample", "--count", "0"} << "--count";
    QTest::newRow("negative seed") << QStringList{"sample", "--seed", "-3"} << "--seed";
    QTest::newRow("mix one image") << QStringList{"mix", kCat, "-o", "x.png"} << "two images";
    QTest::newRow("mix no output") << QStringList{"mix", kCat, kCoffee} << "--output";
    QTest::newRow("mosaic of two") << QStringList{"mix", kCat, kCoffee, "--method", "mosaic", "-o", "x.png"}
                                   << "mosaic mixes 4 images";
    QTest::newRow("mosaic of three") << QStringList{"mix", kCat, kCoffee, kCat, "--method", "mosaic", "-o", "x.png"}
                                     << "got 3";
    QTest::newRow("mosaic in a grid") << QStringList{"grid", kCat, kCoffee, "--method", "mosaic", "-o", "x.png"}
                                      << "--method: Mosaic mixes 4 images";
    QTest::newRow("mosaic sample") << QStringList{"sample", "--method", "mosaic"}
                                   << "only cutmix mix, cutmix export and the window make it";
    QTest::newRow("num areas 0") << QStringList{"mix",         kCat, kCoffee, "--method", "cutmix-ultralytics",
                                                "--num-areas", "0",  "-o",    "x.png"}
                                 << "--num-areas";
    QTest::newRow("bad minmax") << QStringList{"sample", "--convention", "timm-minmax", "--minmax", "0.9,0.1"}
                                << "--minmax";
    QTest::newRow("negative cut") << QStringList{"box",      "--size", "5x5",          "--cut",      "-1x2",
                                                 "--center", "0,0",    "--convention", "timm-minmax"}
                                  << "--cut";
    QTest::newRow("minmax without cut") << QStringList{"box", "--size",       "5x5",        "--center",
                                                       "0,0", "--convention", "timm-minmax"}
                                        << "--cut";
    addReplayErrorRows();
}

void TestCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Result r = runCli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCli::help()
{
    for (const char* cmd : {"box", "sample", "mix", "export", "grid"}) {
        const Result r = runCli({cmd, "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Usage"));
        // The conventions and their descriptions come from the registry
        // (the help wraps long lines: compare with white space folded).
        const QString folded = r.out.simplified();
        for (const Method& m : methods())
            if (m.isConvention())
                QVERIFY2(
                    folded.contains(QString::fromStdString(std::string(m.name) + ": " + std::string(m.description))),
                    cmd);
    }
    QCOMPARE(runCli({"--help"}).code, 0);
    QVERIFY(runCli({"--version"}).out.startsWith("cutmix "));
}

void TestCli::everyCommand_data()
{
    // The command table, as `cutmix --commands` prints it (name, tab, summary).
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("summary");
    const CliRun list = runCli({"--commands"});
    QCOMPARE(list.code, 0);
    const QStringList lines = list.out.trimmed().split('\n');
    QVERIFY(lines.size() >= 12);
    for (const QString& line : lines) {
        const QStringList parts = line.split('\t');
        QCOMPARE(parts.size(), 2);
        QTest::newRow(qPrintable(parts[0])) << parts[0] << parts[1];
    }
}

void TestCli::everyCommand()
{
    QFETCH(QString, name);
    QFETCH(QString, summary);
    // The usage text lists it with its summary, --help describes its options
    // and exits 0, and an unknown flag is an argument error (exit 2) that
    // names the command and the flag.
    QVERIFY(runCli({"--help"}).out.contains(name + "  ") && runCli({"--help"}).out.contains(summary));
    const CliRun help = runCli({name, "--help"});
    QCOMPARE(help.code, 0);
    QVERIFY2(help.out.contains("Usage:") && help.out.contains("--help"), qPrintable(help.out));
    const CliRun unknown = runCli({name, "--no-such-flag"});
    QCOMPARE(unknown.code, 2);
    QVERIFY2(unknown.err.contains("cutmix " + name) && unknown.err.contains("no-such-flag"), qPrintable(unknown.err));
}

void TestCli::sampleCsv()
{
    const QStringList args{"sample", "--alpha", "0.4", "--count", "50", "--seed", "77", "--size", "320x180"};
    const Result r = runCli(args);
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 51);
    QCOMPARE(lines[0], QString("index,lam_sampled,x1,y1,x2,y2,lam,lam_adj"));
    Params p;
    p.alpha = 0.4;
    p.seed = 77;
    for (int i = 0; i < 50; ++i) {
        p.index = i;
        const Draw d = sampleDraw(p, {320, 180}, {320, 180});
        const QStringList f = lines[i + 1].split(',');
        QCOMPARE(f[0].toInt(), i);
        QCOMPARE(f[1].toDouble(), d.lamSampled);
        QCOMPARE((Box{f[2].toInt(), f[3].toInt(), f[4].toInt(), f[5].toInt()}), d.geometry.box);
        QCOMPARE(f[7].toDouble(), d.lamAdj);
    }
    QCOMPARE(runCli(args).out, r.out);
    const Result plain = runCli({"sample", "--count", "3"});
    QCOMPARE(plain.out.split('\n')[0], QString("index,lam_sampled"));
}

void TestCli::mixPixels()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("mixed.png"), rec = dir.filePath("draw.json");
    const QByteArray before = fileHash(kCat) + fileHash(kCoffee);
    const Result r = runCli({"mix", kCat, kCoffee, "-o", out, "--seed", "12", "--index", "3", "--alpha", "0.8",
                             "--json", rec, "--label-a", "cat", "--label-b", "cup", "--smoothing", "0.1"});
    QCOMPARE(r.code, 0);
    QCOMPARE(fileHash(kCat) + fileHash(kCoffee), before);
    QFile f(rec);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const json j = json::parse(f.readAll().toStdString());
    QCOMPARE(j["seed"].get<int>(), 12);
    QCOMPARE(j["index"].get<int>(), 3);
    QVERIFY(j["classes"] == json({"cat", "cup"}));
    QCOMPARE(j["a"]["class"].get<int>(), 0);
    QVERIFY(qAbs(j["label"][0].get<double>() + j["label"][1].get<double>() - 1.0) < 1e-12);
    const double lamAdj = j["lam_adj"];
    QVERIFY(qAbs(j["label"][0].get<double>() - (lamAdj * 0.9 + 0.05)) < 1e-12);

    // The written pixels: B (resized to A's size) inside the box, A outside.
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    const cv::Mat mixed = cv::imread(out.toStdString(), cv::IMREAD_UNCHANGED);
    Params p;
    p.seed = 12;
    p.index = 3;
    p.alpha = 0.8;
    const Draw d = sampleDraw(p, sizeOf(a), sizeOf(b));
    QCOMPARE((Box{j["box"]["x1"], j["box"]["y1"], j["box"]["x2"], j["box"]["y2"]}), d.geometry.box);
    const cv::Mat expected = pasteBox(a, preparePair(a, b, ResizePolicy::ResizeB).b, d.geometry.box);
    QCOMPARE(cv::norm(mixed, expected, cv::NORM_INF), 0.0);
    QVERIFY(d.geometry.box.area() > 0);
    // Without --json the record goes to standard output.
    const Result stdoutRecord = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("m2.jpg"), "--seed", "12"});
    QCOMPARE(stdoutRecord.code, 0);
    QVERIFY(json::parse(stdoutRecord.out.toStdString()).contains("lam_adj"));
    QVERIFY(QFile::exists(dir.filePath("m2.jpg")));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3); // no temporaries left
}

void TestCli::mixRefusesToOverwrite()
{
    QTemporaryDir dir;
    const QString a = dir.filePath("a.png");
    QVERIFY(QFile::copy(kCat, a));
    const QByteArray before = fileHash(a);
    for (const QStringList& args : {QStringList{"mix", a, kCoffee, "-o", a},
                                    QStringList{"mix", a, kCoffee, "-o", dir.filePath("x.png"), "--json", a}}) {
        const Result r = runCli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("refusing"), qPrintable(r.err));
    }
    QCOMPARE(fileHash(a), before);
    // An argument found wrong only when the classes are named (fewer classes
    // than the images name) is refused before anything is written.
    const QString out = dir.filePath("never.png"), map = dir.filePath("never-map.png");
    const Result r = runCli({"mix", kCat, kCoffee, "-o", out, "--classes", "1", "--source-map", map});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--classes"), qPrintable(r.err));
    QVERIFY(!QFile::exists(out) && !QFile::exists(map));
    for (const char* command : {"grid", "compare"}) {
        const Result g = runCli({command, kCat, kCoffee, "-o", out, "--classes", "1"});
        QCOMPARE(g.code, 2);
        QVERIFY2(g.err.contains("--classes"), qPrintable(g.err));
        QVERIFY(!QFile::exists(out));
    }
}

void TestCli::mixMissingAndCorruptFiles()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath("not an image.jpg");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is text, not a JPEG");
    f.close();
    const QString out = dir.filePath("o.png");
    for (const QString& wrong : {dir.filePath("missing.png"), bad, dir.path()}) {
        const Result r = runCli({"mix", kCat, wrong, "-o", out});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(wrong), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }
}

void TestCli::mixWithPreset()
{
    QTemporaryDir dir;
    Params p;
    p.alpha = 2.5;
    p.seed = 31337;
    p.index = 8;
    p.method = &methodNamed("keras-cv");
    const QString preset = dir.filePath("preset.json");
    savePreset(preset.toStdString(), p);
    const Result r = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("o.png"), "--preset", preset});
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out.toStdString());
    const Draw d = sampleDraw(p, {451, 300}, {600, 400});
    QCOMPARE(j["seed"].get<std::uint64_t>(), 31337u);
    QCOMPARE(j["convention"].get<std::string>(), std::string("keras-cv"));
    QCOMPARE(j["lam_sampled"].get<double>(), d.lamSampled);
    QCOMPARE(j["box"]["x1"].get<int>(), d.geometry.box.x1);
    // An explicit flag wins over the preset.
    const Result o = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("o.png"), "--preset", preset, "--index", "9"});
    QCOMPARE(json::parse(o.out.toStdString())["index"].get<int>(), 9);
}

void TestCli::replayCsv()
{
    const Result r = runCli({"replay", "--recipe", "timm", "--numpy-seed", "4294967295", "--size", "320x180",
                             "--mixup-alpha", "0.8", "--cutmix-alpha", "1.0", "--iterations", "40", "--start", "10"});
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 41);
    QCOMPARE(lines[0], QString("iteration,method,lam_sampled,x1,y1,x2,y2,lam"));
    ReplaySettings s;
    s = replayDefaults(recipeNamed("timm"));
    s.seed = 4294967295u;
    s.size = {320, 180};
    s.prob = 1.0;
    Replay replay(s);
    replay.skipTo(10);
    int cutmixRows = 0;
    for (int i = 1; i <= 40; ++i) {
        const ReplayStep step = replay.next();
        QCOMPARE(lines[i], QString::fromStdString(replayCsvLine(step)));
        QVERIFY(lines[i].startsWith(QString::number(9 + i) + ","));
        if ((step.method && step.method->family == "cutmix")) {
            ++cutmixRows;
            QCOMPARE(lines[i].split(',').size(), 8);
            QVERIFY(!lines[i].split(',')[3].isEmpty()); // the box columns are filled
        }
    }
    QVERIFY(cutmixRows > 5);
}

void TestCli::boxFromUniforms()
{
    // Kornia's start from its float32 uniform, and its start of -1 where the
    // cut fills a side (it then pastes one column less than it weighs).
    const Result r = runCli({"box", "--batch", "--uniforms", "--with-weight", "--convention", "kornia"},
                            "320 180 0.5 0.5 0.5\n320 180 0 0.7 0\n");
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split('\n');
    QCOMPARE(lines[0], QString("46 26 272 153 %1 %2")
                           .arg(QString::fromStdString(formatExact(1.0 - 226.0 * 127 / 57600)))
                           .arg(QString::fromStdString(formatExact(double(226.0f * 127.0f / 57600.0f)))));
    QVERIFY2(lines[1].startsWith("0 0 319 180 "), qPrintable(lines[1]));
    QVERIFY(lines[1].endsWith(" 1")); // the weight counts the full cut
    const Result single = runCli(
        {"box", "--size", "320x180", "--lam", "0", "--center", "0.7,0.7", "--uniforms", "--convention", "kornia"});
    QCOMPARE(single.code, 0);
    const json j = json::parse(single.out.toStdString());
    QCOMPARE(j["unclipped_box"]["x1"].get<int>(), -1);
    QCOMPARE(j["box"]["x2"].get<int>(), 319);
    QCOMPARE(runCli({"box", "--batch", "--uniforms", "--convention", "kornia"}, "10 10 0.5 1.5 0\n").code, 2);
}

void TestCli::mixSaysWhenKorniaStartsOutside()
{
    // A small alpha puts lam near 0 often; find a seed whose kornia cut fills a side.
    Params p;
    p.method = &methodNamed("kornia");
    p.alpha = 0.05;
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    int seed = -1;
    for (int s = 0; s < 1000 && seed < 0; ++s) {
        p.seed = std::uint64_t(s);
        const Draw d = sampleDraw(p, sizeOf(a), sizeOf(b));
        if (d.geometry.box != d.geometry.unclipped)
            seed = s;
    }
    QVERIFY(seed >= 0);
    QTemporaryDir dir;
    const Result r = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("k.png"), "--convention", "kornia", "--alpha",
                             "0.05", "--seed", QString::number(seed)});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("note: Kornia starts at (") && r.err.contains("−1"), qPrintable(r.err));
    QVERIFY2(r.err.contains("one row or column less"), qPrintable(r.err));
    // An ordinary draw has no such note.
    const Result plain = runCli({"mix", kCat, kCoffee, "-o", dir.filePath("o.png"), "--seed", "1"});
    QCOMPARE(plain.code, 0);
    QVERIFY2(!plain.err.contains("note:"), qPrintable(plain.err));
}

void TestCli::mixEveryMethodWithItsMap_data()
{
    QTest::addColumn<QString>("method");
    for (std::string_view f : methodFamilies())
        QTest::newRow(std::string(f).c_str()) << QString::fromStdString(std::string(f));
}

void TestCli::mixEveryMethodWithItsMap()
{
    QFETCH(QString, method);
    QTemporaryDir dir;
    const QString out = dir.filePath("out.png"), map = dir.filePath("map.png");
    const Result r = runCli({"mix", kCat, kCoffee, "-o", out, "--method", method, "--seed", "21", "--index", "4",
                             "--source-map", map, "--smoothing", "0.1"});
    if (method == "mixup") {
        // MixUp blends every pixel: there is no map to write, and nothing is written.
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--source-map") && r.err.contains("blends"), qPrintable(r.err));
        QVERIFY(!QFile::exists(out) && !QFile::exists(map));
        return;
    }
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out.toStdString());
    QCOMPARE(QString::fromStdString(j["method"].get<std::string>()), method);
    double sum = 0;
    for (const auto& w : j["label"])
        sum += w.get<double>();
    QVERIFY(std::abs(sum - 1.0) < 1e-12);
    // The map is the core's, and every pixel of the result comes from the source it names.
    Params p;
    p.method = &methodFor(method.toStdString());
    p.seed = 21;
    p.index = 4;
    p.smoothing = 0.1;
    const cv::Mat a = loadImage(kCat.toStdString()), b = loadImage(kCoffee.toStdString());
    const Draw d = sampleDraw(p, sizeOf(a), sizeOf(b));
    const cv::Mat written = cv::imread(map.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(written.type(), CV_8UC1);
    QCOMPARE(cv::norm(written, sourceMap(d), cv::NORM_INF), 0.0);
    const cv::Mat result = cv::imread(out.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(cv::norm(result, mixPair(a, b, d), cv::NORM_INF), 0.0);
    const PreparedPair prepared = preparePair(a, b, p.resize);
    for (int y = 0; y < result.rows; y += 5)
        for (int x = 0; x < result.cols; x += 5) {
            const int s = written.at<std::uint8_t>(y, x);
            if (s == 0)
                QCOMPARE(result.at<cv::Vec3b>(y, x), prepared.a.at<cv::Vec3b>(y, x));
            else if (s == 1 && method != "resizemix")
                QCOMPARE(result.at<cv::Vec3b>(y, x), prepared.b.at<cv::Vec3b>(y, x));
        }
}

void TestCli::mixSeveralSources()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("dog") && QDir(dir.path()).mkpath("bird"));
    const QString dog = dir.filePath("dog/d.png"), bird = dir.filePath("bird/b.png");
    QVERIFY(cv::imwrite(dog.toStdString(), patternImage(200, 300, CV_8UC3, 5)));
    QVERIFY(cv::imwrite(bird.toStdString(), patternImage(100, 100, CV_8UC3, 6)));
    const QString out = dir.filePath("m.png"), map = dir.filePath("map.png");
    const Result r = runCli({"mix", kCat, kCoffee, dog, bird, "-o", out, "--seed", "8", "--source-map", map});
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out.toStdString());
    QCOMPARE(j["sources"].size(), 4u);
    QCOMPARE(j["boxes"].size(), 3u);
    const cv::Mat m = cv::imread(map.toStdString(), cv::IMREAD_UNCHANGED);
    double sum = 0;
    for (int k = 0; k < 4; ++k) {
        cv::Mat is;
        cv::compare(m, k, is, cv::CMP_EQ);
        QCOMPARE(j["sources"][k]["weight"].get<double>(), double(cv::countNonZero(is)) / double(m.total()));
        sum += j["sources"][k]["weight"].get<double>();
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-12);
    QCOMPARE(j["classes"].size(), 4u); // chelsea, coffee, dog, bird
    // More sources are for CutMix only.
    const Result mixup = runCli({"mix", kCat, kCoffee, dog, "-o", out, "--method", "mixup"});
    QCOMPARE(mixup.code, 2);
    QVERIFY2(mixup.err.contains("cutmix"), qPrintable(mixup.err));
}

void TestCli::exportAndGridOtherMethods()
{
    QTemporaryDir dir;
    const QString data = dir.filePath("data");
    for (const char* cls : {"a", "b", "c"}) {
        QVERIFY(QDir().mkpath(data + "/" + cls));
        for (int i = 0; i < 3; ++i)
            QVERIFY(cv::imwrite((data + "/" + cls + "/" + QString::number(i) + ".png").toStdString(),
                                patternImage(40, 60, CV_8UC3, int(cls[0]) + i)));
    }
    // Multi-source CutMix: every line names its sources, its label sums to 1.
    const QString out = dir.filePath("out");
    Result r = runCli({"export", data, "-o", out, "--count", "12", "--sources", "3", "-q", "--format", "png"});
    QCOMPARE(r.code, 0);
    QFile manifest(out + "/manifest.jsonl");
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    int lines = 0;
    for (const QByteArray& line : manifest.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        const json j = json::parse(line.toStdString());
        QCOMPARE(j["sources"].size(), 3u);
        double sum = 0;
        for (const auto& w : j["label"])
            sum += w.get<double>();
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
        ++lines;
    }
    QCOMPARE(lines, 12);
    // MixUp from the same data: a record without a box, labels.csv with both weights.
    r = runCli({"export", data, "-o", dir.filePath("mixup"), "--count", "5", "--method", "mixup", "-q"});
    QCOMPARE(r.code, 0);
    QFile first(dir.filePath("mixup/manifest.jsonl"));
    QVERIFY(first.open(QIODevice::ReadOnly));
    const json j = json::parse(first.readLine().toStdString());
    QVERIFY(j["box"].is_null());
    QCOMPARE(j["method"].get<std::string>(), std::string("mixup"));
    // A grid of FMix draws from the dataset, and a refusal for sources with a pair.
    r = runCli(
        {"grid", "--dataset", data, "-o", dir.filePath("g.png"), "--rows", "1", "--cols", "2", "--method", "fmix"});
    QCOMPARE(r.code, 0);
    r = runCli({"grid", kCat, kCoffee, "-o", dir.filePath("g2.png"), "--sources", "3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--sources"), qPrintable(r.err));
    r = runCli({"export", data, "-o", dir.filePath("x"), "--sources", "3", "--method", "fmix"});
    QCOMPARE(r.code, 2);
}

void TestCli::compareFigure()
{
    QTemporaryDir dir;
    const QString png = dir.filePath("f.png"), rec = dir.filePath("f.jsonl");
    Result r = runCli({"compare", kCat, kCoffee, "-o", png, "--methods", "original,mixup,cutout,cutmix,fmix", "--lam",
                       "0.5", "--json", rec});
    QCOMPARE(r.code, 0);
    QVERIFY(!cv::imread(png.toStdString()).empty());
    QFile f(rec);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4);                                               // the original has no draw
    QCOMPARE(json::parse(lines[0].toStdString())["lam"].get<double>(), 0.5); // MixUp with the given lam
    r = runCli({"compare", kCat, kCoffee, "-o", png, "--methods", "original,jigsaw"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("jigsaw"), qPrintable(r.err));
}

// cutmix batch: the table, the targets CSV against core's batch, the sheet,
// the dump, and the refusals.
void TestCli::batchCommand()
{
    QTemporaryDir dir;
    const QString res = CUTMIX_RESOURCES;
    const QStringList images{res + "/chelsea.png", res + "/coffee.png", res + "/rocket.jpg",
                             res + "/horse.png",   res + "/coins.png",  res + "/camera.png"};
    const QString csv = dir.filePath("t.csv"), png = dir.filePath("s.png"), pdf = dir.filePath("s.pdf");
    Result r = runCli(QStringList{"batch"} + images +
                      QStringList{"--mode", "elem", "--seed", "4", "--size", "64x48", "--targets", csv, "-o", png});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("6 of 6 mixed"), qPrintable(r.out));
    QVERIFY(!cv::imread(png.toStdString()).empty());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QByteArray("index,class,partner,method,lam,camera,chelsea,coffee,coins,horse,rocket"));
    // The same batch from core: the CLI adds nothing of its own.
    BatchSettings s = recipeDefaults(recipeNamed("timm"));
    s.mode = BatchMode::Elem;
    s.seed = 4;
    const BatchDraw d = drawBatch(s, 6, {64, 48});
    for (int i = 0; i < 6; ++i) {
        const QList<QByteArray> f = lines[i + 1].split(',');
        const BatchElement& e = d.elements[std::size_t(i)];
        QCOMPARE(f[2].toInt(), 5 - i); // timm flips
        QCOMPARE(QString(f[3]), QString::fromUtf8(e.draw.method().family.data()));
        QCOMPARE(f[4].toDouble(), e.lam);
    }
    // A PDF sheet, a torchvision batch with an odd size, and an override that shows mismatches.
    r = runCli(QStringList{"batch"} + images.mid(0, 5) +
               QStringList{"--recipe", "torchvision", "--partner", "flip", "--size", "32x32", "-o", pdf});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("mixed with itself"), qPrintable(r.out)); // the middle of 5 under flip
    QVERIFY2(r.out.contains("different partners"), qPrintable(r.out));
    QFile sheet(pdf);
    QVERIFY(sheet.open(QIODevice::ReadOnly));
    QVERIFY(sheet.read(5) == "%PDF-");
    // The dump folder.
    const QString dump = dir.filePath("dump");
    r = runCli(QStringList{"batch"} + images + QStringList{"--size", "32x24", "--dump", dump});
    QCOMPARE(r.code, 0);
    for (const char* file : {"labels.csv", "targets.csv", "classes.txt", "before/000.png", "after/005.png"})
        QVERIFY2(QFile::exists(dump + "/" + file), file);
    // Into a folder that is not empty: refused, nothing overwritten (exit 1: the folder, not an argument).
    const QByteArray before = fileHash(dump + "/labels.csv");
    r = runCli(QStringList{"batch"} + images + QStringList{"--size", "32x24", "--dump", dump});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("not empty"), qPrintable(r.err));
    QCOMPARE(fileHash(dump + "/labels.csv"), before);
}

namespace
{

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

// `cutmix batch --dataset DIR --annotations FILE` reads a COCO dataset
// through the detection export's reader: the same boxes given as a YOLO
// layout (exact in both) make the same dump byte for byte; a bad COCO file
// is named with the id, exit 2, nothing written.
void TestCli::batchFromACocoDataset()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("yolo/images") && QDir(dir.path()).mkpath("yolo/labels") &&
            QDir(dir.path()).mkpath("coco/images"));
    for (int i = 0; i < 4; ++i) {
        const cv::Mat image = patternImage(48, 64, CV_8UC3, i);
        for (const char* set : {"yolo", "coco"})
            QVERIFY(cv::imwrite(dir.filePath(QString("%1/images/i%2.png").arg(set).arg(i)).toStdString(), image));
    }
    // The boxes in pixels of the 64x48 images (COCO) and normalised (YOLO).
    writeFile(dir.filePath("yolo/labels/i0.txt"), "0 0.375 0.5 0.5 0.5\n");
    writeFile(dir.filePath("yolo/labels/i1.txt"), "1 0.5 0.5 0.5 1\n0 0.125 0.625 0.25 0.25\n");
    writeFile(dir.filePath("yolo/labels/i2.txt"), "1 0.75 0.75 0.5 0.5\n");
    writeFile(dir.filePath("yolo/data.yaml"), "names: [cat, cup]\n");
    const QByteArray images = R"("images": [{"id": 1, "file_name": "i0.png", "width": 64, "height": 48},
        {"id": 2, "file_name": "i1.png", "width": 64, "height": 48},
        {"id": 3, "file_name": "i2.png", "width": 64, "height": 48},
        {"id": 4, "file_name": "i3.png", "width": 64, "height": 48}],
        "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "cup"}])";
    writeFile(dir.filePath("coco/annotations.json"),
              "{" + images + R"(, "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [8, 12, 32, 24]},
        {"id": 2, "image_id": 2, "category_id": 2, "bbox": [16, 0, 32, 48]},
        {"id": 3, "image_id": 2, "category_id": 1, "bbox": [0, 24, 16, 12]},
        {"id": 4, "image_id": 3, "category_id": 2, "bbox": [32, 24, 32, 24]}]})");
    const QStringList common{"--batch-size", "4", "--recipe",   "torchvision",
                             "--seed",       "2", "--box-rule", "ultralytics"};
    Result r =
        runCli(QStringList{"batch", "--dataset", dir.filePath("yolo"), "--dump", dir.filePath("from-yolo")} + common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString yoloOut = r.out;
    r = runCli(QStringList{"batch", "--dataset", dir.filePath("coco"), "--annotations",
                           dir.filePath("coco/annotations.json"), "--dump", dir.filePath("from-coco")} +
               common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("objects: ") && r.out.contains(" kept after the mix (ultralytics rule"), qPrintable(r.out));
    QCOMPARE(r.out, yoloOut);
    const std::map<QString, QByteArray> fromCoco = filesUnder(dir.filePath("from-coco"));
    QVERIFY(fromCoco.count("boxes_before/001.txt") && fromCoco.count("boxes_after/003.txt"));
    QCOMPARE(fromCoco.at("classes.txt"), QByteArray("cat\ncup\n"));
    QVERIFY(sameFiles(dir.filePath("from-coco"), dir.filePath("from-yolo")));

    // A box of an image the file does not list: the file and the id, exit 2, nothing written.
    writeFile(dir.filePath("coco/bad.json"),
              "{" + images + R"(, "annotations": [{"id": 1, "image_id": 9, "category_id": 1, "bbox": [1, 1, 2, 2]}]})");
    const QString never = dir.filePath("never.png"), neverDump = dir.filePath("never");
    r = runCli({"batch", "--dataset", dir.filePath("coco"), "--annotations", dir.filePath("coco/bad.json"),
                "--batch-size", "4", "-o", never, "--dump", neverDump});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("cutmix batch: --annotations: '") && r.err.contains("bad.json'") && r.err.contains("9"),
             qPrintable(r.err));
    QVERIFY(!QFile::exists(never) && !QDir(neverDump).exists());
    // Without --dataset: refused.
    r = runCli({"batch", kCat, kCoffee, "--annotations", dir.filePath("coco/annotations.json")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--annotations goes with --dataset"), qPrintable(r.err));
}

void TestCli::batchFromDatasetAndErrors()
{
    QTemporaryDir dir;
    const QString res = CUTMIX_RESOURCES;
    for (const char* cls : {"cats", "cups", "sky"})
        QVERIFY(QDir(dir.path()).mkpath(QString("data/") + cls));
    QFile::copy(res + "/chelsea.png", dir.filePath("data/cats/a.png"));
    QFile::copy(res + "/horse.png", dir.filePath("data/cats/b.png"));
    QFile::copy(res + "/coffee.png", dir.filePath("data/cups/c.png"));
    QFile::copy(res + "/rocket.jpg", dir.filePath("data/sky/d.jpg"));
    const QString csv = dir.filePath("t.csv");
    Result r = runCli({"batch", "--dataset", dir.filePath("data"), "--batch-size", "4", "--recipe", "official",
                       "--size", "40x30", "--seed", "1", "--targets", csv});
    QCOMPARE(r.code, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readLine().startsWith("index,class,partner,method,lam,cats,cups,sky"));
    // Every image of the dataset once in the first batch of an epoch's size.
    QVERIFY2(r.out.count("cats") == 2 && r.out.count("cups") == 1 && r.out.count("sky") == 1, qPrintable(r.out));

    const QString a = res + "/chelsea.png", b = res + "/coffee.png", c = res + "/rocket.jpg";
    struct Case {
        QStringList args;
        QString says;
    };
    const std::vector<Case> cases{
        {{"batch", a, b, c}, "odd"}, // timm asserts an even batch
        {{"batch", a, b, "--recipe", "torchvision", "--prob", "0.5"}, "does not apply"},
        {{"batch", a, b, "--recipe", "official", "--mixup-alpha", "1"}, "does not apply"},
        {{"batch", a, b, "--partner", "shift"}, "--partner"},
        {{"batch", a, b, "--mode", "half"}, "--mode"},
        {{"batch", a, b, "--prob", "2"}, "--prob"},
        {{"batch", a, b, "--mixup-alpha", "0", "--cutmix-alpha", "0"}, "alpha"},
        {{"batch", a, b, "--labels", "x"}, "one label per image"},
        {{"batch"}, "give the images"},
        {{"batch", a, b, "--batch-size", "4"}, "--batch-size"},
        {{"batch", "--dataset", dir.filePath("data"), "--batch-size", "3"}, "odd"},
    };
    for (const Case& k : cases) {
        r = runCli(k.args);
        QVERIFY2(r.code == 2, qPrintable(k.args.join(' ') + " -> " + QString::number(r.code) + " " + r.err));
        QVERIFY2(r.err.contains(k.says), qPrintable(r.err));
    }
    // A missing image is a file problem (exit 1), named.
    r = runCli({"batch", a, dir.filePath("missing.png")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("missing.png"), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
