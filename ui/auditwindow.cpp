#include "auditwindow.h"

#include "auditmodel.h"
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
    const int n = model_->hasReport() ? int(model_->report().elements.size()) : 0;
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
    const auto& elements = model_->report().elements;
    for (int i = 0; i < int(elements.size()); ++i) {
        const ElementAudit& e = elements[std::size_t(i)];
        const QRect tile = tileRect(i);
        if (i == selected_)
            p.fillRect(tile.adjusted(-4, -4, 4, 4), QColor(255, 220, 120));
        const QImage after = model_->after(i);
        const QRect image = render::fitted(after.size(), QRect(tile.topLeft(), QSize(kSide, kSide)));
        p.drawImage(image, after);
        outlineRegion(p, image, after.size(), e);
        p.setPen(QPen(verdictColour(e.verdict), 4));
        p.setBrush(Qt::NoBrush);
        p.drawRect(image.adjusted(1, 1, -2, -2));
        p.setPen(palette().color(QPalette::Text));
        const QString line1 = QString("#%1 %2%3")
                                  .arg(i)
                                  .arg(coreText(auditMethodName(e.method)))
                                  .arg(e.partner ? QString(" ← %1").arg(*e.partner) : QString());
        p.drawText(QRect(tile.x(), tile.y() + kSide + 2, kSide, fm.height()), Qt::AlignLeft,
                   fm.elidedText(line1, Qt::ElideRight, kSide));
        p.setPen(verdictColour(e.verdict));
        const QString line2 = e.cause.empty() ? coreText(verdictName(e.verdict)) : QString::fromStdString(e.cause);
        p.drawText(QRect(tile.x(), tile.y() + kSide + 2 + fm.height(), kSide, fm.height()), Qt::AlignLeft,
                   fm.elidedText(line2, Qt::ElideRight, kSide));
    }
}

void AuditTiles::mousePressEvent(QMouseEvent* event)
{
    if (!model_->hasReport())
        return;
    for (int i = 0; i < int(model_->report().elements.size()); ++i)
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
    if (!model_->hasReport() || element_ < 0 || element_ >= int(model_->report().elements.size()))
        return;
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
    bar->addSpacing(16);
    toleranceLabel_ = new QLabel;
    bar->addWidget(toleranceLabel_);
    bar->addWidget(tolerance_);
    bar->addWidget(smoothingGiven_);
    bar->addWidget(smoothing_);
    lamRuleLabel_ = new QLabel;
    bar->addWidget(lamRuleLabel_);
    bar->addWidget(lamRule_);
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
    setWindowTitle(watch_->folder().isEmpty() ? tr("Audit of a batch dump") : tr("Watching %1").arg(watch_->folder()));
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
    model_->setOptions(o);
    watch_->setOptions(o);
}

void AuditWindow::showMessage(const Message& m)
{
    shownMessage_ = m;
    message_->setText(m.text());
}

void AuditWindow::refresh()
{
    showMessage({});
    showTexts();
    const int n = model_->hasReport() ? int(model_->report().elements.size()) : 0;
    if (selected_ >= n || selectFirstFlagged_)
        selected_ = -1;
    selectFirstFlagged_ = false;
    if (selected_ < 0 && model_->hasReport()) {
        // The first element that needs a look.
        for (const ElementAudit& e : model_->report().elements)
            if (e.verdict != Verdict::Agree) {
                selected_ = e.index;
                break;
            }
        if (selected_ < 0 && n > 0)
            selected_ = 0;
    }
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
