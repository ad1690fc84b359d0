// The parameters of a draw, declared once: one row each in a table, holding
// the parameter's key, its words for people (a label and one sentence of
// help), its kind, its default and the values it accepts. Checks, presets
// and records (JSON in and out), the read-out's values, the command line's
// options and the window's controls all loop over this table, so a new
// parameter is its row here (and its setting in setting.h) plus the code of
// the method that reads it.
//
// Parameters that many parts of the tool read (alpha, the correction, the
// number of sources, the resize policy, label smoothing and K) are fields of
// Params; those that only their method reads (FMix's decay, ResizeMix's
// scale, ...) are kept by setting, so they need no field.
#pragma once

#include "box.h"
#include "setting.h"

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cutmix
{

struct Method;
struct Params;

// How a parameter's value is written and what it accepts.
enum class ParamKind {
    Number,  // a real number in [lo, hi] (ends open where said)
    Whole,   // a whole number in [lo, hi]
    Range,   // two numbers a <= b, both in [lo, hi] (ends open where said)
    Choice,  // one of the names in choices
    Switch,  // yes, no, or unset (the method's own default)
    Natural, // a whole number >= 0 of 64 bits (seeds and indices)
};

struct ParamSpec {
    Setting setting = Setting::None;
    std::string_view label; // the window's label, short: "Decay"
    std::string_view help;  // one sentence for --help and tooltips
    std::string_view what;  // the subject of an error message: "the decay power"
    ParamKind kind = ParamKind::Number;
    double lo = 0.0, hi = 0.0;           // Number, Whole, Range
    bool loOpen = false, hiOpen = false; // (lo, ...] and [..., hi)
    bool strictRange = false;            // a Range needs a < b
    bool optional = false;               // may be unset (a < 0): "off", "the recipe\'s rule", "the library\'s default"
    std::span<const std::string_view> choices;
    // The default: Number and Whole in def, Range in [def, def2], Choice the
    // index def, Switch unset.
    double def = 0.0, def2 = 0.0;
    int decimals = 2; // how the window shows a number
    double step = 0.1;
    // False for the parameters every draw has (seed, index, smoothing, K,
    // the resize policy); true for those a method takes or not (alpha,
    // decay, ...): Method::parameters lists them.
    bool ofMethod = true;
    // A further check beyond the range (alpha: its own message).
    void (*check)(double value) = nullptr;
    // A logarithmic slider beside the spin box from sliderLo to sliderHi
    // (alpha), where both are > 0.
    double sliderLo = 0.0, sliderHi = 0.0;
    // What a Whole value of 0 means, where it means something else than the
    // number ("as named" for K).
    std::string_view zeroText;
    // The parameter applies only while another has this value (the fill
    // value while the fill is the constant, index 0).
    Setting onlyWith = Setting::None;
    double onlyWithValue = 0.0;

    std::string_view key() const { return settingKey(setting); }
};

// Every row, in the order the window and the help list them.
std::span<const ParamSpec> paramSpecs();
// The row of a setting; throws cutmix::Error for a setting that is not a
// draw parameter.
const ParamSpec& paramSpec(Setting s);
bool isParam(Setting s);

// One value of any kind: a number, a whole number and a choice's index in
// a, a range in [a, b], a switch as -1 (unset), 0 or 1; seeds in n.
struct ParamValue {
    double a = 0.0;
    double b = 0.0;
    std::uint64_t n = 0;
    friend bool operator==(const ParamValue&, const ParamValue&) = default;
};

// The values a Params holds by setting (the parameters without a field).
class ParamValues
{
public:
    ParamValues(); // every row's default
    const ParamValue& operator[](Setting s) const { return values_[static_cast<std::size_t>(s)]; }
    ParamValue& operator[](Setting s) { return values_[static_cast<std::size_t>(s)]; }

private:
    std::array<ParamValue, kSettingCount> values_{};
};

// Whether a parameter is a field of Params (alpha, ...) rather than kept by
// setting in Params::own.
bool isParamField(Setting s);
// Reading and writing any parameter of a Params, field or not.
ParamValue paramValue(const Params& p, Setting s);
void setParamValue(Params& p, Setting s, const ParamValue& v);
ParamValue defaultValue(const ParamSpec& spec);

// Throws cutmix::Error (naming the setting) when v is not a value the row
// accepts.
void checkParamValue(const ParamSpec& spec, const ParamValue& v);

// JSON: a number, a whole number, [a, b], a choice's name, true/false/null.
// fromJson throws cutmix::Error naming the key for a value of the wrong
// type or out of range.
nlohmann::json paramToJson(const ParamSpec& spec, const ParamValue& v);
ParamValue paramFromJson(const ParamSpec& spec, const nlohmann::json& j);

// A choice's name, and its index (throws cutmix::Error listing the names).
std::string_view choiceName(const ParamSpec& spec, const ParamValue& v);
int choiceIndex(const ParamSpec& spec, std::string_view name);

// The accepted values in words: "between 0 and 20", "> 0 and <= 1", "timm or
// exact"; and the default as a user would type it ("3", "0.1,0.8", "timm").
std::string acceptedText(const ParamSpec& spec);
std::string defaultText(const ParamSpec& spec);
// A value as the read-out shows it (%g for numbers).
std::string valueText(const ParamSpec& spec, const ParamValue& v);

} // namespace cutmix
