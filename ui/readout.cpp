#include "readout.h"

#include "studiomodel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

namespace cutmix::ui
{

namespace
{

QString num(double v, int digits = 6)
{
    return QString::number(v, 'f', digits);
}
QString n(long long v)
{
    return QString::number(v);
}

} // namespace

QStringList formulaLines(const StudioModel& m)
{
    if (!m.hasPair())
        return {"Open two images to see a draw."};
    const Draw& d = m.draw();
    const Geometry& g = d.geometry;
    const Box& b = g.box;
    const int W = d.size.width, H = d.size.height;
    QStringList l;
    QString sizeNote;
    if (d.sizeA != d.sizeB)
        sizeNote = d.resize == ResizePolicy::ResizeB
                       ? QString("  (B resized from %1 × %2)").arg(d.sizeB.width).arg(d.sizeB.height)
                       : QString("  (both centre-cropped; A was %1 × %2, B %3 × %4)")
                             .arg(d.sizeA.width)
                             .arg(d.sizeA.height)
                             .arg(d.sizeB.width)
                             .arg(d.sizeB.height);
    l << QString("W × H = %1 × %2%3").arg(W).arg(H).arg(sizeNote);
    l << QString("seed %1, index %2").arg(d.seed).arg(d.index);
    if (m.hold())
        l << QString("λ = Beta⁻¹(u = %1; α = %2) = %3   (held)")
                 .arg(num(m.heldUniform(), 4), num(d.alpha, 3), num(d.lamSampled));
    else
        l << QString("λ ~ Beta(α, α), α = %1:  λ = %2").arg(num(d.alpha, 3), num(d.lamSampled));
    const double root = std::sqrt(1.0 - d.lamSampled);
    switch (d.convention) {
    case Convention::Official:
    case Convention::OfficialRaw:
    case Convention::KerasCv: {
        l << QString("cut_w = int(W·√(1−λ)) = int(%1 · %2) = %3").arg(W).arg(num(root, 5)).arg(g.cut.width);
        l << QString("cut_h = int(H·√(1−λ)) = int(%1 · %2) = %3").arg(H).arg(num(root, 5)).arg(g.cut.height);
        l << QString("centre (cx, cy) = (%1, %2)").arg(g.center->x).arg(g.center->y);
        const int cx = g.center->x, cy = g.center->y;
        if (d.convention == Convention::KerasCv) {
            l << QString("x1 = clip(⌈cx − cut_w/2⌉) = clip(⌈%1 − %2⌉) = %3").arg(cx).arg(g.cut.width / 2.0).arg(b.x1);
            l << QString("x2 = clip(⌈cx + cut_w/2⌉) = clip(⌈%1 + %2⌉) = %3").arg(cx).arg(g.cut.width / 2.0).arg(b.x2);
            l << QString("y1 = clip(⌈cy − cut_h/2⌉) = clip(⌈%1 − %2⌉) = %3").arg(cy).arg(g.cut.height / 2.0).arg(b.y1);
            l << QString("y2 = clip(⌈cy + cut_h/2⌉) = clip(⌈%1 + %2⌉) = %3").arg(cy).arg(g.cut.height / 2.0).arg(b.y2);
        } else {
            l << QString("x1 = clip(cx − cut_w//2, 0, W) = clip(%1, 0, %2) = %3").arg(g.unclipped.x1).arg(W).arg(b.x1);
            l << QString("x2 = clip(cx + cut_w//2, 0, W) = clip(%1, 0, %2) = %3").arg(g.unclipped.x2).arg(W).arg(b.x2);
            l << QString("y1 = clip(cy − cut_h//2, 0, H) = clip(%1, 0, %2) = %3").arg(g.unclipped.y1).arg(H).arg(b.y1);
            l << QString("y2 = clip(cy + cut_h//2, 0, H) = clip(%1, 0, %2) = %3").arg(g.unclipped.y2).arg(H).arg(b.y2);
        }
        break;
    }
    case Convention::Kornia:
        l << QString("cut_w = ⌊√(1−λ)·W⌋ = ⌊%1 · %2⌋ = %3").arg(num(root, 5)).arg(W).arg(g.cut.width);
        l << QString("cut_h = ⌊√(1−λ)·H⌋ = ⌊%1 · %2⌋ = %3").arg(num(root, 5)).arg(H).arg(g.cut.height);
        l << QString("x1 = ⌊u·(W − cut_w − 1)⌋ = ⌊%1 · %2⌋ = %3")
                 .arg(num(d.inputs.u[0], 4))
                 .arg(W - g.cut.width - 1)
                 .arg(b.x1);
        l << QString("y1 = ⌊u·(H − cut_h − 1)⌋ = ⌊%1 · %2⌋ = %3")
                 .arg(num(d.inputs.u[1], 4))
                 .arg(H - g.cut.height - 1)
                 .arg(b.y1);
        l << QString("x2 = x1 + cut_w = %1,  y2 = y1 + cut_h = %2").arg(b.x2).arg(b.y2);
        break;
    case Convention::TimmMinMax:
        l << QString("cut_w = randint(int(W·%1), int(W·%2)) = %3").arg(d.minmax.lo).arg(d.minmax.hi).arg(g.cut.width);
        l << QString("cut_h = randint(int(H·%1), int(H·%2)) = %3").arg(d.minmax.lo).arg(d.minmax.hi).arg(g.cut.height);
        l << QString("x1 = randint(0, W − cut_w) = %1,  y1 = randint(0, H − cut_h) = %2").arg(b.x1).arg(b.y1);
        l << QString("x2 = x1 + cut_w = %1,  y2 = y1 + cut_h = %2").arg(b.x2).arg(b.y2);
        l << "(λ is not used for the box: timm ignores it when cutmix_minmax is set)";
        break;
    }
    l << QString("box = [%1, %2) × [%3, %4) = %5 × %6 = %7 px")
             .arg(b.x1)
             .arg(b.x2)
             .arg(b.y1)
             .arg(b.y2)
             .arg(b.width())
             .arg(b.height())
             .arg(n(b.area()));
    if (g.unclipped != b)
        l << QString("clipped: the unclipped box [%1, %2) × [%3, %4) reaches outside the image")
                 .arg(g.unclipped.x1)
                 .arg(g.unclipped.x2)
                 .arg(g.unclipped.y1)
                 .arg(g.unclipped.y2);
    l << QString("λ_adj = 1 − area/(W·H) = 1 − %1/%2 = %3")
             .arg(n(b.area()))
             .arg(n((long long)W * H))
             .arg(num(d.lamAdj));
    QString weight;
    switch (d.convention) {
    case Convention::Official:
    case Convention::OfficialRaw:
        weight = d.correctLam ? "λ_adj (corrected)" : "the drawn λ (not corrected)";
        break;
    case Convention::KerasCv:
        weight = QString("1 − cut_w·cut_h/(W·H) = 1 − %1/%2 (unclipped area)")
                     .arg(n((long long)g.cut.width * g.cut.height))
                     .arg(n((long long)W * H));
        break;
    case Convention::Kornia:
        weight = d.correctLam ? "λ_adj (use_correct_lambda)" : "area/(W·H) (kornia's legacy weight)";
        break;
    case Convention::TimmMinMax:
        weight = "λ_adj";
        break;
    }
    l << QString("weight of A (%1) = %2 = %3")
             .arg(QString::fromStdString(std::string(conventionName(d.convention))), weight, num(d.lam));
    if (std::abs(d.lam - d.lamAdj) > 1e-12)
        l << QString("⚠ differs from the true pixel share λ_adj by %1").arg(num(d.lam - d.lamAdj));
    if (m.selfMix())
        l << "⚠ A and B are the same image: it is mixed with itself";
    return l;
}

Readout::Readout(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    label_ = new QLabel;
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label_->setMargin(6);
    auto* scroll = new QScrollArea;
    scroll->setWidget(label_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    connect(model_, &StudioModel::drawChanged, this, &Readout::refresh);
    connect(model_, &StudioModel::pairChanged, this, &Readout::refresh);
    refresh();
}

void Readout::refresh()
{
    label_->setText(formulaLines(*model_).join('\n'));
}

QString Readout::text() const
{
    return label_->text();
}

} // namespace cutmix::ui
