// The numbers behind the current draw: the formula lines of the chosen
// convention with the current values filled in, as selectable text.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class Readout : public QWidget
{
    Q_OBJECT
public:
    explicit Readout(StudioModel* model, QWidget* parent = nullptr);
    QString text() const; // plain text, as shown

private:
    void refresh();

    StudioModel* model_;
    QLabel* label_;
};

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
