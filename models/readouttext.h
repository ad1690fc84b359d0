// The read-out's text for the window's current draw: the summary line above
// the result, the formula lines, and the few numbers presentation mode shows.
// QtCore only: the model's library, tested without widgets.
#pragma once

#include <QString>
#include <QStringList>

namespace cutmix
{
struct Method;
}

namespace cutmix::ui
{

class StudioModel;

// Whether alpha changes anything a user sees with this method: the lam drawn
// from Beta(alpha, alpha) sizes the box or weighs the blend. Not where the
// cut is drawn from the cut range and the weight is the box's share (timm
// with cutmix_minmax draws lam and ignores it): there the window disables
// alpha and marks the density unused.
bool alphaMatters(const Method& m);

// The one-line summary above the result: what the draw did and the weight of
// each class, values never broken across lines.
QString summaryLine(const StudioModel& model);

// The formula lines for the model's current draw (plain text, one per line),
// from the registry entry of its convention (core/describe.h).
QStringList formulaLines(const StudioModel& model);
// The few numbers presentation mode shows in large type (rich text lines):
// the method, alpha, lam, lam_adj or the method's own number, the weight of
// each class.
QStringList presentationLines(const StudioModel& model);

} // namespace cutmix::ui
