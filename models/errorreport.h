// The window's one path for errors: work that may fail runs through
// runReportingErrors(), and a core error becomes a message in the window's
// own words (a setting named by its control, never by a command-line flag).
#pragma once

#include <QMetaType>
#include <QString>
#include <functional>

namespace cutmix
{
class Error;
}

namespace cutmix::ui
{

// A message the window shows, kept as what it is made of (a core error, or
// the window's own words with their values) rather than as the text of the
// moment: after a language switch, text() says it again in the new language.
class Message
{
public:
    Message() = default;
    explicit Message(std::function<QString()> words) : words_(std::move(words)) {}
    QString text() const { return words_ ? words_() : QString(); }
    bool isEmpty() const { return !words_; }

private:
    std::function<QString()> words_;
};

// A core error as the window says it.
QString windowMessage(const Error& e);
// Runs `work`; returns what went wrong, empty on success.
Message reportErrors(const std::function<void()>& work);
// The same as text in the current language.
QString runReportingErrors(const std::function<void()>& work);

} // namespace cutmix::ui

Q_DECLARE_METATYPE(cutmix::ui::Message)
