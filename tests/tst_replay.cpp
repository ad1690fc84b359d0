// NumPy's legacy generator and the replay of training runs, against vectors
// that NumPy itself made (tests/vectors/numpy_replay.py wrote
// tests/data/numpy_replay.txt): every run's whole CSV is compared through its
// SHA-256, and its first lines one by one. Runs without Python.
#include "error.h"
#include "method.h"
#include "numpyrandom.h"
#include "replay.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace cutmix;

namespace
{

struct Vector {
    QStringList args;
    ReplaySettings settings;
    std::uint64_t iterations = 0;
    QByteArray sha256;
    int lines = 0;
    QStringList head;
};

ReplaySettings settingsFrom(const QStringList& args, std::uint64_t& iterations)
{
    ReplaySettings s;
    for (int i = 0; i + 1 < args.size(); i += 2) {
        const QString& k = args[i];
        const QString& v = args[i + 1];
        if (k == "--recipe")
            s = replayDefaults(recipeNamed(v.toStdString()));
        else if (k == "--numpy-seed")
            s.seed = static_cast<std::uint32_t>(v.toULongLong());
        else if (k == "--size")
            s.size = {v.split('x')[0].toInt(), v.split('x')[1].toInt()};
        else if (k == "--alpha")
            s.cutmixAlpha = v.toDouble(); // the official code's --beta
        else if (k == "--prob")
            s.prob = v.toDouble();
        else if (k == "--mixup-alpha")
            s.mixupAlpha = v.toDouble();
        else if (k == "--cutmix-alpha")
            s.cutmixAlpha = v.toDouble();
        else if (k == "--switch-prob")
            s.switchProb = v.toDouble();
        else if (k == "--correct-lam")
            s.correctLam = v == "yes";
        else if (k == "--iterations")
            iterations = v.toULongLong();
    }
    return s;
}

std::vector<Vector> loadVectors()
{
    std::vector<Vector> out;
    QFile f(CUTMIX_TEST_DATA "/numpy_replay.txt");
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith('#') || line.isEmpty())
            continue;
        if (line.startsWith("run ")) {
            Vector v;
            v.args = line.mid(4).split(' ');
            v.settings = settingsFrom(v.args, v.iterations);
            out.push_back(v);
        } else if (line.startsWith("sha256 ")) {
            const QStringList p = line.split(' ');
            out.back().sha256 = p[1].toLatin1();
            out.back().lines = p[2].toInt();
        } else {
            out.back().head << line;
        }
    }
    return out;
}

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT
private slots:
    void generatorMatchesNumpy_data();
    void generatorMatchesNumpy();
    void randintEdges();
    void runsMatchNumpy();
    void cursorGoesBackAndForth();
    void startSkipsTheDraws();
    void badSettings();
    void drawsOfAReplayedRun();
};

void TestReplay::generatorMatchesNumpy_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<double>("rand");
    QTest::addColumn<double>("beta03");
    QTest::addColumn<double>("beta2");
    QTest::addColumn<qint64>("randint224");
    // np.random.seed(s); rand(), beta(0.3, 0.3), beta(2.0, 2.0), beta(1, 1), randint(224)
    // (printed by NumPy 1.24.2 with %.17g).
    QTest::newRow("seed 0") << 0u << 0.54881350392732475 << 0.63878059400190323 << 0.028442568316702384 << qint64(9);
    QTest::newRow("seed 1") << 1u << 0.417022004702574 << 0.99999999999978328 << 0.41904469636756136 << qint64(178);
    QTest::newRow("seed 2^32-1") << 4294967295u << 0.097632028994013798 << 0.99999654014180961 << 0.44045197669911373
                                 << qint64(89);
}

void TestReplay::generatorMatchesNumpy()
{
    QFETCH(quint32, seed);
    QFETCH(double, rand);
    QFETCH(double, beta03);
    QFETCH(double, beta2);
    QFETCH(qint64, randint224);
    NumpyRandomState r(seed);
    QCOMPARE(r.randomSample(), rand);
    QCOMPARE(r.beta(0.3, 0.3), beta03); // Johnk's method
    QCOMPARE(r.beta(2.0, 2.0), beta2);  // ratio of legacy gammas over the cached polar Gaussian
    r.beta(1.0, 1.0);
    QCOMPARE(qint64(r.randint(0, 224)), randint224);
}

void TestReplay::randintEdges()
{
    // A range of one value draws nothing: the stream is the same afterwards.
    NumpyRandomState a(5), b(5);
    QCOMPARE(a.randint(3, 4), std::int64_t(3));
    QCOMPARE(a.randomSample(), b.randomSample());
    // The mask rejects values above the range, never biases towards it.
    NumpyRandomState c(9);
    int counts[5] = {};
    for (int i = 0; i < 50000; ++i)
        ++counts[c.randint(0, 5)];
    for (int k : counts)
        QVERIFY(std::abs(k - 10000) < 500);
    QVERIFY_THROWS_EXCEPTION(Error, c.randint(4, 4));
}

void TestReplay::runsMatchNumpy()
{
    const std::vector<Vector> vectors = loadVectors();
    QVERIFY2(vectors.size() > 400, "tests/data/numpy_replay.txt is missing or short");
    std::uint64_t iterations = 0;
    for (const Vector& v : vectors) {
        Replay replay(v.settings);
        QByteArray text = QByteArray(replayCsvHeader().data(), qsizetype(replayCsvHeader().size())) + '\n';
        QStringList head{QString::fromUtf8(text.trimmed())};
        for (std::uint64_t i = 0; i < v.iterations; ++i) {
            const std::string line = replayCsvLine(replay.next());
            text += QByteArray::fromStdString(line) + '\n';
            if (head.size() < v.head.size())
                head << QString::fromStdString(line);
        }
        QCOMPARE(head, v.head);
        QVERIFY2(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex() == v.sha256,
                 qPrintable("the whole run differs from NumPy's: " + v.args.join(' ')));
        iterations += v.iterations;
    }
    qInfo("%zu runs, %llu iterations, equal to NumPy's", vectors.size(), (unsigned long long)iterations);
}

void TestReplay::cursorGoesBackAndForth()
{
    ReplaySettings s;
    s = replayDefaults(recipeNamed("timm"));
    s.seed = 77;
    s.prob = 1.0;
    Replay sequential(s);
    std::vector<std::string> lines;
    for (int i = 0; i < 1200; ++i)
        lines.push_back(replayCsvLine(sequential.next()));
    ReplayCursor cursor(s);
    for (std::uint64_t i : {700u, 3u, 1199u, 256u, 255u, 0u, 513u, 700u})
        QCOMPARE(replayCsvLine(cursor.at(i)), lines[i]);
}

void TestReplay::startSkipsTheDraws()
{
    ReplaySettings s;
    s.seed = 3;
    s.prob = 0.9;
    Replay whole(s), skipped(s);
    for (int i = 0; i < 500; ++i)
        whole.next();
    skipped.skipTo(500);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(replayCsvLine(skipped.next()), replayCsvLine(whole.next()));
}

void TestReplay::badSettings()
{
    ReplaySettings s;
    s = replayDefaults(recipeNamed("timm"));
    s.mixupAlpha = 0.0;
    s.cutmixAlpha = 0.0;
    QVERIFY_THROWS_EXCEPTION(Error, Replay{s});
    s = ReplaySettings{};
    s.prob = 1.5;
    QVERIFY_THROWS_EXCEPTION(Error, Replay{s});
    s = ReplaySettings{};
    s.size = {0, 3};
    QVERIFY_THROWS_EXCEPTION(Error, Replay{s});
    QVERIFY_THROWS_EXCEPTION(Error, recipeNamed("keras"));
    // torchvision draws with torch, not NumPy: it has no replay.
    QVERIFY_THROWS_EXCEPTION(Error, Replay{replayDefaults(recipeNamed("torchvision"))});
}

void TestReplay::drawsOfAReplayedRun()
{
    // timm with both methods and prob 0.5: iterations of every kind.
    ReplaySettings s;
    s = replayDefaults(recipeNamed("timm"));
    s.seed = 42;
    s.size = {40, 30};
    s.mixupAlpha = 0.4;
    s.cutmixAlpha = 2.0;
    s.correctLam = false;
    s.prob = 0.5;
    Params base;
    base.smoothing = 0.0;
    Replay run(s);
    int kinds[3] = {0, 0, 0};
    for (int i = 0; i < 60; ++i) {
        const ReplayStep step = run.next();
        const Draw d = replayDraw(step, s, base, s.size, s.size);
        QCOMPARE(d.params.seed, std::uint64_t(s.seed));
        QCOMPARE(d.params.index, step.iteration);
        QCOMPARE(d.weights.size(), std::size_t(2));
        if ((step.method && step.method->family == "cutmix")) {
            ++kinds[0];
            // The recipe's box and weight (correct_lam=False: the drawn lam), and its alpha.
            QCOMPARE(d.geometry.box, *step.box);
            QCOMPARE(d.lam, step.lam);
            QCOMPARE(d.params.alpha, s.cutmixAlpha);
            QCOMPARE(std::string(d.method().family), std::string("cutmix"));
        } else if ((step.method && step.method->family == "mixup")) {
            ++kinds[1];
            QCOMPARE(d.lam, step.lam);
            QCOMPARE(d.params.alpha, s.mixupAlpha);
            QCOMPARE(std::string(d.method().family), std::string("mixup"));
        } else {
            // No mixing: A as it is, with all the weight.
            ++kinds[2];
            QCOMPARE(d.lam, 1.0);
            QCOMPARE(d.weights[0], 1.0);
            QVERIFY(d.method().region == Region::Blend);
        }
    }
    QVERIFY(kinds[0] > 5 && kinds[1] > 5 && kinds[2] > 5);
}

QTEST_APPLESS_MAIN(TestReplay)
#include "tst_replay.moc"
