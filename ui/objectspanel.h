// The objects of the current draw: the box rule and its thresholds (rows of
// keepSpecs(), as the command line's --box-rule options), how many objects
// were kept, and one row per object (source, class, visible share, the
// rule's verdict and its reason). The marks the image views draw are made
// here too, from the same numbers.
#pragma once

#include "imageview.h"
#include "keeprules.h"

#include <QWidget>
#include <vector>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

namespace cutmix::ui
{

class SteadyLabelBox;

class StudioModel;
class ParamControl;

// The marks of one view: view k >= 0 shows source k's objects as its image
// is shown (at the mixed size), view -1 the result's, judged.
std::vector<ObjectMark> objectMarks(const StudioModel& model, int view);
// The hover text of mark i of that view (made when asked: a draw with many
// objects would otherwise pay for every text).
QString objectTip(const StudioModel& model, int view, int i);
// Both, set on an image view that shows `view`.
void showObjectMarks(ImageView* v, const StudioModel& model, int view);
// What the mask says under pixel (x, y) of that view: "mask label 2: cup
// (class 2)", or for instance masks the object the label numbers and its
// class; empty where no mask is shown there.
QString maskText(const StudioModel& model, int view, int x, int y);
// The status bar's line for the pixel (x, y) of that view: where it is (and
// for the result where it comes from and its value), and with masksShown
// what the mask says there.
QString pixelText(const StudioModel& model, int view, int x, int y, bool masksShown);

class ObjectsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectsPanel(StudioModel* model, QWidget* parent = nullptr);
    QTableWidget* table() const { return table_; }
    // "Show objects": the views draw the marks while it is checked.
    QCheckBox* showBox() const { return show_; }
    // "Show masks": the same as View > Show masks (the main window keeps them together).
    QCheckBox* showMasksBox() const { return showMasks_; }
    // "Instance masks": the model's masksAreInstances (File > Masks are instance masks too).
    QCheckBox* instanceMasksBox() const { return instanceMasks_; }
    QLabel* masksSummary() const { return masksSummary_; }

signals:
    void visibilityChanged(bool shown);

protected:
    void changeEvent(QEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    void retranslate();
    // The rule's threshold rows: made again when the rule (or, forced, the
    // language) changes, else given the values in use.
    void rebuildRule(bool force = false);
    const KeepRule* shownRule_ = nullptr;
    bool columnsStale_ = true; // the table's columns measured again at the next refresh
    void refresh();            // the summary and the table
    void showDetail();         // the chosen object's verdict and reason
    StudioModel* model_;
    QComboBox* rule_;
    QFormLayout* thresholds_;
    std::vector<ParamControl*> controls_;
    QLabel* ruleName_;
    QLabel* ruleLabel_;
    QLabel* summary_;
    SteadyLabelBox* summaryBox_; // holds summary_
    SteadyLabelBox* detailBox_;  // holds detail_
    QTableWidget* table_;
    QLabel* detail_;
    QCheckBox* show_;
    QCheckBox* showMasks_;
    QCheckBox* instanceMasks_;
    QLabel* masksSummary_;
    void refreshMasks(); // the masks' line
    bool refreshing_ = false;
    bool stale_ = false; // a draw came while hidden
};

} // namespace cutmix::ui
