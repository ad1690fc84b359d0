#include "sourcespanel.h"

#include "format.h"
#include "imageview.h"
#include "method.h"
#include "studiomodel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QStyleOptionViewItem>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace cutmix::ui
{

namespace
{

QIcon chip(const QColor& c)
{
    QPixmap p(12, 12);
    p.fill(Qt::transparent);
    QPainter painter(&p);
    painter.fillRect(QRect(1, 1, 10, 10), c);
    return QIcon(p);
}

QString percent(double v)
{
    return QString::fromStdString(formatPercent(v, 2));
}

} // namespace

SourcesPanel::SourcesPanel(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    table_ = new QTableWidget(0, 4);
    table_->verticalHeader()->hide();
    // One line per source; long file names shortened in the middle (the
    // full path is the tooltip), columns fitted to the dock's width.
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    add_ = new QPushButton;
    remove_ = new QPushButton;
    remove_->setObjectName("remove");
    retranslate();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
    connect(add_, &QPushButton::clicked, this, &SourcesPanel::addRequested);
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int row = table_->currentRow();
        if (row >= 2)
            model_->removeSource(row);
    });
    connect(table_, &QTableWidget::itemSelectionChanged, this,
            [this] { remove_->setEnabled(table_->currentRow() >= 2); });
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!refreshing_ && item->column() == 1)
            model_->setSourceLabel(item->row(), item->text());
    });
    // A draw changes only the shares: hidden (a tab behind the Objects
    // panel), the table is made when shown, not at every draw.
    connect(model_, &StudioModel::drawChanged, this, [this] {
        if (isVisible())
            refresh();
        else
            stale_ = true;
    });
    connect(model_, &StudioModel::labelsChanged, this, &SourcesPanel::refresh);
    connect(model_, &StudioModel::pairChanged, this, &SourcesPanel::refresh);
    setAcceptDrops(true);
    refresh();
}

void SourcesPanel::retranslate()
{
    table_->setHorizontalHeaderLabels({tr("Source"), tr("Class"), tr("Own box"), tr("Weight")});
    table_->setToolTip(tr("The share of each source's pixels in the result is the weight of its class; a box pasted "
                          "later covers the earlier ones, so a source's own box can be larger than its share"));
    add_->setText(tr("Add source..."));
    add_->setToolTip(tr("Multi-source CutMix: one more image pastes one more box (up to 8 images)"));
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove the selected source (A and B stay)"));
}

void SourcesPanel::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    if (stale_)
        refresh();
}

void SourcesPanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
    QWidget::changeEvent(e);
}

void SourcesPanel::dragEnterEvent(QDragEnterEvent* e)
{
    if (!localFiles(e->mimeData()).isEmpty())
        e->acceptProposedAction();
}

void SourcesPanel::dropEvent(QDropEvent* e)
{
    const QStringList files = localFiles(e->mimeData());
    if (files.isEmpty())
        return;
    e->acceptProposedAction();
    emit filesDropped(files);
}

int SourcesPanel::neededWidth(int column) const
{
    int width = table_->horizontalHeader()->sectionSizeHint(column);
    QStyleOptionViewItem option;
    option.initFrom(table_->viewport());
    option.font = table_->font();
    option.decorationSize = table_->iconSize().isValid() ? table_->iconSize() : QSize(16, 16);
    for (int row = 0; row < table_->rowCount(); ++row)
        width = std::max(width, table_->itemDelegate()->sizeHint(option, table_->model()->index(row, column)).width() +
                                    (table_->showGrid() ? 1 : 0));
    return width;
}

void SourcesPanel::refresh()
{
    stale_ = false;
    refreshing_ = true;
    const int n = model_->hasPair() ? model_->sourceCount() : 0;
    table_->setRowCount(n);
    const Draw& d = model_->draw();
    const double image = double(d.size.area());
    for (int k = 0; k < n; ++k) {
        const QString name = k == 0 ? "A" : k == 1 ? "B" : QString::number(k + 1);
        auto* source =
            new QTableWidgetItem(chip(sourceColour(k)), name + ": " + QFileInfo(model_->sourcePath(k)).fileName());
        source->setToolTip(model_->sourcePath(k));
        source->setFlags(source->flags() & ~Qt::ItemIsEditable);
        table_->setItem(k, 0, source);
        table_->setItem(k, 1, new QTableWidgetItem(model_->sourceLabel(k)));
        const bool used = k < int(d.weights.size());
        // A source not used (B under Cutout) has no box of its own.
        QString own = "–";
        if (d.method().region == Region::Box && k >= 1 && used && image > 0) {
            const Box& box = k == 1                        ? d.geometry.box
                             : k - 2 < int(d.extra.size()) ? d.extra[std::size_t(k - 2)].geometry.box
                                                           : Box{};
            own = percent(double(box.area()) / image);
        }
        for (int c : {2, 3}) {
            auto* item = new QTableWidgetItem(c == 2 ? own
                                              : used ? percent(d.weights[std::size_t(k)])
                                                     : tr("not used"));
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(k, c, item);
        }
    }
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c : {1, 2, 3})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // Wide enough that names are whole; a very long one is shortened in the
    // middle (the path is its tooltip).
    int need = 2 * table_->frameWidth();
    for (int c = 0; c < 4; ++c)
        need += neededWidth(c);
    table_->setMinimumWidth(std::min(need, table_->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60));
    remove_->setEnabled(table_->currentRow() >= 2);
    refreshing_ = false;
}

} // namespace cutmix::ui
