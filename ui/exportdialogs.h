// The window's export dialogs: a sample grid of the current pair and
// parameters (with a preview rendered in the background), and a batch export
// of a dataset. Both run the same engines as `cutmix grid` and `cutmix
// export`, in the background, with a progress dialog that can cancel.
#pragma once

#include "animate.h"
#include "gridplan.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QHBoxLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

// The first `sources` sources' objects as the window shows them, with its
// box rule and thresholds: what File > Export grid, Export animation and
// View > Compare methods carry through their mixes (none when no source has
// objects, or there are fewer sources).
ObjectInput windowObjects(const StudioModel& m, int sources);

class GridDialog : public QDialog
{
    Q_OBJECT
public:
    GridDialog(StudioModel* model, QWidget* parent = nullptr);
    ~GridDialog() override;
    GridOptions options() const;
    // The last preview shown (rendered off the GUI thread).
    QImage preview() const { return previewImage_; }
    bool previewPending() const { return watcher_.isRunning(); }
    // Renders and writes in the background; returns false on error or
    // cancel (the error is shown). Used by the Export button.
    bool exportTo(const QString& path);

signals:
    void previewUpdated();

private:
    void updatePreview();
    void showPreview();

    StudioModel* model_;
    QSpinBox* rows_;
    QSpinBox* cols_;
    QSpinBox* tile_;
    QCheckBox* sides_;
    QCheckBox* title_;
    QLabel* preview_;
    QLabel* info_;
    QImage previewImage_;
    // The preview being rendered, and whether the options changed meanwhile
    // (then one more render follows, never several at once).
    QFutureWatcher<QImage> watcher_;
    bool previewStale_ = false;
    QString previewError_;
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(StudioModel* model, QWidget* parent = nullptr);
    // Runs the export with a progress dialog; false on error or cancel (the
    // error is shown and kept in lastError()).
    bool run();
    QString lastError() const { return lastError_; }

    // The controls, for tests that drive the dialog.

private:
    QString chooseFile(const QString& title, bool folder, const QString& filter);

    StudioModel* model_;
    QLineEdit* input_;
    QLineEdit* output_;
    QPushButton* inputFolder_;
    QPushButton* inputList_;
    QSpinBox* count_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* format_;
    QComboBox* pairs_;
    QComboBox* layout_;
    QSpinBox* shardSamples_;
    QCheckBox* force_;
    QComboBox* task_;        // classify, detect, segment (core's taskName)
    QComboBox* boxFormat_;   // detect and segment: how the objects are written
    QLineEdit* annotations_; // detect and segment: a COCO input (empty: labels/ beside images/)
    QPushButton* annotationsBrowse_;
    QHBoxLayout* annotationsRow_ = nullptr;
    QFormLayout* form_ = nullptr;
    QString lastError_;
};

// File > Export animation: a sweep of alpha (the draw held), a run of draws
// or a sweep of lam, as GIF, WebP or MP4, the same engine as `cutmix
// animate`, in the background with a progress dialog that can cancel.
class AnimationDialog : public QDialog
{
    Q_OBJECT
public:
    AnimationDialog(StudioModel* model, QWidget* parent = nullptr);
    AnimationSpec spec() const;
    // Writes in the background; false on error or cancel (the error is shown
    // and kept in lastError()). Used by the Export button.
    bool exportTo(const QString& path);
    QString lastError() const { return lastError_; }

private:
    void syncSweep();

    StudioModel* model_;
    QComboBox* sweep_;
    QDoubleSpinBox* from_;
    QDoubleSpinBox* to_;
    QSpinBox* frames_;
    QDoubleSpinBox* fps_;
    QSpinBox* width_;
    QCheckBox* box_;
    QCheckBox* map_;
    QCheckBox* caption_;
    QLabel* info_;
    QString lastError_;
};

} // namespace cutmix::ui
