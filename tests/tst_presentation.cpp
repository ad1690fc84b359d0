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
    void lessonKeysFromTheBatchAndAuditViews();
    void lessonPanelBesideTheAuditView();

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

// Steps 7 and 8 take the focus to the batch and audit views: Alt+N / Alt+B,
// and Page Down / Page Up in presentation mode, still step the lesson from
// there, and only while it runs.
void TestPresentation::lessonKeysFromTheBatchAndAuditViews()
{
    w_->startLesson();
    Lesson* lesson = w_->lesson();
    lesson->goTo(6);
    BatchWindow* batch = w_->batchWindow();
    QVERIFY(batch->isVisible());
    auto activate = [](QWidget* window) {
        window->activateWindow();
        QApplication::setActiveWindow(window);
        QTRY_COMPARE(QApplication::activeWindow(), window);
    };
    activate(batch);
    QTest::keyClick(batch, Qt::Key_N, Qt::AltModifier);
    QCOMPARE(lesson->current(), 7);
    AuditWindow* audit = w_->auditWindow();
    QVERIFY(audit->isVisible());
    activate(audit);
    QTest::keyClick(audit, Qt::Key_B, Qt::AltModifier);
    QCOMPARE(lesson->current(), 6);
    QTest::keyClick(w_, Qt::Key_PageDown); // not in presentation mode: the views' to scroll
    QCOMPARE(lesson->current(), 6);

    w_->presentationAction()->trigger();
    PresentationWindow* p = w_->presentation();
    activate(batch);
    QTest::keyClick(batch, Qt::Key_PageDown);
    QCOMPARE(lesson->current(), 7);
    activate(audit);
    QTest::keyClick(audit, Qt::Key_PageUp);
    QCOMPARE(lesson->current(), 6);
    activate(p);
    QTest::keyClick(p, Qt::Key_PageDown); // the presentation's own, one step
    QCOMPARE(lesson->current(), 7);
    QTest::keyClick(p, Qt::Key_Escape);
    activate(batch);
    QTest::keyClick(batch, Qt::Key_PageUp);
    QCOMPARE(lesson->current(), 7);

    lesson->finish();
    activate(batch);
    QTest::keyClick(batch, Qt::Key_B, Qt::AltModifier);
    QCOMPARE(lesson->current(), 7);
}

// The floating panel of steps 7 and 8 sits beside the batch or audit view
// where the screen has room, and otherwise covers the part the step needs
// least: in the audit view not the tool bar, in the batch view none of the
// recipe's settings (the step switches the recipe) and not the first columns
// of the targets.
void TestPresentation::lessonPanelBesideTheAuditView()
{
    const QRect wide(0, 0, 1920, 1080);
    const Beside b = placeBeside(QRect(0, 0, 1116, 860), true, {420, 560}, wide);
    QVERIFY(b.room);
    QVERIFY(!b.window.intersects(b.panel));
    QVERIFY(wide.contains(b.window) && wide.contains(b.panel));
    const Beside shown = placeBeside(QRect(900, 100, 1000, 800), false, {420, 560}, wide);
    QCOMPARE(shown.window, QRect(900, 100, 1000, 800)); // where the user put it
    QVERIFY(!shown.window.intersects(shown.panel) && wide.contains(shown.panel));
    const QRect small(0, 0, 1024, 700), full(0, 0, 1024, 660);
    const Beside left = placeBeside(full, true, {420, 560}, small);
    QVERIFY(!left.room);
    QCOMPARE(left.panel.bottomLeft(), full.bottomLeft());
    const Beside right = placeBeside(full, true, {420, 560}, small, Qt::BottomRightCorner);
    QCOMPARE(right.panel.bottomRight(), full.bottomRight());
    QCOMPARE(right.panel.size(), left.panel.size());

    for (const QRect& screen : {wide, QRect(0, 0, 1024, 700)}) {
        MainWindow w(MainWindow::Options{false, screen});
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.startLesson();
        // On the small screen the batch view as large as it lets it open (the
        // offscreen platform's own screen has another size).
        if (screen != wide)
            w.batchWindow()->resize(roomOnScreen(screen));
        w.lesson()->goTo(6);
        auto* dock = named<QDockWidget>(&w, "lessonDock");
        QVERIFY(dock->isFloating());
        QVERIFY(!dock->frameGeometry().intersects(w.batchWindow()->frameGeometry()) || screen != wide);
        BatchWindow* batch = w.batchWindow();
        auto global = [](const QWidget* c) { return QRect(c->mapToGlobal(QPoint(0, 0)), c->size()); };
        for (QWidget* c : batch->findChildren<QWidget*>())
            if (c->isVisible() && (qobject_cast<QComboBox*>(c) || qobject_cast<QAbstractSpinBox*>(c) ||
                                   qobject_cast<QCheckBox*>(c) || qobject_cast<QPushButton*>(c)))
                QVERIFY2(!dock->frameGeometry().intersects(global(c)), qPrintable(c->objectName()));
        const QRect targets = global(batch->matrix()->parentWidget());
        QVERIFY(!dock->frameGeometry().intersects(targets.adjusted(0, 0, -targets.width() / 2, 0)));
        w.lesson()->goTo(7);
        AuditWindow* audit = w.auditWindow();
        QVERIFY(audit->isVisible());
        QVERIFY(dock->isVisible());
        const QRect panel = dock->frameGeometry();
        QVERIFY2(
            screen.contains(panel),
            qPrintable(QString("%1,%2 %3x%4").arg(panel.x()).arg(panel.y()).arg(panel.width()).arg(panel.height())));
        if (screen == wide) {
            QVERIFY(!panel.intersects(audit->frameGeometry()));
        } else {
            // No room beside: the tolerance in the tool bar stays uncovered.
            auto* tolerance = named<QWidget>(audit, "tolerance");
            const QRect bar(tolerance->mapToGlobal(QPoint(0, 0)), tolerance->size());
            QVERIFY(!panel.intersects(bar));
        }
        w.lesson()->finish();
    }
}

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
