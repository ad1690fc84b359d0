#include "files.h"

#include "error.h"

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sstream>
#include <unistd.h>

namespace cutmix
{

namespace fs = std::filesystem;

std::string quotePath(const fs::path& p)
{
    std::string q = p.string();
    q.insert(q.begin(), '\'');
    q.push_back('\'');
    return q;
}

namespace
{

// Parts of one run on several machines write into one shared folder: the
// host name keeps their temporaries apart where process ids may repeat.
const std::string& host()
{
    static const std::string name = [] {
        char buf[256] = {};
        if (::gethostname(buf, sizeof buf - 1) != 0)
            return std::string("host");
        std::string s(buf);
        for (char& ch : s)
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-')
                ch = '_';
        return s.empty() ? std::string("host") : s;
    }();
    return name;
}

// What is at path already, as far as writing a finished file there goes.
enum class Existing {
    None,   // nothing, a regular file, or a link to one: rename over it
    Stream, // a character device or a FIFO: write the bytes into it
    Refused // a folder, a block device, a socket
};

Existing existingAt(const fs::path& path)
{
    std::error_code ec;
    switch (fs::status(path, ec).type()) {
    case fs::file_type::character:
    case fs::file_type::fifo:
        return Existing::Stream;
    case fs::file_type::directory:
    case fs::file_type::block:
    case fs::file_type::socket:
    case fs::file_type::unknown:
        return Existing::Refused;
    default:
        return Existing::None;
    }
}

bool under(const fs::path& p, const char* root)
{
    const std::string s = p.lexically_normal().string();
    return s.rfind(root, 0) == 0;
}

// Where a finished output goes: the kind of what is there, and the file a
// rename replaces. A link into /dev or /proc (/dev/stdout, a process's
// descriptor, whatever it leads to: a terminal, a pipe, or the file the
// shell redirected to) is a stream to write into; any other link is kept,
// and the file it names is replaced.
struct Target {
    Existing kind = Existing::None;
    fs::path file;
};

Target targetOf(const fs::path& path)
{
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec)))
        return {existingAt(path), path};
    const fs::path link = fs::absolute(path, ec);
    const fs::path next = fs::read_symlink(path, ec);
    if (under(link, "/dev/") || under(link, "/proc/") || under(next, "/dev/") || under(next, "/proc/"))
        return {Existing::Stream, path};
    // Through every link to the file named at the end, which may not exist
    // yet (a link made ahead for the output).
    fs::path file = link;
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(file, ec)); ++hops) {
        const fs::path to = fs::read_symlink(file, ec);
        if (ec)
            return {Existing::Refused, path};
        file = to.is_absolute() ? to : file.parent_path() / to;
    }
    file = fs::weakly_canonical(file, ec);
    return {existingAt(file), ec ? path : file};
}

} // namespace

fs::path temporaryPathFor(const fs::path& path)
{
    static std::atomic<unsigned> counter{0};
    std::ostringstream name;
    name << '.' << path.stem().string() << ".part-" << host() << '-' << ::getpid() << '-' << counter++
         << path.extension().string();
    const Target target = targetOf(path);
    if (target.kind == Existing::Stream) {
        std::error_code ec;
        const fs::path system = fs::temp_directory_path(ec);
        return (ec ? fs::path("/tmp") : system) / name.str();
    }
    return target.file.parent_path() / name.str();
}

void placeFinished(const fs::path& tmp, const fs::path& path)
{
    std::error_code ec;
    const Target target = targetOf(path);
    switch (target.kind) {
    case Existing::Refused: {
        const fs::file_type type = fs::status(target.file, ec).type();
        throw Error(quotePath(path) + ": is " +
                    (type == fs::file_type::directory ? std::string("a folder")
                     : type == fs::file_type::block   ? std::string("a block device")
                                                      : std::string("not a file")) +
                    "; name a file to write");
    }
    case Existing::Stream: {
        // The device or pipe stays; only its contents are ours to give.
        std::ifstream in(tmp, std::ios::binary);
        std::ofstream out(path, std::ios::binary);
        if (!in || !out)
            throw Error(quotePath(path) + ": cannot be written (" + std::strerror(errno) + ")");
        // (Streaming an empty file would set the failure bit: nothing to copy.)
        if (in.peek() != std::ifstream::traits_type::eof())
            out << in.rdbuf();
        out.flush();
        if (!out)
            throw Error(quotePath(path) + ": cannot be written");
        in.close();
        fs::remove(tmp, ec);
        return;
    }
    case Existing::None:
        fs::rename(tmp, target.file, ec);
        if (ec)
            throw Error(quotePath(path) + ": cannot be written (" + ec.message() + ")");
        return;
    }
}

void writeAtomic(const fs::path& path, const std::function<void(const fs::path& tmp)>& write)
{
    const fs::path tmp = temporaryPathFor(path);
    std::error_code ec;
    try {
        write(tmp);
        placeFinished(tmp, path);
    } catch (const fs::filesystem_error& e) {
        fs::remove(tmp, ec);
        throw Error(quotePath(path) + ": cannot be written (" + e.code().message() + ")");
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
}

namespace
{

// Linux: the bytes go into an unnamed file in the target's folder
// (O_TMPFILE), which is given its final name only once complete (linkat):
// no temporary name in the folder, no rename. False when the filesystem
// cannot (NFS and others), or the name exists; the caller then takes the
// temporary-and-rename path.
bool writeUnnamedThenLink(const fs::path& path, std::string_view contents)
{
#ifdef O_TMPFILE
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const int fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0)
        return false;
    std::size_t done = 0;
    while (done < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            throw Error(quotePath(path) + ": cannot be written (" + std::strerror(err) + ")");
        }
        done += static_cast<std::size_t>(n);
    }
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    const bool linked = ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0;
    ::close(fd);
    return linked;
#else
    (void)path;
    (void)contents;
    return false;
#endif
}

} // namespace

void writeFileAtomic(const fs::path& path, std::string_view contents)
{
    if (writeUnnamedThenLink(path, contents))
        return;
    writeAtomic(path, [&](const fs::path& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << contents;
        out.flush();
        if (!out)
            throw Error(quotePath(path) + ": cannot be written");
    });
}

AtomicFileWriter::AtomicFileWriter(const fs::path& path)
    : path_(path), tmp_(temporaryPathFor(path)), out_(tmp_, std::ios::binary | std::ios::trunc)
{
    if (!out_)
        throw Error(quotePath(path_) + ": cannot be written");
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (!committed_) {
        out_.close();
        std::error_code ec;
        fs::remove(tmp_, ec);
    }
}

std::ostream& AtomicFileWriter::stream()
{
    return out_;
}

void AtomicFileWriter::commit()
{
    out_.flush();
    const bool ok = static_cast<bool>(out_);
    out_.close();
    if (!ok || out_.fail())
        throw Error(quotePath(path_) + ": cannot be written (disk full?)");
    placeFinished(tmp_, path_);
    committed_ = true;
}

bool samePath(const fs::path& a, const fs::path& b)
{
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

void refuseToOverwrite(const fs::path& target, const std::vector<fs::path>& sources)
{
    for (const fs::path& src : sources)
        if (!src.empty() && samePath(target, src))
            throw Error("refusing to write over the input " + quotePath(src));
}

} // namespace cutmix
