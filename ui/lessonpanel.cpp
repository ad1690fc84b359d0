#include "lessonpanel.h"

#include "lesson.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace cutmix::ui
{

LessonPanel::LessonPanel(Lesson* lesson, QWidget* parent) : QWidget(parent), lesson_(lesson)
{
    step_ = new QLabel;
    step_->setObjectName("lessonStep");
    title_ = new QLabel;
    title_->setObjectName("lessonTitle");
    title_->setWordWrap(true);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    title_->setFont(big);
    text_ = new QLabel;
    text_->setObjectName("lessonText");
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    task_ = new QLabel;
    task_->setObjectName("lessonTask");
    task_->setWordWrap(true);
    task_->setTextFormat(Qt::RichText);
    task_->setStyleSheet("QLabel { background: palette(alternate-base); padding: 6px; }");

    auto* body = new QWidget;
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(title_);
    bodyLayout->addWidget(text_);
    bodyLayout->addWidget(task_);
    bodyLayout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    back_ = new QPushButton;
    back_->setObjectName("lessonBack");
    next_ = new QPushButton;
    next_->setObjectName("lessonNext");
    finish_ = new QPushButton;
    finish_->setObjectName("lessonFinish");
    retranslate();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(step_, 1);
    buttons->addWidget(back_);
    buttons->addWidget(next_);
    buttons->addWidget(finish_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    // The keys as application-wide actions of the panel, enabled only while
    // the lesson runs: the buttons' own mnemonics would reach them only when
    // the (floating) panel is the active window.
    auto key = [this](const QKeySequence& k, void (Lesson::*step)()) {
        auto* a = new QAction(this);
        a->setShortcut(k);
        a->setShortcutContext(Qt::ApplicationShortcut);
        connect(a, &QAction::triggered, lesson_, step);
        addAction(a);
        return a;
    };
    nextKey_ = key(QKeySequence(Qt::ALT | Qt::Key_N), &Lesson::next);
    backKey_ = key(QKeySequence(Qt::ALT | Qt::Key_B), &Lesson::back);
    pageDown_ = key(QKeySequence(Qt::Key_PageDown), &Lesson::next);
    pageUp_ = key(QKeySequence(Qt::Key_PageUp), &Lesson::back);

    connect(back_, &QPushButton::clicked, lesson_, &Lesson::back);
    connect(next_, &QPushButton::clicked, lesson_, &Lesson::next);
    connect(finish_, &QPushButton::clicked, lesson_, &Lesson::finish);
    connect(lesson_, &Lesson::stepChanged, this, &LessonPanel::refresh);
    connect(lesson_, &Lesson::textChanged, this, &LessonPanel::refresh);
    connect(lesson_, &Lesson::finished, this, &LessonPanel::refresh);
    refresh();
}

void LessonPanel::retranslate()
{
    back_->setText(tr("&Back"));
    next_->setText(tr("&Next"));
    finish_->setText(tr("&Finish"));
    // The underlined letters stay; Alt+N and Alt+B are the actions' (two
    // shortcuts on one key would cancel each other).
    back_->setShortcut(QKeySequence());
    next_->setShortcut(QKeySequence());
    finish_->setToolTip(tr("Leave the lesson and bring back your images and parameters"));
}

void LessonPanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
    QWidget::changeEvent(e);
}

void LessonPanel::refresh()
{
    const int i = lesson_->current();
    step_->setText(tr("Step %1 of %2").arg(i + 1).arg(lesson_->count()));
    title_->setText(lesson_->title(i));
    text_->setText(lesson_->text());
    task_->setText(tr("<b>Try:</b> %1").arg(lesson_->task().toHtmlEscaped()));
    back_->setEnabled(i > 0);
    next_->setEnabled(i + 1 < lesson_->count());
    const bool on = lesson_->active();
    nextKey_->setEnabled(on && next_->isEnabled());
    backKey_->setEnabled(on && back_->isEnabled());
    pageDown_->setEnabled(on && pageKeys_ && next_->isEnabled());
    pageUp_->setEnabled(on && pageKeys_ && back_->isEnabled());
}

void LessonPanel::setPageKeys(bool on)
{
    pageKeys_ = on;
    refresh();
}

} // namespace cutmix::ui
