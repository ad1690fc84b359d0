// Soft labels (timm's mixup_target with smoothing) and class naming.
#include "error.h"
#include "labels.h"

#include <QTest>
#include <numeric>

using namespace cutmix;

class TestLabels : public QObject
{
    Q_OBJECT
private slots:
    void soft_data();
    void soft();
    void sparse();
    void sameClassAddsUp();
    void rejects();
    void naming();
    void defaults();
};

void TestLabels::soft_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("s");
    QTest::addColumn<int>("a");
    QTest::addColumn<int>("b");
    QTest::addColumn<double>("lam");
    QTest::addColumn<QList<double>>("expected");
    QList<double> ref(10, 0.01);
    ref[3] = 0.64;
    ref[7] = 0.28;
    QTest::newRow("reference example") << 10 << 0.1 << 3 << 7 << 0.7 << ref;
    QTest::newRow("no smoothing") << 3 << 0.0 << 2 << 0 << 0.25 << QList<double>{0.75, 0.0, 0.25};
    QTest::newRow("full smoothing") << 4 << 1.0 << 0 << 1 << 0.9 << QList<double>{0.25, 0.25, 0.25, 0.25};
    QTest::newRow("one class") << 1 << 0.0 << 0 << 0 << 0.3 << QList<double>{1.0};
}

void TestLabels::soft()
{
    QFETCH(int, k);
    QFETCH(double, s);
    QFETCH(int, a);
    QFETCH(int, b);
    QFETCH(double, lam);
    QFETCH(QList<double>, expected);
    const auto v = softLabel({k, a, b, s}, lam);
    QCOMPARE(int(v.size()), k);
    for (int i = 0; i < k; ++i)
        QVERIFY2(qAbs(v[i] - expected[i]) < 1e-12, qPrintable(QString("class %1: %2").arg(i).arg(v[i])));
    QVERIFY(qAbs(std::accumulate(v.begin(), v.end(), 0.0) - 1.0) < 1e-12);
}

void TestLabels::sparse()
{
    const auto m = sparseLabel({10, 3, 7, 0.1}, 0.7);
    QCOMPARE(int(m.size()), 2);
    QVERIFY(qAbs(m.at(3) - 0.64) < 1e-12);
    QVERIFY(qAbs(m.at(7) - 0.28) < 1e-12);
    QVERIFY(qAbs(smoothingFloor({10, 3, 7, 0.1}) - 0.01) < 1e-15);
}

void TestLabels::sameClassAddsUp()
{
    const auto v = softLabel({5, 2, 2, 0.1}, 0.3);
    QVERIFY(qAbs(v[2] - (1.0 - 0.1 + 0.02)) < 1e-12);
    QCOMPARE(int(sparseLabel({5, 2, 2, 0.1}, 0.3).size()), 1);
}

void TestLabels::rejects()
{
    QVERIFY_THROWS_EXCEPTION(Error, softLabel({0, 0, 0, 0.0}, 0.5));
    QVERIFY_THROWS_EXCEPTION(Error, softLabel({3, 3, 0, 0.0}, 0.5));
    QVERIFY_THROWS_EXCEPTION(Error, softLabel({3, 0, -1, 0.0}, 0.5));
    QVERIFY_THROWS_EXCEPTION(Error, softLabel({3, 0, 1, 1.5}, 0.5));
    QVERIFY_THROWS_EXCEPTION(Error, namePair("cat", "dog", 1, 0.0));
}

void TestLabels::naming()
{
    const NamedPair p = namePair("dog", "cat", 0, 0.0);
    QCOMPARE(p.classes, (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(p.spec.classA, 1);
    QCOMPARE(p.spec.classB, 0);
    QCOMPARE(p.spec.numClasses, 2);
    const NamedPair same = namePair("cat", "cat", 10, 0.1);
    QCOMPARE(same.spec.numClasses, 10);
    QCOMPARE(same.spec.classA, same.spec.classB);
}

void TestLabels::defaults()
{
    QCOMPARE(defaultLabel("data/cat/001.png", "data/dog/002.png"), std::string("cat"));
    QCOMPARE(defaultLabel("pics/chelsea.png", "pics/coffee.png"), std::string("chelsea"));
    QCOMPARE(defaultLabel("chelsea.png", "coffee.png"), std::string("chelsea"));
}

QTEST_APPLESS_MAIN(TestLabels)
#include "tst_labels.moc"
