// The window's language: which translation is loaded (the system locale by
// default, the View > Language choice remembered in QSettings, or
// `cutmix-studio --lang`), the window's own messages (:/i18n, compiled from
// translations/*.ts) and Qt's own dialogs (qtbase_*.qm of the system).
#pragma once

#include <QString>
#include <QStringList>

namespace cutmix::ui
{

// The languages the window speaks, as locale names: "en", "zh_CN".
QStringList availableLanguages();
// The language remembered in QSettings ("" for the system's).
QString savedLanguage();
void saveLanguage(const QString& name);
// Loads the translations for `name` ("" for the system locale) into the
// application, replacing those loaded before, and makes its locale the
// default for numbers. Returns the language in use ("en" or "zh_CN").
QString installLanguage(const QString& name);
// The language installLanguage last chose.
QString currentLanguage();

} // namespace cutmix::ui
