// The draw record (its JSON schema, built in one place) and presets.
#include "draw.h"
#include "error.h"
#include "format.h"
#include "record.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace cutmix;
using nlohmann::json;

class TestDraw : public QObject
{
    Q_OBJECT
private slots:
    void schema();
    void centerNullWithoutCentre();
    void deterministic();
    void correctionSwitch_data();
    void correctionSwitch();
    void presetRoundTrip();
    void presetErrors_data();
    void presetErrors();
    void badParams();
    void sampleRecordSchema();
    void heldDrawIsRecorded();
    void fixedNumbersHaveNoNegativeZero_data();
    void fixedNumbersHaveNoNegativeZero();
};

void TestDraw::schema()
{
    Params p;
    p.seed = 11;
    p.index = 4;
    p.alpha = 0.5;
    const Draw d = sampleDraw(p, {320, 180}, {640, 480});
    const json j = drawRecord(d);
    for (const char* key : {"seed", "index", "alpha", "convention", "lam_sampled", "lam_adj", "lam", "box", "center",
                            "size", "size_a", "size_b", "resize", "cut", "unclipped_box", "correct_lam"})
        QVERIFY2(j.contains(key), key);
    QCOMPARE(j["seed"].get<std::uint64_t>(), 11u);
    QCOMPARE(j["index"].get<std::uint64_t>(), 4u);
    QCOMPARE(j["convention"].get<std::string>(), std::string("official"));
    QCOMPARE(j["box"]["x1"].get<int>(), d.geometry.box.x1);
    QCOMPARE(j["box"]["y2"].get<int>(), d.geometry.box.y2);
    QCOMPARE(j["center"]["x"].get<int>(), d.geometry.center->x);
    QCOMPARE(j["size"]["width"].get<int>(), 320);
    QCOMPARE(j["size"]["height"].get<int>(), 180);
    QCOMPARE(j["size_b"]["width"].get<int>(), 640);
    QCOMPARE(j["resize"].get<std::string>(), std::string("resize-b"));
    QCOMPARE(j["lam_adj"].get<double>(), d.lamAdj);
}

void TestDraw::centerNullWithoutCentre()
{
    Params p;
    p.method = &methodNamed("kornia");
    QVERIFY(drawRecord(sampleDraw(p, {50, 50}, {50, 50}))["center"].is_null());
    p.method = &methodNamed("timm-minmax");
    const json j = drawRecord(sampleDraw(p, {50, 50}, {50, 50}));
    QVERIFY(j["center"].is_null());
    QCOMPARE(j["minmax"].size(), 2u);
}

void TestDraw::deterministic()
{
    Params p;
    p.seed = 99;
    p.index = 1234567;
    const Draw a = sampleDraw(p, {224, 224}, {224, 224});
    const Draw b = sampleDraw(p, {224, 224}, {224, 224});
    QCOMPARE(drawRecord(a).dump(), drawRecord(b).dump());
    p.index = 1234568;
    QVERIFY(drawRecord(sampleDraw(p, {224, 224}, {224, 224})).dump() != drawRecord(a).dump());
}

void TestDraw::correctionSwitch_data()
{
    QTest::addColumn<QString>("convention");
    QTest::addColumn<int>("override"); // -1 unset, 0 no, 1 yes
    QTest::addColumn<bool>("effective");
    QTest::newRow("official default") << "official" << -1 << true;
    QTest::newRow("official off") << "official" << 0 << false;
    QTest::newRow("official-raw default") << "official-raw" << -1 << false;
    QTest::newRow("kornia default is legacy") << "kornia" << -1 << false;
    QTest::newRow("kornia corrected") << "kornia" << 1 << true;
    QTest::newRow("keras-cv has no switch") << "keras-cv" << 1 << false;
    QTest::newRow("timm-minmax always corrects") << "timm-minmax" << 0 << true;
}

void TestDraw::correctionSwitch()
{
    QFETCH(QString, convention);
    QFETCH(int, override);
    QFETCH(bool, effective);
    Params p;
    p.method = &methodNamed(convention.toStdString());
    if (override >= 0)
        p.correctLam = override == 1;
    QCOMPARE(effectiveCorrection(p), effective);
    const Draw d = sampleDraw(p, {100, 60}, {100, 60});
    if (convention == "kornia") {
        // Kornia's weights are float32, from its nominal cut (here inside the image).
        const float share = float(d.geometry.cut.area()) / float(100 * 60);
        QCOMPARE(d.lam, effective ? double(1.0f - share) : double(share));
    }
    if (convention == "official")
        QCOMPARE(d.lam, effective ? d.lamAdj : d.lamSampled);
}

void TestDraw::presetRoundTrip()
{
    Params p;
    p.alpha = 0.3;
    p.method = &methodNamed("timm-minmax");
    p.correctLam = false;
    p.setRange(Setting::MinMax, {0.1, 0.6});
    p.resize = ResizePolicy::CenterCrop;
    p.seed = 18446744073709551615ull;
    p.index = 17;
    p.smoothing = 0.1;
    p.numClasses = 10;
    QTemporaryDir dir;
    const std::string file = dir.filePath("preset.json").toStdString();
    savePreset(file, p);
    const Params q = loadPreset(file);
    QCOMPARE(paramsToJson(q).dump(), paramsToJson(p).dump());
    QCOMPARE(q.seed, p.seed);
}

void TestDraw::presetErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("not json") << QByteArray("{alpha: 1");
    QTest::newRow("array") << QByteArray("[1, 2]");
    QTest::newRow("alpha string") << QByteArray(R"({"alpha": "big"})");
    QTest::newRow("alpha zero") << QByteArray(R"({"alpha": 0})");
    QTest::newRow("unknown convention") << QByteArray(R"({"convention": "fmix"})");
    QTest::newRow("minmax of three") << QByteArray(R"({"minmax": [0.1, 0.2, 0.3]})");
    QTest::newRow("empty") << QByteArray("");
}

void TestDraw::presetErrors()
{
    QFETCH(QByteArray, text);
    QTemporaryDir dir;
    const QString file = dir.filePath("bad.json");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    try {
        loadPreset(file.toStdString());
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("bad.json"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, loadPreset(dir.filePath("missing.json").toStdString()));
}

void TestDraw::badParams()
{
    Params p;
    p.alpha = -2;
    QVERIFY_THROWS_EXCEPTION(Error, sampleDraw(p, {10, 10}, {10, 10}));
    p.alpha = 1;
    QVERIFY_THROWS_EXCEPTION(Error, sampleDraw(p, {0, 10}, {10, 10}));
    p.smoothing = 2;
    QVERIFY_THROWS_EXCEPTION(Error, sampleDraw(p, {10, 10}, {10, 10}));
}

void TestDraw::sampleRecordSchema()
{
    Params p;
    p.smoothing = 0.1;
    const Draw d = sampleDraw(p, {320, 180}, {320, 180});
    const NamedPair named = namePair("cat", "cup", 0, 0.1);
    SampleInfo info = namedPairInfo("a/cat.png", "b/cup.png", named, d);
    info.file = "out.png";
    const json full = sampleRecord(d, info);
    const json draw = drawRecord(d);
    // The sample record is the draw record plus the sample's keys.
    for (const auto& [key, value] : draw.items())
        QVERIFY2(full.at(key) == value, key.c_str());
    for (const char* key : {"file", "a", "b", "classes", "label", "self_mix", "redraws"})
        QVERIFY2(full.contains(key), key);
    QCOMPARE(full.size(), draw.size() + 7);
    QCOMPARE(full["a"]["class"].get<int>(), 0);
    QCOMPARE(full["b"]["class"].get<int>(), 1);
    QVERIFY(full["classes"] == json({"cat", "cup"}));
    QCOMPARE(full["label"][0].get<double>(), d.lam * 0.9 + 0.05);
    QCOMPARE(full["self_mix"].get<bool>(), false);
    // The manifest leaves the class names to classes.txt.
    const json manifest = sampleRecord(d, info, ClassNames::InClassesFile);
    QVERIFY(!manifest.contains("classes"));
    QCOMPARE(manifest.size(), full.size() - 1);
}

void TestDraw::heldDrawIsRecorded()
{
    // A held draw's lam is the Beta quantile of the held uniform, at the same
    // position as the plain draw of (seed, index); the record says so.
    const RandomInputs plain = drawInputs(5, 3, 2.0);
    const RandomInputs held = heldInputs(5, 3, 2.0, 0.25);
    QCOMPARE(held.u, plain.u);
    QVERIFY(std::abs(held.lam - 0.3264) < 1e-3); // I_x(2, 2) = 0.25 at x = 0.3264
    Params p;
    p.alpha = 2.0;
    QVERIFY(drawRecord(makeDraw(p, {40, 40}, {40, 40}, plain))["held_u"].is_null());
    QCOMPARE(drawRecord(makeDraw(p, {40, 40}, {40, 40}, held))["held_u"].get<double>(), 0.25);
}

void TestDraw::fixedNumbersHaveNoNegativeZero_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("text");
    QTest::newRow("tiny negative") << -1e-9 << 4 << "0.0000";
    QTest::newRow("negative zero") << -0.0 << 2 << "0.00";
    QTest::newRow("negative, shown") << -0.00005 << 4 << "-0.0001";
    QTest::newRow("negative") << -0.25 << 2 << "-0.25";
    QTest::newRow("positive") << 0.70345 << 3 << "0.703";
    QTest::newRow("no decimals") << -0.4 << 0 << "0";
}

void TestDraw::fixedNumbersHaveNoNegativeZero()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(formatFixed(value, decimals)), text);
}

QTEST_APPLESS_MAIN(TestDraw)
#include "tst_draw.moc"
