// The numbers behind the current draw: the formula lines of the chosen
// convention with the current values filled in, as selectable text.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QPlainTextEdit;
QT_END_NAMESPACE

namespace cutmix::ui
{

class StudioModel;

class Readout : public QWidget
{
    Q_OBJECT
public:
    explicit Readout(StudioModel* model, QWidget* parent = nullptr);
    QString text() const; // plain text, as shown

protected:
    void changeEvent(QEvent* e) override;

private:
    void refresh();

    StudioModel* model_;
    QPlainTextEdit* text_;
};

} // namespace cutmix::ui
