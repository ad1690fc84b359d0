// Prints the words of core's tables that the window shows (parameter labels,
// help and "zero" texts, the methods' descriptions, formula and summary
// templates, quirks and weights, what the statistics count, the recipes' descriptions, the audit's
// sentences and names) as
// QT_TRANSLATE_NOOP("core", ...) lines: the build writes them to
// core_strings.cpp, which lupdate reads beside the window's sources, so each
// string stays written once, in its table. The window translates them with
// QCoreApplication::translate("core", ...) (ui/language.h, coreText).
#include "audit.h"
#include "describe.h"
#include "keeprules.h"
#include "method.h"
#include "params.h"
#include "recipes.h"

#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace
{

std::string quoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + '"';
}

} // namespace

int main()
{
    using namespace cutmix;
    std::vector<std::string_view> strings;
    auto add = [&](std::string_view s) {
        if (!s.empty())
            strings.push_back(s);
    };
    auto addSpecs = [&](std::span<const ParamSpec> specs) {
        for (const ParamSpec& p : specs) {
            add(p.label);
            add(p.help);
            add(p.zeroText);
        }
    };
    addSpecs(paramSpecs());
    addSpecs(recipeSpecs());
    // The box rules of the Objects panel.
    addSpecs(keepSpecs());
    for (std::string_view t : keepReasonTemplates())
        add(t);
    for (const KeepRule& r : keepRules()) {
        add(r.title);
        add(r.description);
    }
    for (const Method& m : methods()) {
        add(m.description);
        for (std::string_view t : m.formula)
            add(t);
        add(m.weightRaw);
        add(m.weightCorrected);
        add(m.quirk);
        for (std::string_view t : m.summary)
            add(t);
        for (std::string_view t : m.summaryMulti)
            add(t);
        for (const CountedNumber& c : m.counted)
            add(c.name);
        add(m.countedAxis);
    }
    for (const Recipe& r : recipes())
        add(r.description);
    for (std::string_view s : describePhrases())
        add(s);
    for (std::string_view s : auditPhrases())
        add(s);

    std::cout << "// Written by core_strings_tool (translations/core_strings_tool.cpp): the\n"
                 "// strings of core's tables that the window shows, for lupdate.\n"
                 "#include <QtGlobal>\n\n"
                 "static const char* const kCoreStrings[] = {\n";
    std::set<std::string_view> seen;
    for (std::string_view s : strings)
        if (seen.insert(s).second)
            std::cout << "    QT_TRANSLATE_NOOP(\"core\", " << quoted(s) << "),\n";
    std::cout << "};\n";
    return 0;
}
