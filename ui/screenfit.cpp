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

QSize frameAllowance()
{
    return {kFrameWidth, kFrameHeight};
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

Beside placeBeside(QRect window, bool moveWindow, QSize panel, const QRect& available, Qt::Corner corner)
{
    Beside b;
    const QRect a = available;
    panel = panel.boundedTo(a.size());
    if (moveWindow && window.width() + panel.width() <= a.width()) {
        const int x = a.left() + (a.width() - window.width() - panel.width()) / 2;
        const int y = a.top() + std::max(0, (a.height() - window.height()) / 2);
        window.moveTopLeft({x, y});
    }
    b.window = window;
    const int top = std::clamp(window.top(), a.top(), std::max(a.top(), a.bottom() + 1 - panel.height()));
    if (window.right() + panel.width() <= a.right()) {
        b.panel = QRect({window.right() + 1, top}, panel);
    } else if (window.left() - panel.width() >= a.left()) {
        b.panel = QRect({window.left() - panel.width(), top}, panel);
    } else {
        // No room: smaller, in the chosen corner of the window on the screen.
        b.room = false;
        const QSize small(std::min(panel.width(), std::max(300, a.width() / 3)),
                          std::min(panel.height(), std::max(240, a.height() * 2 / 5)));
        const QRect in = window.intersected(a).isEmpty() ? a : window.intersected(a);
        const bool right = corner == Qt::TopRightCorner || corner == Qt::BottomRightCorner;
        const bool bottom = corner == Qt::BottomLeftCorner || corner == Qt::BottomRightCorner;
        b.panel = QRect(QPoint(right ? in.right() + 1 - small.width() : in.left(),
                               bottom ? in.bottom() + 1 - small.height() : in.top()),
                        small);
    }
    return b;
}

QRect placeFollowing(const QRect& window, int keepRight, QSize wanted, QSize minimum, const QRect& available)
{
    const QRect& a = available;
    const double shape = double(wanted.height()) / std::max(1, wanted.width());
    minimum = minimum.boundedTo(a.size());
    wanted = wanted.expandedTo(minimum).boundedTo(a.size());
    const Beside b = placeBeside(window, false, wanted, a);
    if (b.room)
        return b.panel;
    const QRect on = window.intersected(a).isEmpty() ? a : window.intersected(a);
    const QRect part(QPoint(std::clamp(keepRight + 1, on.left(), on.right()), on.top()), on.bottomRight());
    // Narrower than wanted: as much shorter (the same shape), so that more
    // of the window shows below it.
    QSize size = wanted.boundedTo(part.size()).expandedTo(minimum);
    size.setHeight(std::max(minimum.height(), std::min(size.height(), int(std::lround(size.width() * shape)))));
    const int left = std::clamp(part.right() + 1 - size.width(), a.left(), a.right() + 1 - size.width());
    const int top = std::clamp(part.top(), a.top(), a.bottom() + 1 - size.height());
    return QRect(QPoint(left, top), size);
}

} // namespace cutmix::ui
