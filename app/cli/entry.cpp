// The entry of the commands that read or write images (libcutmix-cli.so,
// and libcutmix-animate.so for `cutmix animate` alone): `cutmix` loads these
// libraries only for them, so that the commands that read no image never pay
// for loading the image codecs, and only `animate` pays for FFmpeg (see
// main.cpp). The command table (commands.h) says which command runs where.
#include "commands.h"
#include "constants.h"
#include "statsplot.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <csignal>
#include <cstdio>
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
    const cutmix::cli::Command* command = argc > 1 ? cutmix::cli::findCommand(argv[1]) : nullptr;
    if (!command || !command->run) {
        std::fprintf(stderr, "cutmix: this library does not run '%s'\n", argc > 1 ? argv[1] : "");
        return cutmix::kExitBadUsage;
    }
    QStringList arguments;
    for (int i = 2; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // Only the commands that paint (fonts for captions and titles) start
    // QtGui; the others save its platform plugin and font set-up.
    const bool paints = cutmix::cli::needsOf(*command, arguments) != cutmix::cli::Needs::Images;
    std::unique_ptr<QCoreApplication> app =
        paints ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName("cutmix");
    QCoreApplication::setApplicationVersion(CUTMIX_VERSION);
    cutmix::cli::gPlotWriter = &cutmix::render::writeStatsPlot;
    arguments = QCoreApplication::arguments().mid(2);
    arguments.prepend("cutmix " + QString::fromLocal8Bit(argv[1]));
    return cutmix::cli::guarded(command->name, command->run, arguments);
}
