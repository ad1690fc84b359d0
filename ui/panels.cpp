#include "panels.h"

#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <algorithm>

namespace cutmix::ui
{

QSize ElidedLabel::minimumSizeHint() const
{
    QSize s = QLabel::minimumSizeHint();
    s.setWidth(std::min(s.width(), fontMetrics().horizontalAdvance(QStringLiteral("A: x…x")) + 2 * margin()));
    return s;
}

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideMiddle, contentsRect().width() - 2 * margin());
}

void ElidedLabel::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setPen(palette().color(foregroundRole()));
    p.drawText(contentsRect().adjusted(margin(), margin(), -margin(), -margin()), int(alignment()) | Qt::AlignVCenter,
               shownText());
}

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
