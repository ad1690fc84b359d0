// The batch view: a window beside the pair view that mixes a whole batch as
// timm, torchvision or the official code does. Tiles of every element before
// and after with its partner, method and lam; the N x K target matrix as a
// heatmap with class totals; the recipe's settings. A view of one BatchModel;
// clicking a tile asks for that element's pair in the pair view.
#pragma once

#include "setting.h"

#include <QWidget>
#include <map>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
QT_END_NAMESPACE

namespace cutmix::ui
{

class BatchModel;
class ParamControl;

// The tiles of the batch, reflowed to the width; a click selects a tile.
class BatchTiles : public QWidget
{
    Q_OBJECT
public:
    BatchTiles(const BatchModel* model, QWidget* parent = nullptr);
    void setSelected(int i);
    int selected() const { return selected_; }
    // The centre of tile i in this widget's coordinates (tests click there).
    QPoint tileCentre(int i) const;
    // The caption lines under tile i, as painted.
    QStringList caption(int i) const;

signals:
    void tileClicked(int i);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    bool event(QEvent*) override;

private:
    void relayout();
    const BatchModel* model_;
    int selected_ = -1;
    int side_ = 88;
};

// The target matrix; hovering a cell shows its exact value.
class TargetMatrix : public QWidget
{
    Q_OBJECT
public:
    TargetMatrix(const BatchModel* model, QWidget* parent = nullptr);
    void setSelectedRow(int row);
    void relayout();
    // The text a hover over cell (row, class) shows.
    QString cellText(int row, int cls) const;

signals:
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    bool event(QEvent*) override;

private:
    const BatchModel* model_;
    int selectedRow_ = -1;
};

class BatchWindow : public QWidget
{
    Q_OBJECT
public:
    explicit BatchWindow(BatchModel* model, QWidget* parent = nullptr);

    BatchModel* model() const { return model_; }
    BatchTiles* tiles() const { return tiles_; }
    TargetMatrix* matrix() const { return matrix_; }
    QAction* newDrawAction() const { return newDraw_; }
    QLabel* summaryLabel() const { return summary_; }
    QLabel* detailLabel() const { return detail_; }
    // Shows a message under the tiles (an element that cannot be opened).
    void showMessage(const QString& text);

signals:
    // The user asked for element i in the pair view.
    void elementActivated(int i);

protected:
    // In another language the window is made again from the model (its
    // choices carry translated names); the selection and the split stay.
    void changeEvent(QEvent* event) override;

private:
    void build();
    void rebuild();
    bool rebuildPending_ = false;
    QWidget* buildControls();
    void syncFromModel();
    void refresh();
    void select(int i);
    void openImages();
    void openDataset();

    BatchModel* model_;
    BatchTiles* tiles_ = nullptr;
    TargetMatrix* matrix_ = nullptr;
    QScrollArea* matrixArea_ = nullptr;
    QComboBox* recipe_ = nullptr;
    QFormLayout* recipeForm_ = nullptr;
    std::map<Setting, ParamControl*> controls_; // one per row of recipeSpecs()
    QCheckBox* resize_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QLabel* source_ = nullptr;
    QLabel* batchNumber_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* detail_ = nullptr;
    QLabel* message_ = nullptr;
    QPushButton* back_ = nullptr;
    QPushButton* forward_ = nullptr;
    QAction* newDraw_ = nullptr;
    bool syncing_ = false;
    int selected_ = -1;
};

} // namespace cutmix::ui
