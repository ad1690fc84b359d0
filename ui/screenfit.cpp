#include "screenfit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>
#include <algorithm>

namespace cutmix::ui
{

namespace
{

// A title bar and borders; openbox, KWin and GNOME stay within this.
constexpr int kFrameWidth = 16;
constexpr int kFrameHeight = 40;

} // namespace

QSize roomOnScreen(const QRect& available)
{
    return {std::max(0, available.width() - kFrameWidth), std::max(0, available.height() - kFrameHeight)};
}

QSize fitSize(QSize wanted, const QRect& available)
{
    return wanted.boundedTo(roomOnScreen(available));
}

QRect availableFor(const QWidget* w)
{
    const QWidget* anchor = w->parentWidget() ? w->parentWidget()->window() : w;
    QScreen* screen = anchor->screen();
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect(0, 0, 1024, 700);
}

void resizeToScreen(QWidget* w, QSize wanted)
{
    const QRect available = availableFor(w);
    w->resize(fitSize(wanted.expandedTo(w->minimumSizeHint()), available));
}

} // namespace cutmix::ui
