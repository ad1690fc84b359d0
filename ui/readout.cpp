#include "readout.h"

#include "describe.h"
#include "studiomodel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace cutmix::ui
{

QStringList formulaLines(const StudioModel& m)
{
    if (!m.hasPair())
        return {"Open two images to see a draw."};
    DescribeContext context;
    context.selfMix = m.selfMix();
    QStringList lines;
    for (const std::string& line : cutmix::formulaLines(m.draw(), context))
        lines << QString::fromStdString(line);
    return lines;
}

Readout::Readout(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    label_ = new QLabel;
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label_->setMargin(6);
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

QString Readout::text() const
{
    return label_->text();
}

} // namespace cutmix::ui
