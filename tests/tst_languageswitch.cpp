// Switching the window's language at run time (View > Language, issue 23):
// the open window and its secondary windows (batch, audit, presentation,
// lesson, explorer) speak the new language at once, every word as a window
// started in that language shows it, the user's state is untouched, and
// switching back gives the English words again.
#include "language.h"
#include "lesson.h"
#include "uitest.h"

#include <QGroupBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>

using namespace cutmix::uitest;

namespace
{

// The LanguageChange events, then the re-translations they queue.
void settle()
{
    for (int k = 0; k < 4; ++k)
        QCoreApplication::processEvents();
}

void switchTo(MainWindow* w, const char* code)
{
    auto* action = w->findChild<QAction*>(QString("language_") + code);
    QVERIFY(action);
    action->trigger();
    settle();
    QCOMPARE(currentLanguage(), QString(code == QByteArray("en") ? "en" : "zh_CN"));
}

QString translated(const char* context, const char* source)
{
    return QCoreApplication::translate(context, source);
}

// core's templates as the translators translated them, with core's values.
DescribeContext coreTranslation()
{
    DescribeContext c;
    c.translate = [](std::string_view s) {
        return QCoreApplication::translate("core", std::string(s).c_str()).toStdString();
    };
    return c;
}

QString coreWord(std::string_view s)
{
    return QCoreApplication::translate("core", std::string(s).c_str());
}

// The numbers of a text, in order of size: a translation moves them, never changes them.
QStringList numbers(const QString& text)
{
    QStringList out;
    auto it = QRegularExpression("-?[0-9]+(\\.[0-9]+)?").globalMatch(text);
    while (it.hasNext())
        out << it.next().captured();
    out.sort();
    return out;
}

// The Latin words of a text once its markup, the values from the user's
// files and the identifiers the command line shares (`ok`) are taken out: an
// English sentence left over shows as words here.
QStringList latinWords(QString text, const QStringList& ok)
{
    text.remove(QRegularExpression("<[^>]*>"));
    for (const QString& s : ok)
        text.replace(QRegularExpression("(?<![A-Za-z])" + QRegularExpression::escape(s) + "(?![A-Za-z])"), " ");
    QStringList out;
    auto it = QRegularExpression("[A-Za-z]{2,}").globalMatch(text);
    while (it.hasNext())
        out << it.next().captured();
    return out;
}

// A dump whose pixels are rolled while its labels are flipped: elements
// flagged partner-mismatch.
QString mismatchedDump(const QTemporaryDir& dir)
{
    const BatchInput in = patternBatchInput(6);
    BatchSettings s = recipeDefaults(recipeNamed("timm"));
    s.partner = PartnerRule::Roll;
    const MixedBatch mixed = mixBatchInput(in, s, {0, 0});
    const QString dump = dir.filePath("dump");
    dumpBatch(dump.toStdString(), in, mixed);
    return dump;
}

// Every word the windows show: titles, labels, buttons, group boxes, menus
// and actions, tooltips, the density chart's painted title and legend, the choices of combo boxes, table headers and
// items, list items, tabs, placeholders. Digits are folded (a zoom, a count
// of draws): the words are compared, not the numbers. The explorer's running
// count is left out (it grows in the background).
QStringList words(const QList<QWidget*>& windows)
{
    QStringList out;
    auto add = [&out](const QString& kind, const QString& s) {
        if (!s.isEmpty())
            out << kind + ": " + QString(s).replace(QRegularExpression("[0-9]+"), "#");
    };
    for (QWidget* window : windows) {
        QList<QObject*> all = window->findChildren<QObject*>();
        all.prepend(window);
        for (QObject* o : all) {
            if (o->objectName() == "stats")
                continue;
            if (auto* w = qobject_cast<QWidget*>(o)) {
                if (w->isWindow() || qobject_cast<QDockWidget*>(w))
                    add("title", w->windowTitle());
                add("tip", w->toolTip());
            }
            if (auto* l = qobject_cast<QLabel*>(o))
                add("label", l->text());
            if (auto* b = qobject_cast<QAbstractButton*>(o))
                add("button", b->text());
            if (auto* g = qobject_cast<QGroupBox*>(o))
                add("group", g->title());
            if (auto* e = qobject_cast<QLineEdit*>(o))
                add("placeholder", e->placeholderText());
            if (auto* v = qobject_cast<ImageView*>(o))
                add("placeholder", v->placeholderText());
            if (auto* c = qobject_cast<QComboBox*>(o))
                for (int i = 0; i < c->count(); ++i) {
                    add("item", c->itemText(i));
                    add("tip", c->itemData(i, Qt::ToolTipRole).toString());
                }
            if (auto* s = qobject_cast<QAbstractSpinBox*>(o))
                add("special", s->specialValueText());
            if (auto* t = qobject_cast<QTableWidget*>(o)) {
                for (int c = 0; c < t->columnCount(); ++c)
                    if (t->horizontalHeaderItem(c))
                        add("header", t->horizontalHeaderItem(c)->text());
                for (int r = 0; r < t->rowCount(); ++r)
                    for (int c = 0; c < t->columnCount(); ++c)
                        if (t->item(r, c))
                            add("cell", t->item(r, c)->text());
            }
            if (auto* list = qobject_cast<QListWidget*>(o))
                for (int r = 0; r < list->count(); ++r)
                    add("list", list->item(r)->text());
            if (auto* tabs = qobject_cast<QTabBar*>(o); tabs && !tabs->isHidden())
                for (int i = 0; i < tabs->count(); ++i)
                    add("tab", tabs->tabText(i));
            if (auto* p = qobject_cast<QPlainTextEdit*>(o))
                add("text", p->toPlainText());
            if (auto* p = qobject_cast<QProgressBar*>(o))
                add("format", p->format());
            if (auto* chart = qobject_cast<BetaChart*>(o)) {
                add("chart", chart->title());
                add("chart", chart->drawnName());
            }
            if (auto* m = qobject_cast<QMenu*>(o))
                add("menu", m->title());
            if (auto* a = qobject_cast<QAction*>(o)) {
                add("action", a->text());
                add("tip", a->toolTip());
            }
        }
    }
    out.sort();
    return out;
}

QStringList words(MainWindow* w)
{
    QList<QWidget*> windows{w};
    for (QWidget* child : w->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
        if (child->isWindow() && !qobject_cast<QDockWidget*>(child))
            windows << child;
    return words(windows);
}

// What one list has that the other has not, for a failure's message.
QString difference(const QStringList& a, const QStringList& b)
{
    QStringList onlyA, onlyB;
    QStringList restB = b;
    for (const QString& s : a)
        if (!restB.removeOne(s))
            onlyA << s;
    QStringList restA = a;
    for (const QString& s : b)
        if (!restA.removeOne(s))
            onlyB << s;
    return "only in the first:\n  " + onlyA.join("\n  ") + "\nonly in the second:\n  " + onlyB.join("\n  ");
}

// How the docks are laid out (not their sizes: another language may need
// another width).
QStringList dockLayout(MainWindow* w)
{
    QStringList out;
    QList<QDockWidget*> docks = w->findChildren<QDockWidget*>();
    for (QDockWidget* d : docks) {
        QStringList tabbed;
        for (QDockWidget* other : w->tabifiedDockWidgets(d))
            tabbed << other->objectName();
        tabbed.sort();
        out << QString("%1 area %2 floating %3 hidden %4 tabbed with %5")
                   .arg(d->objectName())
                   .arg(int(w->dockWidgetArea(d)))
                   .arg(d->isFloating())
                   .arg(d->isHidden())
                   .arg(tabbed.join(","));
    }
    out.sort();
    return out;
}

// The pair view's state a language switch must leave alone.
struct PairState {
    QString labelA, labelB, params;
    std::uint64_t seed = 0, index = 0;
    std::vector<std::uint64_t> history;
    int sources = 0;
    double lam = 0;
    bool canGoBack = false, canGoForward = false;
    double zoom = 0;
    bool fit = true;
    bool showBox = true, showSources = false;
    QStringList docks;
    bool operator==(const PairState&) const = default;
};

PairState stateOf(MainWindow* w)
{
    StudioModel* m = w->model();
    PairState s;
    s.labelA = m->labelA();
    s.labelB = m->labelB();
    s.params = QString::fromStdString(paramsToJson(m->params()).dump());
    s.seed = m->params().seed;
    s.index = m->params().index;
    s.history = m->history();
    s.sources = m->sourceCount();
    s.lam = m->draw().lam;
    s.canGoBack = m->canGoBack();
    s.canGoForward = m->canGoForward();
    s.zoom = w->resultView()->zoom();
    s.fit = w->resultView()->fitsToWindow();
    s.showBox = w->findChild<QAction*>("show_box")->isChecked();
    s.showSources = w->findChild<QAction*>("show_sources")->isChecked();
    s.docks = dockLayout(w);
    return s;
}

} // namespace

class TestLanguageSwitch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void switchKeepsTheUsersState();
    void lessonFollowsTheSwitch();
    void everyWordAsInAWindowStartedInIt();
    void choiceRememberedOnlyWithSettings();
    void auditViewFollowsTheSwitch();
    void auditMessagesFollowTheSwitch();
    void lessonAuditStepInChinese();

private:
    // A window in English with a state of the user's own: class names, alpha,
    // seed, three draws and one back, a third source, zoomed in, the map of
    // sources shown, the batch view open on another seed.
    void prepare(MainWindow* w);
    MainWindow* w_ = nullptr;
};

void TestLanguageSwitch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove("language");
}

void TestLanguageSwitch::init()
{
    QCOMPARE(installLanguage("en"), QString("en"));
    w_ = new MainWindow(MainWindow::Options{false, {}});
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestLanguageSwitch::cleanup()
{
    delete w_;
    w_ = nullptr;
    installLanguage("en");
    settle();
}

void TestLanguageSwitch::prepare(MainWindow* w)
{
    StudioModel* m = w->model();
    QVERIFY(m->loadPair(kCat, kCoffee));
    m->setLabelA("tabby");
    m->setLabelB("espresso");
    auto* alpha = w->panel()->findChild<QDoubleSpinBox*>("alpha");
    QVERIFY(alpha);
    alpha->setValue(0.7);
    m->setSeed(1234);
    m->newDraw();
    m->newDraw();
    m->back();
    QVERIFY(m->addSource(kRocket));
    w->resultView()->zoomIn();
    w->resultView()->zoomIn();
    w->setSourcesShown(true);
    BatchWindow* batch = w->batchWindow();
    batch->model()->setSeed(77);
    batch->show();
    settle();
}

void TestLanguageSwitch::switchKeepsTheUsersState()
{
    prepare(w_);
    const PairState before = stateOf(w_);
    QCOMPARE(before.params.contains("0.7"), true);
    QCOMPARE(before.history.size(), std::size_t(3));
    QVERIFY(before.canGoForward && !before.fit);
    const QStringList english = words(w_);
    const QString englishReadout = w_->readout()->text();
    BatchModel* batchModel = w_->batchWindow()->model();
    const std::uint64_t batchSeed = batchModel->settings().seed;
    const QString batchSummary = w_->batchWindow()->summaryLabel()->text();

    switchTo(w_, "zh_CN");
    const char* mw = "cutmix::ui::MainWindow";
    // The menus, a dock, a panel's group, the read-out, the batch view.
    const QList<QAction*> menus = w_->menuBar()->actions();
    QCOMPARE(menus.size(), 5);
    const char* titles[] = {"&File", "&Edit", "&View", "&Draw", "&Help"};
    for (int k = 0; k < 5; ++k) {
        QCOMPARE(menus[k]->text(), translated(mw, titles[k]));
        QVERIFY2(hasChinese(menus[k]->text()), qPrintable(menus[k]->text()));
    }
    auto* params = w_->findChild<QDockWidget*>("parametersDock");
    QCOMPARE(params->windowTitle(), translated(mw, "Parameters"));
    QVERIFY(hasChinese(params->windowTitle()));
    QStringList groups;
    for (QGroupBox* g : w_->panel()->findChildren<QGroupBox*>())
        groups << g->title();
    QVERIFY2(groups.contains(translated("cutmix::ui::ParamPanel", "Mixing")), qPrintable(groups.join(", ")));
    QVERIFY(hasChinese(translated("cutmix::ui::ParamPanel", "Mixing")));
    QCOMPARE(w_->readout()->text(), formulaLines(*w_->model()).join('\n'));
    QVERIFY(hasChinese(w_->readout()->text()));
    QVERIFY(w_->readout()->text() != englishReadout);
    QVERIFY(w_->batchWindow()->isVisible());
    QCOMPARE(w_->batchWindow()->windowTitle(), translated("cutmix::ui::BatchWindow", "Batch"));
    QVERIFY(w_->batchWindow()->summaryLabel()->text() != batchSummary);
    QVERIFY(hasChinese(w_->batchWindow()->summaryLabel()->text()));
    // Nothing of the user's changed.
    const PairState after = stateOf(w_);
    QCOMPARE(after.labelA, before.labelA);
    QCOMPARE(after.params, before.params);
    QCOMPARE(after.history, before.history);
    QCOMPARE(after.index, before.index);
    QCOMPARE(after.sources, 3);
    QCOMPARE(after.zoom, before.zoom);
    QCOMPARE(after.docks, before.docks);
    QVERIFY(after == before);
    QCOMPARE(batchModel->settings().seed, batchSeed);
    QCOMPARE(w_->batchWindow()->model(), batchModel);
    // The panel shows the user's alpha, the batch view its seed.
    QCOMPARE(w_->panel()->findChild<QDoubleSpinBox*>("alpha")->value(), 0.7);
    QCOMPARE(w_->findChild<QLineEdit*>("seed")->text(), QString("1234"));
    // The pair view's keys still act: Alt+Left goes back once more.
    QApplication::setActiveWindow(w_);
    QTest::keyClick(w_, Qt::Key_Left, Qt::AltModifier);
    QVERIFY(!w_->model()->canGoBack());

    w_->model()->forward();
    switchTo(w_, "en");
    const QStringList again = words(w_);
    QVERIFY2(again == english, qPrintable(difference(english, again)));
    QVERIFY(stateOf(w_) == before);
}

void TestLanguageSwitch::lessonFollowsTheSwitch()
{
    prepare(w_);
    const PairState users = stateOf(w_);
    w_->startLesson();
    Lesson* lesson = w_->lesson();
    lesson->goTo(2);
    settle();
    const PairState inLesson = stateOf(w_);
    auto* text = w_->findChild<QLabel*>("lessonText");
    auto* title = w_->findChild<QLabel*>("lessonTitle");
    QVERIFY(text && title);
    const QString english = text->text();
    QCOMPARE(english, lesson->text());

    switchTo(w_, "zh_CN");
    QCOMPARE(lesson->current(), 2);
    QVERIFY(lesson->active());
    QCOMPARE(text->text(), lesson->text());
    QVERIFY2(hasChinese(text->text()), qPrintable(text->text()));
    QCOMPARE(title->text(), translated("cutmix::ui::Lesson", "The centre, the border, and why A's weight is not λ"));
    QCOMPARE(w_->findChild<QDockWidget*>("lessonDock")->windowTitle(), translated("cutmix::ui::MainWindow", "Lesson"));
    QVERIFY(w_->findChild<QDockWidget*>("lessonDock")->isVisible());
    QCOMPARE(w_->findChild<QPushButton*>("lessonNext")->text(), translated("cutmix::ui::LessonPanel", "&Next"));
    QVERIFY(stateOf(w_) == inLesson);
    // The presentation's caption follows too.
    PresentationWindow* p = w_->presentation();
    QVERIFY(p->lessonCaption()->text().contains(lesson->title(2).toHtmlEscaped()));
    QVERIFY(hasChinese(p->lessonCaption()->text()));

    switchTo(w_, "en");
    QCOMPARE(text->text(), english);
    // Finishing the lesson still brings back the user's images and numbers.
    lesson->finish();
    settle();
    const PairState back = stateOf(w_);
    QCOMPARE(back.labelA, users.labelA);
    QCOMPARE(back.params, users.params);
    QCOMPARE(back.sources, users.sources);
}

void TestLanguageSwitch::everyWordAsInAWindowStartedInIt()
{
    // The same state, once switched to Chinese and once started in it: not
    // one word differs (a stale English one would).
    prepare(w_);
    w_->auditWindow();
    w_->presentation();
    w_->startLesson();
    w_->lesson()->goTo(2);
    settle();
    switchTo(w_, "zh_CN");
    const QStringList switched = words(w_);
    QVERIFY(hasChinese(switched.join(' ')));

    MainWindow fresh(MainWindow::Options{false, {}});
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    prepare(&fresh);
    fresh.auditWindow();
    fresh.presentation();
    fresh.startLesson();
    fresh.lesson()->goTo(2);
    settle();
    const QStringList started = words(&fresh);
    QVERIFY2(switched == started, qPrintable(difference(switched, started)));
}

void TestLanguageSwitch::choiceRememberedOnlyWithSettings()
{
    // Without settings (--no-settings) the choice applies and is not saved.
    QSettings().remove("language");
    switchTo(w_, "zh_CN");
    QVERIFY(QSettings().value("language").isNull());
    QVERIFY(w_->findChild<QAction*>("language_zh_CN")->isChecked());
    QVERIFY(!w_->findChild<QAction*>("language_en")->isChecked());
    // The menu's entry no longer asks for a restart.
    QCOMPARE(w_->findChild<QMenu*>("languageMenu")->title(), translated("cutmix::ui::MainWindow", "&Language"));
    QVERIFY(hasChinese(w_->findChild<QMenu*>("languageMenu")->title()));
    switchTo(w_, "en");
    QCOMPARE(w_->findChild<QMenu*>("languageMenu")->title(), QString("&Language"));
    // With settings it is remembered for the next start.
    MainWindow withSettings(MainWindow::Options{true, {}});
    switchTo(&withSettings, "zh_CN");
    QCOMPARE(savedLanguage(), QString("zh_CN"));
    switchTo(&withSettings, "en");
    QCOMPARE(savedLanguage(), QString("en"));
    QSettings().clear();
}

void TestLanguageSwitch::auditViewFollowsTheSwitch()
{
    QTemporaryDir dir;
    const QString dump = mismatchedDump(dir);
    AuditWindow* aw = w_->auditWindow();
    aw->show();
    QVERIFY(QTest::qWaitForWindowExposed(aw));
    AuditModel* am = aw->model();
    QVERIFY(am->openNow(dump));
    const ElementAudit& e = am->report().elements[std::size_t(aw->tiles()->selected())];
    QCOMPARE(e.verdict, Verdict::Flagged);
    QCOMPARE(QString::fromStdString(e.cause), QString("partner-mismatch"));
    const QString englishDetail = aw->detailLabel()->text();
    const QString englishSummary = aw->summaryLabel()->text();
    QVERIFY2(englishDetail.contains(QString::fromStdString(explanationText(e)).toHtmlEscaped()),
             qPrintable(englishDetail));

    switchTo(w_, "zh_CN");
    const QString detail = aw->detailLabel()->text(), summary = aw->summaryLabel()->text();
    // The sentences are the translations of core's templates with core's values.
    const QString explanation = QString::fromStdString(explanationText(e, coreTranslation()));
    QVERIFY(hasChinese(explanation));
    QVERIFY2(detail.contains(explanation.toHtmlEscaped()), qPrintable(detail + "\n" + explanation));
    QVERIFY2(detail.contains(coreWord(verdictName(e.verdict))), qPrintable(detail));
    QVERIFY(hasChinese(coreWord(auditCauseDescription(e.cause))));
    QVERIFY2(detail.contains(coreWord(auditCauseDescription(e.cause)).toHtmlEscaped()), qPrintable(detail));
    QCOMPARE(summary, am->folder() + ": " + QString::fromStdString(auditSummaryLine(am->report(), coreTranslation())));
    QVERIFY(hasChinese(summary));
    // No English sentence is left, and the numbers are the English window's.
    QStringList ok{am->folder(), "partner-mismatch", "corrected", "flip", "roll", "CutMix", "MixUp"};
    for (const std::string& name : am->dump().names)
        ok << QString::fromStdString(name);
    for (const std::string& name : am->dump().classes)
        ok << QString::fromStdString(name);
    QVERIFY2(latinWords(detail, ok).isEmpty(), qPrintable(latinWords(detail, ok).join(' ') + "\n" + detail));
    QVERIFY2(latinWords(summary, ok).isEmpty(), qPrintable(latinWords(summary, ok).join(' ') + "\n" + summary));
    QVERIFY(!latinWords(englishDetail, ok).isEmpty()); // the check sees English
    QCOMPARE(numbers(detail), numbers(englishDetail));
    QCOMPARE(numbers(summary), numbers(englishSummary));
    // Another element, chosen in Chinese, is said in Chinese too.
    QTest::mouseClick(aw->tiles(), Qt::LeftButton, Qt::NoModifier, aw->tiles()->tileCentre(0));
    QVERIFY2(aw->detailLabel()->text().contains(
                 QString::fromStdString(explanationText(am->report().elements[0], coreTranslation())).toHtmlEscaped()),
             qPrintable(aw->detailLabel()->text()));
    aw->select(e.index);

    switchTo(w_, "en");
    QCOMPARE(aw->detailLabel()->text(), englishDetail);
    QCOMPARE(aw->summaryLabel()->text(), englishSummary);
}

void TestLanguageSwitch::auditMessagesFollowTheSwitch()
{
    QTemporaryDir dir;
    const QString dump = mismatchedDump(dir);
    AuditWindow* aw = w_->auditWindow();
    aw->show();
    AuditModel* am = aw->model();
    // An audit cancelled at its first element (the hook), in English.
    QSignalSpy cancelled(am, &AuditModel::cancelled);
    am->setProgressHook([](int done, int) { return done < 1; });
    am->open(dump);
    QVERIFY(cancelled.wait(60000));
    am->setProgressHook({});
    const char* ctx = "cutmix::ui::AuditWindow";
    QCOMPARE(aw->messageLabel()->text(), QString("The audit was cancelled."));
    switchTo(w_, "zh_CN");
    QCOMPARE(aw->messageLabel()->text(), translated(ctx, "The audit was cancelled."));
    QVERIFY(hasChinese(aw->messageLabel()->text()));
    switchTo(w_, "en");
    QCOMPARE(aw->messageLabel()->text(), QString("The audit was cancelled."));
    // A folder that cannot be watched: its words in the new language, its name kept.
    const QString nowhere = dir.filePath("nowhere");
    QVERIFY(!aw->watch(nowhere));
    QCOMPARE(aw->messageLabel()->text(), QString("'%1': not a folder to watch").arg(nowhere));
    switchTo(w_, "zh_CN");
    QCOMPARE(aw->messageLabel()->text(),
             translated("cutmix::ui::AuditWatch", "'%1': not a folder to watch").arg(nowhere));
    QVERIFY(hasChinese(aw->messageLabel()->text()));
    // A new audit clears it, in either language.
    QSignalSpy reports(am, &AuditModel::reportChanged);
    am->open(dump);
    QVERIFY(reports.wait(60000));
    QVERIFY(aw->messageLabel()->text().isEmpty());
    switchTo(w_, "en");
    QVERIFY(aw->messageLabel()->text().isEmpty());
}

void TestLanguageSwitch::lessonAuditStepInChinese()
{
    w_->startLesson();
    Lesson* lesson = w_->lesson();
    AuditModel* am = w_->auditWindow()->model();
    QSignalSpy reports(am, &AuditModel::reportChanged);
    lesson->goTo(7);
    QVERIFY(reports.wait(60000));
    settle();
    QCOMPARE(am->folder(), lesson->auditFolder());
    const ElementAudit& e = am->report().elements[std::size_t(lesson->swappedElement())];
    QCOMPARE(QString::fromStdString(e.cause), QString("weights-swapped"));
    auto* text = w_->findChild<QLabel*>("lessonText");
    QVERIFY(text);
    QVERIFY2(text->text().contains(QString::fromStdString(explanationText(e)).toHtmlEscaped()),
             qPrintable(text->text()));

    switchTo(w_, "zh_CN");
    const QString explanation = QString::fromStdString(explanationText(e, coreTranslation()));
    QVERIFY(hasChinese(explanation));
    QCOMPARE(text->text(), lesson->text());
    QVERIFY2(text->text().contains(explanation.toHtmlEscaped()), qPrintable(text->text()));
    QVERIFY2(text->text().contains(coreWord(auditCauseDescription(e.cause)).toHtmlEscaped()), qPrintable(text->text()));
    QVERIFY2(text->text().contains(coreWord(verdictName(e.verdict))), qPrintable(text->text()));
    lesson->finish();
}

QTEST_MAIN(TestLanguageSwitch)
#include "tst_languageswitch.moc"
