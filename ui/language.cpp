#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace cutmix::ui
{

namespace
{

QTranslator* appTranslator = nullptr;
QTranslator* qtTranslator = nullptr;
QString current = "en";

} // namespace

QStringList availableLanguages()
{
    return {"en", "zh_CN"};
}

QString savedLanguage()
{
    return QSettings().value("language").toString();
}

void saveLanguage(const QString& name)
{
    QSettings().setValue("language", name);
}

QString installLanguage(const QString& name)
{
    const QLocale locale = name.isEmpty() ? QLocale::system() : QLocale(name);
    for (QTranslator** t : {&appTranslator, &qtTranslator}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    if (locale.language() == QLocale::Chinese) {
        auto* app = new QTranslator;
        if (app->load(":/i18n/cutmix-studio_zh_CN.qm")) {
            QCoreApplication::installTranslator(app);
            appTranslator = app;
        } else {
            delete app;
        }
        auto* qt = new QTranslator;
        if (qt->load("qtbase_zh_CN", QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            qtTranslator = qt;
        } else {
            delete qt;
        }
        current = "zh_CN";
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    } else {
        current = "en";
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    return current;
}

QString currentLanguage()
{
    return current;
}

} // namespace cutmix::ui
