#include "auditwindow.h"

#include "auditmodel.h"
#include "auditmosaic.h"
#include "auditwatch.h"
#include "coretext.h"
#include "lastfolder.h"
#include "painting.h"
#include "panels.h"
#include "screenfit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <functional>

namespace cutmix::ui
{

namespace
{

constexpr int kSide = 120;
constexpr int kCaption = 34;
constexpr int kGap = 8;

QColor verdictColour(Verdict v)
{
    switch (v) {
    case Verdict::Agree:
        return QColor(40, 150, 60);
    case Verdict::Flagged:
        return QColor(214, 120, 0);
    case Verdict::Unexplained:
        return QColor(200, 40, 40);
    }
    return Qt::gray;
}

// The detected region over an image painted in `r`: solid for a rectangle,
// dashed for a mask's bounding box.
void outlineRegion(QPainter& p, QRect r, QSize image, const ElementAudit& e)
{
    if (!e.region)
        return;
    const double sx = double(r.width()) / image.width(), sy = double(r.height()) / image.height();
    const QRectF box(r.x() + e.region->x1 * sx, r.y() + e.region->y1 * sy, e.region->width() * sx,
                     e.region->height() * sy);
    p.save();
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(0, 0, 0, 180), 3.0));
    p.drawRect(box);
    p.setPen(QPen(QColor(255, 200, 0), 1.5, e.rectangle ? Qt::SolidLine : Qt::DashLine));
    p.drawRect(box);
    p.restore();
}

// The audit's objects over an image painted in `r` (its pixels `image`), in
// the look of render::outlineObjects (a dark stroke under a light one): a
// kept box in its source's colour (`colourOf`: a Mosaic's tile, a batch's
// own element or partner), a flagged one thick in the flagged colour and
// washed with it (an object without a box dashed where its box should be),
// a box not judged
// gray and dotted. A dropped object has no box after the mix: nothing to draw.
// A box of an image painted in `r` (its pixels `image`), in view coordinates.
QRectF inView(QRect r, QSize image, const BoxF& b)
{
    const double sx = double(r.width()) / image.width(), sy = double(r.height()) / image.height();
    return QRectF(r.x() + b.x1 * sx, r.y() + b.y1 * sy, b.width() * sx, b.height() * sy);
}

// A dark stroke `under` wide, then `pen` over it.
void strokeBox(QPainter& p, const QRectF& b, double under, const QPen& pen)
{
    p.setPen(QPen(QColor(0, 0, 0, 160), under));
    p.drawRect(b);
    p.setPen(pen);
    p.drawRect(b);
}

void outlineAuditObjects(QPainter& p, QRect r, QSize image, const std::vector<AuditObject>& objects,
                         const std::function<int(const AuditObject&)>& colourOf)
{
    if (objects.empty() || image.isEmpty())
        return;
    p.save();
    p.setBrush(Qt::NoBrush);
    p.setClipRect(r);
    for (const AuditObject& o : objects) {
        const bool flagged = o.status == "flagged";
        std::optional<BoxF> box = o.after;
        if (!box && flagged && !o.expected.empty())
            box = o.expected.front();
        if (!box || o.status == "dropped")
            continue;
        const QRectF b = inView(r, image, *box);
        if (flagged) { // washed too: a tile's colour may be near the flagged one
            QColor wash = verdictColour(Verdict::Flagged);
            wash.setAlpha(70);
            p.fillRect(b, wash);
        }
        const QPen pen = flagged ? QPen(verdictColour(Verdict::Flagged), 2.2, o.after ? Qt::SolidLine : Qt::DashLine)
                         : o.status == "not-judged" || !o.sourceElement ? QPen(QColor(170, 170, 170), 1.2, Qt::DotLine)
                                                                        : QPen(render::sourceColour(colourOf(o)), 1.2);
        strokeBox(p, b, flagged ? 4.0 : 2.5, pen);
    }
    p.restore();
}

// Plain boxes (a Mosaic tile's before it) in one colour over an image painted in `r`.
void outlineBoxes(QPainter& p, QRect r, QSize image, const std::vector<Object>& objects, QColor colour)
{
    if (objects.empty() || image.isEmpty())
        return;
    p.save();
    p.setBrush(Qt::NoBrush);
    p.setClipRect(r);
    for (const Object& o : objects)
        strokeBox(p, inView(r, image, o.box), 2.5, QPen(colour, 1.2));
    p.restore();
}

// Where each tile of a Mosaic sample lies in the mosaic painted in `r`, in the tile's colour.
void outlineTiles(QPainter& p, QRect r, QSize image, const MosaicAudit& a)
{
    if (a.centres.empty() || a.tooManyCentres || image.isEmpty())
        return;
    const double sx = double(r.width()) / image.width(), sy = double(r.height()) / image.height();
    p.save();
    p.setBrush(Qt::NoBrush);
    for (int k = 0; k < 4; ++k) {
        const Box& t = a.tiles[std::size_t(k)].box;
        if (t.area() <= 0)
            continue;
        const QRectF b(r.x() + t.x1 * sx + 1, r.y() + t.y1 * sy + 1, t.width() * sx - 2, t.height() * sy - 2);
        p.setPen(QPen(render::sourceColour(k), 2.0, Qt::DashLine));
        p.drawRect(b);
    }
    p.restore();
}

// A batch element's objects: its own in the first source colour, its partner's in the second.
std::function<int(const AuditObject&)> ownOrPartner(int element)
{
    return [element](const AuditObject& o) { return o.sourceElement == element ? 0 : 1; };
}

int tileColour(const AuditObject& o)
{
    return o.sourceElement.value_or(-1);
}

} // namespace

// ---- tiles

AuditTiles::AuditTiles(const AuditModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    setCursor(Qt::PointingHandCursor);
    connect(model_, &AuditModel::reportChanged, this, [this] {
        resizeEvent(nullptr);
        update();
    });
}

int AuditTiles::columns() const
{
    return std::max(1, (width() - kGap) / (kSide + kGap));
}

QRect AuditTiles::tileRect(int i) const
{
    const int c = columns();
    return QRect(kGap + (i % c) * (kSide + kGap), kGap + (i / c) * (kSide + kCaption + kGap), kSide, kSide + kCaption);
}

QPoint AuditTiles::tileCentre(int i) const
{
    return tileRect(i).center();
}

void AuditTiles::setSelected(int i)
{
    selected_ = i;
    update();
}

void AuditTiles::resizeEvent(QResizeEvent*)
{
    const int n = model_->count();
    const int rows = (n + columns() - 1) / columns();
    setMinimumHeight(kGap + rows * (kSide + kCaption + kGap));
}

void AuditTiles::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!model_->hasReport()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Open a batch dump: a folder with before/, after/, labels.csv and targets.csv."));
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
    const QFontMetrics fm(font);
    const bool mosaic = model_->isMosaic();
    for (int i = 0; i < model_->count(); ++i) {
        const Verdict verdict = model_->verdict(i);
        const QRect tile = tileRect(i);
        if (i == selected_)
            p.fillRect(tile.adjusted(-4, -4, 4, 4), QColor(255, 220, 120));
        const QImage after = model_->after(i);
        const QRect image = render::fitted(after.size(), QRect(tile.topLeft(), QSize(kSide, kSide)));
        p.drawImage(image, after);
        QString line1;
        if (mosaic) {
            outlineAuditObjects(p, image, after.size(), model_->objects(i), tileColour);
            line1 =
                QString("#%1 %2").arg(i).arg(QString::fromStdString(model_->mosaicDump().samples[std::size_t(i)].name));
        } else {
            const ElementAudit& e = model_->report().elements[std::size_t(i)];
            outlineRegion(p, image, after.size(), e);
            line1 = QString("#%1 %2%3")
                        .arg(i)
                        .arg(coreText(auditMethodName(e.method)))
                        .arg(e.partner ? QString(" ← %1").arg(*e.partner) : QString());
        }
        p.setPen(QPen(verdictColour(verdict), 4));
        p.setBrush(Qt::NoBrush);
        p.drawRect(image.adjusted(1, 1, -2, -2));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(tile.x(), tile.y() + kSide + 2, kSide, fm.height()), Qt::AlignLeft,
                   fm.elidedText(line1, Qt::ElideRight, kSide));
        p.setPen(verdictColour(verdict));
        const std::string& cause = model_->cause(i);
        const QString line2 = cause.empty() ? coreText(verdictName(verdict)) : QString::fromStdString(cause);
        p.drawText(QRect(tile.x(), tile.y() + kSide + 2 + fm.height(), kSide, fm.height()), Qt::AlignLeft,
                   fm.elidedText(line2, Qt::ElideRight, kSide));
    }
}

void AuditTiles::mousePressEvent(QMouseEvent* event)
{
    if (!model_->hasReport())
        return;
    for (int i = 0; i < model_->count(); ++i)
        if (tileRect(i).contains(event->position().toPoint())) {
            emit tileClicked(i);
            return;
        }
}

// ---- detail

AuditDetail::AuditDetail(const AuditModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    setMinimumHeight(200);
}

void AuditDetail::setElement(int i)
{
    element_ = i;
    update();
}

void AuditDetail::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!model_->hasReport() || element_ < 0 || element_ >= model_->count())
        return;
    if (model_->isMosaic()) {
        paintMosaic(p);
        return;
    }
    const ElementAudit& e = model_->report().elements[std::size_t(element_)];
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    const int title = p.fontMetrics().height() + 4;
    const int w = (width() - 4 * kGap) / 3;
    const int h = height() - title - kGap;
    struct Panel {
        QString caption;
        QImage image;
        bool outline;
    };
    const std::vector<Panel> panels{
        {tr("#%1 before").arg(element_), model_->before(element_), false},
        {e.partner ? tr("partner #%1 before").arg(*e.partner) : tr("no partner found"),
         e.partner ? model_->before(*e.partner) : QImage(), true},
        {tr("#%1 after").arg(element_), model_->after(element_), true},
    };
    for (int k = 0; k < 3; ++k) {
        const QRect box(kGap + k * (w + kGap), title, w, h);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(box.x(), 0, w, title), Qt::AlignLeft | Qt::AlignVCenter, panels[std::size_t(k)].caption);
        const QImage& img = panels[std::size_t(k)].image;
        if (img.isNull())
            continue;
        const QRect r = render::fitted(img.size(), box);
        p.drawImage(r, img);
        if (panels[std::size_t(k)].outline)
            outlineRegion(p, r, img.size(), e);
        if (k == 2)
            outlineAuditObjects(p, r, img.size(), e.objects, ownOrPartner(element_));
    }
}

// A Mosaic sample: the mosaic with each tile's place outlined and the boxes
// as judged, and beside it the four tiles with their boxes before.
void AuditDetail::paintMosaic(QPainter& p)
{
    const MosaicAudit& a = model_->mosaicReport().samples[std::size_t(element_)];
    const MosaicSample& m = model_->mosaicDump().samples[std::size_t(element_)];
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    const int title = p.fontMetrics().height() + 4;
    const int h = height() - title - kGap;
    const int side = std::min(h, (width() - 3 * kGap) * 3 / 5);
    const QRect left(kGap, title, side, h);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(left.x(), 0, width() - 2 * kGap, title), Qt::AlignLeft | Qt::AlignVCenter,
               tr("#%1 %2: the mosaic, each tile's place outlined").arg(element_).arg(QString::fromStdString(m.name)));
    const QImage mosaic = model_->after(element_);
    const QRect mr = render::fitted(mosaic.size(), left);
    p.drawImage(mr, mosaic);
    outlineTiles(p, mr, mosaic.size(), a);
    outlineAuditObjects(p, mr, mosaic.size(), a.objects, tileColour);
    // The tiles, 2 x 2 as the mosaic places them.
    const int x0 = mr.right() + 1 + 2 * kGap;
    const int cw = (width() - x0 - kGap) / 2;
    const int ch = h / 2;
    if (cw <= 8 || ch <= title + 8)
        return;
    const QFontMetrics fm = p.fontMetrics();
    for (int k = 0; k < 4; ++k) {
        const QRect cell(x0 + (k % 2) * cw, title + (k / 2) * ch, cw - kGap, ch - kGap / 2);
        const QString caption = k == 0   ? tr("tile 0, top left")
                                : k == 1 ? tr("tile 1, top right")
                                : k == 2 ? tr("tile 2, bottom left")
                                         : tr("tile 3, bottom right");
        p.setPen(render::sourceColour(k));
        p.drawText(QRect(cell.x(), cell.y(), cell.width(), fm.height()), Qt::AlignLeft,
                   fm.elidedText(caption, Qt::ElideRight, cell.width()));
        const QImage tile = model_->tile(element_, k);
        const QRect shown = render::fitted(tile.size(), cell.adjusted(0, fm.height() + 2, 0, 0));
        p.drawImage(shown, tile);
        outlineBoxes(p, shown, tile.size(), m.boxes[std::size_t(k)].objects, render::sourceColour(k));
        p.setPen(QPen(render::sourceColour(k), 2.0, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(shown).adjusted(1, 1, -1, -1));
    }
}

namespace
{

QString stepText(const WatchStep& s)
{
    QString t = QCoreApplication::translate("AuditWindow", "call %1: %2")
                    .arg(s.call)
                    .arg(QCoreApplication::translate("AuditWatch", s.verdict().toUtf8().constData()));
    if (s.state == WatchStep::State::Audited && s.agree != s.elements)
        t += QCoreApplication::translate("AuditWindow", " (%1 of %2)").arg(s.elements - s.agree).arg(s.elements);
    return t;
}

QColor stepColour(const WatchStep& s)
{
    if (s.state != WatchStep::State::Audited)
        return s.state == WatchStep::State::Failed ? QColor(200, 40, 40) : QColor(Qt::gray);
    return verdictColour(s.unexplained ? Verdict::Unexplained : s.flagged ? Verdict::Flagged : Verdict::Agree);
}

} // namespace

// ---- the window

AuditWindow::AuditWindow(AuditModel* model, QWidget* parent)
    : QWidget(parent, Qt::Window), model_(model), watch_(new AuditWatch(this))
{
    tiles_ = new AuditTiles(model_);
    QScrollArea* area = verticalScroller(tiles_);
    picture_ = new AuditDetail(model_);
    summary_ = headingLabel();
    detail_ = new QLabel;
    detail_->setWordWrap(true);
    detail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    message_ = warningLabel();
    note_ = new QLabel;
    note_->setObjectName("displayNote");
    note_->setWordWrap(true);

    open_ = new QPushButton;
    connect(open_, &QPushButton::clicked, this, &AuditWindow::chooseFolder);
    auto* watchButton = watchButton_ = new QPushButton;
    connect(watchButton, &QPushButton::clicked, this, &AuditWindow::chooseWatchFolder);
    tolerance_ = new QDoubleSpinBox;
    tolerance_->setObjectName("tolerance");
    tolerance_->setDecimals(5);
    tolerance_->setRange(0.0, 0.5);
    tolerance_->setSingleStep(0.0005);
    tolerance_->setValue(model_->options().tolerance);
    tolerance_->setKeyboardTracking(false);
    smoothingGiven_ = new QCheckBox;
    smoothing_ = new QDoubleSpinBox;
    smoothing_->setDecimals(4);
    smoothing_->setRange(0.0, 0.999);
    smoothing_->setSingleStep(0.05);
    smoothing_->setKeyboardTracking(false);
    smoothing_->setEnabled(false);
    minVisibility_ = new QDoubleSpinBox;
    minVisibility_->setObjectName("minVisibility");
    minVisibility_->setDecimals(3);
    minVisibility_->setRange(0.0, 1.0);
    minVisibility_->setSingleStep(0.05);
    minVisibility_->setValue(model_->options().minVisibility);
    minVisibility_->setKeyboardTracking(false);
    lamRule_ = new QComboBox;
    lamRule_->setObjectName("lamRule");
    for (LamRule r : {LamRule::Corrected, LamRule::Drawn, LamRule::Any})
        lamRule_->addItem(QString::fromUtf8(lamRuleName(r).data()), int(r));
    progress_ = new QProgressBar;
    progress_->setObjectName("auditProgress");
    progress_->setTextVisible(true);
    progress_->hide();
    cancel_ = new QPushButton;
    cancel_->setObjectName("cancelAudit");
    cancel_->hide();
    connect(cancel_, &QPushButton::clicked, model_, &AuditModel::cancel);
    auto* bar = new QHBoxLayout;
    bar->addWidget(open_);
    bar->addWidget(watchButton);
    // The options on a row of their own: with Min visibility they no longer
    // fit beside the buttons on an 800 px screen.
    auto* optionsRow = new QHBoxLayout;
    toleranceLabel_ = new QLabel;
    optionsRow->addWidget(toleranceLabel_);
    optionsRow->addWidget(tolerance_);
    optionsRow->addWidget(smoothingGiven_);
    optionsRow->addWidget(smoothing_);
    lamRuleLabel_ = new QLabel;
    optionsRow->addWidget(lamRuleLabel_);
    optionsRow->addWidget(lamRule_);
    minVisibilityLabel_ = new QLabel;
    optionsRow->addWidget(minVisibilityLabel_);
    optionsRow->addWidget(minVisibility_);
    optionsRow->addStretch(1);
    bar->addStretch(1);
    auto* busyRow = new QHBoxLayout;
    busyRow->addWidget(progress_, 1);
    busyRow->addWidget(cancel_);

    timeline_ = new QListWidget;
    timeline_->setObjectName("timeline");
    timeline_->setMaximumWidth(220);
    timeline_->hide();
    connect(timeline_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        followNewest_ = false;
        showStep(timeline_->row(item));
    });

    auto* lower = new QWidget;
    auto* lowerLayout = new QHBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(picture_, 3);
    lowerLayout->addWidget(detail_, 2);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(area);
    split->addWidget(lower);
    split->setSizes({420, 300});
    auto* body = new QHBoxLayout;
    body->addWidget(timeline_);
    body->addWidget(split, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(optionsRow);
    layout->addLayout(busyRow);
    layout->addWidget(summary_);
    layout->addWidget(note_);
    layout->addWidget(message_);
    layout->addLayout(body, 1);

    connect(tiles_, &AuditTiles::tileClicked, this, &AuditWindow::select);
    connect(model_, &AuditModel::reportChanged, this, &AuditWindow::refresh);
    connect(model_, &AuditModel::errorOccurred, this, &AuditWindow::showMessage);
    connect(model_, &AuditModel::cancelled, this,
            [this] { showMessage(Message([] { return tr("The audit was cancelled."); })); });
    connect(model_, &AuditModel::busyChanged, this, [this](bool busy) {
        progress_->setVisible(busy);
        cancel_->setVisible(busy);
        if (busy) {
            progress_->setRange(0, 0); // reading the folder: no count yet
            showMessage({});
        }
    });
    connect(model_, &AuditModel::progressChanged, this, [this](int done, int total) {
        progress_->setRange(0, total);
        progress_->setValue(done);
    });
    connect(watch_, &AuditWatch::stepAdded, this, &AuditWindow::stepAdded);
    connect(watch_, &AuditWatch::stepAudited, this, &AuditWindow::stepAudited);
    connect(watch_, &AuditWatch::errorOccurred, this, &AuditWindow::showMessage);
    connect(tolerance_, &QDoubleSpinBox::valueChanged, this, &AuditWindow::applyOptions);
    connect(smoothing_, &QDoubleSpinBox::valueChanged, this, &AuditWindow::applyOptions);
    connect(lamRule_, &QComboBox::currentIndexChanged, this, &AuditWindow::applyOptions);
    connect(minVisibility_, &QDoubleSpinBox::valueChanged, this, &AuditWindow::applyOptions);
    connect(smoothingGiven_, &QCheckBox::toggled, this, [this](bool on) {
        smoothing_->setEnabled(on);
        applyOptions();
    });
    retranslate();
    refresh();
    resizeToScreen(this, {1100, 820});
}

void AuditWindow::retranslate()
{
    showTitle();
    open_->setText(tr("Open dump…"));
    watchButton_->setText(tr("Watch folder…"));
    watchButton_->setToolTip(tr("Follow the dumps a training run writes (python/cutmix_dump.py Recorder)"));
    toleranceLabel_->setText(tr("Tolerance"));
    tolerance_->setToolTip(tr("How far a target may lie outside the measured share"));
    smoothingGiven_->setText(tr("Smoothing"));
    smoothingGiven_->setToolTip(tr("The label smoothing your pipeline applies (unticked: inferred from the targets)"));
    lamRuleLabel_->setText(tr("Lam rule"));
    lamRule_->setToolTip(tr("Which CutMix weight the targets carry: corrected (the pasted box's share: timm's "
                            "correct_lam=True, torchvision), drawn (the lam drawn before the box was rounded and "
                            "clipped: timm's correct_lam=False), or any"));
    minVisibilityLabel_->setText(tr("Min visibility"));
    minVisibility_->setToolTip(tr("Boxes: a kept box whose object is less than this share visible is flagged, and so "
                                  "is an object at least this visible without a box"));
    progress_->setFormat(tr("Auditing: %v of %m elements"));
    cancel_->setText(tr("Cancel"));
    timeline_->setToolTip(tr("The dumps of the watched run: call number and verdict; click one to show it"));
}

void AuditWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        for (int row = 0; row < timeline_->count() && row < int(watch_->steps().size()); ++row) {
            const WatchStep& s = watch_->steps()[std::size_t(row)];
            timeline_->item(row)->setText(stepText(s));
            timeline_->item(row)->setToolTip(s.error.text());
        }
        showTexts();
        message_->setText(shownMessage_.text());
        tiles_->update(); // the captions name methods and verdicts
        picture_->update();
        detail_->setText(model_->details(selected_));
    }
    QWidget::changeEvent(e);
}

void AuditWindow::applyOptions()
{
    AuditOptions o;
    o.tolerance = tolerance_->value();
    if (smoothingGiven_->isChecked())
        o.smoothing = smoothing_->value();
    o.lamRule = LamRule(lamRule_->currentData().toInt());
    o.minVisibility = minVisibility_->value();
    model_->setOptions(o);
    watch_->setOptions(o);
}

void AuditWindow::showMessage(const Message& m)
{
    shownMessage_ = m;
    message_->setText(m.text());
}

void AuditWindow::showTitle()
{
    setWindowTitle(!watch_->folder().isEmpty() ? tr("Watching %1").arg(watch_->folder())
                   : model_->isMosaic()        ? tr("Audit of Mosaic samples")
                                               : tr("Audit of a batch dump"));
}

void AuditWindow::refresh()
{
    showTitle();
    showMessage({});
    showTexts();
    const int n = model_->count();
    if (selected_ >= n || selectFirstFlagged_)
        selected_ = -1;
    selectFirstFlagged_ = false;
    if (selected_ < 0) {
        // The first element that needs a look.
        for (int i = 0; i < n && selected_ < 0; ++i)
            if (model_->verdict(i) != Verdict::Agree)
                selected_ = i;
        if (selected_ < 0 && n > 0)
            selected_ = 0;
    }
    // A Mosaic dump has no targets: only the minimum visibility applies to it.
    const bool targets = !model_->isMosaic();
    for (QWidget* w :
         std::initializer_list<QWidget*>{toleranceLabel_, tolerance_, smoothingGiven_, lamRuleLabel_, lamRule_})
        w->setEnabled(targets);
    smoothing_->setEnabled(targets && smoothingGiven_->isChecked());
    select(selected_);
}

void AuditWindow::showTexts()
{
    summary_->setText(model_->hasReport() ? model_->folder() + ": " + model_->summary() : model_->summary());
    note_->setText(model_->displayNote().isEmpty() ? QString() : tr("Shown as %1.").arg(model_->displayNote()));
    note_->setVisible(!model_->displayNote().isEmpty());
}

void AuditWindow::select(int i)
{
    selected_ = i;
    tiles_->setSelected(i);
    picture_->setElement(i);
    detail_->setText(model_->details(i));
}

void AuditWindow::chooseFolder()
{
    const QString dir = rememberFolder(QFileDialog::getExistingDirectory(
        this, tr("Batch dump folder (before/, after/, labels.csv, targets.csv)"), lastFolder()));
    if (!dir.isEmpty()) {
        selectFirstFlagged_ = true;
        model_->open(dir);
    }
}

bool AuditWindow::watch(const QString& dir)
{
    timeline_->clear();
    followNewest_ = true;
    if (!watch_->watch(dir)) {
        timeline_->hide();
        return false;
    }
    timeline_->show();
    retranslate(); // the title names the folder
    return true;
}

void AuditWindow::chooseWatchFolder()
{
    const QString dir = rememberFolder(QFileDialog::getExistingDirectory(
        this, tr("Folder of a training run's dumps (000000/, 000100/, …)"), lastFolder()));
    if (!dir.isEmpty())
        watch(dir);
}

void AuditWindow::stepAdded(int row)
{
    const WatchStep& s = watch_->steps()[std::size_t(row)];
    auto* item = new QListWidgetItem(stepText(s));
    item->setForeground(stepColour(s));
    timeline_->insertItem(row, item);
}

void AuditWindow::stepAudited(int row)
{
    const WatchStep& s = watch_->steps()[std::size_t(row)];
    QListWidgetItem* item = timeline_->item(row);
    item->setText(stepText(s));
    item->setForeground(stepColour(s));
    if (s.state == WatchStep::State::Failed)
        item->setToolTip(s.error.text());
    // Follow the run: the newest audited step is shown, its first flagged element selected.
    if (followNewest_ && s.state == WatchStep::State::Audited) {
        timeline_->setCurrentRow(row);
        showStep(row);
    }
}

void AuditWindow::showStep(int row)
{
    if (row < 0 || row >= int(watch_->steps().size()))
        return;
    selectFirstFlagged_ = true;
    model_->open(watch_->steps()[std::size_t(row)].folder);
}

} // namespace cutmix::ui
