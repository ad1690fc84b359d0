#include "tarwriter.h"

#include "error.h"
#include "files.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace cutmix
{

namespace fs = std::filesystem;

TarWriter::TarWriter(const fs::path& path) : path_(path), tmp_(temporaryPathFor(path)), a_(archive_write_new())
{
    if (!a_)
        throw Error(quotePath(path_) + ": cannot be written (out of memory)");
    // One last block of its true size, no padding to 10 KiB records.
    if (archive_write_set_format_ustar(a_) != ARCHIVE_OK ||
        archive_write_set_bytes_in_last_block(a_, 1) != ARCHIVE_OK ||
        archive_write_open_filename(a_, tmp_.c_str()) != ARCHIVE_OK) {
        // The destructor does not run for a constructor that throws.
        const std::string why = archive_error_string(a_) ? archive_error_string(a_) : "";
        archive_write_free(a_);
        a_ = nullptr;
        std::error_code ec;
        fs::remove(tmp_, ec);
        throw Error(quotePath(path_) + ": cannot be written" + (why.empty() ? "" : " (" + why + ")"));
    }
}

TarWriter::~TarWriter()
{
    if (a_) {
        archive_write_free(a_); // closes the file
        a_ = nullptr;
    }
    if (!committed_) {
        std::error_code ec;
        fs::remove(tmp_, ec);
    }
}

void TarWriter::fail(const std::string& what)
{
    std::string why = a_ && archive_error_string(a_) ? archive_error_string(a_) : "";
    throw Error(quotePath(path_) + ": " + what + (why.empty() ? "" : " (" + why + ")"));
}

void TarWriter::add(const std::string& name, std::string_view bytes)
{
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
    if (!e)
        fail("cannot be written (out of memory)");
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_mtime(e.get(), 0, 0);
    archive_entry_set_uid(e.get(), 0);
    archive_entry_set_gid(e.get(), 0);
    if (archive_write_header(a_, e.get()) != ARCHIVE_OK)
        fail("cannot add " + name);
    if (!bytes.empty() && archive_write_data(a_, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size()))
        fail("cannot add " + name + " (disk full?)");
}

void TarWriter::commit()
{
    if (archive_write_close(a_) != ARCHIVE_OK)
        fail("cannot be written (disk full?)");
    archive_write_free(a_);
    a_ = nullptr;
    placeFinished(tmp_, path_);
    committed_ = true;
}

} // namespace cutmix
