#include "audit.h"
#include "enumnames.h"
#include "error.h"
#include "format.h"
#include "imageio.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>

namespace cutmix
{

namespace
{

// ---- pixels

// 255 where every channel of a equals b.
cv::Mat equalPixels(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat ne;
    cv::compare(a.reshape(1), b.reshape(1), ne, cv::CMP_NE);
    if (a.channels() > 1) {
        cv::Mat perPixel;
        cv::reduce(ne.reshape(1, a.rows * a.cols), perPixel, 1, cv::REDUCE_MAX);
        ne = perPixel.reshape(1, a.rows);
    }
    cv::Mat eq;
    cv::bitwise_not(ne, eq);
    return eq;
}

bool samePixel(const cv::Mat& a, const cv::Mat& b, cv::Point p)
{
    return std::memcmp(a.ptr(p.y, p.x), b.ptr(p.y, p.x), a.elemSize()) == 0;
}

// Every value as double, in one row.
cv::Mat values(const cv::Mat& m)
{
    cv::Mat d;
    m.reshape(1, 1).convertTo(d, CV_64F);
    return d;
}

// Every `step`-th value, for a fast first fit.
std::vector<double> sampled(const cv::Mat& v, int step)
{
    std::vector<double> out;
    const double* p = v.ptr<double>();
    for (int k = 0; k < v.cols; k += step)
        out.push_back(p[k]);
    return out;
}

struct Fit {
    double lam = 0;
    double rms = 0;
};

// Least squares of a = lam * x + (1 - lam) * y.
Fit leastSquares(const double* a, const double* x, const double* y, std::size_t n)
{
    double num = 0, den = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double d = x[k] - y[k];
        num += (a[k] - y[k]) * d;
        den += d * d;
    }
    Fit f;
    f.lam = den > 0 ? num / den : 1.0;
    double ss = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double r = a[k] - (f.lam * x[k] + (1.0 - f.lam) * y[k]);
        ss += r * r;
    }
    f.rms = n ? std::sqrt(ss / double(n)) : 0.0;
    return f;
}

// The lams for which every value of a is within tol of lam * x + (1 - lam) * y.
std::optional<std::pair<double, double>> feasibleLams(const cv::Mat& a, const cv::Mat& x, const cv::Mat& y, double tol)
{
    const double* pa = a.ptr<double>();
    const double* px = x.ptr<double>();
    const double* py = y.ptr<double>();
    double lo = -1e300, hi = 1e300;
    for (int k = 0; k < a.cols; ++k) {
        const double d = px[k] - py[k], r = pa[k] - py[k];
        if (d == 0) {
            if (std::abs(r) > tol)
                return std::nullopt;
            continue;
        }
        double l = (r - tol) / d, h = (r + tol) / d;
        if (l > h)
            std::swap(l, h);
        lo = std::max(lo, l);
        hi = std::min(hi, h);
        if (lo > hi)
            return std::nullopt;
    }
    return std::make_pair(std::clamp(lo, 0.0, 1.0), std::clamp(hi, 0.0, 1.0));
}

struct Images {
    std::vector<cv::Mat> full; // the befores as doubles, one row each
    std::vector<std::vector<double>> sample;
    int step = 1;
};

void explainPixels(const AuditDump& d, const Images& im, int i, ElementAudit& e)
{
    const cv::Mat& after = d.after[std::size_t(i)];
    const cv::Mat& own = d.before[std::size_t(i)];
    const int n = int(d.before.size());
    const double total = double(after.rows) * after.cols;
    const cv::Mat eqI = equalPixels(after, own);
    const int changed = int(total) - cv::countNonZero(eqI);
    if (changed == 0) {
        e.method = AuditMethod::None;
        e.explanation = "unchanged: equal to its image before mixing";
        return;
    }
    // A region from one other element: every changed pixel equals that element.
    cv::Mat notI;
    cv::bitwise_not(eqI, notI);
    std::vector<cv::Point> changedAt;
    cv::findNonZero(notI, changedAt);
    std::vector<cv::Point> probes;
    const std::size_t stride = std::max<std::size_t>(1, changedAt.size() / 64);
    for (std::size_t k = 0; k < changedAt.size(); k += stride)
        probes.push_back(changedAt[k]);
    int best = -1, bestScore = -1;
    cv::Mat bestEq;
    for (int j = 0; j < n; ++j) {
        if (j == i)
            continue;
        const cv::Mat& other = d.before[std::size_t(j)];
        if (!std::all_of(probes.begin(), probes.end(), [&](cv::Point p) { return samePixel(after, other, p); }))
            continue;
        cv::Mat eqJ = equalPixels(after, other);
        cv::Mat unexplained;
        cv::bitwise_and(notI, ~eqJ, unexplained);
        if (cv::countNonZero(unexplained) != 0)
            continue;
        const int score = cv::countNonZero(eqJ);
        if (score > bestScore) {
            best = j;
            bestScore = score;
            bestEq = eqJ;
        }
    }
    if (best >= 0) {
        cv::Mat ownOnly, both;
        cv::bitwise_and(eqI, ~bestEq, ownOnly);
        cv::bitwise_and(eqI, bestEq, both);
        const int ownCount = cv::countNonZero(ownOnly), ambiguous = cv::countNonZero(both);
        e.partner = best;
        e.partnerPixels = changed;
        e.ambiguousPixels = ambiguous;
        e.shareLo = ownCount / total;
        e.shareHi = (ownCount + ambiguous) / total;
        const cv::Rect r = cv::boundingRect(changedAt);
        e.region = Box{r.x, r.y, r.x + r.width, r.y + r.height};
        e.rectangle = cv::countNonZero(ownOnly(r)) == 0;
        e.touchesBorder = r.x == 0 || r.y == 0 || r.x + r.width == after.cols || r.y + r.height == after.rows;
        e.method = e.rectangle ? AuditMethod::CutMix : AuditMethod::Mask;
        std::ostringstream s;
        s << (e.rectangle ? "CutMix-like: the rectangle " : "a mask (as FMix makes) within ") << r.x << "," << r.y
          << " - " << r.x + r.width << "," << r.y + r.height << " comes from #" << best;
        if (e.touchesBorder && e.rectangle)
            s << " (it touches the border: a clipped box)";
        e.explanation = s.str();
        return;
    }
    // A blend of the element with one other: the least squares on a sample
    // picks the partner, then every value's rounding bounds lam.
    const cv::Mat a = values(after);
    const std::vector<double> as = sampled(a, im.step);
    std::vector<std::pair<double, int>> fits;
    for (int j = 0; j < n; ++j)
        if (j != i)
            fits.emplace_back(
                leastSquares(as.data(), im.sample[std::size_t(i)].data(), im.sample[std::size_t(j)].data(), as.size())
                    .rms,
                j);
    std::sort(fits.begin(), fits.end());
    for (std::size_t c = 0; c < std::min<std::size_t>(2, fits.size()); ++c) {
        const int j = fits[c].second;
        const cv::Mat& x = im.full[std::size_t(i)];
        const cv::Mat& y = im.full[std::size_t(j)];
        // Rounding to nearest (timm), else any rounding (truncation, a float batch quantised).
        for (double tol : {0.5 + 1e-6, 1.0 + 1e-6}) {
            const auto lams = feasibleLams(a, x, y, tol);
            if (!lams)
                continue;
            const Fit f = leastSquares(a.ptr<double>(), x.ptr<double>(), y.ptr<double>(), std::size_t(a.cols));
            e.method = AuditMethod::MixUp;
            e.partner = j;
            e.shareLo = lams->first;
            e.shareHi = lams->second;
            e.residual = f.rms;
            std::ostringstream s;
            s << "MixUp-like: a blend with #" << j << ", lam " << formatFixed(f.lam, 6) << " by least squares (RMS "
              << formatFixed(f.rms, 3) << ")";
            if (tol > 0.6)
                s << "; not rounded to nearest";
            e.explanation = s.str();
            return;
        }
    }
    e.method = AuditMethod::Unexplained;
    std::ostringstream s;
    s << changed << " pixels differ from the image before mixing and do not all come from one other element";
    if (!fits.empty()) {
        e.residual = fits.front().first;
        s << ", and no blend with one other element fits (best #" << fits.front().second << ", RMS "
          << formatFixed(fits.front().first, 2) << ")";
    }
    s << ": were other transforms applied after mixing (flip, crop, colour, normalisation)?";
    e.explanation = s.str();
}

// ---- targets

struct Smoothed {
    double off, on;
};

Smoothed smoothedValues(double s, int k)
{
    return {s / k, 1.0 - s + s / k};
}

// The largest difference between the target row and w * y(own) + (1 - w) * y(other).
double mismatch(const std::vector<double>& t, int own, int other, double w, Smoothed v)
{
    double worst = 0;
    for (int c = 0; c < int(t.size()); ++c) {
        double expected = v.off;
        if (c == own)
            expected += w * (v.on - v.off);
        if (c == other)
            expected += (1.0 - w) * (v.on - v.off);
        worst = std::max(worst, std::abs(t[std::size_t(c)] - expected));
    }
    return worst;
}

double inferSmoothing(const AuditDump& d, int k)
{
    std::vector<double> estimates;
    for (std::size_t i = 0; i < d.targets.size(); ++i) {
        const auto& t = d.targets[i];
        if (k >= 3) {
            estimates.push_back(*std::min_element(t.begin(), t.end()) * k);
        } else {
            // Two classes: only an element whose whole target is its own class says it.
            const double own = t[std::size_t(d.labels[i])];
            const double other = t[std::size_t(1 - d.labels[i])];
            if (own > other && std::abs(own + other - 1.0) < 1e-6 && other * 2 < 1.0)
                estimates.push_back(other * k);
        }
    }
    if (estimates.empty())
        return 0.0;
    std::sort(estimates.begin(), estimates.end());
    const double s = estimates[estimates.size() / 2];
    return std::abs(s) < 1e-9 ? 0.0 : s;
}

// The element whose class the target mixes in, preferring the elements that
// the usual rules name (flip, roll).
std::optional<int> elementOfClass(const AuditDump& d, int i, int cls)
{
    const int n = int(d.labels.size());
    for (int k : {n - 1 - i, (i + n - 1) % n, (i + 1) % n})
        if (d.labels[std::size_t(k)] == cls)
            return k;
    for (int k = 0; k < n; ++k)
        if (d.labels[std::size_t(k)] == cls)
            return k;
    return std::nullopt;
}

void checkTarget(const AuditDump& d, const AuditOptions& o, double s, int i, ElementAudit& e)
{
    const auto& t = d.targets[std::size_t(i)];
    const int k = int(t.size());
    const int own = d.labels[std::size_t(i)];
    const Smoothed v = smoothedValues(s, k);
    const double tol = o.tolerance;
    const double span = v.on - v.off;
    auto flag = [&](const std::string& cause, const std::string& words) {
        e.verdict = Verdict::Flagged;
        e.cause = cause;
        e.explanation += "; " + words;
    };
    // The class the rest of the target goes to: the largest other entry.
    int other = own;
    double otherMass = -1;
    for (int c = 0; c < k; ++c)
        if (c != own && t[std::size_t(c)] > otherMass) {
            otherMass = t[std::size_t(c)];
            other = c;
        }
    const double claimed = span > 0 ? (t[std::size_t(own)] - v.off) / span : 1.0;
    e.targetOwn = claimed;
    if (e.method == AuditMethod::Unexplained) {
        e.verdict = Verdict::Unexplained;
        return;
    }
    const int partnerClass = e.partner ? d.labels[std::size_t(*e.partner)] : own;
    if (!e.partner || partnerClass == own) {
        // The target must be the element's own smoothed label.
        if (mismatch(t, own, own, 1.0, v) <= tol) {
            e.targetOwn = 1.0;
            return;
        }
        const Smoothed twice = smoothedValues(1.0 - (1.0 - s) * (1.0 - s), k);
        if (o.smoothing && s > 0 && mismatch(t, own, own, 1.0, twice) <= tol) {
            flag("double-smoothing", "the target is the label smoothed twice");
            return;
        }
        e.labelPartner = elementOfClass(d, i, other);
        std::ostringstream w;
        w << "the pixels are " << (e.partner ? "mixed with an element of the same class" : "unchanged")
          << ", but the target gives " << formatFixed(1.0 - claimed, 4) << " to class "
          << d.classes[std::size_t(other)];
        if (e.partner && e.labelPartner)
            flag("partner-mismatch", w.str() + " (the class of #" + std::to_string(*e.labelPartner) + ")");
        else
            flag("", w.str());
        return;
    }
    const double lo = e.shareLo - tol, hi = e.shareHi + tol;
    const double fit = mismatch(t, own, partnerClass, claimed, v);
    if (fit <= tol && claimed >= lo && claimed <= hi)
        return;
    std::ostringstream claim;
    claim << "the target gives its own class " << formatFixed(claimed, 4) << " where the pixels give "
          << shareText(e.shareLo, e.shareHi);
    if (fit > tol) {
        // The rest of the target is not on the partner's class.
        if (o.smoothing && s > 0) {
            const Smoothed twice = smoothedValues(1.0 - (1.0 - s) * (1.0 - s), k);
            const double w2 = (t[std::size_t(own)] - twice.off) / (twice.on - twice.off);
            if (mismatch(t, own, partnerClass, w2, twice) <= tol) {
                e.targetOwn = w2;
                flag("double-smoothing", "the target fits the label smoothed twice (smoothing " +
                                             formatFixed(1.0 - (1.0 - s) * (1.0 - s), 4) + " instead of " +
                                             formatFixed(s, 4) + ")");
                return;
            }
        }
        e.labelPartner = elementOfClass(d, i, other);
        if (other != partnerClass && mismatch(t, own, other, claimed, v) <= tol) {
            std::ostringstream w;
            w << "the pixels come from #" << *e.partner << " (" << d.classes[std::size_t(partnerClass)]
              << ") but the target mixes in " << d.classes[std::size_t(other)];
            if (e.labelPartner)
                w << ", the class of #" << *e.labelPartner;
            flag("partner-mismatch", w.str());
            return;
        }
        flag("", "the target is not a mix of its own class and its partner's (largest difference " +
                     formatFixed(fit, 4) + ")");
        return;
    }
    // The right classes, the wrong weight.
    if (1.0 - claimed >= lo && 1.0 - claimed <= hi) {
        if (e.method == AuditMethod::MixUp)
            flag("mixup-lam-inverted", claim.str() + ": lam is applied to the partner's label, 1 - lam to its own");
        else
            flag("weights-swapped", claim.str() + ": the weights of the element and its partner are swapped");
        return;
    }
    if (e.method == AuditMethod::CutMix && claimed < lo) {
        // The drawn lam reported as it was: the box clipped at the border, or
        // only its sides rounded to whole pixels (less than W + H pixels).
        const cv::Mat& a = d.after[std::size_t(i)];
        const double rounding = double(a.cols + a.rows) / (double(a.cols) * a.rows);
        if (e.touchesBorder) {
            flag("uncorrected-lam", claim.str() +
                                        ": the box was clipped at the border but the weight is the drawn lam, not "
                                        "corrected for the clipped area");
            return;
        }
        if (e.shareLo - claimed <= rounding) {
            flag("uncorrected-lam", claim.str() +
                                        ": the weight is the drawn lam, not the area of the box whose sides were "
                                        "rounded to whole pixels");
            return;
        }
    }
    flag("", claim.str());
}

std::string partnerRule(const std::vector<ElementAudit>& elements)
{
    const int n = int(elements.size());
    bool any = false, flip = true, roll = true;
    std::set<int> used;
    bool injective = true;
    for (const ElementAudit& e : elements) {
        if (!e.partner)
            continue;
        any = true;
        flip = flip && *e.partner == n - 1 - e.index;
        roll = roll && *e.partner == (e.index + n - 1) % n;
        injective = injective && used.insert(*e.partner).second;
    }
    if (!any)
        return "none";
    if (flip)
        return "flip";
    if (roll)
        return "roll";
    return injective ? "permutation" : "unrecognised";
}

} // namespace

AuditReport auditDump(const AuditDump& d, const AuditOptions& o)
{
    if (!(o.tolerance >= 0 && o.tolerance < 1))
        throw Error("the tolerance must be in [0, 1)");
    if (o.smoothing && !(*o.smoothing >= 0 && *o.smoothing < 1))
        throw Error("label smoothing must be in [0, 1)", Setting::Smoothing);
    const int n = int(d.before.size());
    const int k = d.targets.empty() ? 0 : int(d.targets.front().size());
    Images im;
    const int count = d.before.empty() ? 0 : int(d.before.front().total() * d.before.front().channels());
    im.step = std::max(1, count / 20000);
    for (const cv::Mat& b : d.before) {
        im.full.push_back(values(b));
        im.sample.push_back(sampled(im.full.back(), im.step));
    }
    AuditReport r;
    r.summary.n = n;
    r.summary.tolerance = o.tolerance;
    r.summary.smoothingInferred = !o.smoothing;
    r.summary.smoothing = o.smoothing ? *o.smoothing : inferSmoothing(d, k);
    for (int i = 0; i < n; ++i) {
        ElementAudit e;
        e.index = i;
        explainPixels(d, im, i, e);
        checkTarget(d, o, r.summary.smoothing, i, e);
        r.summary.agree += e.verdict == Verdict::Agree;
        r.summary.flagged += e.verdict == Verdict::Flagged;
        r.summary.unexplained += e.verdict == Verdict::Unexplained;
        r.elements.push_back(std::move(e));
    }
    r.summary.partnerRule = partnerRule(r.elements);
    return r;
}

} // namespace cutmix
