// View > Compare methods: the CutMix paper's first figure for the current
// pair and seed, the original beside each method's mix with its label,
// rendered in the background; saved as PNG, JPEG or PDF. The same plan and
// painting as `cutmix compare`, with the objects the window shows carried
// through each panel by its box rule (`cutmix compare --boxes`). The dialog
// stays open beside the window and follows its model: a change of the pair,
// the parameters, the labels, the objects or their rule draws the figure
// again, several changes in one pass of the event loop once.
#pragma once

#include "comparesheet.h"

#include <QDialog>
#include <QFutureWatcher>
#include <map>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
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
    // A redraw is asked for or on its way.
    bool pending() const { return queued_ || watcher_.isRunning() || !taken_; }
    // Draws the figure for the window's state now, if a change asked for it,
    // and waits for it: after this, figure() is that state's (tests; Save).
    void flush();
    QCheckBox* methodBox(const std::string& name) const { return boxes_.at(name); }
    bool save(const QString& path);
    // The figure as shown, scaled to the dialog.
    QSize shownSize() const;

signals:
    void figureUpdated();

protected:
    void resizeEvent(QResizeEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void fitFigure();
    void update();
    // The model changed: one update() when the event loop next runs.
    void updateSoon();
    void showFigure();

    StudioModel* model_;
    std::map<std::string, QCheckBox*> boxes_;
    QCheckBox* sameLam_;
    QDoubleSpinBox* lam_;
    QLabel* view_;
    QLabel* error_;
    QLabel* saved_;
    QPushButton* saveButton_;
    // What the worker thread returns: the figure, or why there is none.
    struct Drawn {
        render::CompareSheet sheet;
        QString failure;
    };
    render::CompareSheet figure_;
    QFutureWatcher<Drawn> watcher_;
    bool stale_ = false;  // the options changed while a figure was drawn: draw again
    bool queued_ = false; // updateSoon() has posted its update()
    bool taken_ = true;   // the watcher's last figure is shown (by showFigure or flush)
};

} // namespace cutmix::ui
