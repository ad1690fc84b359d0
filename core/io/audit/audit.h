// Auditing a batch mixed by someone else's code: from a dump of the batch
// before and after mixing, with its hard labels and the soft targets the
// pipeline produced, explain every mixed image from the batch's own images
// (unchanged, a pasted region, a mask, a blend, or unexplained), measure the
// share of each source, and flag every target that disagrees, naming the
// likely cause.
//
// The dump folder:
//   DIR/before/<name>.png  the batch before mixing (lossless, 8 or 16 bit)
//   DIR/after/<name>.png   the same names, right after mixing
//   DIR/labels.csv         "index,label": each element's hard class index
//   DIR/targets.csv        "index" then K class columns: the soft targets
//   DIR/classes.txt        optional: K class names, one per line
// Elements are ordered by name; index is the position in that order. Hidden
// files (a dot first) are temporaries and are not elements.
#pragma once

#include "box.h"

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cutmix
{

struct AuditDump {
    std::filesystem::path dir;
    std::vector<std::string> names; // file names, in element order
    std::vector<cv::Mat> before, after;
    std::vector<int> labels;
    std::vector<std::vector<double>> targets; // N rows of K
    std::vector<std::string> classes;         // K names (classes.txt, else the column names)
};

// Reads and checks a dump folder. Throws cutmix::Error naming the folder or
// file and what is wrong: missing files, names that differ between before/
// and after/, sizes or types that differ, lossy (JPEG) images, wrong column
// counts, labels outside [0, K).
AuditDump readDump(const std::filesystem::path& dir);

enum class AuditMethod { None, CutMix, MixUp, Mask, Unexplained };
std::string_view auditMethodName(AuditMethod m); // "none", "cutmix", "mixup", "mask", "unexplained"
enum class Verdict { Agree, Flagged, Unexplained };
std::string_view verdictName(Verdict v); // "agree", "flagged", "unexplained"

struct ElementAudit {
    int index = 0;
    std::optional<int> partner; // the element whose pixels were mixed in, from the pixels
    AuditMethod method = AuditMethod::None;
    // The share of the element's own image: pixels equal in both sources
    // count both ways (MixUp: the lams that every pixel's rounding allows).
    double shareLo = 1.0, shareHi = 1.0;
    std::optional<Box> region; // CutMix/mask: the bounding box of the pixels that must come from the partner
    bool rectangle = false;    // the region is a filled rectangle (CutMix), not a mask
    bool touchesBorder = false;
    std::int64_t partnerPixels = 0;   // pixels that can only come from the partner
    std::int64_t ambiguousPixels = 0; // pixels equal in both sources
    double residual = 0.0;            // MixUp: RMS of the least-squares blend; unexplained: the best fit's
    std::optional<double> targetOwn;  // the weight the target gives the element's own label
    std::optional<int> labelPartner;  // the element whose class the target mixes in, when found
    Verdict verdict = Verdict::Agree;
    std::string cause;       // empty, or uncorrected-lam, weights-swapped, partner-mismatch, ...
    std::string explanation; // in words
};

struct AuditSummary {
    int n = 0;
    int agree = 0, flagged = 0, unexplained = 0;
    std::string partnerRule; // flip, roll, permutation, none (nothing mixed) or unrecognised
    double smoothing = 0.0;
    bool smoothingInferred = false;
    double tolerance = 1e-3;
};

struct AuditReport {
    std::vector<ElementAudit> elements;
    AuditSummary summary;
};

struct AuditOptions {
    double tolerance = 1e-3;
    std::optional<double> smoothing; // unset: inferred from the targets
};

// Throws cutmix::Error for a tolerance or smoothing out of range.
AuditReport auditDump(const AuditDump& dump, const AuditOptions& options = {});

// {"elements": [...], "summary": {...}}: each element with index, partner
// (null when none), method, share_own [lo, hi], target_own, verdict, cause
// (null or a short name), and the region and explanation.
nlohmann::json auditJson(const AuditReport& r);
// The table for a terminal: one line per element, then the summary line.
std::string auditTable(const AuditReport& r);
std::string auditSummaryLine(const AuditReport& r);
// A share interval for reading: "0.6037", or "[0.6036, 0.6037]".
std::string shareText(double lo, double hi);

} // namespace cutmix
