// Auditing a batch mixed by someone else's code: from a dump of the batch
// before and after mixing, with its hard labels and the soft targets the
// pipeline produced, explain every mixed image from the batch's own images
// (unchanged, a pasted rectangle, a mask, a blend, or unexplained), measure
// the share of each source, and flag every target that disagrees, naming the
// likely cause.
//
// The dump folder (format version 2, docs/audit-dump.md):
//   DIR/before/<name>.png|.npy  the batch before mixing, one file per element
//   DIR/after/<name>.png|.npy   the same names, right after mixing
//   DIR/labels.csv              "index,label": each element's hard class index
//   DIR/targets.csv             "index" then K class columns: the soft targets
//   DIR/classes.txt             optional: K class names, one per line
//   DIR/dump.json               optional: format version, dtype, mean/std, ...
//   DIR/boxes_before/<stem>.txt optional, with boxes_after/: each element's
//   DIR/boxes_after/<stem>.txt  detection boxes (YOLO txt) before and after
// PNG dumps hold uint8 or uint16 images; NPY dumps float16, bfloat16 (its raw
// bits as '<u2'), float32 or float64 values of any range, bit for bit. The
// number in a file's name is its element's place: elements are ordered by it
// (0.png ... 10.png in that order). Hidden files (a dot first) are
// temporaries and are not elements.
#pragma once

#include "box.h"
#include "describe.h"
#include "error.h"
#include "objects.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// The number type of a dumped batch, as the pipeline held it.
enum class DumpType { U8, U16, F16, BF16, F32, F64 };
std::string_view dumpTypeName(DumpType t); // "uint8", "uint16", "float16", "bfloat16", "float32", "float64"
bool isFloatType(DumpType t);

struct AuditDump {
    std::filesystem::path dir;
    std::vector<std::string> names; // file names, in element order
    // U8 and U16 as CV_8U / CV_16U, F16, BF16 and F32 as CV_32F (exactly:
    // every half and bfloat16 value is a float32), F64 as CV_64F.
    std::vector<cv::Mat> before, after;
    DumpType type = DumpType::U8;
    int formatVersion = 1;           // 1: no dump.json
    std::vector<double> mean, stdev; // per channel (or one), empty when not given: for display only
    std::string torchVersion;        // empty when not given
    std::string layout;              // as given in dump.json, else empty
    std::vector<int> labels;
    std::vector<std::vector<double>> targets; // N rows of K
    std::vector<std::string> classes;         // K names (classes.txt, else the column names)
    // Detection boxes (boxes_before/ and boxes_after/, both or neither): per
    // element its objects in pixels of its image, before and after mixing
    // (an element without a file has none); segments: its boxes_before file
    // has polygons.
    bool hasBoxes = false;
    std::vector<ImageObjects> boxesBefore, boxesAfter;
    std::vector<bool> segments;
};

// At most this many boxes in a dump, before and after together.
constexpr std::size_t kMaxDumpBoxes = 1000000;

// Limits checked before anything large is read (issue 24): a dump holds at
// most this many elements, its images together at most maxImagePixels()
// pixels and maxDumpBytes() bytes as held in memory (the pixel limit's worth
// of 8-bit RGB images; CUTMIX_MAX_PIXELS raises both), and the targets at
// most kMaxTargetValues numbers.
constexpr std::size_t kMaxDumpElements = 100000;
constexpr std::uint64_t kMaxTargetValues = std::uint64_t(1) << 25;
std::uint64_t maxDumpBytes();

// Reads and checks a dump folder. Throws cutmix::Error naming the folder or
// file and what is wrong: missing files, names that differ between before/
// and after/ or whose order cannot be told, sizes or types that differ,
// lossy (JPEG) images, NPY files that are not NPY 1.0-3.0 (H, W, C) arrays of
// the dump's type, non-finite values (naming the element, row, column and
// channel), wrong column counts, labels outside [0, K), a dump over the limits.
AuditDump readDump(const std::filesystem::path& dir);

// One NPY array (H, W, C) as read from bytes: the type its descr names
// ('<f2' F16, '<f4' F32, '<f8' F64, '<u2' the raw bits of U16 or BF16), and
// the values (F16 and BF16 bits as CV_32F only through npyToMat). `name`
// names the file in messages. Throws cutmix::Error.
struct NpyArray {
    std::string descr;
    int rows = 0, cols = 0, channels = 0;
    std::size_t dataOffset = 0; // where the values start in the bytes
};
NpyArray parseNpyHeader(const unsigned char* bytes, std::size_t size, const std::string& name);
// The values of an array as the dump holds them (see AuditDump), for a batch
// of type `type`: F16 and BF16 widened to float32 exactly. Refuses a descr
// that is not `type`'s storage, and non-finite values (naming the row,
// column and channel).
cv::Mat npyToMat(const NpyArray& a, const unsigned char* bytes, std::size_t size, DumpType type,
                 const std::string& name);

// The CSV files of a dump, from streams: each line's length is capped, and
// reading stops at the first row past `rows`. Throw cutmix::Error naming `file`.
std::vector<int> parseLabelsCsv(std::istream& in, const std::string& file, std::size_t rows, std::size_t k);
// The header's class names and the rows.
std::vector<std::vector<double>> parseTargetsCsv(std::istream& in, const std::string& file, std::size_t rows,
                                                 std::vector<std::string>& header);
std::vector<std::string> parseClassesTxt(std::istream& in, const std::string& file, std::size_t k);

// The element order of a folder's file names: by the number in each name (its
// last run of digits), so 0.png, 1.png, ..., 10.png come in that order.
// Throws cutmix::Error naming `folder` when a name has no number or two
// names share one.
std::vector<std::string> elementOrder(std::vector<std::string> names, const std::filesystem::path& folder);

enum class AuditMethod { None, CutMix, MixUp, Mask, Unexplained };
std::string_view auditMethodName(AuditMethod m); // "none", "cutmix", "mixup", "mask", "unexplained"
enum class Verdict { Agree, Flagged, Unexplained };
std::string_view verdictName(Verdict v); // "agree", "flagged", "unexplained"

// Which CutMix weight the targets should carry: the share of the pasted box
// (corrected, as timm's correct_lam=True and torchvision do), the lam the
// library drew before it rounded and clipped the box (drawn: timm's
// correct_lam=False, the official code without its adjustment line), or
// either (any).
enum class LamRule { Corrected, Drawn, Any };
std::string_view lamRuleName(LamRule r);     // "corrected", "drawn", "any"
LamRule parseLamRule(std::string_view name); // throws cutmix::Error

struct LamInterval {
    double lo = 0, hi = 0;
};

// What the pixels of one element say, whatever the targets claim.
struct PixelExplanation {
    std::optional<int> partner;  // the element whose pixels were mixed in
    std::vector<int> candidates; // every element that explains the pixels equally well (ambiguous when > 1)
    AuditMethod method = AuditMethod::None;
    // The share of the element's own image: CutMix the rectangles consistent
    // with every pixel (pixels equal in both sources widen it only that far),
    // a mask its own pixels (equal ones both ways), MixUp the lams that
    // reproduce every value under the arithmetic found.
    double shareLo = 1.0, shareHi = 1.0;
    std::optional<Box> region;    // CutMix/mask: the bounding box of the pixels that must come from the partner
    std::optional<Box> regionMax; // CutMix: the largest rectangle consistent with the pixels
    bool rectangle = false;       // the region is a filled rectangle (CutMix), not a mask
    bool touchesBorder = false;   // a consistent rectangle touches the border (a clipped box)
    // CutMix: the lams that rand_bbox (timm, the official code, torchvision:
    // one rounding) could have drawn for a consistent box.
    std::vector<LamInterval> drawnLams;
    std::string arithmetic;           // MixUp: the blend's arithmetic that reproduces the values
    std::int64_t partnerPixels = 0;   // pixels that can only come from the partner
    std::int64_t ambiguousPixels = 0; // mask: pixels equal in both sources
    double residual = 0.0;            // MixUp: RMS of the least-squares blend; unexplained: the best fit's
    // In words, as phrases with their numbers (explanationText puts them in
    // a reader's language): what the pixels show, then why the target was
    // flagged.
    std::vector<Phrase> explanation;
};
std::string explanationText(const PixelExplanation& e, const DescribeContext& context = {});

// One keep rule's verdict on an object (keeprules.h, with its defaults).
struct RuleVerdict {
    std::string_view rule; // "all", "ultralytics", ...
    bool kept = true;
    std::string reason;
};

// One object of a detection batch's element: an object carried from its own
// or its partner's boxes_before through what the pixels show, matched with
// a box of boxes_after, or a box of boxes_after that no object explains.
struct AuditObject {
    std::optional<int> sourceElement; // the element whose boxes_before hold the object (none: an unexplained box)
    int sourceIndex = 0;              // its place in that element's boxes_before (0-based)
    int classIndex = 0;
    BoxF before;                // its box before the mix, in pixels
    std::vector<BoxF> expected; // the boxes of its visible part (one per reading of the pixels; empty when none)
    double visibleLo = 1.0, visibleHi = 1.0; // its share still visible
    double weight = 1.0;                     // MixUp: its source's weight
    std::optional<int> afterIndex;           // the box of boxes_after matched with it (0-based)
    std::optional<BoxF> after;               // that box, in pixels
    // An unexplained box equal to a box of some element before the mix: that element and box.
    std::optional<int> unmovedElement;
    int unmovedIndex = 0;
    std::string status;             // "kept", "dropped", "flagged", "not-judged"
    std::string cause;              // empty or one of auditCauses()' keys
    std::vector<RuleVerdict> rules; // every keep rule's verdict on the object (none for an unexplained box)
};

struct ElementAudit : PixelExplanation {
    int index = 0;
    std::optional<double> targetOwn; // the weight the target gives the element's own label
    std::optional<int> labelPartner; // the element whose class the target mixes in, when found
    std::optional<int> lamOf;        // lam-of-another-element: whose lam
    Verdict verdict = Verdict::Agree;
    std::string cause; // empty, or one of auditCauses()' keys
    // Detection dumps: the element's objects (carried, matched and unmatched
    // after-boxes); a flagged box makes an agreeing element flagged.
    std::vector<AuditObject> objects;
};

// The causes the judge names: the key the command line and the JSON write
// (uncorrected-lam, weights-swapped, partner-mismatch, ...) and what it means,
// in words.
struct AuditCause {
    std::string_view key;
    std::string_view description;
};
std::span<const AuditCause> auditCauses();
// The description of a cause's key; empty for an empty or unknown key.
std::string_view auditCauseDescription(std::string_view key);

struct AuditSummary {
    int n = 0;
    int agree = 0, flagged = 0, unexplained = 0;
    std::string_view partnerRule; // flip, roll, permutation, none (nothing mixed) or unrecognised
    double smoothing = 0.0;
    bool smoothingInferred = false;
    double tolerance = 1e-3;
    LamRule lamRule = LamRule::Corrected;
    DumpType type = DumpType::U8;
    bool boxes = false; // the dump had boxes: the objects were judged
    double minVisibility = 0.1;
};

struct AuditReport {
    std::vector<ElementAudit> elements;
    AuditSummary summary;
};

struct AuditOptions {
    double tolerance = 1e-3;
    std::optional<double> smoothing; // unset: inferred from the targets
    LamRule lamRule = LamRule::Corrected;
    // Detection dumps: a kept box whose object is less than this share
    // visible is a label for an object that is not there; an object at least
    // this visible needs a box (Ultralytics' area threshold, 0.1).
    double minVisibility = 0.1;
};

// Progress and cancel for a long audit: `progress(done, total)` is called
// from the threads doing the work (elements explained so far); when `cancel`
// is set, the work stops and AuditCancelled is thrown.
struct AuditControl {
    std::function<void(int done, int total)> progress;
    const std::atomic<bool>* cancel = nullptr;
};
class AuditCancelled : public Error
{
public:
    AuditCancelled() : Error("the audit was cancelled") {}
};

// The pixels of every element explained (the slow part, independent of the
// options); then the targets judged against them (fast).
std::vector<PixelExplanation> explainDump(const AuditDump& dump, const AuditControl& control = {});
// Throws cutmix::Error for a tolerance or smoothing out of range.
AuditReport judgeDump(const AuditDump& dump, const std::vector<PixelExplanation>& pixels,
                      const AuditOptions& options = {});
AuditReport auditDump(const AuditDump& dump, const AuditOptions& options = {}, const AuditControl& control = {});

// Detection dumps: each element's objects judged (judgeDump calls it after
// the targets): its own and its partner's boxes_before carried through what
// the pixels show (CutMix: the pasted rectangle, between the smallest and the
// largest the pixels allow; a mask: its pixels, those equal in both sources
// counted both ways; MixUp: both images whole, weighted; unchanged: its own),
// then matched with boxes_after (same class, within 1 px of the visible
// part's box, or of the box before the mix for the element's own objects)
// and flagged: a kept box whose object is less than minVisibility visible, an
// object at least that visible without a box, a box no object explains.
// An unexplained element's boxes are not judged. Sets e.objects, and
// e.verdict/e.cause/e.explanation as described in docs/audit-dump.md.
void judgeObjects(const AuditDump& dump, const std::vector<PixelExplanation>& pixels, double minVisibility,
                  ElementAudit& e);

// {"elements": [...], "summary": {...}}: each element with index, name,
// partner (null when none), candidates, method, share_own [lo, hi],
// target_own, verdict, cause (null or a short name), and the region and
// explanation. Strings that are not UTF-8 (names from the user's files) are
// written with U+FFFD in place of the bad bytes: use auditJsonText.
nlohmann::json auditJson(const AuditReport& r, const AuditDump* dump = nullptr);
std::string auditJsonText(const nlohmann::json& j);
// The table for a terminal: one line per element, then the summary line.
std::string auditTable(const AuditReport& r);
std::string auditSummaryLine(const AuditReport& r, const DescribeContext& context = {});
// A share interval for reading: "0.6037", or "[0.6036, 0.6037]".
std::string shareText(double lo, double hi);

// How a dump's images are shown: 8-bit, integer images as they are (16-bit
// scaled), float images de-normalised with the dump's mean and std and
// clipped to [0, 1], or, without them, the batch's range mapped to [0, 1].
struct DisplayMapping {
    std::vector<double> scale, offset; // per channel: shown = value * scale + offset, in [0, 255]
    std::vector<Phrase> note;          // in words, for float batches; empty for integer images
    bool rgb = false;                  // NPY arrays are RGB; shown images are BGR like every cv::Mat here
};
DisplayMapping displayMapping(const AuditDump& dump);

// Every template and word of the audit's sentences (explanations, flags,
// causes, the summary line, the display note, the names of methods,
// verdicts and partner rules), as written: for the tool that lists core's
// strings for translators.
std::vector<std::string_view> auditPhrases();
// 8-bit, 1, 3 or 4 channels (more are cut to the first 3; 2 become gray).
cv::Mat displayImage(const cv::Mat& image, const DisplayMapping& mapping);

} // namespace cutmix
