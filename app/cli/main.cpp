// Entry point of `cutmix`, the command-line face of CutMix Studio.
#include "cli.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <csignal>
#include <unistd.h>

int main(int argc, char** argv)
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
    // A file-size limit or a full disk must fail the write (and be reported),
    // not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName("cutmix");
    QCoreApplication::setApplicationVersion(CUTMIX_VERSION);
    return cutmix::cli::run(QCoreApplication::arguments());
}
