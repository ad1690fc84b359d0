// The entry of the commands that read or write images (libcutmix-cli.so):
// `cutmix` loads this library only for them, so that the commands that read
// no image never pay for loading the image codecs (see main.cpp).
#include "cli.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <csignal>
#include <unistd.h>

extern "C" __attribute__((visibility("default"))) int cutmix_cli_main(int argc, char** argv)
{
    // Grid captions need fonts (QtGui), never a display: the offscreen
    // platform unless the caller chose one.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // Qt warns on every start without one; a private folder of our own.
        const QByteArray dir = QDir::tempPath().toUtf8() + "/cutmix-runtime-" + QByteArray::number(::getuid());
        QDir().mkpath(QString::fromUtf8(dir));
        QFile::setPermissions(QString::fromUtf8(dir),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName("cutmix");
    QCoreApplication::setApplicationVersion(CUTMIX_VERSION);
    return cutmix::cli::run(QCoreApplication::arguments());
}
