#include "panels.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
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

ImageHeader::ImageHeader(ElidedLabel* title, QLabel* sizeLabel, QLineEdit* field, QWidget* parent)
    : QWidget(parent), title_(title), size_(sizeLabel), field_(field)
{
    classWord_ = new QLabel(QCoreApplication::translate("MainWindow", "class"), this);
    classWord_->setObjectName("classCaption"); // re-translated by MainWindow
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setVerticalSpacing(1);
    for (QLabel* l : {static_cast<QLabel*>(title_), size_}) {
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
    }
    size_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    place(true);
}

void ImageHeader::setTitle(const QString& title, const QString& size, const QString& toolTip)
{
    title_->setText(title);
    size_->setText(size);
    title_->setToolTip(toolTip);
    size_->setToolTip(toolTip);
    refit();
}

int ImageHeader::oneLineWidth() const
{
    const int gap = std::max(grid_->horizontalSpacing(), 0);
    return title_->fontMetrics().horizontalAdvance(title_->text()) + 2 * title_->margin() + gap +
           size_->sizeHint().width() + gap + classWord_->sizeHint().width() + gap + field_->minimumWidth();
}

void ImageHeader::refit()
{
    place(width() >= oneLineWidth());
}

void ImageHeader::resizeEvent(QResizeEvent* e)
{
    QWidget::resizeEvent(e);
    refit();
}

void ImageHeader::place(bool oneLine)
{
    if (placed_ && oneLine == oneLine_)
        return;
    placed_ = true;
    oneLine_ = oneLine;
    for (QWidget* w : {static_cast<QWidget*>(title_), static_cast<QWidget*>(size_), static_cast<QWidget*>(classWord_),
                       static_cast<QWidget*>(field_)})
        grid_->removeWidget(w);
    // Columns: title, size, class, field; the title's column takes the rest.
    if (oneLine) {
        grid_->addWidget(title_, 0, 0);
        grid_->addWidget(size_, 0, 1);
        grid_->addWidget(classWord_, 0, 2);
        grid_->addWidget(field_, 0, 3);
    } else {
        grid_->addWidget(title_, 0, 0, 1, 4);
        grid_->addWidget(size_, 1, 0, Qt::AlignLeft);
        grid_->addWidget(classWord_, 1, 2);
        grid_->addWidget(field_, 1, 3);
    }
    grid_->setColumnStretch(0, 1);
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

SteadyLabelBox::SteadyLabelBox(QLabel* label, QWidget* parent) : QWidget(parent), label_(label)
{
    label_->setParent(this);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void SteadyLabelBox::fit()
{
    const int w = width();
    if (w != width_) {
        width_ = w;
        keep_ = 0;
    }
    const int lines = lines_ * label_->fontMetrics().lineSpacing() + 2 * label_->margin();
    const int need = std::max({keep_, lines, label_->heightForWidth(w)});
    label_->setGeometry(0, 0, w, need);
    if (need != height_) {
        height_ = need;
        updateGeometry();
    }
    keep_ = need;
}

QSize SteadyLabelBox::sizeHint() const
{
    return {label_->sizeHint().width(), std::max(height_, 1)};
}

QSize SteadyLabelBox::minimumSizeHint() const
{
    return {label_->minimumSizeHint().width(), std::max(height_, 1)};
}

void SteadyLabelBox::resizeEvent(QResizeEvent*)
{
    fit();
}

} // namespace cutmix::ui
