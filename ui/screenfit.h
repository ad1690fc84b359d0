// Windows that fit the screen they open on: a size asked for is shrunk to the
// room a screen's available geometry leaves once a window manager's title bar
// and borders are counted, so that the main window, the secondary windows and
// the dialogs open whole on a 1024x700 screen and at QT_SCALE_FACTOR=2 on
// 1920x1080 (960x540 logical pixels).
#pragma once

#include <QRect>
#include <QSize>
#include <Qt>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace cutmix::ui
{

// The frame of a window on a screen with this available geometry: what is
// left for the window's own contents.
QSize roomOnScreen(const QRect& available);

// What a window manager's title bar and borders add to a window's size.
QSize frameAllowance();

// `wanted`, made no larger than the room on `available`.
QSize fitSize(QSize wanted, const QRect& available);

// The available geometry of the screen `w` opens on (its parent window's
// screen, else its own).
QRect availableFor(const QWidget* w);

// Resizes the top-level `w` to `wanted` or less so that it fits its screen.
void resizeToScreen(QWidget* w, QSize wanted);

// A window and a panel that floats beside it (the lesson's panel beside the
// batch or audit view), both as frames on `available`.
struct Beside {
    QRect window;
    QRect panel;
    bool room = true; // false: the panel lies over the window's bottom-left corner
};

// Where a window whose frame is `window` and a panel of up to `panel` go on
// `available`. A window already placed (`moveWindow` false, its frame final)
// stays and the panel goes to its right or left where there is room; a window
// about to be shown moves so that the pair is centred side by side. Where
// there is no room beside it, the panel, smaller, covers the window's
// `corner`, which the caller chooses as the part of the view the step needs
// least: in the audit view the bottom left (the first pictures, not the tool
// bar, the tiles or the verdict in words), in the batch view the bottom right
// (the notes beside the targets, not the recipe's settings, the tiles or the
// first columns of the targets).
Beside placeBeside(QRect window, bool moveWindow, QSize panel, const QRect& available,
                   Qt::Corner corner = Qt::BottomLeftCorner);

// Where a window that follows `window` goes (View > Compare methods: its
// figure follows the settings changed in the window), as frames on
// `available`: `wanted` beside the window where the screen has room, else
// over the part of the window right of `keepRight` (the settings panel on its
// left stays in view), at the top right of that part, no larger than it,
// narrowed keeping the shape of `wanted` (nor smaller than `minimum`), whole
// on the screen.
QRect placeFollowing(const QRect& window, int keepRight, QSize wanted, QSize minimum, const QRect& available);

} // namespace cutmix::ui
