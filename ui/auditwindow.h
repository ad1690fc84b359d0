// The audit view (File > Open batch dump): a batch mixed by the user's own
// code, each element a tile marked agree, flagged or unexplained; the
// selected element's image, its partner and the mixed result with the
// detected region outlined (and a detection batch's boxes as judged), the
// measured shares beside the target's claim, and the cause in words. A dump
// of Mosaic samples: each sample a tile, the selected one's mosaic with each
// tile's place and the boxes as judged, its four tiles, and why in words. A view of one AuditModel, audited in the
// background with progress and Cancel. Watching a training run (File > Watch folder, cutmix-studio --watch DIR): a
// timeline of the dumps appearing in a folder (an AuditWatch), each new one shown with its first flagged element
// selected.
#pragma once

#include "errorreport.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPainter;
class QListWidget;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace cutmix::ui
{

class AuditModel;
class AuditWatch;

// The elements as tiles (the mixed result, framed in the verdict's colour).
class AuditTiles : public QWidget
{
    Q_OBJECT
public:
    AuditTiles(const AuditModel* model, QWidget* parent = nullptr);
    void setSelected(int i);
    int selected() const { return selected_; }
    QPoint tileCentre(int i) const;

signals:
    void tileClicked(int i);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    QRect tileRect(int i) const;
    int columns() const;
    const AuditModel* model_;
    int selected_ = -1;
};

// Before, partner and after of one element, the region outlined.
class AuditDetail : public QWidget
{
    Q_OBJECT
public:
    AuditDetail(const AuditModel* model, QWidget* parent = nullptr);
    void setElement(int i);
    QSize sizeHint() const override { return {720, 260}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    void paintMosaic(QPainter& p);
    const AuditModel* model_;
    int element_ = -1;
};

class AuditWindow : public QWidget
{
    Q_OBJECT
public:
    explicit AuditWindow(AuditModel* model, QWidget* parent = nullptr);
    AuditModel* model() const { return model_; }
    AuditWatch* watcher() const { return watch_; }
    AuditTiles* tiles() const { return tiles_; }
    QLabel* summaryLabel() const { return summary_; }
    QLabel* detailLabel() const { return detail_; }
    QLabel* messageLabel() const { return message_; }
    void select(int i);
    void chooseFolder();
    // Watches a folder of step dumps (Recorder's); false when it is not a folder.
    bool watch(const QString& dir);
    void chooseWatchFolder();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate(); // the words that stay while audits come and go
    void showTexts();   // the summary and the note of the report shown
    // An error or a cancel, said again in the new language after a switch.
    void showMessage(const Message& m);
    void showTitle(); // what the window shows: a batch dump, Mosaic samples, or a watched folder
    void refresh();
    void applyOptions();
    void stepAdded(int row);
    void stepAudited(int row);
    void showStep(int row);

    AuditModel* model_;
    AuditWatch* watch_;
    AuditTiles* tiles_;
    AuditDetail* picture_;
    QLabel* summary_;
    QLabel* detail_;
    QLabel* message_;
    QLabel* note_;
    QDoubleSpinBox* tolerance_;
    QCheckBox* smoothingGiven_;
    QDoubleSpinBox* smoothing_;
    QComboBox* lamRule_;
    QDoubleSpinBox* minVisibility_;
    QLabel* minVisibilityLabel_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QListWidget* timeline_;
    QPushButton* open_;
    QPushButton* watchButton_;
    QLabel* toleranceLabel_;
    QLabel* lamRuleLabel_;
    Message shownMessage_;
    int selected_ = -1;
    bool followNewest_ = true; // the view shows each new step until the user picks one
    bool selectFirstFlagged_ = false;
};

} // namespace cutmix::ui
