// Entry point of `cutmix`, the command-line face of CutMix Studio.
//
// The commands that need only the math (commands.h: box, sample, replay,
// stats without a plot) run right here, as do the usage text and the
// version: this executable links only the math and Qt Core. Every other
// command is in libcutmix-cli.so (animate in libcutmix-animate.so), loaded
// when needed: Debian's OpenCV image codecs pull in GDAL, Poppler and HDF5,
// its videoio FFmpeg, whose loading alone takes 80 and 45 milliseconds.
#include "commands.h"
#include "constants.h"

#include <QString>
#include <QStringList>
#include <csignal>
#include <cstdio>
#include <dlfcn.h>
#include <filesystem>
#include <string>

namespace
{

namespace fs = std::filesystem;

// Next to the executable (the build tree), or in ../lib/cutmix (installed).
fs::path heavyLibrary(const std::string& name)
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path dir = ec ? fs::path(".") : exe.parent_path();
    for (const fs::path& p : {dir / name, dir / ".." / "lib" / "cutmix" / name})
        if (fs::exists(p, ec))
            return p;
    return dir / name;
}

} // namespace

int main(int argc, char** argv)
{
    // A file-size limit or a full disk must fail the write (and be reported),
    // not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    using namespace cutmix::cli;
    const QString name = arguments.value(1);
    if (arguments.size() < 2) {
        std::fputs(usageText().c_str(), stderr);
        return cutmix::kExitBadUsage;
    }
    if (name == "-h" || name == "--help" || name == "help") {
        std::fputs(usageText().c_str(), stdout);
        return cutmix::kExitOk;
    }
    if (name == "-v" || name == "--version") {
        std::printf("cutmix %s\n", CUTMIX_VERSION);
        return cutmix::kExitOk;
    }
    if (name == "--commands") { // for the man page (cutmix.1) and the tests
        for (const Command& c : commands())
            std::printf("%s\t%s\n", std::string(c.name).c_str(), std::string(c.summary).c_str());
        return cutmix::kExitOk;
    }
    const Command* command = findCommand(name.toStdString());
    if (!command) {
        std::fprintf(stderr, "cutmix: unknown command '%s'\n\n%s", name.toLocal8Bit().constData(), usageText().c_str());
        return cutmix::kExitBadUsage;
    }
    const Needs needs = needsOf(*command, arguments.mid(2));
    if (needs == Needs::Math) {
        QStringList rest = arguments.mid(2);
        rest.prepend("cutmix " + name);
        return guarded(command->name, command->run, rest);
    }
    const fs::path lib = heavyLibrary(needs == Needs::Video ? "libcutmix-animate.so" : "libcutmix-cli.so");
    void* handle = ::dlopen(lib.c_str(), RTLD_LAZY | RTLD_LOCAL);
    if (!handle) {
        std::fprintf(stderr, "cutmix: cannot load %s: %s\n", lib.c_str(), ::dlerror());
        return cutmix::kExitFailed;
    }
    using Entry = int (*)(int, char**);
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "cutmix_cli_main"));
    if (!entry) {
        std::fprintf(stderr, "cutmix: %s has no entry point: %s\n", lib.c_str(), ::dlerror());
        return cutmix::kExitFailed;
    }
    return entry(argc, argv);
}
