// The batch: partner rules, lam sharing per mode, decisions, targets against
// the formula, and every mixed element's pixels against the pair view's mix
// of the same draw.
#include "batch.h"
#include "batchio.h"
#include "error.h"
#include "imageio.h"
#include "labels.h"
#include "mixer.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sstream>

using namespace cutmix;

namespace
{

std::vector<cv::Mat> patternBatch(int n, Size s, int type = CV_8UC3)
{
    std::vector<cv::Mat> b;
    for (int i = 0; i < n; ++i)
        b.push_back(patternImage(s.height, s.width, type, i + 1));
    return b;
}

BatchSettings timm(BatchMode mode = BatchMode::Batch)
{
    BatchSettings s = recipeDefaults(recipeNamed("timm"));
    s.mode = mode;
    return s;
}

std::string slurp(const std::filesystem::path& p)
{
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

class TestBatch : public QObject
{
    Q_OBJECT

private slots:
    void partnerMaps()
    {
        for (int n = 1; n <= 9; ++n) {
            const auto flip = partnerMap(PartnerRule::Flip, n, 0, 0);
            const auto roll = partnerMap(PartnerRule::Roll, n, 0, 0);
            for (int i = 0; i < n; ++i) {
                QCOMPARE(flip[std::size_t(i)], n - 1 - i);
                QCOMPARE(roll[std::size_t(i)], i == 0 ? n - 1 : i - 1);
            }
            // An odd flipped batch's middle element is its own partner; an even one has none.
            int selfFlips = 0;
            for (int i = 0; i < n; ++i)
                selfFlips += flip[std::size_t(i)] == i;
            QCOMPARE(selfFlips, n % 2);
            for (std::uint64_t seed : {0u, 1u, 7u}) {
                const auto perm = partnerMap(PartnerRule::Perm, n, seed, 3);
                QCOMPARE(std::set<int>(perm.begin(), perm.end()).size(), std::size_t(n)); // a permutation
                QCOMPARE(partnerMap(PartnerRule::Perm, n, seed, 3), perm);                // from (seed, batch) alone
            }
        }
        // Permutations differ between batches, and some have fixed points (self-pairs).
        QVERIFY(partnerMap(PartnerRule::Perm, 8, 0, 0) != partnerMap(PartnerRule::Perm, 8, 0, 1));
        bool fixedPoint = false;
        for (std::uint64_t b = 0; b < 20 && !fixedPoint; ++b) {
            const auto perm = partnerMap(PartnerRule::Perm, 8, 0, b);
            for (int i = 0; i < 8; ++i)
                fixedPoint = fixedPoint || perm[std::size_t(i)] == i;
        }
        QVERIFY(fixedPoint);
    }

    void recipesUseTheirRule()
    {
        const Size s{32, 24};
        QCOMPARE(drawBatch(timm(), 6, s).pixelRule, PartnerRule::Flip);
        QCOMPARE(drawBatch(recipeDefaults(recipeNamed("torchvision")), 5, s).pixelRule, PartnerRule::Roll);
        QCOMPARE(drawBatch(recipeDefaults(recipeNamed("official")), 5, s).pixelRule, PartnerRule::Perm);
        // An override moves the pixels only: the labels keep the recipe's rule.
        BatchSettings o = timm();
        o.partner = PartnerRule::Roll;
        const BatchDraw b = drawBatch(o, 6, s);
        for (int i = 0; i < 6; ++i) {
            const BatchElement& e = b.elements[std::size_t(i)];
            QCOMPARE(e.partner, i == 0 ? 5 : i - 1);
            QCOMPARE(e.labelPartner, 5 - i);
            QCOMPARE(e.mismatch(), e.partner != e.labelPartner);
        }
    }

    void timmRefusesAnOddBatch()
    {
        for (BatchMode m : {BatchMode::Batch, BatchMode::Pair, BatchMode::Elem}) {
            QVERIFY_THROWS_EXCEPTION(Error, drawBatch(timm(m), 5, {16, 16}));
            try {
                checkBatchSettings(timm(m), 3);
            } catch (const Error& e) {
                QCOMPARE(e.setting(), Setting::BatchSize);
                QVERIFY(QString(e.what()).contains("odd"));
            }
        }
        // The other recipes take any size, one included (its partner is itself).
        const BatchDraw one = drawBatch(recipeDefaults(recipeNamed("torchvision")), 1, {16, 16});
        QCOMPARE(one.elements[0].partner, 0);
        QVERIFY(one.elements[0].mixedWithItself());
    }

    void lamSharingPerMode()
    {
        const Size s{40, 30};
        const int n = 8;
        for (std::uint64_t seed = 0; seed < 5; ++seed) {
            BatchSettings b = timm(BatchMode::Batch);
            b.seed = seed;
            const BatchDraw batch = drawBatch(b, n, s);
            for (const BatchElement& e : batch.elements) {
                QCOMPARE(e.lam, batch.elements[0].lam);
                QCOMPARE(e.draw.params.index, batch.elements[0].draw.params.index);
            }
            b.mode = BatchMode::Pair;
            const BatchDraw pair = drawBatch(b, n, s);
            std::set<double> pairLams;
            for (int i = 0; i < n; ++i) {
                const BatchElement& e = pair.elements[std::size_t(i)];
                const BatchElement& f = pair.elements[std::size_t(n - 1 - i)];
                QCOMPARE(e.lam, f.lam);
                QCOMPARE(e.draw.geometry.box, f.draw.geometry.box);
                QCOMPARE(e.unit, std::min(i, n - 1 - i));
                pairLams.insert(e.lam);
            }
            QCOMPARE(pairLams.size(), std::size_t(n / 2)); // independent across pairs
            b.mode = BatchMode::Elem;
            const BatchDraw elem = drawBatch(b, n, s);
            std::set<double> elemLams;
            for (const BatchElement& e : elem.elements)
                elemLams.insert(e.lam);
            QCOMPARE(elemLams.size(), std::size_t(n));
        }
    }

    void decisions()
    {
        const Size s{40, 30};
        BatchSettings b = timm(BatchMode::Elem);
        b.prob = 0.0;
        for (const BatchElement& e : drawBatch(b, 8, s).elements) {
            QVERIFY(!e.mixed);
            QCOMPARE(e.lam, 1.0);
        }
        b.prob = 1.0;
        b.switchProb = 1.0;
        for (const BatchElement& e : drawBatch(b, 8, s).elements)
            QCOMPARE(e.draw.method().family, std::string_view("cutmix"));
        b.switchProb = 0.0;
        for (const BatchElement& e : drawBatch(b, 8, s).elements)
            QCOMPARE(e.draw.method().family, std::string_view("mixup"));
        // One alpha off: that method never appears.
        b.switchProb = 0.5;
        b.mixupAlpha = 0.0;
        for (const BatchElement& e : drawBatch(b, 8, s).elements)
            QCOMPARE(e.draw.method().family, std::string_view("cutmix"));
        // Both on, half and half over many units.
        b.mixupAlpha = 0.8;
        int cut = 0;
        const int count = 2000;
        for (const BatchElement& e : drawBatch(b, count, s).elements)
            cut += e.draw.method().isConvention();
        QVERIFY2(cut > 900 && cut < 1100, qPrintable(QString::number(cut)));
        // timm's correct_lam off reports the drawn lam; on, the clipped box's share.
        BatchSettings raw = timm(BatchMode::Elem);
        raw.switchProb = 1.0;
        raw.correctLam = false;
        const BatchDraw r = drawBatch(raw, 64, s);
        bool differs = false;
        for (const BatchElement& e : r.elements) {
            QCOMPARE(e.lam, e.draw.lamSampled);
            differs = differs || e.lam != e.draw.lamAdj;
        }
        QVERIFY(differs);
        // cutmix_minmax draws the cut directly (timm's rand_bbox_minmax).
        BatchSettings mm = timm();
        mm.switchProb = 1.0;
        mm.cutmixMinmax = MinMax{0.2, 0.5};
        QCOMPARE(drawBatch(mm, 4, s).elements[0].draw.method().name, std::string_view("timm-minmax"));
        // The official code mixes with probability prob, CutMix only.
        BatchSettings off = recipeDefaults(recipeNamed("official"));
        off.prob = 0.0;
        QVERIFY(!drawBatch(off, 4, s).elements[0].mixed);
    }

    void targetsFollowTheFormula()
    {
        const Size s{40, 30};
        const int n = 6, k = 4;
        const std::vector<int> classes{0, 1, 2, 3, 1, 0};
        for (const Recipe& r : recipes())
            for (BatchMode m : {BatchMode::Batch, BatchMode::Pair, BatchMode::Elem}) {
                BatchSettings b = recipeDefaults(r);
                b.mode = m;
                b.seed = 11;
                b.prob = r.name == "timm" ? 0.7 : b.prob;
                const BatchDraw d = drawBatch(b, n, s);
                const auto t = batchTargets(d, classes, k);
                const double smoothing = r.name == "timm" ? b.smoothing : 0.0;
                const double off = smoothing / k, on = 1.0 - smoothing + off;
                for (int i = 0; i < n; ++i) {
                    const BatchElement& e = d.elements[std::size_t(i)];
                    double sum = 0;
                    for (int c = 0; c < k; ++c) {
                        // lam * y1 + (1 - lam) * y2, both smoothed, written out.
                        const double y1 = classes[std::size_t(i)] == c ? on : off;
                        const double y2 = classes[std::size_t(e.mixed ? e.labelPartner : i)] == c ? on : off;
                        const double expected = e.lam * y1 + (1.0 - e.lam) * y2;
                        QVERIFY2(std::abs(t[std::size_t(i * k + c)] - expected) < 1e-12,
                                 qPrintable(QString("element %1 class %2").arg(i).arg(c)));
                        sum += t[std::size_t(i * k + c)];
                    }
                    QVERIFY(std::abs(sum - 1.0) < 1e-12);
                }
            }
    }

    void pixelsEqualThePairView()
    {
        for (const Recipe& r : recipes())
            for (BatchMode m : {BatchMode::Batch, BatchMode::Pair, BatchMode::Elem})
                for (std::uint64_t batch : {0u, 3u}) {
                    const Size s{48, 36};
                    const int n = r.name == "timm" ? 8 : 7;
                    BatchSettings b = recipeDefaults(r);
                    b.mode = m;
                    b.seed = 5;
                    b.batch = batch;
                    const auto images = patternBatch(n, s);
                    const BatchDraw d = drawBatch(b, n, s);
                    const auto after = mixBatch(images, d);
                    for (int i = 0; i < n; ++i) {
                        const BatchElement& e = d.elements[std::size_t(i)];
                        if (!e.mixed) {
                            QCOMPARE(cv::norm(after[std::size_t(i)], images[std::size_t(i)], cv::NORM_INF), 0.0);
                            continue;
                        }
                        // The pair view's draw, rebuilt from what the element names.
                        Params p;
                        p.method = e.draw.params.method;
                        p.alpha = e.draw.params.alpha;
                        p.correctLam = e.draw.correctLam;
                        p.setRange(Setting::MinMax, e.draw.params.range(Setting::MinMax));
                        p.seed = e.draw.params.seed;
                        p.index = e.draw.params.index;
                        QCOMPARE(e.draw.params.index, batch * std::uint64_t(n) + std::uint64_t(e.unit));
                        const Draw pairDraw = sampleDraw(p, s, s);
                        QCOMPARE(pairDraw.geometry.box, e.draw.geometry.box);
                        QCOMPARE(pairDraw.weights.at(0), e.lam);
                        const cv::Mat pair = mixPair(images[std::size_t(i)], images[std::size_t(e.partner)], pairDraw);
                        QCOMPARE(cv::norm(after[std::size_t(i)], pair, cv::NORM_INF), 0.0);
                        // And the pixels are A's outside the box, the partner's inside.
                        if (e.draw.method().isConvention() && e.partner != i) {
                            const Box& bx = e.draw.geometry.box;
                            const cv::Rect roi(bx.x1, bx.y1, bx.width(), bx.height());
                            if (roi.area() > 0)
                                QCOMPARE(cv::norm(after[std::size_t(i)](roi), images[std::size_t(e.partner)](roi),
                                                  cv::NORM_INF),
                                         0.0);
                        }
                    }
                }
    }

    void imagesOfDifferentSizesAndTypes()
    {
        std::vector<cv::Mat> images{patternImage(30, 40, CV_8UC3, 1), patternImage(50, 20, CV_8UC1, 2),
                                    patternImage(30, 40, CV_16UC3, 3), patternImage(31, 41, CV_8UC4, 4)};
        const auto prepared = prepareBatch(images, {40, 30});
        for (const cv::Mat& m : prepared) {
            QCOMPARE(m.type(), CV_8UC3);
            QCOMPARE(m.cols, 40);
            QCOMPARE(m.rows, 30);
        }
        QCOMPARE(cv::norm(prepared[0], images[0], cv::NORM_INF), 0.0);
    }

    void settingsAreChecked()
    {
        BatchSettings b = timm();
        b.mixupAlpha = 0;
        b.cutmixAlpha = 0;
        QVERIFY_THROWS_EXCEPTION(Error, checkBatchSettings(b, 4));
        b = timm();
        b.prob = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, checkBatchSettings(b, 4));
        b = timm();
        b.smoothing = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, checkBatchSettings(b, 4));
        b = timm();
        b.mixupAlpha = -1;
        QVERIFY_THROWS_EXCEPTION(Error, checkBatchSettings(b, 4));
        QVERIFY_THROWS_EXCEPTION(Error, checkBatchSettings(timm(), 0));
        QCOMPARE(recipeNamed("torchvision").partner, PartnerRule::Roll);
        QVERIFY_THROWS_EXCEPTION(Error, recipeNamed("keras"));
        b = timm();
        setRecipeValue(b, Setting::Partner, {7.0});
        QVERIFY_THROWS_EXCEPTION(Error, checkBatchSettings(b, 4));
    }

    void recipeTable()
    {
        // Every recipe: its defaults pass its own checks, every setting it
        // reads has a row, what its replay reads is among what it reads, and
        // a value it does not read never reaches its draws.
        QVERIFY(recipes().size() >= 3);
        for (const Recipe& r : recipes()) {
            checkRecipeValues(r, r.defaults);
            for (Setting k : r.settings)
                QCOMPARE(recipeSpec(k).setting, k);
            for (Setting k : r.replaySettings)
                QVERIFY(r.uses(k));
            QVERIFY(r.decide);
            RecipeValues v = r.defaults;
            v.cutmixMinmax = MinMax{0.3, 0.4};
            v.mode = BatchMode::Elem;
            const RecipeValues e = r.effective(v);
            QCOMPARE(e.cutmixMinmax.has_value(), r.uses(Setting::CutmixMinmax));
            QCOMPARE(e.mode == BatchMode::Elem, r.uses(Setting::Mode));
        }
        // The seeded source keeps each step's uniform in its place whatever
        // the order it is asked in.
        SeededSource a(7, 3), b(7, 3);
        const double mixFirst = a.uniform(RandomSource::Step::Mix);
        QCOMPARE(b.uniform(RandomSource::Step::Switch), a.uniform(RandomSource::Step::Switch));
        QCOMPARE(b.uniform(RandomSource::Step::Mix), mixFirst);
    }

    void datasetBatchesFollowTheSeededOrder()
    {
        // Batches tile the epochs: 10 entries, batches of 4 run across epochs.
        std::vector<std::size_t> seen;
        for (std::uint64_t b = 0; b < 5; ++b)
            for (std::size_t e : datasetBatchEntries(10, 3, b, 4))
                seen.push_back(e);
        std::set<std::size_t> firstEpoch(seen.begin(), seen.begin() + 10);
        QCOMPARE(firstEpoch.size(), std::size_t(10));
        std::set<std::size_t> secondEpoch(seen.begin() + 10, seen.end());
        QCOMPARE(secondEpoch.size(), std::size_t(10));
        QCOMPARE(datasetBatchEntries(10, 3, 2, 4), datasetBatchEntries(10, 3, 2, 4));
        QVERIFY(datasetBatchEntries(10, 3, 0, 4) != datasetBatchEntries(10, 4, 0, 4));
    }

    void plainFolderOfImages()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        for (const char* name : {"b.png", "a.png", "c.png"})
            cv::imwrite((root / name).string(), patternImage(10, 12, CV_8UC3, 1));
        const Dataset d = loadBatchSource(root);
        QCOMPARE(d.classes, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(int(d.entries.size()), 3);
        QCOMPARE(d.entries[1].name, std::string("b.png"));
        QCOMPARE(d.entries[1].label, 1);
        // A folder with class folders is a dataset as before.
        std::filesystem::create_directories(root / "sub" / "cat");
        cv::imwrite((root / "sub" / "cat" / "x.png").string(), patternImage(10, 12, CV_8UC3, 2));
        QCOMPARE(loadBatchSource(root / "sub").classes, (std::vector<std::string>{"cat"}));
        QVERIFY_THROWS_EXCEPTION(Error, loadBatchSource(root / "missing"));
    }

    void targetsCsvAndDump()
    {
        QTemporaryDir dir;
        const auto images = patternBatch(4, {20, 16});
        BatchInput in = batchFromImages({"a/x.png", "a/y.png", "a/z.png", "a/w.png"},
                                        {"x.png", "y.png", "z.png", "w.png"}, images, {"dog", "cat", "dog", "bird"}, 0);
        QCOMPARE(in.classNames, (std::vector<std::string>{"bird", "cat", "dog"}));
        QCOMPARE(in.classes, (std::vector<int>{2, 1, 2, 0}));
        BatchSettings b = timm();
        b.seed = 2;
        const MixedBatch m = mixBatchInput(in, b, {0, 0});
        const std::string csv = batchTargetsCsv(in, m);
        std::istringstream lines(csv);
        std::string line;
        std::getline(lines, line);
        QCOMPARE(QString::fromStdString(line), QString("index,class,partner,method,lam,bird,cat,dog"));
        int rows = 0;
        while (std::getline(lines, line)) {
            const QStringList f = QString::fromStdString(line).split(',');
            QCOMPARE(f.size(), 8);
            QCOMPARE(f[0].toInt(), rows);
            const BatchElement& e = m.draw.elements[std::size_t(rows)];
            QCOMPARE(f[1], QString::fromStdString(in.classNames[std::size_t(in.classes[std::size_t(rows)])]));
            QCOMPARE(f[2], e.mixed ? QString::number(e.labelPartner) : QString());
            QCOMPARE(f[4].toDouble(), e.lam);
            for (int c = 0; c < 3; ++c)
                QCOMPARE(f[5 + c].toDouble(), m.targets[std::size_t(rows * 3 + c)]);
            ++rows;
        }
        QCOMPARE(rows, 4);

        const std::filesystem::path out = dir.filePath("dump").toStdString();
        dumpBatch(out, in, m);
        QCOMPARE(QString::fromStdString(slurp(out / "labels.csv")), QString("index,label\n0,2\n1,1\n2,2\n3,0\n"));
        QCOMPARE(QString::fromStdString(slurp(out / "classes.txt")), QString("bird\ncat\ndog\n"));
        QVERIFY(QString::fromStdString(slurp(out / "targets.csv")).startsWith("index,bird,cat,dog\n0,"));
        for (int i = 0; i < 4; ++i) {
            const std::string name = "00" + std::to_string(i) + ".png";
            QCOMPARE(cv::norm(loadForMixing(out / "before" / name), m.before[std::size_t(i)], cv::NORM_INF), 0.0);
            QCOMPARE(cv::norm(loadForMixing(out / "after" / name), m.after[std::size_t(i)], cv::NORM_INF), 0.0);
        }
        // A second dump into the same folder is refused: nothing is overwritten.
        QVERIFY_THROWS_EXCEPTION(Error, dumpBatch(out, in, m));
    }
};

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
