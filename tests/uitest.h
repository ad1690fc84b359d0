// What the window's test suites share: the includes, the demo files, and
// helpers that act as a user does (choose in a file dialog, drop files, pick
// a convention) or check what the window shows.
#pragma once

#include "auditmodel.h"
#include "auditwindow.h"
#include "batchio.h"
#include "batchmodel.h"
#include "batchsheet.h"
#include "batchwindow.h"
#include "betadist.h"
#include "charts.h"
#include "clirun.h"
#include "comparedialog.h"
#include "compareplan.h"
#include "constants.h"
#include "exportdialogs.h"
#include "format.h"
#include "gridplan.h"
#include "gridsheet.h"
#include "imageio.h"
#include "imageview.h"
#include "lamexplorer.h"
#include "lamstats.h"
#include "mainwindow.h"
#include "matimage.h"
#include "method.h"
#include "mixer.h"
#include "panels.h"
#include "paramcontrol.h"
#include "parampanel.h"
#include "presentation.h"
#include "readout.h"
#include "readouttext.h"
#include "replay.h"
#include "screenfit.h"
#include "sourcespanel.h"
#include "studiomodel.h"
#include "testutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOption>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>
#include <QTimer>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <set>

namespace cutmix::uitest
{

using namespace cutmix;
using namespace cutmix::ui;
using cutmix::render::toQImage;

inline const QString kCat = CUTMIX_RESOURCES "/chelsea.png";
inline const QString kCoffee = CUTMIX_RESOURCES "/coffee.png";
inline const QString kRocket = CUTMIX_RESOURCES "/rocket.jpg";

// Whether the text has a CJK ideograph (the window speaking Chinese).
inline bool hasChinese(const QString& s)
{
    for (QChar c : s)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

// Every pixel of `shown` equals B inside the box and A outside it.
inline void checkShownPixels(const QImage& shown, const QImage& a, const QImage& b, const Box& box)
{
    QCOMPARE(shown.size(), a.size());
    QCOMPARE(shown.format(), a.format());
    const int bytes = shown.depth() / 8;
    for (int y = 0; y < shown.height(); ++y) {
        const uchar* s = shown.constScanLine(y);
        for (int x = 0; x < shown.width(); ++x) {
            const QImage& src = box.contains(x, y) ? b : a;
            if (std::memcmp(s + x * bytes, src.constScanLine(y) + x * bytes, bytes) != 0)
                QFAIL(qPrintable(
                    QString("pixel (%1,%2) does not come from %3").arg(x).arg(y).arg(box.contains(x, y) ? "B" : "A")));
        }
    }
}

// Selects a convention in the panel by its registry name, as a user picks it.
inline void selectConvention(ParamPanel* panel, const char* name)
{
    const int i = named<QComboBox>(panel, "convention")->findData(QString(name));
    QVERIFY2(i >= 0, name);
    named<QComboBox>(panel, "convention")->setCurrentIndex(i);
}

// Accepts the file dialog that `trigger` opens (a child of `parent` with the
// object name chooseFileDialog, or any QFileDialog), choosing `paths`.
inline void chooseInFileDialogs(QWidget* parent, const QStringList& paths, const std::function<void()>& trigger)
{
    QTimer::singleShot(0, parent, [paths] {
        QFileDialog* fd = nullptr;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<QFileDialog*>(w); d && d->isVisible())
                fd = d;
        if (!fd)
            if (auto* d = qobject_cast<QFileDialog*>(QApplication::activeModalWidget()))
                fd = d;
        QVERIFY(fd);
        fd->selectFile(paths.first());
        QMetaObject::invokeMethod(fd, "accept");
    });
    trigger();
}

// Drags `files` onto the middle of `target` and drops them there, as a file
// manager does; the drag must be accepted.
inline void dropFiles(QWidget* target, const QStringList& files)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& f : files)
        urls << QUrl::fromLocalFile(f);
    mime.setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
}

// Accepts the file dialog that `trigger` opens on `parent`, choosing `path`.
inline void chooseInFileDialog(QWidget* parent, const QString& path, const std::function<void()>& trigger)
{
    QTimer::singleShot(0, parent, [parent, path] {
        auto* fd = parent->findChild<QFileDialog*>("chooseFileDialog");
        QVERIFY(fd);
        fd->selectFile(path);
        QMetaObject::invokeMethod(fd, "accept");
    });
    trigger();
}

} // namespace cutmix::uitest
