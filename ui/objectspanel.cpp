#include "objectspanel.h"

#include "coretext.h"
#include "describe.h"
#include "keeprules.h"
#include "panels.h"
#include "paramcontrol.h"
#include "studiomodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace cutmix::ui
{

namespace
{

QString percentOf(double share)
{
    return QString::fromStdString(percentText(share));
}

// The rule's reason in the window's language: core's template translated,
// filled with core's numbers.
QString reasonOf(const CarriedObject& o)
{
    if (o.reasonTemplate.empty())
        return QString::fromStdString(o.reason());
    return QString::fromStdString(fillTemplate(coreText(o.reasonTemplate).toStdString(), o.reasonValues()));
}

QString verdictOf(const CarriedObject& o)
{
    if (!o.kept)
        return QObject::tr("dropped");
    return o.clipped ? QObject::tr("kept, clipped") : QObject::tr("kept");
}

QString sourceName(int k)
{
    return QString(QChar('A' + k));
}

// A cell of the objects' table whose tooltip, the rule's reason in the
// window's language, is written only when asked: every draw of 200 objects
// wrote 800 of them (bench/redraw.sh with BOXES=100).
class ObjectCell : public QTableWidgetItem
{
public:
    void setObject(const CarriedObject& o) { object_ = o; }
    QVariant data(int role) const override
    {
        if (role == Qt::ToolTipRole)
            return object_.reasonTemplate.empty() ? text() : reasonOf(object_);
        return QTableWidgetItem::data(role);
    }

private:
    CarriedObject object_;
};

} // namespace

std::vector<ObjectMark> objectMarks(const StudioModel& model, int view)
{
    std::vector<ObjectMark> marks;
    if (!model.hasPair())
        return marks;
    if (view >= 0) {
        if (view >= model.sourceCount())
            return marks;
        // The view shows the source as it is mixed (resized or cropped to the draw's size).
        const std::vector<Object> shown = preparedObjects(model.sourceObjects(view), model.draw(), view);
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const Object& o = shown[i];
            ObjectMark m;
            m.kind = ObjectMark::Kind::Source;
            m.x1 = o.box.x1;
            m.y1 = o.box.y1;
            m.x2 = o.box.x2;
            m.y2 = o.box.y2;
            m.colour = sourceColour(view);
            m.tag = model.objectClassName(view, o.classIndex);
            marks.push_back(m);
        }
        return marks;
    }
    for (const CarriedObject& o : model.objects()) {
        ObjectMark m;
        const render::ObjectLook look = render::objectLook(o);
        m.kind = look == render::ObjectLook::Dropped   ? ObjectMark::Kind::Dropped
                 : look == render::ObjectLook::Clipped ? ObjectMark::Kind::Clipped
                                                       : ObjectMark::Kind::Kept;
        const BoxF& box = o.kept ? o.box : o.before;
        m.x1 = box.x1;
        m.y1 = box.y1;
        m.x2 = box.x2;
        m.y2 = box.y2;
        if (m.kind != ObjectMark::Kind::Kept)
            m.before = QRectF(QPointF(o.before.x1, o.before.y1), QPointF(o.before.x2, o.before.y2));
        m.colour = sourceColour(o.source);
        const QString name = model.objectClassName(o.source, o.classIndex);
        // The share still visible, unless all of it is.
        m.tag = o.visible >= 1.0 ? name : name + " " + percentOf(o.visible);
        marks.push_back(m);
    }
    return marks;
}

QString objectTip(const StudioModel& model, int view, int i)
{
    if (view >= 0) {
        const auto& objects = model.sourceObjects(view).objects;
        if (i < 0 || i >= int(objects.size()))
            return {};
        // What the draw did to it, as the result's tip says it.
        const auto& carried = model.objects();
        for (std::size_t c = 0; c < carried.size(); ++c)
            if (carried[c].source == view && carried[c].index == i)
                return objectTip(model, -1, int(c));
        const Object& o = objects[std::size_t(i)];
        QString tip = QObject::tr("%1, object %2: <b>%3</b> (class %4)")
                          .arg(sourceName(view))
                          .arg(i + 1)
                          .arg(model.objectClassName(view, o.classIndex).toHtmlEscaped())
                          .arg(o.classIndex);
        if (!model.objectsNote().isEmpty())
            tip += "<br>" + model.objectsNote().toHtmlEscaped();
        return tip;
    }
    const auto& objects = model.objects();
    if (i < 0 || i >= int(objects.size()))
        return {};
    const CarriedObject& o = objects[std::size_t(i)];
    QString tip = QObject::tr("%1, object %2: <b>%3</b> (class %4)<br>visible: %5<br>%6 rule: <b>%7</b>")
                      .arg(sourceName(o.source))
                      .arg(o.index + 1)
                      .arg(model.objectClassName(o.source, o.classIndex).toHtmlEscaped())
                      .arg(o.classIndex)
                      .arg(percentOf(o.visible))
                      .arg(coreText(model.keepRule().title))
                      .arg(verdictOf(o));
    if (!o.reasonTemplate.empty())
        tip += "<br>" + reasonOf(o).toHtmlEscaped();
    return tip;
}

void showObjectMarks(ImageView* v, const StudioModel& model, int view)
{
    v->setObjectMarks(objectMarks(model, view));
    v->setObjectTips([&model, view](int i) { return objectTip(model, view, i); });
}

QString maskText(const StudioModel& model, int view, int x, int y)
{
    const StudioModel::MaskHit hit = model.maskAt(view, x, y);
    if (!hit.valid)
        return {};
    if (hit.label == 0)
        return QObject::tr("mask label 0: background");
    if (model.masksAreInstances()) {
        if (hit.object < 0)
            return QObject::tr("mask label %1: no object of that number").arg(hit.label);
        return QObject::tr("mask label %1: %2 object %3, %4 (class %5)")
            .arg(hit.label)
            .arg(sourceName(hit.source))
            .arg(hit.object + 1)
            .arg(model.objectClassName(hit.source, hit.classIndex))
            .arg(hit.classIndex);
    }
    // A class per pixel: named as the image it came from names that class.
    return QObject::tr("mask label %1: %2 (class %1)")
        .arg(hit.label)
        .arg(model.objectClassName(std::max(hit.source, 0), hit.classIndex));
}

QString pixelText(const StudioModel& model, int view, int x, int y, bool masksShown)
{
    const PixelInfo info = model.pixelAt(x, y);
    if (!info.valid)
        return {};
    const QString mask = masksShown ? maskText(model, view, x, y) : QString();
    if (view >= 0) {
        QString text = QString("%1 (%2, %3)").arg(sourceName(view)).arg(x).arg(y);
        if (info.fromB)
            text += QObject::tr(": inside the box");
        if (!mask.isEmpty())
            text += QObject::tr(", %1").arg(mask);
        return text;
    }
    QString from;
    if (info.source < 0)
        from = QObject::tr("a blend of A (%1) and B (%2)").arg(model.labelA(), model.labelB());
    else if (info.source == 255)
        from = QObject::tr("filled by Cutout");
    else
        from = QObject::tr("from %1 (%2)")
                   .arg(info.source == 0   ? "A"
                        : info.source == 1 ? "B"
                                           : QObject::tr("source %1").arg(info.source + 1))
                   .arg(model.sourceLabel(info.source));
    QString text = QObject::tr("result (%1, %2): %3, %4").arg(x).arg(y).arg(from, info.value);
    if (!mask.isEmpty())
        text += QObject::tr(", %1").arg(mask);
    return text;
}

ObjectsPanel::ObjectsPanel(StudioModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    rule_ = new QComboBox;
    rule_->setObjectName("boxRule");
    for (const KeepRule& r : keepRules())
        rule_->addItem(QString(), QString::fromUtf8(r.name.data(), qsizetype(r.name.size())));
    ruleLabel_ = new QLabel;
    ruleLabel_->setWordWrap(true);
    ruleLabel_->setObjectName("ruleFollows");
    auto* form = new QFormLayout;
    ruleName_ = new QLabel;
    form->addRow(ruleName_, rule_);
    thresholds_ = new QFormLayout;
    summary_ = new QLabel;
    summary_->setObjectName("objectsSummary");
    summary_->setWordWrap(true);
    show_ = new QCheckBox;
    show_->setObjectName("showObjects");
    show_->setChecked(true);
    showMasks_ = new QCheckBox;
    showMasks_->setObjectName("showMasks");
    instanceMasks_ = new QCheckBox;
    instanceMasks_->setObjectName("instanceMasks");
    masksSummary_ = new QLabel;
    masksSummary_->setObjectName("masksSummary");
    masksSummary_->setWordWrap(true);
    table_ = new QTableWidget(0, 4);
    table_->setObjectName("objectsTable");
    table_->verticalHeader()->hide();
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setStretchLastSection(true);
    // Never a sideways scroll bar in a narrow dock: the reason is below.
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Room for the header and five objects before the table scrolls.
    table_->setMinimumHeight(table_->fontMetrics().height() * 10);
    detail_ = new QLabel;
    detail_->setObjectName("objectDetail");
    detail_->setWordWrap(true);
    detail_->setTextFormat(Qt::RichText);
    // One line per object at a fixed height: sizing rows to their contents
    // costs a pass over every row for each cell set.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addWidget(ruleLabel_);
    layout->addLayout(thresholds_);
    layout->addWidget(show_);
    summaryBox_ = new SteadyLabelBox(summary_);
    summaryBox_->setMinimumLines(0);
    layout->addWidget(summaryBox_);
    layout->addWidget(showMasks_);
    layout->addWidget(instanceMasks_);
    layout->addWidget(masksSummary_);
    layout->addWidget(table_, 1);
    detailBox_ = new SteadyLabelBox(detail_);
    detailBox_->setMinimumLines(0);
    layout->addWidget(detailBox_);
    retranslate();
    rebuildRule();
    refresh();
    connect(rule_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!refreshing_ && i >= 0)
            model_->setKeepRule(keepRuleNamed(rule_->itemData(i).toString().toStdString()));
    });
    connect(show_, &QCheckBox::toggled, this, &ObjectsPanel::visibilityChanged);
    connect(instanceMasks_, &QCheckBox::toggled, model_, &StudioModel::setMasksAreInstances);
    connect(model_, &StudioModel::objectsChanged, this, [this] {
        columnsStale_ = true;
        rebuildRule();
        refresh();
    });
    connect(model_, &StudioModel::drawChanged, this, &ObjectsPanel::refresh);
    connect(table_, &QTableWidget::currentCellChanged, this, [this] { showDetail(); });
    connect(model_, &StudioModel::pairChanged, this, [this] {
        columnsStale_ = true;
        refresh();
    });
    connect(model_, &StudioModel::masksChanged, this, &ObjectsPanel::refresh);
    // The box follows the model even while the panel is hidden (File > Masks are instance masks).
    connect(model_, &StudioModel::masksChanged, this, [this] {
        const QSignalBlocker block(instanceMasks_);
        instanceMasks_->setChecked(model_->masksAreInstances());
    });
}

void ObjectsPanel::retranslate()
{
    const QSignalBlocker block(rule_);
    int i = 0;
    for (const KeepRule& r : keepRules())
        rule_->setItemText(i++, coreText(r.title));
    ruleName_->setText(tr("Box rule"));
    rule_->setToolTip(tr("Which boxes survive a mix: each library's rule, from its own source"));
    show_->setText(tr("Show objects on the images"));
    showMasks_->setText(tr("Show masks on the images"));
    instanceMasks_->setText(tr("Instance masks (a pixel's value numbers its object)"));
    instanceMasks_->setToolTip(tr("As cutmix mix --instances: pixel value k is the k-th object of its image's "
                                  "objects, 0 none; the result's mask numbers the kept objects in the order "
                                  "Save kept objects writes them, dropped ones 0"));
    table_->setHorizontalHeaderLabels({tr("Object"), tr("Class"), tr("Visible"), tr("Verdict")});
}

void ObjectsPanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        rebuildRule(true);
        columnsStale_ = true;
        refresh();
    }
    QWidget::changeEvent(e);
}

void ObjectsPanel::rebuildRule(bool force)
{
    const KeepRule& rule = model_->keepRule();
    refreshing_ = true;
    rule_->setCurrentIndex(rule_->findData(QString::fromUtf8(rule.name.data(), qsizetype(rule.name.size()))));
    refreshing_ = false;
    ruleLabel_->setText(coreText(rule.description));
    ruleLabel_->setToolTip(QString::fromUtf8(rule.follows.data(), qsizetype(rule.follows.size())));
    if (&rule == shownRule_ && !force) {
        // The same rule: its rows stay (a row's own edit may be what got
        // here: removing its spin box now would delete it under its signal).
        for (ParamControl* c : controls_)
            c->show(keepValue(model_->keepValues(), c->spec().setting));
        return;
    }
    shownRule_ = &rule;
    while (thresholds_->rowCount() > 0)
        thresholds_->removeRow(0);
    for (ParamControl* c : controls_)
        c->deleteLater();
    controls_.clear();
    for (Setting s : rule.settings) {
        auto* control = new ParamControl(keepSpec(s), this);
        control->show(keepValue(model_->keepValues(), s));
        thresholds_->addRow(control->label(), control->widget());
        connect(control, &ParamControl::edited, model_,
                [this](Setting k, const ParamValue& v) { model_->setKeepValue(k, v); });
        controls_.push_back(control);
    }
}

void ObjectsPanel::showEvent(QShowEvent* e)
{
    QWidget::showEvent(e);
    if (stale_)
        refresh();
}

void ObjectsPanel::refresh()
{
    // Hidden (a tab behind another): made when shown, not at every draw.
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    refreshMasks();
    const auto& objects = model_->objects();
    const int kept = int(std::count_if(objects.begin(), objects.end(), [](const CarriedObject& o) { return o.kept; }));
    if (!model_->hasObjects())
        summary_->setText(tr("No objects for these images (an annotation file beside an image, labels/<name>.txt, "
                             "or File > Open objects)."));
    else if (!model_->objectsNote().isEmpty())
        summary_->setText(model_->objectsNote());
    else
        summary_->setText(
            tr("%1 of %2 objects kept (%3)").arg(kept).arg(objects.size()).arg(coreText(model_->keepRule().title)));
    // In its box: a new count lays out nothing around it (the panel in its
    // scroll area was laid out again at every draw).
    summaryBox_->fit();
    const int current = table_->currentRow();
    table_->setUpdatesEnabled(false);
    // A new draw of the same objects changes their numbers, not the
    // columns' widths: they are measured (every cell's text shaped) when the
    // objects or their number change.
    const bool resize = columnsStale_ || table_->rowCount() != int(objects.size());
    columnsStale_ = false;
    table_->setRowCount(int(objects.size()));
    for (int r = 0; r < int(objects.size()); ++r) {
        const CarriedObject& o = objects[std::size_t(r)];
        const QString cells[] = {sourceName(o.source) + " " + QString::number(o.index + 1),
                                 model_->objectClassName(o.source, o.classIndex), percentOf(o.visible), verdictOf(o)};
        for (int c = 0; c < 4; ++c) {
            auto* item = static_cast<ObjectCell*>(table_->item(r, c));
            if (!item) {
                item = new ObjectCell;
                table_->setItem(r, c, item);
            }
            item->setText(cells[c]);
            item->setObject(o);
            item->setForeground(c == 0              ? QBrush(sourceColour(o.source))
                                : c == 3 && !o.kept ? QBrush(QColor(200, 30, 30))
                                                    : QBrush());
        }
    }
    if (current >= 0 && current < table_->rowCount())
        table_->setCurrentCell(current, 0);
    table_->setUpdatesEnabled(true);
    if (resize)
        table_->resizeColumnsToContents();
    showDetail();
}

void ObjectsPanel::refreshMasks()
{
    QStringList files;
    for (int k = 0; k < model_->sourceCount(); ++k)
        if (!model_->maskFile(k).isEmpty())
            files << tr("%1: %2").arg(k == 0   ? QString("A")
                                      : k == 1 ? QString("B")
                                               : tr("source %1").arg(k + 1),
                                      QFileInfo(model_->maskFile(k)).fileName());
    if (files.isEmpty())
        masksSummary_->setText(
            tr("No masks for these images (a PNG beside an image, masks/<name>.png, or File > Open mask)."));
    else if (!model_->masksNote().isEmpty())
        masksSummary_->setText(tr("Masks %1. %2").arg(files.join(", "), model_->masksNote()));
    else if (model_->masksAreInstances())
        masksSummary_->setText(tr("Instance masks %1; the result's mask numbers the kept objects 1, 2, ... in the "
                                  "order they are saved.")
                                   .arg(files.join(", ")));
    else
        masksSummary_->setText(tr("Masks %1; the result's mask is mixed by the draw.").arg(files.join(", ")));
}

void ObjectsPanel::showDetail()
{
    const auto& objects = model_->objects();
    int row = table_->currentRow();
    // Nothing chosen: the first object the rule dropped or clipped, the one a reader asks about.
    if (row < 0 || row >= int(objects.size()))
        for (int r = 0; r < int(objects.size()) && row < 0; ++r)
            if (!objects[std::size_t(r)].reasonTemplate.empty())
                row = r;
    if (row < 0 || row >= int(objects.size())) {
        detail_->clear();
        detailBox_->fit();
        return;
    }
    const CarriedObject& o = objects[std::size_t(row)];
    const QString verdict = verdictOf(o) + (o.reasonTemplate.empty() ? QString() : ", " + reasonOf(o));
    detail_->setText(tr("<b>%1 %2</b> (%3): %4")
                         .arg(sourceName(o.source))
                         .arg(o.index + 1)
                         .arg(model_->objectClassName(o.source, o.classIndex).toHtmlEscaped())
                         .arg(verdict.toHtmlEscaped()));
    detailBox_->fit(); // a new text lays out nothing around it
}

} // namespace cutmix::ui
