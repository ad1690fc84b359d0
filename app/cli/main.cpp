// Entry point of `cutmix`, the command-line face of CutMix Studio.
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("cutmix");
    QCoreApplication::setApplicationVersion(CUTMIX_VERSION);
    return cutmix::cli::run(QCoreApplication::arguments());
}
