// The sources of the current draw: A, B and, for multi-source CutMix, the
// further images, each with its colour in the source map, its class, the area
// of its own box and its share of the visible pixels (the weight its label
// gets). Sources can be added and removed here.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QPushButton;
class QDragEnterEvent;
class QDropEvent;
class QTableWidget;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class SourcesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SourcesPanel(StudioModel* model, QWidget* parent = nullptr);
    QTableWidget* table() const { return table_; }
    QPushButton* addButton() const { return add_; }
    // The width column c needs to show its header and every cell whole.
    int neededWidth(int column) const;

signals:
    // The user asks to add a source (the window opens the file dialog).
    void addRequested();
    // Image files dropped on the panel, to add as sources.
    void filesDropped(const QStringList& files);

protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void changeEvent(QEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    void retranslate(); // the words that do not change with the draw
    void refresh();

    StudioModel* model_;
    QTableWidget* table_;
    QPushButton* add_;
    QPushButton* remove_;
    bool refreshing_ = false;
    bool stale_ = false; // a draw came while hidden
};

} // namespace cutmix::ui
