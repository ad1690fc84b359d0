// The window's control for one row of a parameter table (params.h): a spin
// box, two for a range, a combo box for a choice, a check box for a switch,
// a logarithmic slider beside the spin box where the row asks for one. Built
// from the row alone (its label, help, range, decimals and step), named by
// its key (objectName "decay"; a range's boxes "scale_lo" and "scale_hi"),
// it shows a value and says when the user changes it.
#pragma once

#include "params.h"

#include <QObject>
#include <QString>
#include <vector>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace cutmix::ui
{

class ParamControl : public QObject
{
    Q_OBJECT
public:
    ParamControl(const ParamSpec& spec, QObject* parent = nullptr);

    const ParamSpec& spec() const { return spec_; }
    // The widget for a form row (owned by the form once added), and the
    // row's label (empty for a switch, whose check box carries it).
    QWidget* widget() const { return widget_; }
    QString label() const;
    // Shows v without emitting edited().
    void show(const ParamValue& v);
    ParamValue value() const;
    // The words for the unset value of an optional choice ("the recipe's rule
    // (flip)").
    void setUnsetText(const QString& text);
    // A note after a switch's label ("set by hand"); empty: none.
    void setNote(const QString& note);

    // The slider's logarithmic scale: position 0..kSliderSteps.
    static constexpr int kSliderSteps = 1000;
    static double sliderToValue(const ParamSpec& spec, int position);
    static int valueToSlider(const ParamSpec& spec, double value);

signals:
    void edited(Setting setting, const ParamValue& value);

private:
    void emitEdited();

    const ParamSpec& spec_;
    QWidget* widget_ = nullptr;
    std::vector<QWidget*> fields_; // the editors, first to last
    ParamValue shown_;
};

} // namespace cutmix::ui
