#include "panels.h"

#include <QLabel>
#include <QScrollArea>

namespace cutmix::ui
{

QScrollArea* verticalScroller(QWidget* content)
{
    auto* area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
}

QLabel* headingLabel()
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QLabel* warningLabel()
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet("color: #b03000");
    return label;
}

} // namespace cutmix::ui
