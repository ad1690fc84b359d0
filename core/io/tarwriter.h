// A tar archive (POSIX ustar, written by libarchive) built member by member
// under a temporary name and renamed to its final name by commit(), so a
// shard is either whole or absent. Every header field is fixed (owner 0,
// mode 0644, time 0): the same members give the same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

struct archive;

namespace cutmix
{

class TarWriter
{
public:
    // Throws cutmix::Error naming `path` when the temporary cannot be created.
    explicit TarWriter(const std::filesystem::path& path);
    ~TarWriter(); // without commit(): the temporary is removed
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;

    // A regular file member; names must fit ustar (up to 100 bytes here).
    void add(const std::string& name, std::string_view bytes);
    // Finishes the archive and renames it over the final name.
    void commit();

private:
    [[noreturn]] void fail(const std::string& what);
    std::filesystem::path path_, tmp_;
    archive* a_ = nullptr;
    bool committed_ = false;
};

} // namespace cutmix
