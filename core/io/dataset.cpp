#include "dataset.h"

#include "box.h"
#include "enumnames.h"
#include "error.h"
#include "guard.h"
#include "imageio.h"
#include "rng.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

namespace cutmix
{

namespace fs = std::filesystem;

namespace
{

// Fixed tags that give pairing and shuffling their own streams, apart from
// the draw's stream of the same (seed, index).
constexpr std::uint64_t kPairTag = 0x7061697273000000ull; // "pairs"

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

} // namespace

Dataset loadImageFolder(const fs::path& root)
{
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw Error(quotePath(root) + ": not a folder");
    Dataset d;
    d.root = fs::absolute(root);
    std::vector<fs::path> classDirs;
    for (const auto& e : fs::directory_iterator(root, fs::directory_options::skip_permission_denied, ec))
        if (e.is_directory(ec) && e.path().filename().string().rfind('.', 0) != 0)
            classDirs.push_back(e.path());
    if (ec)
        throw Error(quotePath(root) + ": cannot be listed (" + ec.message() + ")");
    // Byte order of names, as Python's sorted() gives torchvision.
    std::sort(classDirs.begin(), classDirs.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
    for (const fs::path& dir : classDirs) {
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec))
            if (e.is_regular_file(ec) && hasImageExtension(e.path()))
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        if (files.empty())
            continue;
        const int label = static_cast<int>(d.classes.size());
        d.classes.push_back(dir.filename().string());
        for (const fs::path& f : files)
            d.entries.push_back({fs::absolute(f), fs::relative(f, root).generic_string(), label});
    }
    if (d.entries.empty())
        throw Error(quotePath(root) + ": no images found in class folders (expected root/<class>/<image>)");
    return d;
}

Dataset loadList(const fs::path& listFile)
{
    std::ifstream in(listFile, std::ios::binary);
    if (!in)
        throw Error(quotePath(listFile) + ": cannot open the list");
    return parseList(in, fs::absolute(listFile).parent_path(), listFile.string(),
                     lower(listFile.extension().string()) == ".tsv");
}

Dataset parseList(std::istream& in, const fs::path& root, const std::string& name, bool tsv)
{
    const std::string where = quotePath(name);
    Dataset d;
    d.root = root;
    std::string line;
    long long lineNo = 0;
    std::vector<std::pair<std::string, std::string>> rows;
    bool firstRow = true; // a header may only be the first line that is not a comment
    while (std::getline(in, line)) {
        ++lineNo;
        if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3); // a UTF-8 byte order mark
        line = trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        const char sep = tsv ? '\t' : (line.find(',') != std::string::npos ? ',' : '\t');
        const auto cut = line.rfind(sep);
        if (cut == std::string::npos)
            throw Error(where + " line " + std::to_string(lineNo) + ": expected 'path,label' (or 'path<TAB>label')");
        std::string path = trim(line.substr(0, cut)), label = trim(line.substr(cut + 1));
        if (path.empty() || label.empty())
            throw Error(where + " line " + std::to_string(lineNo) + ": empty path or label");
        const bool header = firstRow && lower(path) == "path" && lower(label) == "label";
        firstRow = false;
        if (header)
            continue;
        rows.emplace_back(path, label);
    }
    if (rows.empty())
        throw Error(where + ": the list holds no images");
    std::set<std::string> names;
    for (const auto& r : rows)
        names.insert(r.second);
    d.classes.assign(names.begin(), names.end());
    for (const auto& [path, label] : rows) {
        const fs::path p = fs::path(path).is_absolute() ? fs::path(path) : d.root / path;
        const int idx =
            static_cast<int>(std::lower_bound(d.classes.begin(), d.classes.end(), label) - d.classes.begin());
        d.entries.push_back({p.lexically_normal(), path, idx});
    }
    return d;
}

Dataset loadDataset(const fs::path& input)
{
    return withCoreErrors("reading the dataset " + quotePath(input), [&] {
        std::error_code ec;
        if (fs::is_directory(input, ec))
            return loadImageFolder(input);
        if (!fs::exists(input, ec))
            throw Error(quotePath(input) + ": no such file or folder");
        return loadList(input);
    });
}

constexpr EnumNames<PairMode, 2> kPairModeNames{{{PairMode::Random, "random"}, {PairMode::Epoch, "epoch"}}};

std::string_view pairModeName(PairMode m)
{
    return enumName(kPairModeNames, m);
}

PairMode parsePairMode(std::string_view name)
{
    return parseEnum(kPairModeNames, name, "pairing");
}

PairChoice choosePair(PairMode mode, std::uint64_t seed, std::uint64_t index, std::size_t n)
{
    if (n == 0)
        throw Error("the dataset is empty");
    if (mode == PairMode::Random) {
        Rng rng(seed ^ kPairTag, index);
        const auto a = static_cast<std::size_t>(uniformIndex(rng.uniform(), static_cast<int>(n)));
        const auto b = static_cast<std::size_t>(uniformIndex(rng.uniform(), static_cast<int>(n)));
        return {a, b};
    }
    const std::uint64_t epoch = index / n;
    const std::size_t pos = static_cast<std::size_t>(index % n);
    return {pos, epochPermutation(seed, epoch, n)[pos]};
}

PairPlanner::PairPlanner(PairMode mode, std::uint64_t seed, std::size_t n) : mode_(mode), seed_(seed), n_(n)
{
    if (n == 0)
        throw Error("the dataset is empty");
}

PairChoice PairPlanner::operator()(std::uint64_t index) const
{
    if (mode_ == PairMode::Random)
        return choosePair(mode_, seed_, index, n_);
    const std::uint64_t epoch = index / n_;
    std::shared_ptr<const std::vector<std::size_t>> perm;
    {
        std::lock_guard lock(mutex_);
        auto it = epochs_.find(epoch);
        if (it == epochs_.end()) {
            // Workers move through epochs in order: keep the last few only.
            while (epochs_.size() >= 4)
                epochs_.erase(epochs_.begin());
            it = epochs_
                     .emplace(epoch,
                              std::make_shared<const std::vector<std::size_t>>(epochPermutation(seed_, epoch, n_)))
                     .first;
        }
        perm = it->second;
    }
    const std::size_t pos = static_cast<std::size_t>(index % n_);
    return {pos, (*perm)[pos]};
}

} // namespace cutmix
