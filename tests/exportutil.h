// What the export tests read back from an export: the manifest's lines,
// every file's hash, a shard's members, a file's bytes (tst_export,
// tst_exportdetect).
#pragma once

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <archive.h>
#include <archive_entry.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace cutmix::exporttest
{

inline std::vector<nlohmann::json> readManifest(const std::filesystem::path& folder)
{
    std::vector<nlohmann::json> lines;
    std::ifstream in(folder / "manifest.jsonl");
    std::string line;
    while (std::getline(in, line))
        lines.push_back(nlohmann::json::parse(line));
    return lines;
}

// Every file under folder (hidden ones too) by its relative path: its SHA-256.
inline std::map<QString, QByteArray> hashes(const std::filesystem::path& folder)
{
    std::map<QString, QByteArray> h;
    QDirIterator it(QString::fromStdString(folder.string()), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        QFile file(f);
        file.open(QIODevice::ReadOnly);
        h[QDir(QString::fromStdString(folder.string())).relativeFilePath(f)] =
            QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }
    return h;
}

// The members of a tar file, in order: name and bytes (read with libarchive).
inline std::vector<std::pair<std::string, std::string>> tarMembers(const std::filesystem::path& tar)
{
    std::vector<std::pair<std::string, std::string>> members;
    archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    if (archive_read_open_filename(a, tar.c_str(), 1 << 16) != ARCHIVE_OK) {
        archive_read_free(a);
        return members;
    }
    archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        std::string bytes(static_cast<std::size_t>(archive_entry_size(e)), '\0');
        if (!bytes.empty())
            archive_read_data(a, bytes.data(), bytes.size());
        members.emplace_back(archive_entry_pathname(e), bytes);
    }
    archive_read_free(a);
    return members;
}

inline std::string readAll(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace cutmix::exporttest
