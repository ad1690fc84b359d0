// The read-out of a draw: the formula lines of its registry entry with the
// current numbers filled in, between the lines every draw shares (size, seed,
// lam, box, lam_adj, reported weight, warnings). Plain UTF-8 text.
#pragma once

#include "draw.h"

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cutmix
{

struct DescribeContext {
    bool selfMix = false; // A and B are the same image
    // Puts a template (a registry entry's, or one of describePhrases()) into
    // the reader's language before its values are filled in; unset: as
    // written (English). The window passes Qt's translation.
    std::function<std::string(std::string_view)> translate;

    std::string text(std::string_view s) const { return translate ? translate(s) : std::string(s); }
};

// The templates of the lines every draw shares (size, seed, lam, box, weight,
// notes), as written: for the tool that lists core's strings for
// translators.
std::span<const std::string_view> describePhrases();

// The values a formula template may name, as text: W, H, WH, lam, root,
// cut_w, cut_h, cut_area, half_w, half_h, cx, cy, ux, uy, span_x, span_y,
// x1, y1, x2, y2, ux1, uy1, ux2, uy2, lo, hi, area, lam_adj, weight, alpha,
// name.
std::map<std::string, std::string> formulaValues(const Draw& d);
// `text` with every {name} replaced; throws cutmix::Error for a name that
// has no value (a mistake in a registry entry, caught by the tests).
std::string fillTemplate(std::string_view text, const std::map<std::string, std::string>& values);

// A sentence (or a part of one) with numbers in it, kept as what it is made
// of so that each reader fills in its own language: a template with {name}
// placeholders from one of core's tables (so it reaches the translators) and
// the values already written as core writes them (C locale). A value may be
// words itself (a rule's name, a list of elements): then it is phrases too,
// put into the reader's language before they are filled in. The command line
// prints the phrases as written; the window through its translation.
struct Phrase {
    using Values = std::map<std::string, std::string>;
    using Parts = std::map<std::string, std::vector<Phrase>>;
    Phrase(std::string_view text = {}, Values values = {}, Parts parts = {})
        : text(text), values(std::move(values)), parts(std::move(parts))
    {
    }
    std::string_view text; // a table's template: static, never built at run time
    Values values;
    Parts parts; // values made of phrases, written one after the other
};
// A phrase, or phrases one after the other, filled in, in the context's language.
std::string phraseText(const Phrase& p, const DescribeContext& context = {});
std::string phraseText(const std::vector<Phrase>& phrases, const DescribeContext& context = {});

// "[x1, x2) × [y1, y2)": a box as half-open ranges of columns and rows.
std::string boxText(const Box& b);

std::vector<std::string> formulaLines(const Draw& d, const DescribeContext& context = {});

// The parts of a draw's one-line summary, from its entry's templates.
std::vector<std::string> summaryParts(const Draw& d, const DescribeContext& context = {});

// What a user should be told about a draw, one sentence each: a library's
// quirk that applies to it, a reported weight that is not the pixel share, an
// image mixed with itself. The read-out shows them with a warning sign; the
// command line prints them as notes.
std::vector<std::string> drawNotes(const Draw& d, const DescribeContext& context = {});

} // namespace cutmix
