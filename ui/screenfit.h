// Windows that fit the screen they open on: a size asked for is shrunk to the
// room a screen's available geometry leaves once a window manager's title bar
// and borders are counted, so that the main window, the secondary windows and
// the dialogs open whole on a 1024x700 screen and at QT_SCALE_FACTOR=2 on
// 1920x1080 (960x540 logical pixels).
#pragma once

#include <QRect>
#include <QSize>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace cutmix::ui
{

// The frame of a window on a screen with this available geometry: what is
// left for the window's own contents.
QSize roomOnScreen(const QRect& available);

// `wanted`, made no larger than the room on `available`.
QSize fitSize(QSize wanted, const QRect& available);

// The available geometry of the screen `w` opens on (its parent window's
// screen, else its own).
QRect availableFor(const QWidget* w);

// Resizes the top-level `w` to `wanted` or less so that it fits its screen.
void resizeToScreen(QWidget* w, QSize wanted);

} // namespace cutmix::ui
