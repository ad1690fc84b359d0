#include "readout.h"

#include "readouttext.h"
#include "studiomodel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace cutmix::ui
{

Readout::Readout(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    // Plain text laid out line by line, only where shown: a word-wrapped
    // label measured its whole text several times at every draw, for the
    // layouts around it (about a third of an α change's redraw).
    text_ = new QPlainTextEdit;
    text_->setReadOnly(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Long lines wrap at the panel's edge instead of running under it.
    text_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    text_->setFrameShape(QFrame::NoFrame);
    text_->document()->setDocumentMargin(6);
    text_->viewport()->setAutoFillBackground(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(text_);
    connect(model_, &StudioModel::drawChanged, this, &Readout::refresh);
    refresh();
}

void Readout::refresh()
{
    const QString text = formulaLines(*model_).join('\n');
    if (text == text_->toPlainText())
        return;
    // Where the reader had scrolled to stays.
    const int scrolled = text_->verticalScrollBar()->value();
    text_->setPlainText(text);
    text_->verticalScrollBar()->setValue(scrolled);
}

void Readout::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(e);
}

QString Readout::text() const
{
    return text_->toPlainText();
}

} // namespace cutmix::ui
