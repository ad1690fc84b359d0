// The images a batch export draws from: an ImageFolder tree
// (root/<class>/<image>, classes sorted by name as torchvision does) or a
// CSV/TSV list of path,label (paths relative to the list's folder).
#pragma once

#include "rng.h"

#include <cstdint>
#include <filesystem>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cutmix
{

struct DatasetEntry {
    std::filesystem::path path; // absolute
    std::string name;           // as listed: relative to the root or as written in the list
    int label = 0;              // index into Dataset::classes
};

struct Dataset {
    std::filesystem::path root;
    std::vector<std::string> classes;
    std::vector<DatasetEntry> entries;
};

// Reads a folder (ImageFolder layout) or a .csv/.tsv/.txt list file. Throws
// cutmix::Error naming the path and, for lists, the line.
Dataset loadDataset(const std::filesystem::path& input);
Dataset loadImageFolder(const std::filesystem::path& root);
Dataset loadList(const std::filesystem::path& listFile);
// The list parser itself: `root` resolves relative paths, `name` is used in
// messages, `tsv` forces tab separation.
Dataset parseList(std::istream& in, const std::filesystem::path& root, const std::string& name, bool tsv);

enum class PairMode { Random, Epoch };
std::string_view pairModeName(PairMode m);
PairMode parsePairMode(std::string_view name);

struct PairChoice {
    std::size_t a = 0;
    std::size_t b = 0;
};

// Which entries sample `index` mixes; depends only on (seed, index, n).
// Random: A and B drawn independently. Epoch: every entry is A once per
// epoch of n samples, B from a shuffle of the entries for that epoch.
PairChoice choosePair(PairMode mode, std::uint64_t seed, std::uint64_t index, std::size_t n);
// choosePair for many samples: keeps the shuffle of the epochs in use, so
// epoch pairing costs O(n) per epoch instead of per sample. Thread-safe.
class PairPlanner
{
public:
    PairPlanner(PairMode mode, std::uint64_t seed, std::size_t n);
    PairChoice operator()(std::uint64_t index) const;

private:
    PairMode mode_;
    std::uint64_t seed_;
    std::size_t n_;
    mutable std::mutex mutex_;
    mutable std::map<std::uint64_t, std::shared_ptr<const std::vector<std::size_t>>> epochs_;
};

} // namespace cutmix
