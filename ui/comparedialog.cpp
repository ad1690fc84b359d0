#include "comparedialog.h"

#include "errorreport.h"
#include "exportdialogs.h"
#include "lastfolder.h"
#include "method.h"
#include "screenfit.h"
#include "studiomodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cutmix::ui
{

CompareDialog::CompareDialog(StudioModel* model, QWidget* parent) : QDialog(parent), model_(model)
{
    auto* options = new QHBoxLayout;
    // The panels chosen last time the dialog was open, else the paper's.
    static std::vector<std::string> chosen;
    if (chosen.empty())
        chosen = defaultCompareMethods();
    const std::vector<std::string> defaults = chosen;
    for (const std::string& n : panelOrder()) {
        auto* box = new QCheckBox(QString::fromStdString(n));
        box->setChecked(std::find(defaults.begin(), defaults.end(), n) != defaults.end());
        connect(box, &QCheckBox::toggled, this, &CompareDialog::update);
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!methods().empty())
                chosen = methods();
        });
        options->addWidget(box);
        boxes_[n] = box;
    }
    sameLam_ = new QCheckBox;
    sameLam_->setObjectName("same_lam");
    lam_ = new QDoubleSpinBox;
    lam_->setRange(0.0, 1.0);
    lam_->setDecimals(2);
    lam_->setSingleStep(0.05);
    lam_->setValue(0.5);
    lam_->setEnabled(false);
    connect(sameLam_, &QCheckBox::toggled, lam_, &QWidget::setEnabled);
    connect(sameLam_, &QCheckBox::toggled, this, &CompareDialog::update);
    connect(lam_, &QDoubleSpinBox::valueChanged, this, &CompareDialog::update);
    options->addStretch(1);
    // One λ on a row of its own: the dialog fits beside the window's
    // parameters on a 1024 px screen.
    auto* lamRow = new QHBoxLayout;
    lamRow->addWidget(sameLam_);
    lamRow->addWidget(lam_);
    lamRow->addStretch(1);
    view_ = new QLabel;
    // The figure fills whatever room the dialog gives it (resizeEvent), and
    // never holds the dialog at the figure's own size.
    view_->setMinimumSize(320, 180);
    view_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    view_->setAlignment(Qt::AlignCenter);
    error_ = new QLabel;
    error_->setWordWrap(true);
    saved_ = new QLabel;
    saved_->setObjectName("compareSaved");
    saved_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    saveButton_ = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(saveButton_, &QPushButton::clicked, this, [this] {
        const QString path =
            rememberFolder(QFileDialog::getSaveFileName(this, tr("Save the figure"), inLastFolder("cutmix-compare.png"),
                                                        tr("PNG (*.png);;JPEG (*.jpg);;PDF for print (*.pdf)")));
        if (!path.isEmpty())
            save(path);
    });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(options);
    layout->addLayout(lamRow);
    layout->addWidget(view_, 1);
    layout->addWidget(error_);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(saved_, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    connect(&watcher_, &QFutureWatcher<Drawn>::finished, this, &CompareDialog::showFigure);
    // The window's state, as update() reads it: the pair (and its size), the
    // parameters (seed, alpha, method, a new draw's index), the captions'
    // labels, the objects and the rule that judges them.
    for (auto signal : {&StudioModel::pairChanged, &StudioModel::paramsChanged, &StudioModel::labelsChanged,
                        &StudioModel::objectsChanged})
        connect(model_, signal, this, &CompareDialog::updateSoon);
    retranslate();
    resizeToScreen(this, {1280, 720});
    update();
}

void CompareDialog::retranslate()
{
    setWindowTitle(tr("Compare methods"));
    sameLam_->setText(tr("One λ for all"));
    sameLam_->setToolTip(tr("The paper's figure shows every method with one λ; unticked, each uses the drawn λ"));
    saveButton_->setText(tr("Save..."));
}

void CompareDialog::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(e);
}

void CompareDialog::resizeEvent(QResizeEvent* e)
{
    QDialog::resizeEvent(e);
    fitFigure();
}

QSize CompareDialog::shownSize() const
{
    return view_->pixmap().size();
}

void CompareDialog::fitFigure()
{
    if (!figure_.image.isNull())
        view_->setPixmap(
            QPixmap::fromImage(figure_.image).scaled(view_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

CompareDialog::~CompareDialog()
{
    watcher_.waitForFinished();
}

std::vector<std::string> CompareDialog::panelOrder()
{
    // The paper's columns first, then the other methods of the registry.
    std::vector<std::string> order = defaultCompareMethods();
    for (std::string_view f : methodFamilies())
        if (std::find(order.begin(), order.end(), f) == order.end())
            order.emplace_back(f);
    return order;
}

std::vector<std::string> CompareDialog::methods() const
{
    std::vector<std::string> chosen;
    for (const std::string& n : panelOrder())
        if (boxes_.at(n)->isChecked())
            chosen.push_back(n);
    return chosen;
}

std::optional<double> CompareDialog::lam() const
{
    return sameLam_->isChecked() ? std::optional<double>(lam_->value()) : std::nullopt;
}

void CompareDialog::updateSoon()
{
    // A model action emits several signals (a new pair: the pair, the
    // parameters and the labels); a drag of the alpha slider many: one figure
    // for them all.
    if (queued_)
        return;
    queued_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (queued_) {
                queued_ = false;
                update();
            }
        },
        Qt::QueuedConnection);
}

void CompareDialog::flush()
{
    if (queued_) {
        queued_ = false;
        update();
    }
    // showFigure() starts the next figure when the options changed meanwhile.
    while (!taken_) {
        watcher_.waitForFinished();
        showFigure();
    }
}

void CompareDialog::update()
{
    if (watcher_.isRunning() || !taken_) {
        stale_ = true;
        return;
    }
    stale_ = false;
    const std::vector<std::string> chosen = methods();
    if (chosen.empty() || !model_->hasPair()) {
        error_->setText(tr("Tick at least one panel."));
        return;
    }
    Params p = model_->params();
    if (!p.method->isConvention())
        p.method = &defaultMethod(); // "cutmix" means CutMix as chosen, or the official one
    const cv::Mat a = model_->imageA(), b = model_->imageB();
    const std::string pathA = model_->pathA().toStdString(), pathB = model_->pathB().toStdString();
    const std::string labelA = model_->labelA().toStdString(), labelB = model_->labelB().toStdString();
    const std::optional<double> lam = this->lam();
    // A's and B's objects as the window shows them, by its rule: the figure
    // of `cutmix compare --boxes ... --box-rule ...`.
    const ObjectInput objects = windowObjects(*model_, 2);
    taken_ = false;
    watcher_.setFuture(QtConcurrent::run([a, b, pathA, pathB, labelA, labelB, p, chosen, lam, objects] {
        Drawn drawn;
        drawn.failure = runReportingErrors([&] {
            drawn.sheet =
                render::renderComparison(planComparison(a, b, pathA, pathB, labelA, labelB, p, chosen, lam, objects));
        });
        return drawn;
    }));
}

void CompareDialog::showFigure()
{
    if (taken_)
        return; // flush() showed it already
    taken_ = true;
    Drawn drawn = watcher_.result();
    figure_ = std::move(drawn.sheet);
    error_->setText(drawn.failure);
    fitFigure();
    if (stale_)
        update();
    else
        emit figureUpdated();
}

bool CompareDialog::save(const QString& path)
{
    flush(); // the figure of the window's state, not of the one before a change
    const QString error = runReportingErrors([&] { render::writeComparison(path.toStdString(), figure_); });
    if (!error.isEmpty()) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Compare methods"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName("compareError");
        box->open();
        saved_->clear();
    } else {
        // Saving is otherwise silent: say where the figure went.
        saved_->setText(tr("Saved %1 (%2 × %3 px)")
                            .arg(QFileInfo(path).fileName())
                            .arg(figure_.image.width())
                            .arg(figure_.image.height()));
        saved_->setToolTip(QFileInfo(path).absoluteFilePath());
    }
    return error.isEmpty();
}

} // namespace cutmix::ui
