// Writing files without ever leaving a half-written one under its final
// name, and naming files in messages: no image codec here, so the commands
// that read no image stay light.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cutmix
{

// Calls write(tmp) for a temporary name in the same folder, then renames it
// over path; on any failure the temporary is removed and the error (an Error
// naming path) propagates.
void writeAtomic(const std::filesystem::path& path, const std::function<void(const std::filesystem::path& tmp)>& write);
void writeFileAtomic(const std::filesystem::path& path, std::string_view contents);

// A file written in pieces under a temporary name and renamed to its final
// name by commit(); destroyed without commit(), it removes the temporary.
// Errors (Error naming the final file) come from write checks and commit().
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(const std::filesystem::path& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    std::ostream& stream();
    void commit();

private:
    std::filesystem::path path_, tmp_;
    std::ofstream out_;
    bool committed_ = false;
};

// The temporary name used for path: hidden, in the same folder, same
// extension (so encoders pick the same format), unique per process. For a
// path that names a stream (see placeFinished) the temporary is in the
// system's temporary folder instead: /dev is not a place to write in.
std::filesystem::path temporaryPathFor(const std::filesystem::path& path);

// Gives the finished temporary tmp its final name path. A new name or a
// regular file is replaced by renaming (a link to one stays a link: the
// file it names is replaced); a character device or a FIFO that path names
// (/dev/null, a named pipe), and any link into /dev or /proc (/dev/stdout,
// even redirected to a file), receives the bytes and stays what it was, and
// tmp is removed; a folder, a block device or a socket is refused. Every
// writer of a user's output ends here. Throws Error naming path; tmp is then left for the caller to remove.
void placeFinished(const std::filesystem::path& tmp, const std::filesystem::path& path);

// The path in single quotes, as every message names a file.
std::string quotePath(const std::filesystem::path& p);

// True when both name the same file (or would, once written).
bool samePath(const std::filesystem::path& a, const std::filesystem::path& b);
// Throws cutmix::Error when target names one of the sources (empty paths
// are ignored): the tool never writes over a user's input.
void refuseToOverwrite(const std::filesystem::path& target, const std::vector<std::filesystem::path>& sources);

} // namespace cutmix
