// The lam explorer's statistics: closed forms (mean lam = 0.5 for every
// alpha; P(clipped) of the official box at alpha 1 against an independent
// Monte Carlo and the integral 5/6), equality with `cutmix sample` for the
// same seed, chunking and cancelling.
#include "clirun.h"
#include "draw.h"
#include "error.h"
#include "lamstats.h"
#include "method.h"
#include "testutil.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>
#include <nlohmann/json.hpp>
#include <random>

using namespace cutmix;

namespace
{

Params official(double alpha, std::uint64_t seed = 0)
{
    Params p;
    p.method = &methodNamed("official");
    p.alpha = alpha;
    p.seed = seed;
    return p;
}

QByteArray cliOutput(const QStringList& args)
{
    const CliRun r = runCli(args);
    if (r.code != 0)
        qWarning() << r.err;
    return r.out.toUtf8();
}

} // namespace

class TestStats : public QObject
{
    Q_OBJECT

private slots:
    void meanLamIsOneHalfForEveryAlpha()
    {
        const std::uint64_t n = 40000;
        for (double alpha : {0.2, 1.0, 4.0}) {
            const LamStats s = lamStats(official(alpha, 11), {224, 224}, 0, n);
            QCOMPARE(s.count, n);
            // Var(lam) = 1 / (4 (2 alpha + 1)) for Beta(alpha, alpha).
            const double sd = std::sqrt(1.0 / (4.0 * (2.0 * alpha + 1.0)) / double(n));
            QVERIFY2(std::abs(s.meanSampled() - 0.5) < 4.5 * sd,
                     qPrintable(QString("alpha %1: mean %2").arg(alpha).arg(s.meanSampled())));
            // The official box corrects: the reported weight is A's share of the pixels.
            QCOMPARE(s.meanLam(), s.meanAdj());
            // Clipping only ever gives A more pixels.
            QVERIFY(s.meanBias() > 0);
        }
    }

    void tinyAlphaCountsBothEnds()
    {
        // A subnormal alpha (accepted by the checks) in the explorer and
        // `cutmix stats`: every lam is 0 or 1, half of them each, no NaN in
        // any mean (issue 24, item 1).
        const std::uint64_t n = 20000;
        for (double alpha : {1e-310, 4.9e-324, 1e-200}) {
            const LamStats s = lamStats(official(alpha, 21), {64, 48}, 0, n);
            QCOMPARE(s.count, n);
            for (double mean : {s.meanSampled(), s.meanAdj(), s.meanLam(), s.meanBias()})
                QVERIFY(std::isfinite(mean));
            const std::uint64_t zeros = s.histSampled.front(), ones = s.histSampled.back();
            QCOMPARE(zeros + ones, n);
            QVERIFY2(std::abs(double(ones) - n / 2.0) < 5.0 * std::sqrt(double(n)) / 2.0,
                     qPrintable(QString("alpha %1: %2 ones").arg(alpha).arg(ones)));
        }
    }

    void aBillionDrawsShowProgressAndStop()
    {
        // `stats --count 1000000000` runs for minutes (issue 24, item 13): it
        // says how far it is and how long the rest takes, and Ctrl-C stops it
        // with exit 130 and nothing written: no JSON, no plot. First through
        // the test hook (SIGINT at a chosen draw), then a real signal sent
        // once the progress line has been read from the pipe.
        QTemporaryDir dir;
        const QString plot = dir.filePath("plot.png");
        const QStringList args{"stats", "--size", "32x24", "--count", "1000000000", "--plot", plot};
        const CliRun hooked = runCli(args, {{}, {{"CUTMIX_TEST_INTERRUPT_AT", "131072"}}, 60000});
        QCOMPARE(hooked.code, 130);
        QVERIFY(hooked.out.isEmpty());
        QVERIFY2(hooked.err.contains("interrupted after 13") && hooked.err.contains("of 1000000000 draws: nothing "
                                                                                    "written"),
                 qPrintable(hooked.err));
        QVERIFY(!QFile::exists(plot));
        QProcess p;
        p.setReadChannel(QProcess::StandardError);
        p.start(CUTMIX_CLI, args);
        QString err;
        while (!err.contains("left; Ctrl-C stops")) {
            QVERIFY2(p.waitForReadyRead(60000), qPrintable(err));
            err += QString::fromUtf8(p.readAllStandardError());
        }
        QVERIFY2(err.startsWith("stats: 0% (") && err.contains(" of 1000000000 draws), about "), qPrintable(err));
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(p.readAllStandardOutput().isEmpty());
        QVERIFY(!QFile::exists(plot));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void clippedChanceOfTheOfficialBox()
    {
        const std::uint64_t n = 100000;
        const int w = 224, h = 224;
        const LamStats s = lamStats(official(1.0, 3), {w, h}, 0, n);
        // An independent Monte Carlo of the official rule: lam ~ U(0, 1) (Beta(1, 1)), the cut
        // int(W sqrt(1 - lam)), a uniform integer centre, clipped when half the cut reaches out.
        std::mt19937_64 gen(12345);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::uniform_int_distribution<int> cx(0, w - 1), cy(0, h - 1);
        std::uint64_t clipped = 0;
        for (std::uint64_t k = 0; k < n; ++k) {
            const double r = std::sqrt(1.0 - u(gen));
            const int cw = int(w * r), ch = int(h * r);
            const int x = cx(gen), y = cy(gen);
            clipped += x - cw / 2 < 0 || x + cw / 2 > w || y - ch / 2 < 0 || y + ch / 2 > h;
        }
        const double mc = double(clipped) / double(n);
        const double sd = std::sqrt(2.0 * mc * (1.0 - mc) / double(n));
        QVERIFY2(std::abs(s.pClipped() - mc) < 5.0 * sd,
                 qPrintable(QString("tool %1, Monte Carlo %2").arg(s.pClipped()).arg(mc)));
        // The continuous limit: P(inside) = E[(1 - r)^2] with r^2 ~ U(0, 1), which is 1/6.
        QVERIFY2(std::abs(s.pClipped() - 5.0 / 6.0) < 0.015, qPrintable(QString::number(s.pClipped())));
        // The histogram of the sampled lam is flat at alpha 1.
        for (std::uint64_t c : s.histSampled)
            QVERIFY(std::abs(double(c) - double(n) / 50.0) < 6.0 * std::sqrt(double(n) / 50.0));
    }

    void sameDrawsAsCutmixSample()
    {
        const QByteArray csv = cliOutput({"sample", "--count", "3000", "--size", "64x48", "--seed", "5", "--alpha",
                                          "0.7", "--convention", "official-raw"});
        const auto stats =
            nlohmann::json::parse(cliOutput({"stats", "--count", "3000", "--size", "64x48", "--seed", "5", "--alpha",
                                             "0.7", "--convention", "official-raw", "--bins", "20"})
                                      .toStdString());
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 3001);
        double sampled = 0, lam = 0, adj = 0;
        std::vector<std::uint64_t> hist(20, 0);
        for (int k = 1; k < lines.size(); ++k) {
            const QList<QByteArray> f = lines[k].split(',');
            sampled += f[1].toDouble();
            lam += f[6].toDouble();
            adj += f[7].toDouble();
            ++hist[std::size_t(std::min(19, int(f[1].toDouble() * 20)))];
        }
        QCOMPARE(stats["count"].get<int>(), 3000);
        QCOMPARE(stats["mean_lam_sampled"].get<double>(), sampled / 3000);
        QCOMPARE(stats["mean_lam"].get<double>(), lam / 3000);
        QCOMPARE(stats["mean_lam_adj"].get<double>(), adj / 3000);
        QCOMPARE(stats["histogram"]["lam_sampled"].get<std::vector<std::uint64_t>>(), hist);
        QCOMPARE(stats["histogram"]["edges"].size(), std::size_t(21));
        for (const char* key : {"p_clipped", "p_empty", "histogram"})
            QVERIFY(stats.contains(key));
        QCOMPARE(stats.size(), std::size_t(7)); // exactly the documented keys
    }

    void chunksAddUpAndCancelStops()
    {
        const Params p = official(0.5, 2);
        const LamStats whole = lamStats(p, {100, 80}, 0, 5000);
        LamStats parts = emptyStats(50);
        for (std::uint64_t first = 0; first < 5000; first += 1250)
            addStats(parts, lamStats(p, {100, 80}, first, 1250));
        QCOMPARE(parts.count, whole.count);
        QCOMPARE(parts.histAdj, whole.histAdj);
        QCOMPARE(parts.clipped, whole.clipped);
        QVERIFY(std::abs(parts.sumSampled - whole.sumSampled) < 1e-9);
        std::atomic<bool> cancel{true};
        QCOMPARE(lamStats(p, {100, 80}, 0, 5000, 50, &cancel).count, std::uint64_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, lamStats(p, {0, 80}, 0, 10));
    }

    void otherMethods()
    {
        // MixUp: no box, never clipped; the weight is lam itself.
        Params m;
        m.method = &methodNamed("mixup");
        m.alpha = 0.4;
        const LamStats s = lamStats(m, {64, 64}, 0, 2000);
        QCOMPARE(s.clipped, std::uint64_t(0));
        QCOMPARE(s.meanLam(), s.meanSampled());
        // Kornia places its box inside the image; only its quirk (a cut that fills a side
        // starts at -1) reaches out, rarely.
        Params k = m;
        k.method = &methodNamed("kornia");
        const LamStats ks = lamStats(k, {64, 64}, 0, 2000);
        QVERIFY(ks.pClipped() < 0.01);
        QVERIFY(lamStats(official(0.4), {64, 64}, 0, 2000).pClipped() > 0.5);
    }

    void moreSources()
    {
        // Multi-source CutMix: A's visible share shrinks as sources are added;
        // `cutmix stats --sources K` prints exactly core's statistics.
        double previous = 1.0;
        for (int k = 2; k <= 5; ++k) {
            Params p = official(1.0);
            p.sources = k;
            const LamStats s = lamStats(p, {48, 40}, 0, 2000);
            QCOMPARE(s.count, std::uint64_t(2000));
            QVERIFY2(s.meanLam() < previous, qPrintable(QString::number(k)));
            previous = s.meanLam();
            const auto j = nlohmann::json::parse(
                cliOutput({"stats", "--count", "2000", "--size", "48x40", "--sources", QString::number(k)})
                    .toStdString());
            QCOMPARE(j["mean_lam"].get<double>(), s.meanLam());
        }
        QCOMPARE(runCli({"stats", "--size", "8x8", "--sources", "9"}).code, 2);
    }

    void mosaicCountsEachTilesShare()
    {
        // Mosaic samples no lam: the statistics are each tile's share of the
        // tiles' pixels (its label's weight), from the draws `cutmix mix
        // --method mosaic` makes, the four images at their own sizes; and
        // `cutmix stats --method mosaic` prints the same (issue 22). On main
        // they were the histograms of an unused Beta lam.
        Params p;
        p.method = &methodNamed("mosaic");
        p.seed = 9;
        p.setNumber(Setting::MosaicSize, 48);
        const std::vector<Size> sizes{{64, 48}, {40, 40}, {30, 60}, {100, 20}};
        const std::uint64_t n = 3000;
        const int bins = 25;
        const TileShares shares = mosaicTileShares(p, sizes, n, bins);
        const auto& hist = shares.hist;
        const auto& sum = shares.sum;
        const nlohmann::json j = statsJson(lamStats(p, sizes, 0, n, bins));
        const char* keys[] = {"share_a", "share_b", "share_c", "share_d"};
        double means = 0.0;
        for (std::size_t t = 0; t < 4; ++t) {
            QCOMPARE(j["histogram"][keys[t]].get<std::vector<std::uint64_t>>(), hist[t]);
            const double mean = j["mean_" + std::string(keys[t])].get<double>();
            QVERIFY2(std::abs(mean - sum[t] / double(n)) < 1e-12, keys[t]);
            means += mean;
        }
        QVERIFY(std::abs(means - 1.0) < 1e-9); // the weights sum to 1
        // No lam where there is none, and no box to clip.
        for (const char* key : {"mean_lam", "mean_lam_sampled", "mean_lam_adj", "p_clipped"})
            QVERIFY2(!j.contains(key), key);
        QVERIFY(!j["histogram"].contains("lam_sampled"));
        QCOMPARE(j.size(), std::size_t(6)); // count, four means, histogram

        QStringList args{"stats", "--method", "mosaic", "--mosaic-size", "48", "--seed",
                         "9",     "--count",  "3000",   "--bins",        "25"};
        for (Size s : sizes)
            args << "--size" << QString("%1x%2").arg(s.width).arg(s.height);
        QVERIFY(nlohmann::json::parse(cliOutput(args).toStdString()) == j);
        // One size is every image's.
        const auto one = nlohmann::json::parse(
            cliOutput({"stats", "--method", "mosaic", "--mosaic-size", "48", "--size", "64x48", "--count", "500"})
                .toStdString());
        Params seed0 = p;
        seed0.seed = 0;
        QVERIFY(one == statsJson(lamStats(seed0, Size{64, 48}, 0, 500)));
        // Two sizes for four images: refused, nothing printed.
        const CliRun two = runCli({"stats", "--method", "mosaic", "--size", "64x48", "--size", "40x40"});
        QCOMPARE(two.code, 2);
        QVERIFY2(two.err.contains("once for each of the 4 images Mosaic draws from"), qPrintable(two.err));
        QVERIFY(two.out.isEmpty());
    }

    void cutoutCountsTheShareErased()
    {
        // Cutout mixes no label (the weight of A is 1): the statistics are the
        // share of the image its square erases, clipped at the border.
        Params p;
        p.method = &methodNamed("cutout");
        p.seed = 4;
        p.setNumber(Setting::CutoutSize, 0.4);
        const Size size{64, 48};
        const std::uint64_t n = 4000;
        std::vector<std::uint64_t> hist(50, 0);
        double sum = 0.0;
        std::uint64_t clipped = 0;
        for (std::uint64_t k = 0; k < n; ++k) {
            Params q = p;
            q.index = k;
            const Box raw = sampleDraw(q, {size, size}).geometry.unclipped;
            const Box in = clippedTo(raw, size);
            const double erased = erasedShare(raw, size);
            sum += erased;
            ++hist[std::size_t(std::min(49, int(erased * 50)))];
            clipped += in.width() != raw.width() || in.height() != raw.height();
        }
        const nlohmann::json j = statsJson(lamStats(p, size, 0, n));
        QCOMPARE(j["histogram"]["erased"].get<std::vector<std::uint64_t>>(), hist);
        QVERIFY(std::abs(j["mean_erased"].get<double>() - sum / double(n)) < 1e-12);
        QCOMPARE(j["p_clipped"].get<double>(), double(clipped) / double(n));
        // The side is int(0.4 * 48) = 19, odd: the square is 18 x 18 and erases
        // at most 324 / 3072 of the image.
        QCOMPARE(hist[std::size_t(int(324.0 / 3072.0 * 50))], n - clipped);
        for (const char* key : {"mean_lam", "mean_lam_sampled", "mean_lam_adj"})
            QVERIFY2(!j.contains(key), key);
        QVERIFY(nlohmann::json::parse(cliOutput({"stats", "--method", "cutout", "--cutout-size", "0.4", "--seed", "4",
                                                 "--size", "64x48", "--count", "4000"})
                                          .toStdString()) == j);
    }

    void resizeMixCountsTauAndTheAreaShare()
    {
        // ResizeMix samples no lam: it draws the patch scale tau from
        // U(lo, hi), and its label weight is the share of the image the patch
        // covers. The statistics count those two, from the draws `cutmix mix
        // --method resizemix` makes; before, they were the histograms of the
        // Beta lam its inputs carry and it never uses.
        Params p;
        p.method = &methodNamed("resizemix");
        p.seed = 6;
        p.setRange(Setting::Scale, {0.2, 0.7});
        const Size size{64, 48};
        const std::uint64_t n = 3000;
        std::vector<std::uint64_t> histTau(50, 0), histShare(50, 0);
        double sumTau = 0.0, sumShare = 0.0;
        for (std::uint64_t k = 0; k < n; ++k) {
            Params q = p;
            q.index = k;
            const Draw d = sampleDraw(q, {size, size});
            const Box& patch = d.geometry.box;
            // The patch is int(tau W) x int(tau H), inside A.
            QCOMPARE(patch.width(), int(d.tau * size.width));
            const double share = double(patch.area()) / double(size.width * size.height);
            QVERIFY(std::abs(d.weights[1] - share) < 1e-12); // B's label weight
            sumTau += d.tau;
            sumShare += share;
            ++histTau[std::size_t(int(d.tau * 50))];
            ++histShare[std::size_t(std::min(49, int(share * 50)))];
        }
        const nlohmann::json j = statsJson(lamStats(p, size, 0, n));
        QVERIFY2(j["histogram"].contains("tau") && j["histogram"].contains("area_share"),
                 "no histogram of tau and of the area share (the unused Beta lam's instead)");
        QCOMPARE(j["histogram"]["tau"].get<std::vector<std::uint64_t>>(), histTau);
        QCOMPARE(j["histogram"]["area_share"].get<std::vector<std::uint64_t>>(), histShare);
        QVERIFY(std::abs(j["mean_tau"].get<double>() - sumTau / double(n)) < 1e-12);
        QVERIFY(std::abs(j["mean_area_share"].get<double>() - sumShare / double(n)) < 1e-12);
        // tau is uniform on [0.2, 0.7]: nothing outside, about 0.45 on average.
        for (int b = 0; b < 50; ++b)
            if (b < 10 || b >= 35)
                QCOMPARE(histTau[std::size_t(b)], std::uint64_t(0));
        QVERIFY(std::abs(j["mean_tau"].get<double>() - 0.45) < 0.01);
        for (const char* key : {"mean_lam", "mean_lam_sampled", "mean_lam_adj"})
            QVERIFY2(!j.contains(key), key);
        QVERIFY(!j["histogram"].contains("lam_sampled"));
        QCOMPARE(j["p_clipped"].get<double>(), 0.0); // the patch is placed inside A
        QVERIFY(nlohmann::json::parse(cliOutput({"stats", "--method", "resizemix", "--scale", "0.2,0.7", "--seed", "6",
                                                 "--size", "64x48", "--count", "3000"})
                                          .toStdString()) == j);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
