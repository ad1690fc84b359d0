// The controls for the parameters and the draw: the method and, for CutMix,
// the convention; then the chosen method's parameters, each a control built
// from its row of the parameter table (params.h); the resize policy, label
// smoothing and classes; the seed, new draw, back/forward and hold; and the
// NumPy-seeded replay of a training run as another source of draws. Writes
// to the model, and follows it back. Controls are named by their keys
// (objectName).
#pragma once

#include "method.h"
#include "params.h"

#include <QWidget>
#include <map>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QFormLayout;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
QT_END_NAMESPACE

namespace cutmix::ui
{

class ParamControl;
class StudioModel;

class ParamPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ParamPanel(StudioModel* model, QWidget* parent = nullptr);

    // Whether the control of a parameter is shown (the chosen method takes it).
    bool showsParameter(Setting s) const;

signals:
    // The controls were made again in the language now installed.
    void rebuilt();

protected:
    // In another language the controls are made again from the model, which
    // holds everything they show (their choices carry translated names).
    void changeEvent(QEvent* event) override;

private:
    void build();
    void rebuild();
    bool rebuildPending_ = false;
    QString alphaTip_; // alpha's own tooltip, while another says why it is off
    QWidget* buildMixingGroup();
    QWidget* buildDrawGroup();
    QWidget* buildReplayGroup();
    QWidget* buildLabelGroup();
    void connectControls();
    void connectReplay();
    void applyReplay();
    void syncFromModel();
    // The row of a parameter's control in a form.
    void addControl(QFormLayout* form, Setting s);

    StudioModel* model_;
    QComboBox* method_;
    QComboBox* convention_;
    // One control per row of the parameter table (seed and index excepted),
    // and the form each sits in.
    std::map<Setting, ParamControl*> controls_;
    std::map<Setting, QFormLayout*> forms_;
    QLabel* sources_;
    QComboBox* drawSource_;
    QLineEdit* seed_;
    QPushButton* newDraw_;
    QPushButton* back_;
    QPushButton* forward_;
    QLabel* index_;
    QCheckBox* hold_;
    QGroupBox* replayGroup_;
    QComboBox* recipe_;
    QLineEdit* numpySeed_;
    QSpinBox* iteration_;
    std::map<Setting, ParamControl*> replayControls_; // the recipes' replay settings
    QFormLayout* mixingForm_ = nullptr;
    QFormLayout* replayForm_ = nullptr;
};

} // namespace cutmix::ui
