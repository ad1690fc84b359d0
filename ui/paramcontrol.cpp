#include "paramcontrol.h"

#include "coretext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <algorithm>
#include <cmath>

namespace cutmix::ui
{

namespace
{

QString text(std::string_view s)
{
    return coreText(s);
}

// The smallest step the spin box shows: an open end lies one step inside.
double tick(const ParamSpec& s)
{
    return std::pow(10.0, -s.decimals);
}

QDoubleSpinBox* numberSpin(const ParamSpec& s, const QString& name)
{
    auto* spin = new QDoubleSpinBox;
    spin->setObjectName(name);
    spin->setDecimals(s.decimals);
    spin->setRange(s.lo + (s.loOpen ? tick(s) : 0.0), s.hi - (s.hiOpen ? tick(s) : 0.0));
    spin->setSingleStep(s.step);
    spin->setKeyboardTracking(false);
    spin->setToolTip(text(s.help));
    return spin;
}

QWidget* row(std::initializer_list<QWidget*> parts, int stretchFirst = 0)
{
    auto* w = new QWidget;
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    bool first = true;
    for (QWidget* p : parts) {
        l->addWidget(p, first ? stretchFirst : 0);
        first = false;
    }
    return w;
}

} // namespace

double ParamControl::sliderToValue(const ParamSpec& s, int position)
{
    const double t = double(position) / kSliderSteps;
    return std::exp(std::log(s.sliderLo) + t * (std::log(s.sliderHi) - std::log(s.sliderLo)));
}

int ParamControl::valueToSlider(const ParamSpec& s, double value)
{
    const double t = (std::log(value) - std::log(s.sliderLo)) / (std::log(s.sliderHi) - std::log(s.sliderLo));
    return int(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

ParamControl::ParamControl(const ParamSpec& spec, QObject* parent) : QObject(parent), spec_(spec)
{
    const QString key = text(spec.key());
    switch (spec.kind) {
    case ParamKind::Number: {
        auto* spin = numberSpin(spec, key);
        fields_ = {spin};
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ParamControl::emitEdited);
        if (spec.sliderLo > 0.0) {
            auto* slider = new QSlider(Qt::Horizontal);
            slider->setObjectName(key + "_slider");
            slider->setRange(0, kSliderSteps);
            slider->setToolTip(text(spec.help) + tr(" (the slider runs on a logarithmic scale from %1 to %2; "
                                                    "type any value up to %3 in the box)")
                                                     .arg(spec.sliderLo)
                                                     .arg(spec.sliderHi)
                                                     .arg(spec.hi));
            // Sized for the values people type, not for the largest accepted one.
            spin->setMaximumWidth(spin->fontMetrics().horizontalAdvance("000.000") + 40);
            connect(slider, &QSlider::valueChanged, this, [this, spin](int position) {
                const double v = sliderToValue(spec_, position);
                {
                    const QSignalBlocker block(spin);
                    spin->setValue(v);
                }
                shown_.a = v;
                emit edited(spec_.setting, shown_);
            });
            fields_.push_back(slider);
            widget_ = row({slider, spin}, 1);
        } else {
            widget_ = spin;
        }
        break;
    }
    case ParamKind::Whole: {
        auto* spin = new QSpinBox;
        spin->setObjectName(key);
        spin->setRange(int(spec.lo), int(spec.hi));
        spin->setKeyboardTracking(false);
        spin->setToolTip(text(spec.help));
        if (!spec.zeroText.empty())
            spin->setSpecialValueText(text(spec.zeroText));
        connect(spin, &QSpinBox::valueChanged, this, &ParamControl::emitEdited);
        fields_ = {spin};
        widget_ = spin;
        break;
    }
    case ParamKind::Range: {
        auto* lo = numberSpin(spec, key + "_lo");
        auto* hi = numberSpin(spec, key + "_hi");
        connect(lo, &QDoubleSpinBox::valueChanged, this, &ParamControl::emitEdited);
        connect(hi, &QDoubleSpinBox::valueChanged, this, &ParamControl::emitEdited);
        fields_ = {lo, hi};
        if (spec.optional) {
            // Off (unset) or on with its range.
            auto* on = new QCheckBox;
            on->setObjectName(key + "_on");
            on->setToolTip(text(spec.help));
            connect(on, &QCheckBox::toggled, this, &ParamControl::emitEdited);
            fields_.push_back(on);
            widget_ = row({on, lo, new QLabel(tr("to")), hi});
        } else {
            widget_ = row({lo, new QLabel(tr("to")), hi});
        }
        break;
    }
    case ParamKind::Choice: {
        auto* box = new QComboBox;
        box->setObjectName(key);
        // Wide enough for its longest entry, also one renamed later
        // ("the recipe's rule (perm)").
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        // An optional choice starts with its unset entry (data -1).
        if (spec.optional)
            box->addItem(text(spec.zeroText), -1);
        for (std::size_t i = 0; i < spec.choices.size(); ++i)
            box->addItem(text(spec.choices[i]), int(i));
        box->setToolTip(text(spec.help));
        connect(box, &QComboBox::currentIndexChanged, this, &ParamControl::emitEdited);
        fields_ = {box};
        widget_ = box;
        break;
    }
    case ParamKind::Switch: {
        auto* check = new QCheckBox(text(spec.label));
        check->setObjectName(key);
        check->setToolTip(text(spec.help));
        connect(check, &QCheckBox::toggled, this, &ParamControl::emitEdited);
        fields_ = {check};
        widget_ = check;
        break;
    }
    case ParamKind::Natural: {
        auto* spin = new QDoubleSpinBox; // seeds are edited elsewhere; shown here only
        spin->setObjectName(key);
        spin->setDecimals(0);
        spin->setRange(0, 1e19);
        spin->setKeyboardTracking(false);
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ParamControl::emitEdited);
        fields_ = {spin};
        widget_ = spin;
        break;
    }
    }
    show(defaultValue(spec));
}

QString ParamControl::label() const
{
    return spec_.kind == ParamKind::Switch ? QString() : text(spec_.label);
}

void ParamControl::show(const ParamValue& v)
{
    std::vector<std::unique_ptr<QSignalBlocker>> blocks;
    for (QWidget* f : fields_)
        blocks.push_back(std::make_unique<QSignalBlocker>(f));
    shown_ = v;
    switch (spec_.kind) {
    case ParamKind::Number:
        static_cast<QDoubleSpinBox*>(fields_[0])->setValue(v.a);
        if (fields_.size() > 1) {
            auto* slider = static_cast<QSlider*>(fields_[1]);
            // Moving the slider to a rounded position must not round the value itself.
            if (std::abs(sliderToValue(spec_, slider->value()) - v.a) > 1e-9)
                slider->setValue(valueToSlider(spec_, v.a));
        }
        break;
    case ParamKind::Whole:
        static_cast<QSpinBox*>(fields_[0])->setValue(int(v.a));
        break;
    case ParamKind::Range: {
        auto* lo = static_cast<QDoubleSpinBox*>(fields_[0]);
        auto* hi = static_cast<QDoubleSpinBox*>(fields_[1]);
        if (spec_.optional) {
            const bool on = v.a >= 0.0;
            static_cast<QCheckBox*>(fields_[2])->setChecked(on);
            lo->setEnabled(on);
            hi->setEnabled(on);
            if (!on) {
                // The last range stays shown, greyed; at first the row's default.
                if (!(lo->value() < hi->value())) {
                    lo->setValue(spec_.def);
                    hi->setValue(spec_.def2);
                }
                break;
            }
        }
        // The bounds keep the range valid, so the spin boxes cannot ask for an empty one.
        const double gap = spec_.strictRange ? std::max(spec_.step / 5.0, tick(spec_)) : 0.0;
        lo->setMaximum(v.b - gap);
        hi->setMinimum(v.a + gap);
        lo->setValue(v.a);
        hi->setValue(v.b);
        break;
    }
    case ParamKind::Choice: {
        auto* box = static_cast<QComboBox*>(fields_[0]);
        box->setCurrentIndex(box->findData(v.a < 0.0 ? -1 : int(v.a)));
        break;
    }
    case ParamKind::Switch:
        static_cast<QCheckBox*>(fields_[0])->setChecked(v.a > 0);
        break;
    case ParamKind::Natural:
        static_cast<QDoubleSpinBox*>(fields_[0])->setValue(double(v.n));
        break;
    }
}

ParamValue ParamControl::value() const
{
    ParamValue v = shown_;
    switch (spec_.kind) {
    case ParamKind::Number:
        v.a = static_cast<QDoubleSpinBox*>(fields_[0])->value();
        break;
    case ParamKind::Whole:
        v.a = static_cast<QSpinBox*>(fields_[0])->value();
        break;
    case ParamKind::Range:
        v.a = static_cast<QDoubleSpinBox*>(fields_[0])->value();
        v.b = static_cast<QDoubleSpinBox*>(fields_[1])->value();
        if (spec_.optional && !static_cast<QCheckBox*>(fields_[2])->isChecked())
            v.a = v.b = -1.0;
        break;
    case ParamKind::Choice:
        v.a = static_cast<QComboBox*>(fields_[0])->currentData().toInt();
        break;
    case ParamKind::Switch:
        v.a = static_cast<QCheckBox*>(fields_[0])->isChecked() ? 1.0 : 0.0;
        break;
    case ParamKind::Natural:
        v.n = static_cast<std::uint64_t>(static_cast<QDoubleSpinBox*>(fields_[0])->value());
        break;
    }
    return v;
}

void ParamControl::setUnsetText(const QString& text)
{
    if (spec_.optional && spec_.kind == ParamKind::Choice)
        static_cast<QComboBox*>(fields_[0])->setItemText(0, text);
}

void ParamControl::setNote(const QString& note)
{
    if (spec_.kind == ParamKind::Switch)
        static_cast<QCheckBox*>(fields_[0])
            ->setText(note.isEmpty() ? text(spec_.label) : text(spec_.label) + " (" + note + ")");
}

void ParamControl::emitEdited()
{
    shown_ = value();
    emit edited(spec_.setting, shown_);
}

} // namespace cutmix::ui
