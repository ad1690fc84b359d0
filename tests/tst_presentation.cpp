// Presentation mode, driven from the keyboard.
#include "uitest.h"

using namespace cutmix::uitest;

class TestPresentation : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void presentationModeFromTheKeyboard();

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

void TestPresentation::init()
{
    w_ = new MainWindow(MainWindow::Options{false});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestPresentation::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestPresentation::presentationModeFromTheKeyboard()
{
    w_->presentationAction()->trigger();
    PresentationWindow* p = w_->presentation();
    QVERIFY(p->isVisible());
    QVERIFY(p->windowState() & Qt::WindowFullScreen);
    QVERIFY(p->header()->text().contains("λ"));
    QCOMPARE(p->resultView()->image().size(), m_->displayMixed().size());
    const auto seen = m_->history().size();
    QTest::keyClick(p, Qt::Key_Space);
    QCOMPARE(m_->history().size(), seen + 1);
    QCOMPARE(p->resultView()->overlay().box, m_->draw().geometry.box);
    const double alpha = m_->params().alpha;
    QTest::keyClick(p, Qt::Key_Right);
    QCOMPARE(m_->params().alpha, PresentationWindow::steppedAlpha(alpha, 1));
    QTest::keyClick(p, Qt::Key_Left);
    QVERIFY(std::abs(m_->params().alpha - alpha) < 1e-12);
    QCOMPARE(PresentationWindow::steppedAlpha(kAlphaSliderMax, 3), kAlphaSliderMax);
    QTest::keyClick(p, Qt::Key_H);
    QVERIFY(m_->hold());
    QVERIFY(p->numbers()->text().contains("held"));
    QTest::keyClick(p, Qt::Key_M);
    QVERIFY(p->sourcesShown());
    QVERIFY(p->resultView()->sourceMaskVisible());
    const std::string_view before = m_->params().method->name;
    QTest::keyClick(p, Qt::Key_C);
    QVERIFY(m_->params().method->name != before);
    QCOMPARE(m_->params().method->family, std::string_view("cutmix"));
    // Larger type on a larger screen.
    p->resize(960, 540);
    QApplication::processEvents();
    const int small = p->numbers()->font().pixelSize();
    p->resize(1920, 1080);
    QApplication::processEvents();
    QVERIFY(p->numbers()->font().pixelSize() > small);
    QVERIFY(p->numbers()->font().pixelSize() >= 36);
    QTest::keyClick(p, Qt::Key_Escape);
    QVERIFY(!p->isVisible());
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
