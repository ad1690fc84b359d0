#include "readout.h"

#include "readouttext.h"
#include "studiomodel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace cutmix::ui
{

Readout::Readout(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    label_ = new QLabel;
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label_->setMargin(6);
    // Long lines wrap at the panel's edge instead of running under it.
    label_->setWordWrap(true);
    auto* scroll = new QScrollArea;
    scroll->setWidget(label_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    connect(model_, &StudioModel::drawChanged, this, &Readout::refresh);
    refresh();
}

void Readout::refresh()
{
    label_->setText(formulaLines(*model_).join('\n'));
}

void Readout::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(e);
}

QString Readout::text() const
{
    return label_->text();
}

} // namespace cutmix::ui
