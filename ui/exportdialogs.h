// The window's export dialogs: a sample grid of the current pair and
// parameters (with a live preview), and a batch export of a dataset. Both
// run the same engines as `cutmix grid` and `cutmix export`, in the
// background, with a progress dialog that can cancel.
#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;
struct GridOptions;

class GridDialog : public QDialog
{
    Q_OBJECT
public:
    GridDialog(StudioModel* model, QWidget* parent = nullptr);
    GridOptions options() const;
    QImage preview() const;
    // Renders and writes in the background; returns false on error or
    // cancel (the error is shown). Used by the Export button.
    bool exportTo(const QString& path);

private:
    void updatePreview();

    StudioModel* model_;
    QSpinBox* rows_;
    QSpinBox* cols_;
    QSpinBox* tile_;
    QCheckBox* sides_;
    QCheckBox* title_;
    QLabel* preview_;
    QLabel* info_;
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(StudioModel* model, QWidget* parent = nullptr);
    bool run(); // runs the export with a progress dialog; false on error/cancel

private:
    StudioModel* model_;
    QLineEdit* input_;
    QLineEdit* output_;
    QSpinBox* count_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* format_;
    QComboBox* pairs_;
};

} // namespace cutmix::ui
