#include "lesson.h"

#include "audit/audit.h"
#include "auditmodel.h"
#include "batchio.h"
#include "batchmodel.h"
#include "betadist.h"
#include "coretext.h"
#include "demo.h"
#include "describe.h"
#include "draw.h"
#include "error.h"
#include "lamstats.h"
#include "method.h"
#include "recipes.h"
#include "studiomodel.h"

#include <QLocale>
#include <cmath>

namespace cutmix::ui
{

namespace
{

// The run of draws step 3 counts, on the size the CutMix paper trains on.
constexpr std::uint64_t kClippingDraws = 100000;
constexpr Size kImageNetSize{224, 224};

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

QString percent(double share)
{
    return QLocale().toString(100.0 * share, 'f', 1) + QStringLiteral(" %");
}

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString boxWords(const Box& b)
{
    return QString::fromStdString(cutmix::boxText(b));
}

// The demo parameters every step starts from: the official CutMix at alpha 1,
// seed 0, draw `index`.
Params lessonParams(std::uint64_t index = 0)
{
    Params p;
    p.method = &methodNamed("official");
    p.alpha = 1.0;
    p.seed = 0;
    p.index = index;
    return p;
}

// The first draw of seed 0 (from index 0) whose official box is clipped at the
// border: the draw on which the libraries' boxes and weights differ.
std::uint64_t firstClippedIndex(Size size)
{
    const Params p = lessonParams();
    for (std::uint64_t i = 0; i < 1000; ++i) {
        const Draw d = makeDraw(p, size, size, drawInputs(p.seed, i, p.alpha));
        // clipped, and still a sixteenth of the image or more
        if (d.geometry.box != d.geometry.unclipped && d.geometry.box.area() * 16 >= d.size.area())
            return i;
    }
    return 0;
}

} // namespace

Lesson::Lesson(StudioModel* pair, Models models, QObject* parent)
    : QObject(parent), pair_(pair), models_(std::move(models))
{
    connect(pair_, &StudioModel::drawChanged, this, &Lesson::refresh);
    connect(pair_, &StudioModel::paramsChanged, this, &Lesson::refresh);
    connect(pair_, &StudioModel::labelsChanged, this, &Lesson::refresh);
}

void Lesson::refresh()
{
    if (active_)
        emit textChanged();
}

Lesson::~Lesson() = default;

void Lesson::start()
{
    if (!active_) {
        Saved s;
        for (int k = 0; k < pair_->sourceCount(); ++k) {
            s.paths << pair_->sourcePath(k);
            s.labels << pair_->sourceLabel(k);
        }
        s.params = pair_->params();
        s.hold = pair_->hold();
        saved_ = s;
        active_ = true;
    }
    step_ = -1;
    goTo(0);
}

void Lesson::finish()
{
    if (!active_)
        return;
    active_ = false;
    if (saved_ && saved_->paths.size() >= 2) {
        pair_->setHold(false);
        if (pair_->loadPair(saved_->paths[0], saved_->paths[1])) {
            while (pair_->sourceCount() > 2)
                pair_->removeSource(pair_->sourceCount() - 1);
            for (int k = 2; k < saved_->paths.size(); ++k)
                pair_->addSource(saved_->paths[k]);
            for (int k = 0; k < saved_->labels.size() && k < pair_->sourceCount(); ++k)
                pair_->setSourceLabel(k, saved_->labels[k]);
        }
        pair_->setParams(saved_->params);
        pair_->setHold(saved_->hold);
    }
    saved_.reset();
    emit finished();
}

void Lesson::goTo(int step)
{
    if (step < 0 || step >= kSteps || step == step_)
        return;
    step_ = step;
    problem_ = {};
    prepare(step);
    emit stepChanged(step_);
    emit textChanged();
}

QString Lesson::title(int step) const
{
    switch (step) {
    case 0:
        return tr("λ is drawn from Beta(α, α)");
    case 1:
        return tr("From λ to the box");
    case 2:
        return tr("The centre, the border, and why A's weight is not λ");
    case 3:
        return tr("The soft label and label smoothing");
    case 4:
        return tr("More than two sources, done right");
    case 5:
        return tr("The libraries disagree");
    case 6:
        return tr("A batch: flip or roll, and the target matrix");
    case 7:
        return tr("An audit finds a swapped weight");
    default:
        return {};
    }
}

Lesson::View Lesson::view() const
{
    switch (step_) {
    case 6:
        return View::Batch;
    case 7:
        return View::Audit;
    default:
        return View::Pair;
    }
}

QString Lesson::task() const
{
    switch (step_) {
    case 0:
        return tr("Drag α in Parameters from 0.2 to 4 and watch the density on the right.");
    case 1:
        return tr("Press Space for new draws: the smaller λ, the larger the box.");
    case 2:
        return tr("Press Space until the box touches the border, and compare λ with the weight of A in Numbers.");
    case 3:
        return tr("Set Label smoothing to 0.2 and watch both weights move towards 1/K.");
    case 4:
        return tr("Add a fourth image in Sources, or press Space: each weight is a share of the visible pixels.");
    case 5:
        return tr("Switch the convention in Parameters between the libraries and watch the box and the weight.");
    case 6:
        return tr("Switch the recipe between timm and torchvision and watch the partners and the target matrix.");
    case 7:
        return tr("Click the orange tile (flagged) and read why the audit flagged it.");
    default:
        return {};
    }
}

void Lesson::prepare(int step)
{
    const QStringList demo = demoImages();
    pair_->setHold(false);
    if (step <= 5) {
        bool ok = pair_->loadPair(demo[0], demo[1]);
        while (ok && pair_->sourceCount() > 2)
            pair_->removeSource(pair_->sourceCount() - 1);
        if (ok && step == 4)
            ok = pair_->addSource(demo[2]);
        if (!ok) {
            problem_ = Message([] { return tr("The demo images could not be opened."); });
            return;
        }
    }
    switch (step) {
    case 0:
    case 1:
    case 4:
        pair_->setParams(lessonParams());
        break;
    case 2:
        pair_->setParams(lessonParams(firstClippedIndex(pair_->draw().size)));
        break;
    case 3: {
        Params p = lessonParams();
        p.smoothing = 0.1;
        pair_->setParams(p);
        break;
    }
    case 5: {
        pair_->setParams(lessonParams(firstClippedIndex(pair_->draw().size)));
        pair_->setHold(true);
        break;
    }
    case 6:
        prepareBatch();
        break;
    case 7:
        prepareAudit();
        break;
    }
}

void Lesson::prepareBatch()
{
    BatchModel* b = models_.batch ? models_.batch() : nullptr;
    if (!b) {
        problem_ = Message([] { return tr("The batch view is not available."); });
        return;
    }
    if (!b->loadDemo()) {
        problem_ = Message([] { return tr("The demo batch could not be opened."); });
        return;
    }
    connect(b, &BatchModel::batchChanged, this, &Lesson::refresh, Qt::UniqueConnection);
    b->setRecipe(recipeNamed("timm"));
    b->setSeed(0);
    b->setSize({224, 224});
}

void Lesson::prepareAudit()
{
    prepareBatch();
    BatchModel* b = models_.batch ? models_.batch() : nullptr;
    AuditModel* a = models_.audit ? models_.audit() : nullptr;
    if (!problem_.isEmpty() || !b || !a || !b->hasBatch()) {
        if (problem_.isEmpty())
            problem_ = Message([] { return tr("The audit view is not available."); });
        return;
    }
    // The batch as timm mixes it, with one element's target weights swapped:
    // the first batch of the run (from seed 0) that CutMix mixes with weights
    // far from a half, and in it the first element mixed with another class.
    auto candidate = [b] {
        const BatchInput& in = b->input();
        if (!b->hasBatch())
            return -1;
        for (const BatchElement& e : b->mixed().draw.elements)
            if (e.mixed && e.draw.method().isConvention() && std::abs(2.0 * e.lam - 1.0) > 0.2 &&
                in.classes[std::size_t(e.selfIndex)] != in.classes[std::size_t(e.labelPartner)])
                return e.selfIndex;
        return -1;
    };
    swapped_ = -1;
    for (std::uint64_t seed = 0; seed < 100 && swapped_ < 0; ++seed) {
        b->setSeed(seed);
        swapped_ = candidate();
    }
    if (swapped_ >= 0) {
        const BatchInput& in = b->input();
        const BatchElement& e = b->mixed().draw.elements[std::size_t(swapped_)];
        const auto k = in.classNames.size();
        MixedBatch wrong = b->mixed();
        std::swap(wrong.targets[std::size_t(swapped_) * k + std::size_t(in.classes[std::size_t(e.selfIndex)])],
                  wrong.targets[std::size_t(swapped_) * k + std::size_t(in.classes[std::size_t(e.labelPartner)])]);
        dumpDir_ = std::make_unique<QTemporaryDir>();
        try {
            dumpBatch(auditFolder().toStdString(), in, wrong);
        } catch (const Error& err) {
            problem_ = Message([err] { return windowMessage(err); });
            return;
        }
    }
    if (swapped_ < 0) {
        problem_ = Message([] { return tr("This batch has no element to swap."); });
        return;
    }
    connect(a, &AuditModel::reportChanged, this, &Lesson::refresh, Qt::UniqueConnection);
    a->open(auditFolder());
}

QString Lesson::auditFolder() const
{
    return dumpDir_ ? dumpDir_->filePath("dump") : QString();
}

QString Lesson::text() const
{
    if (!problem_.isEmpty())
        return problem_.text();
    switch (step_) {
    case 0:
        return betaText();
    case 1:
        return boxText();
    case 2:
        return clippingText();
    case 3:
        return labelText();
    case 4:
        return sourcesText();
    case 5:
        return librariesText();
    case 6:
        return batchText();
    case 7:
        return auditText();
    default:
        return {};
    }
}

QString Lesson::betaText() const
{
    const double a = pair_->params().alpha;
    QString t = tr("<p>Each draw picks a weight λ between 0 and 1 from the Beta distribution with both "
                   "parameters equal to α: the density on the right. λ is the share of image A the mix is "
                   "meant to keep.</p>");
    try {
        t += tr("<p>At α = %1, half of all draws fall between <b>%2</b> and <b>%3</b>, and one in ten "
                "below <b>%4</b>. Below α = 1 the draws pile up near 0 and 1 (one image dominates); above it "
                "they gather around 0.5; at α = 1 every λ is equally likely. The CutMix paper uses α = 1.</p>")
                 .arg(number(a, 2), number(betaQuantile(a, 0.25), 3), number(betaQuantile(a, 0.75), 3),
                      number(betaQuantile(a, 0.1), 3));
    } catch (const Error& e) {
        t += QString::fromStdString(e.what());
    }
    return t;
}

QString Lesson::boxText() const
{
    const Draw& d = pair_->draw();
    if (!pair_->hasPair() || !d.method().isConvention())
        return tr("<p>Choose CutMix (official) to see the box.</p>");
    const double side = std::sqrt(1.0 - d.inputs.lam);
    return tr("<p>The box takes the share 1 − λ of the image's area, so each side is the image's side times "
              "√(1 − λ).</p><p>This draw: λ = <b>%1</b>, √(1 − λ) = %2.<br>cut_w = int(%3 · %2) = <b>%4</b>, "
              "cut_h = int(%5 · %2) = <b>%6</b>.<br>The box %7 is pasted from B into A.</p>")
        .arg(number(d.inputs.lam, 4), number(side, 4))
        .arg(d.size.width)
        .arg(d.geometry.cut.width)
        .arg(d.size.height)
        .arg(d.geometry.cut.height)
        .arg(boxWords(d.geometry.box));
}

QString Lesson::clippingText() const
{
    const Params& p = pair_->params();
    const Draw& d = pair_->draw();
    QString t = tr("<p>The box's centre is uniform over the whole image, so near the border part of the box "
                   "falls outside and is cut off. The pasted area is then smaller than 1 − λ, and A keeps more "
                   "than λ: the official code recomputes the weight from the clipped box, λ_adj = 1 − "
                   "box area / (W · H).</p>");
    if (d.method().isConvention()) {
        const bool clipped = d.geometry.box != d.geometry.unclipped;
        t += tr("<p>This draw: λ = %1, box %2 (%3), λ_adj = <b>%4</b>.</p>")
                 .arg(number(d.inputs.lam, 4), boxWords(d.geometry.box),
                      clipped ? tr("clipped at the border") : tr("inside the image"), number(d.lamAdj, 4));
    }
    if (!clipping_ || clipping_->alpha != p.alpha) {
        Params run = lessonParams();
        run.alpha = p.alpha;
        clipping_ = Clipping{p.alpha, std::nullopt, QString()};
        try {
            clipping_->stats = lamStats(run, kImageNetSize, 0, kClippingDraws);
        } catch (const Error& e) {
            clipping_->error = QString::fromStdString(e.what());
        }
    }
    if (!clipping_->stats)
        return t + clipping_->error;
    const LamStats& s = *clipping_->stats;
    return t + tr("<p>Counted over %1 draws at α = %2 on 224 × 224 images: the box is clipped in "
                  "<b>%3</b> of draws, and the mean weight of A is <b>%4</b>, not the %5 of the mean λ.</p>")
                   .arg(QLocale().toString(qulonglong(s.count)), number(p.alpha, 2), percent(s.pClipped()),
                        number(s.meanAdj(), 3), number(s.meanSampled(), 3));
}

QString Lesson::labelText() const
{
    const NamedSources names = pair_->names();
    const std::vector<double> label = pair_->softLabel();
    const double s = pair_->params().smoothing;
    QString t = tr("<p>The label is mixed by the same weights as the pixels: λ_adj · onehot(A) + (1 − λ_adj) · "
                   "onehot(B). Label smoothing s then moves every class towards 1/K: each class gets s/K and "
                   "the true classes 1 − s on top of their share.</p>");
    QString parts;
    double sum = 0;
    for (std::size_t c = 0; c < label.size() && c < names.classes.size(); ++c) {
        if (!parts.isEmpty())
            parts += QStringLiteral(", ");
        parts += QString::fromStdString(names.classes[c]) + QStringLiteral(" <b>") + number(label[c], 4) +
                 QStringLiteral("</b>");
        sum += label[c];
    }
    t += tr("<p>This draw, with s = %1 and K = %2 classes: %3 (sum %4).</p>")
             .arg(number(s, 2))
             .arg(names.numClasses)
             .arg(parts, number(sum, 4));
    return t;
}

QString Lesson::sourcesText() const
{
    const Draw& d = pair_->draw();
    const int k = pair_->sourceCount();
    QString t = tr("<p>With k images, each further image pastes a box of its own draw (its own λ from Beta(α, "
                   "α)) over the result so far. Each weight is then counted from the pixels still visible, so "
                   "the weights always sum to 1.</p>");
    QString parts;
    for (std::size_t j = 0; j < d.weights.size() && int(j) < k; ++j) {
        if (!parts.isEmpty())
            parts += QStringLiteral(", ");
        parts += pair_->sourceLabel(int(j)) + QStringLiteral(" <b>") + percent(d.weights[j]) + QStringLiteral("</b>");
    }
    t += tr("<p>This draw: %1.</p>").arg(parts);
    // The mistake: one Beta for all, with both parameters floor(alpha / k).
    const double a = pair_->params().alpha;
    const double wrong = std::floor(a / double(k));
    Params p = pair_->params();
    p.alpha = wrong;
    QString refused;
    try {
        checkParams(p);
    } catch (const Error& e) {
        refused = QString::fromStdString(e.what());
    }
    t += tr("<p>A common mistake draws the k-image mix from Beta(floor(α / k), floor(α / k)). Here "
            "floor(%1 / %2) = <b>%3</b>.</p>")
             .arg(number(a, 2))
             .arg(k)
             .arg(number(wrong, 0));
    if (!refused.isEmpty())
        t += tr("<p>That draw is refused: <i>%1</i>. Beta(0, 0) is not a distribution: a sampler divides "
                "X / (X + Y) with X = Y = 0, which is 0 / 0 = NaN.</p>")
                 .arg(refused.toHtmlEscaped());
    else
        t += tr("<p>At this α the draw is possible, but its weights do not come from the pixels: the label "
                "would not match the image.</p>");
    return t;
}

QString Lesson::librariesText() const
{
    const Params& p = pair_->params();
    const Draw& here = pair_->draw();
    QString t = tr("<p>The same λ and the same uniforms for the centre, under each library's rule. They "
                   "differ in how they round the cut, where the box starts (Kornia starts at −1 for any "
                   "draw), and whether the weight is corrected for clipping.</p>");
    t += QStringLiteral("<table cellspacing=\"4\"><tr><th align=\"left\">") + tr("convention") +
         QStringLiteral("</th><th align=\"left\">") + tr("box") + QStringLiteral("</th><th align=\"right\">") +
         tr("weight of A") + QStringLiteral("</th></tr>");
    for (const Method* m : variantsOf(methodNamed("official"))) {
        Params q = p;
        q.method = m;
        q.correctLam.reset();
        QString box, weight;
        try {
            const Draw d = makeDraw(q, here.size, here.size, here.inputs);
            box = boxWords(d.geometry.box);
            weight = number(d.lam, 4);
        } catch (const Error& e) {
            box = QString::fromStdString(e.what());
        }
        const bool shown = m == &here.method();
        t += QStringLiteral("<tr><td>%1%2%3</td><td>%4</td><td align=\"right\">%5</td></tr>")
                 .arg(shown ? QStringLiteral("<b>") : QString(), qs(m->name),
                      shown ? QStringLiteral("</b>") : QString(), box, weight);
    }
    t += QStringLiteral("</table>");
    t += tr("<p>timm's rand_bbox and torchvision v2's CutMix follow the official rule.</p>");
    return t;
}

QString Lesson::batchText() const
{
    BatchModel* b = models_.batch ? models_.batch() : nullptr;
    if (!b || !b->hasBatch())
        return b ? b->problem() : QString();
    const BatchDraw& d = b->mixed().draw;
    QString pairs;
    for (const BatchElement& e : d.elements) {
        if (!pairs.isEmpty())
            pairs += QStringLiteral(", ");
        pairs += QStringLiteral("%1 ← %2").arg(e.selfIndex).arg(e.partner);
    }
    const QString rule = qs(partnerRuleName(d.pixelRule));
    return tr("<p>A training loop mixes a whole batch at once, each image with a partner from the same "
              "batch: timm flips the batch (element i with N − 1 − i), torchvision rolls it (i with i − 1). "
              "Each row of the target matrix is one element's soft label.</p><p>This batch (%1, partners "
              "%2): %3.</p>")
        .arg(qs(b->settings().recipe->title), rule, pairs);
}

QString Lesson::auditText() const
{
    QString t = tr("<p>A batch of the demo images mixed as timm mixes it, with one mistake planted: element "
                   "#%1's target gives its own class the partner's weight and the partner's class its own. "
                   "The audit reads only the images and the targets, measures each element's share from the "
                   "pixels and compares.</p>")
                    .arg(swapped_);
    AuditModel* a = models_.audit ? models_.audit() : nullptr;
    if (!a || a->busy() || !a->hasReport() || a->folder() != auditFolder())
        return t + tr("<p>Auditing…</p>");
    const AuditReport& r = a->report();
    for (const ElementAudit& e : r.elements) {
        if (e.index != swapped_)
            continue;
        if (e.cause.empty())
            t += tr("<p>The audit's verdict on #%1: <b>%2</b>. %3 of %4 elements agree.</p>")
                     .arg(e.index)
                     .arg(coreText(verdictName(e.verdict)))
                     .arg(r.summary.agree)
                     .arg(r.summary.n);
        else
            t += tr("<p>The audit's verdict on #%1: <b>%2</b>, cause <code>%3</code>: %4. %5 of %6 elements "
                    "agree.</p>")
                     .arg(e.index)
                     .arg(coreText(verdictName(e.verdict)), QString::fromStdString(e.cause),
                          coreText(auditCauseDescription(e.cause)).toHtmlEscaped())
                     .arg(r.summary.agree)
                     .arg(r.summary.n);
        t += tr("<p>In the audit's words: %1.</p>")
                 .arg(QString::fromStdString(explanationText(e, translatedContext())).toHtmlEscaped());
    }
    return t;
}

} // namespace cutmix::ui
