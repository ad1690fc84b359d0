// The entry of the commands that read or write images (libcutmix-cli.so,
// and libcutmix-animate.so for `cutmix animate` alone, built with
// CUTMIX_ANIMATE): `cutmix` loads these libraries only for them, so that the
// commands that read no image never pay for loading the image codecs, and
// only `animate` pays for FFmpeg (see main.cpp).
#ifdef CUTMIX_ANIMATE
#include "animatecmd.h"
#include "constants.h"
#include "pure.h"
#else
#include "cli.h"
#endif

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <csignal>
#include <cstring>
#include <memory>
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
    // Only the commands that paint (fonts for captions and titles) start
    // QtGui; the others save its platform plugin and font set-up.
    bool paints = false;
    if (argc > 1)
        for (const char* c : {"grid", "compare", "animate", "stats", "batch"})
            paints = paints || std::strcmp(argv[1], c) == 0;
    std::unique_ptr<QCoreApplication> app =
        paints ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName("cutmix");
    QCoreApplication::setApplicationVersion(CUTMIX_VERSION);
#ifdef CUTMIX_ANIMATE
    QStringList rest = QCoreApplication::arguments().mid(2);
    rest.prepend("cutmix animate");
    return cutmix::cli::guarded("animate", [&] { return cutmix::cli::cmdAnimate(rest); });
#else
    return cutmix::cli::run(QCoreApplication::arguments());
#endif
}
