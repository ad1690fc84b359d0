// Presentation mode, driven from the keyboard.
#include "lesson.h"
#include "uitest.h"

using namespace cutmix::uitest;

class TestPresentation : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void presentationModeFromTheKeyboard();
    void lessonThroughItsPanelAndThePresentation();

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

void TestPresentation::init()
{
    w_ = new MainWindow(MainWindow::Options{false, {}});
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

// Help > Lesson opens the lesson's panel on step 1; Next and Back step
// through it, each step's view comes forward; presentation mode shows the
// step and Page Down / Page Up step there; Finish closes the panel and brings
// back the user's pair.
void TestPresentation::lessonThroughItsPanelAndThePresentation()
{
    QAction* open = nullptr;
    for (QAction* a : w_->findChildren<QAction*>())
        if (a->shortcut() == QKeySequence("Ctrl+L"))
            open = a;
    QVERIFY(open);
    QVERIFY(m_->loadPair(kRocket, kCoffee));
    open->trigger();
    auto* dock = named<QDockWidget>(w_, "lessonDock");
    QVERIFY(dock->isVisible());
    Lesson* lesson = w_->lesson();
    QCOMPARE(lesson->current(), 0);
    auto* title = named<QLabel>(dock, "lessonTitle");
    auto* text = named<QLabel>(dock, "lessonText");
    auto* back = named<QPushButton>(dock, "lessonBack");
    auto* next = named<QPushButton>(dock, "lessonNext");
    QCOMPARE(title->text(), lesson->title(0));
    QVERIFY(!back->isEnabled());
    QCOMPARE(m_->pathA(), MainWindow::demoPathA()); // the lesson's own pair
    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(lesson->current(), 1);
    QCOMPARE(title->text(), lesson->title(1));
    QCOMPARE(text->text(), lesson->text());
    QTest::keyClick(w_, Qt::Key_Space); // a new draw: the text follows it
    QCOMPARE(text->text(), lesson->text());
    QVERIFY(text->text().contains(QString::number(m_->draw().geometry.cut.width)));

    w_->presentationAction()->trigger();
    PresentationWindow* p = w_->presentation();
    QVERIFY(p->lessonCaption()->isVisible());
    QVERIFY(p->lessonCaption()->text().contains(lesson->title(1).toHtmlEscaped()));
    QTest::keyClick(p, Qt::Key_PageDown);
    QCOMPARE(lesson->current(), 2);
    QVERIFY(p->lessonCaption()->text().contains(lesson->title(2).toHtmlEscaped()));
    QTest::keyClick(p, Qt::Key_PageUp);
    QCOMPARE(lesson->current(), 1);
    QTest::keyClick(p, Qt::Key_Escape);

    for (int i = 2; i < lesson->count(); ++i)
        QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(lesson->current(), 7);
    QVERIFY(!next->isEnabled());
    QVERIFY(dock->isFloating()); // beside the audit view, Next at hand
    QVERIFY(dock->isVisible());
    QTest::mouseClick(back, Qt::LeftButton);
    QCOMPARE(lesson->current(), 6);
    QVERIFY(dock->isFloating());
    for (int i = 0; i < 4; ++i)
        QTest::mouseClick(back, Qt::LeftButton);
    QCOMPARE(lesson->current(), 2);
    QVERIFY(!dock->isFloating()); // docked again in the pair view
    for (int i = 2; i < lesson->count(); ++i)
        QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(w_->auditWindow()->isVisible());
    QVERIFY(w_->batchWindow()->isVisible());
    QTest::mouseClick(named<QPushButton>(dock, "lessonFinish"), Qt::LeftButton);
    QVERIFY(!dock->isVisible());
    QVERIFY(!lesson->active());
    QCOMPARE(m_->pathA(), kRocket);
    w_->presentationAction()->trigger();
    QVERIFY(!p->lessonCaption()->isVisible());
    QTest::keyClick(p, Qt::Key_Escape);
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
