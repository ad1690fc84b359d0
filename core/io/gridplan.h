// The plan of a sample grid (contact sheet): which samples its tiles show,
// their draws, records and captions, and their images, without any drawing.
// render/ lays the plan out and paints it (PNG, JPEG, PDF).
#pragma once

#include "dataset.h"
#include "draw.h"
#include "objectinput.h"

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cutmix
{

struct GridOptions {
    int rows = 3;
    int cols = 4;
    int tile = 256;     // side of each image square, in pixels
    bool sides = false; // show A and B beside each result
    bool title = true;
    Params params; // params.index is the first tile's sample index
};

using PairList = std::vector<std::pair<std::filesystem::path, std::filesystem::path>>;

// Where the tiles' pairs come from: one pair for every tile, a list of pairs
// (tile t shows pair t modulo its length), or a dataset sampled as the
// exporter samples it (random pairing under the same seed).
// One pair's objects (ObjectInput: A's and B's annotation files, or the
// window's lists) are carried through every tile and judged by the rule,
// drawn on the results; pairs of a list or a dataset take none.
struct GridInput : ObjectInput {
    std::filesystem::path pathA, pathB;
    std::string labelA, labelB;
    cv::Mat imageA, imageB; // already decoded (the window's pair); else read from the paths
    PairList pairs;
    std::optional<Dataset> dataset;
};

struct GridTile {
    Draw draw;
    std::string labelA, labelB;
    std::vector<double> label;
    nlohmann::json record; // the sample record, the schema of `cutmix mix`
    std::string caption1, caption2;
    std::vector<CarriedObject> objects; // with the input's objects
    cv::Mat a, b;                       // A and B as mixed (same size and type), when the grid shows them
    cv::Mat mixed;                      // the result
};

struct GridPlan {
    GridOptions options;
    std::string title;
    std::vector<GridTile> tiles;
    bool cancelled = false;
};

// Throws cutmix::Error for a grid that cannot be made (tiles, tile size,
// total size, parameters).
void checkGridOptions(const GridOptions& o);

// Throws cutmix::Error for bad options or unreadable inputs (naming the
// file). `progress(done, total)` returning false cancels.
GridPlan planGrid(const GridOptions& options, const GridInput& input,
                  const std::function<bool(int, int)>& progress = {});

// Reads a list of pairs: one "pathA,pathB" per line (paths relative to the
// list's folder; '#' comments and blank lines skipped). Errors name the line.
PairList loadPairList(const std::filesystem::path& listFile);

} // namespace cutmix
