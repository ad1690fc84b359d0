// The window in Chinese (zh_CN): its menus, docks, parameter labels (core's
// words, translated at the boundary), read-out and Qt's own dialogs speak
// Chinese, a CJK font is there to draw it, every translated formula template
// still names the values its draw fills in, the text fits at 1024x700 and
// 1920x1080, and the language choice (View > Language, --lang) works.
#include "coretext.h"
#include "keeprules.h"
#include "language.h"
#include "uitest.h"

#include <QActionGroup>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>

using namespace cutmix::uitest;

class TestLanguage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void qtAndCjkFont();
    void menusDocksAndPanelInChinese();
    void everyMethodsReadoutInChinese();
    void everyAuditPhraseTranslated();
    void objectReasonsInChinese();
    void textFits_data();
    void textFits();
    void languageMenuRemembers();
    void commandLineLanguage();

private:
    MainWindow* w_ = nullptr;
    StudioModel* m_ = nullptr;
};

void TestLanguage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove("language");
    QCOMPARE(installLanguage("zh_CN"), QString("zh_CN"));
    QCOMPARE(currentLanguage(), QString("zh_CN"));
}

void TestLanguage::init()
{
    w_ = new MainWindow(MainWindow::Options{false, {}});
    m_ = w_->model();
    QVERIFY(m_->loadPair(kCat, kCoffee));
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
}

void TestLanguage::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestLanguage::qtAndCjkFont()
{
    // Qt's own buttons and dialogs (qtbase_zh_CN.qm of qt6-translations-l10n).
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QVERIFY2(hasChinese(buttons.button(QDialogButtonBox::Cancel)->text()),
             qPrintable(buttons.button(QDialogButtonBox::Cancel)->text()));
    // A font that draws Chinese (fonts-noto-cjk), and the window's font
    // reaches it: the glyphs of a label are there, not boxes.
    QVERIFY(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty());
    const QString word = QString::fromUtf8("标签平滑");
    QFontMetrics fm(w_->font());
    for (QChar c : word)
        QVERIFY2(fm.inFontUcs4(c.unicode()) || QFontMetrics(QFont("Noto Sans CJK SC")).inFontUcs4(c.unicode()),
                 "no font with Chinese glyphs");
}

void TestLanguage::menusDocksAndPanelInChinese()
{
    const QList<QAction*> menus = w_->menuBar()->actions();
    QVERIFY(menus.size() >= 4);
    for (QAction* a : menus)
        QVERIFY2(hasChinese(a->text()), qPrintable(a->text()));
    for (QDockWidget* d : w_->findChildren<QDockWidget*>())
        QVERIFY2(hasChinese(d->windowTitle()), qPrintable(d->windowTitle()));
    for (QGroupBox* g : w_->panel()->findChildren<QGroupBox*>())
        QVERIFY2(hasChinese(g->title()), qPrintable(g->title()));
    // core's words, translated at the ui boundary.
    const QString smoothing = coreText("Label smoothing");
    QVERIFY2(hasChinese(smoothing), qPrintable(smoothing));
    bool shown = false;
    for (QLabel* l : w_->panel()->findChildren<QLabel*>())
        shown = shown || l->text() == smoothing;
    QVERIFY(shown);
    QVERIFY(hasChinese(w_->readout()->text()));
    QVERIFY(hasChinese(w_->labelChart()->text()));
    // The value a person copies stays in the C locale: 17 digits with a point.
    QVERIFY(w_->readout()->text().contains(QString::fromStdString(formatExact(m_->draw().lam))));
}

void TestLanguage::everyMethodsReadoutInChinese()
{
    // Each translated template names only values its draw has (a wrong name
    // would throw), for every method, held, and with a third source.
    for (const Method& method : methods()) {
        if (!method.mixesPair())
            continue; // the window shows pairs
        m_->setMethod(method);
        for (int k = 0; k < 3; ++k) {
            m_->newDraw();
            const QStringList lines = formulaLines(*m_);
            QVERIFY2(lines.size() > 3, method.name.data());
            QVERIFY2(hasChinese(lines.join('\n')), qPrintable(lines.join('\n')));
            QVERIFY(!summaryLine(*m_).isEmpty());
        }
        m_->setHold(true);
        QVERIFY(!formulaLines(*m_).isEmpty());
        m_->setHold(false);
    }
    m_->setMethod(defaultMethod());
    m_->addSource(CUTMIX_RESOURCES "/rocket.jpg");
    QCOMPARE(m_->sourceCount(), 3);
    QVERIFY(hasChinese(formulaLines(*m_).join('\n')));
    QVERIFY(hasChinese(summaryLine(*m_)));
}

void TestLanguage::everyAuditPhraseTranslated()
{
    // Each of the audit's templates has a translation that names the same
    // values (a value left out would lose a number, a wrong name throws), and
    // every sentence is in Chinese (names and identifiers may stay).
    auto names = [](const QString& t) {
        QStringList out;
        auto it = QRegularExpression("\\{([a-z_]+)\\}").globalMatch(t);
        while (it.hasNext())
            out << it.next().captured(1);
        out.sort();
        return out;
    };
    std::vector<std::string_view> phrases = auditPhrases();
    QVERIFY(phrases.size() > 50);
    // The box rules' reasons too (the Objects panel, issue 22).
    for (std::string_view t : keepReasonTemplates())
        phrases.push_back(t);
    for (std::string_view p : phrases) {
        const QString english = QString::fromUtf8(p.data(), qsizetype(p.size()));
        const QString chinese = coreText(p);
        QVERIFY2(!chinese.isEmpty(), qPrintable(english));
        QCOMPARE(names(chinese), names(english));
        if (english.count(' ') >= 3)
            QVERIFY2(hasChinese(chinese), qPrintable(english));
    }
}

// Why a box rule dropped or clipped an object, in the Objects panel and on
// hover: core's reason template translated, with core's numbers.
void TestLanguage::objectReasonsInChinese()
{
    QVERIFY(m_->hasObjects());
    m_->setKeepRule(keepRuleNamed("albumentations"));
    m_->setKeepValue(Setting::MinVisibility, {0.99});
    auto* dock = named<QDockWidget>(w_, "objectsDock");
    dock->show();
    dock->raise();
    QTableWidget* table = named<QTableWidget>(w_, "objectsTable");
    int dropped = 0;
    for (int i = 0; i < int(m_->objects().size()); ++i) {
        const CarriedObject& o = m_->objects()[std::size_t(i)];
        if (o.reasonTemplate.empty())
            continue;
        QVERIFY(!o.reasonTemplate.empty());
        const QString want =
            QString::fromStdString(fillTemplate(coreText(o.reasonTemplate).toStdString(), o.reasonValues()));
        QVERIFY2(hasChinese(want), qPrintable(want));
        QCOMPARE(table->item(i, 3)->toolTip(), want);
        table->setCurrentCell(i, 0);
        const QString detail = named<QLabel>(w_, "objectDetail")->text();
        QVERIFY2(detail.contains(want.toHtmlEscaped()), qPrintable(detail));
        QVERIFY2(!detail.contains(QString::fromStdString(o.reason()).toHtmlEscaped()), qPrintable(detail));
        dropped += o.kept ? 0 : 1;
    }
    QVERIFY(dropped > 0);
}

void TestLanguage::textFits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("live"); // started in English, switched by View > Language
    QTest::newRow("1024x700") << QSize(1024, 700) << false;
    QTest::newRow("1920x1080") << QSize(1920, 1080) << false;
    QTest::newRow("1024x700 switched") << QSize(1024, 700) << true;
    QTest::newRow("1920x1080 switched") << QSize(1920, 1080) << true;
}

void TestLanguage::textFits()
{
    QFETCH(QSize, size);
    QFETCH(bool, live);
    if (live) {
        delete w_;
        installLanguage("en");
        w_ = new MainWindow(MainWindow::Options{false, {}});
        m_ = w_->model();
        QVERIFY(m_->loadPair(kCat, kCoffee));
        w_->show();
        QVERIFY(QTest::qWaitForWindowExposed(w_));
        QVERIFY(!hasChinese(w_->readout()->text()));
        w_->findChild<QAction*>("language_zh_CN")->trigger();
        for (int k = 0; k < 4; ++k)
            QCoreApplication::processEvents();
        QCOMPARE(currentLanguage(), QString("zh_CN"));
        QVERIFY(hasChinese(w_->readout()->text()));
    }
    w_->resize(size);
    QApplication::processEvents();
    // The Numbers panel: no sideways scrolling.
    auto* numbers = w_->readout()->findChild<QPlainTextEdit*>();
    QVERIFY(numbers);
    QVERIFY(!numbers->horizontalScrollBar()->isVisible());
    QCOMPARE(numbers->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    // Every label of the parameter panel shows its whole text.
    for (QLabel* l : w_->panel()->findChildren<QLabel*>()) {
        if (!l->isVisible() || l->text().isEmpty() || l->wordWrap())
            continue;
        QVERIFY2(l->width() >= l->fontMetrics().horizontalAdvance(l->text()),
                 qPrintable(QString("'%1' is %2 px wide, needs %3")
                                .arg(l->text())
                                .arg(l->width())
                                .arg(l->fontMetrics().horizontalAdvance(l->text()))));
    }
    // The header under the images breaks only between values (spaces, the
    // slash between weights), never inside a Chinese value.
    const QString header = summaryLine(*m_);
    QFont big = w_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    for (int width = 120; width <= 900; width += 7) {
        QTextLayout layout(header, big);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine())
            line.setLineWidth(width);
        layout.endLayout();
        for (int k = 0; k + 1 < layout.lineCount(); ++k) {
            const QTextLine line = layout.lineAt(k);
            const int end = line.textStart() + line.textLength();
            const QChar before = header.at(end - 1);
            QVERIFY2(before == ' ' || header.at(end) == ' ' || before == '/',
                     qPrintable(QString("width %1 breaks '%2|%3'")
                                    .arg(width)
                                    .arg(header.left(end).right(12), header.mid(end, 12))));
        }
    }
}

void TestLanguage::languageMenuRemembers()
{
    // Each language named in itself; a window without settings checks the
    // language in use, and its choice applies without being saved (the
    // switch itself and the saving: tst_languageswitch).
    QSettings().remove("language");
    auto* english = w_->findChild<QAction*>("language_en");
    auto* chinese = w_->findChild<QAction*>("language_zh_CN");
    QVERIFY(english && chinese);
    QCOMPARE(chinese->text(), QString::fromUtf8("中文"));
    QCOMPARE(english->text(), QString("English"));
    QVERIFY(chinese->isChecked());
    english->trigger();
    for (int k = 0; k < 4; ++k)
        QCoreApplication::processEvents();
    QCOMPARE(currentLanguage(), QString("en"));
    QVERIFY(savedLanguage().isEmpty());
    QVERIFY(w_->findChild<QAction*>("language_en")->isChecked());
    QVERIFY(!w_->findChild<QAction*>("language_zh_CN")->isChecked());
    installLanguage("zh_CN");
}

void TestLanguage::commandLineLanguage()
{
    QProcess p;
    p.start(CUTMIX_STUDIO, {"--lang", "fr"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("--lang fr: not one of en, zh_CN"));
    // The window in Chinese, grabbed: its pixels differ from the English one's.
    QTemporaryDir dir;
    QImage shots[2];
    int k = 0;
    for (const char* lang : {"en", "zh_CN"}) {
        const QString file = dir.filePath(QString("%1.png").arg(lang));
        p.start(CUTMIX_STUDIO, {"--lang", lang, "--screenshot", file});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        shots[k++] = QImage(file);
    }
    QVERIFY(!shots[0].isNull() && !shots[1].isNull());
    QVERIFY(shots[0] != shots[1]);
}

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
