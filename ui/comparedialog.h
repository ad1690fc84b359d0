// View > Compare methods: the CutMix paper's first figure for the current
// pair and seed, the original beside each method's mix with its label,
// rendered in the background; saved as PNG, JPEG or PDF. The same plan and
// painting as `cutmix compare`, with the objects the window shows carried
// through each panel by its box rule (`cutmix compare --boxes`).
#pragma once

#include "comparesheet.h"

#include <QDialog>
#include <QFutureWatcher>
#include <map>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(StudioModel* model, QWidget* parent = nullptr);
    ~CompareDialog() override;
    // The panels shown, in the order of the check boxes.
    std::vector<std::string> methods() const;
    static std::vector<std::string> panelOrder();
    std::optional<double> lam() const;
    QImage figure() const { return figure_.image; }
    const ComparePlan& plan() const { return figure_.plan; }
    bool pending() const { return watcher_.isRunning(); }
    QCheckBox* methodBox(const std::string& name) const { return boxes_.at(name); }
    bool save(const QString& path);
    // The figure as shown, scaled to the dialog.
    QSize shownSize() const;

signals:
    void figureUpdated();

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    void fitFigure();
    void update();
    void showFigure();

    StudioModel* model_;
    std::map<std::string, QCheckBox*> boxes_;
    QCheckBox* sameLam_;
    QDoubleSpinBox* lam_;
    QLabel* view_;
    QLabel* error_;
    QLabel* saved_;
    render::CompareSheet figure_;
    QFutureWatcher<render::CompareSheet> watcher_;
    bool stale_ = false;
    QString failure_;
};

} // namespace cutmix::ui
