#include "presentation.h"

#include "constants.h"
#include "imageview.h"
#include "method.h"
#include "objectspanel.h"
#include "readout.h"
#include "readouttext.h"
#include "studiomodel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace cutmix::ui
{

PresentationWindow::PresentationWindow(StudioModel* model, QWidget* parent) : QWidget(parent, Qt::Window), model_(model)
{
    setWindowTitle(tr("Presentation"));
    setAutoFillBackground(true);
    QPalette dark = palette();
    dark.setColor(QPalette::Window, QColor(18, 18, 22));
    dark.setColor(QPalette::Base, QColor(18, 18, 22));
    dark.setColor(QPalette::WindowText, QColor(240, 240, 240));
    dark.setColor(QPalette::Text, QColor(240, 240, 240));
    setPalette(dark);
    result_ = new ImageView;
    result_->setPalette(dark);
    result_->setLineScale(2.5);
    header_ = new QLabel;
    header_->setWordWrap(true);
    numbers_ = new QLabel;
    numbers_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    numbers_->setTextFormat(Qt::RichText);
    keys_ = new QLabel(keysText(false));
    keys_->setStyleSheet("color: #9a9aa4");
    lesson_ = new QLabel;
    lesson_->setObjectName("lessonCaption");
    lesson_->setWordWrap(true);
    lesson_->setTextFormat(Qt::RichText);
    lesson_->setStyleSheet("color: #f0c674");
    lesson_->hide();
    auto* row = new QHBoxLayout;
    row->addWidget(result_, 5);
    row->addWidget(numbers_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 12);
    layout->addWidget(lesson_);
    layout->addWidget(header_);
    layout->addLayout(row, 1);
    layout->addWidget(keys_);
    connect(model_, &StudioModel::drawChanged, this, &PresentationWindow::refresh);
    connect(model_, &StudioModel::labelsChanged, this, &PresentationWindow::refresh);
    connect(model_, &StudioModel::paramsChanged, this, &PresentationWindow::refresh);
    refresh();
}

QString PresentationWindow::keysText(bool lesson)
{
    const QString keys = tr("Space new draw · ←/→ α · H hold · M map of sources · C convention · Esc leave");
    return lesson ? tr("%1 · PgDn/PgUp lesson step").arg(keys) : keys;
}

double PresentationWindow::steppedAlpha(double alpha, int steps)
{
    return std::clamp(alpha * std::pow(1.25, steps), kAlphaSliderMin, kAlphaSliderMax);
}

void PresentationWindow::resizeEvent(QResizeEvent*)
{
    // Type sized from the window, in logical pixels: the same look at any
    // scale factor; readable from the back of a room at 1920 x 1080.
    const int h = std::max(300, height());
    QFont f = font();
    f.setPixelSize(std::max(14, h / 28));
    f.setBold(true);
    header_->setFont(f);
    f.setPixelSize(std::max(14, h / 26));
    f.setBold(false);
    numbers_->setFont(f);
    f.setPixelSize(std::max(11, h / 60));
    keys_->setFont(f);
    f.setPixelSize(std::max(13, h / 40));
    lesson_->setFont(f);
}

void PresentationWindow::refresh()
{
    if (!model_->hasPair()) {
        header_->setText(tr("No pair loaded"));
        numbers_->clear();
        return;
    }
    const Draw& d = model_->draw();
    result_->setImage(model_->displayMixed());
    result_->setOverlay(overlayOf(d));
    showObjectMarks(result_, *model_, -1);
    result_->setSourceMask(sources_ ? model_->sourceMapImage() : QImage());
    result_->setSourceMaskVisible(sources_);
    result_->setLabelWash(masks_ ? model_->maskWash(-1) : QImage());
    result_->setLabelWashVisible(masks_);
    header_->setText(summaryLine(*model_));
    numbers_->setText(presentationLines(*model_).join("<br>"));
}

void PresentationWindow::setMasksShown(bool shown)
{
    masks_ = shown;
    refresh();
}

void PresentationWindow::setLessonCaption(const QString& title, const QString& task)
{
    lesson_->setVisible(!title.isEmpty());
    keys_->setText(keysText(!title.isEmpty()));
    lesson_->setText(title.isEmpty()
                         ? QString()
                         : QStringLiteral("<b>%1</b> · %2").arg(title.toHtmlEscaped(), task.toHtmlEscaped()));
}

void PresentationWindow::nextConvention()
{
    const Method& now = *model_->params().method;
    const std::vector<const Method*> same = variantsOf(now);
    const auto at = std::find(same.begin(), same.end(), &now);
    if (same.size() > 1 && at != same.end())
        model_->setMethod(**(at + 1 == same.end() ? same.begin() : at + 1));
}

bool PresentationWindow::event(QEvent* e)
{
    // Another language: the words here; the lesson's caption comes from the
    // main window, which follows the lesson.
    if (e->type() == QEvent::LanguageChange) {
        setWindowTitle(tr("Presentation"));
        keys_->setText(keysText(!lesson_->isHidden()));
        refresh();
    }
    // The main window's single-key shortcuts (Space, H, M, B) must not take
    // the keys this window answers itself.
    if (e->type() == QEvent::ShortcutOverride) {
        switch (static_cast<QKeyEvent*>(e)->key()) {
        case Qt::Key_Space:
        case Qt::Key_Right:
        case Qt::Key_Left:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_H:
        case Qt::Key_M:
        case Qt::Key_C:
        case Qt::Key_Escape:
        case Qt::Key_F11:
        case Qt::Key_PageDown:
        case Qt::Key_PageUp:
            e->accept();
            return true;
        default:
            break;
        }
    }
    return QWidget::event(e);
}

void PresentationWindow::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Space:
        model_->newDraw();
        break;
    case Qt::Key_Right:
    case Qt::Key_Up:
        model_->setParam(Setting::Alpha, {steppedAlpha(model_->params().alpha, 1)});
        break;
    case Qt::Key_Left:
    case Qt::Key_Down:
        model_->setParam(Setting::Alpha, {steppedAlpha(model_->params().alpha, -1)});
        break;
    case Qt::Key_H:
        model_->setHold(!model_->hold());
        break;
    case Qt::Key_M:
        sources_ = !sources_;
        refresh();
        break;
    case Qt::Key_C:
        nextConvention();
        break;
    case Qt::Key_PageDown:
    case Qt::Key_PageUp:
        if (!lesson_->isVisible()) {
            QWidget::keyPressEvent(e);
            return;
        }
        emit lessonStepRequested(e->key() == Qt::Key_PageDown ? 1 : -1);
        break;
    case Qt::Key_Escape:
    case Qt::Key_F11:
        hide();
        emit left();
        break;
    default:
        QWidget::keyPressEvent(e);
        return;
    }
    e->accept();
}

} // namespace cutmix::ui
