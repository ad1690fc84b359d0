// The configuration of an export: its checks, run.json in and out, and the
// names and ranges it gives the samples, shards and parts.
#include "csv.h"
#include "enumnames.h"
#include "error.h"
#include "exportshared.h"
#include "format.h"
#include "guard.h"
#include "imageio.h"
#include "jsonnumber.h"
#include "keeprules.h"
#include "method.h"
#include "mixer.h"
#include "objectio.h"
#include "record.h"
#include "sampler.h"
#include "tarwriter.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <thread>
#include <unistd.h>

namespace cutmix::exporting
{

std::string zeroPadded(std::uint64_t value, std::uint64_t largest)
{
    const std::size_t width = std::max<std::size_t>(6, std::to_string(largest).size());
    const std::string digits = std::to_string(value);
    return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

std::uint64_t shardCountOf(const ExportConfig& c)
{
    return (c.count + c.shardSamples - 1) / c.shardSamples;
}

json configurationOf(json runJson)
{
    for (const char* key : kRunJsonNotes)
        runJson.erase(key);
    return runJson;
}

std::optional<json> readJsonFile(const fs::path& p)
{
    std::error_code ec;
    if (!fs::exists(p, ec))
        return std::nullopt;
    try {
        std::ifstream in(p);
        return json::parse(in);
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

bool isPreviousRun(const fs::path& runJson, const json& wanted)
{
    const std::optional<json> j = readJsonFile(runJson);
    return j && configurationOf(*j) == configurationOf(wanted);
}

} // namespace cutmix::exporting

namespace cutmix
{

using namespace exporting;

namespace
{

constexpr EnumNames<ExportLayout, 2> kLayoutNames{
    {{ExportLayout::Files, "files"}, {ExportLayout::WebDataset, "webdataset"}}};
constexpr EnumNames<ExportTask, 3> kTaskNames{
    {{ExportTask::Classify, "classify"}, {ExportTask::Detect, "detect"}, {ExportTask::Segment, "segment"}}};

} // namespace

std::string_view layoutName(ExportLayout l)
{
    return enumName(kLayoutNames, l);
}

ExportLayout parseLayout(const std::string& name)
{
    try {
        return parseEnum(kLayoutNames, name, "layout");
    } catch (const Error& e) {
        throw Error(e.what(), Setting::Layout);
    }
}

std::string_view taskName(ExportTask t)
{
    return enumName(kTaskNames, t);
}

ExportTask parseTask(const std::string& name)
{
    return parseEnum(kTaskNames, name, "task");
}

std::pair<std::uint64_t, std::uint64_t> partRange(const ExportConfig& c)
{
    const auto k = static_cast<unsigned __int128>(c.shardIndex - 1), n = static_cast<unsigned __int128>(c.shardCount);
    const bool shards = c.layout == ExportLayout::WebDataset;
    const auto units = static_cast<unsigned __int128>(shards ? shardCountOf(c) : c.count);
    const auto unit = static_cast<unsigned __int128>(shards ? c.shardSamples : 1);
    const auto count = static_cast<unsigned __int128>(c.count);
    return {static_cast<std::uint64_t>(std::min(count, units * k / n * unit)),
            static_cast<std::uint64_t>(std::min(count, units * (k + 1) / n * unit))};
}

std::string sampleFileName(std::uint64_t index, std::uint64_t count, const std::string& format)
{
    return zeroPadded(index, count > 0 ? count - 1 : 0) + "." + format;
}

std::string shardFileName(std::uint64_t shard, std::uint64_t shardCount)
{
    return zeroPadded(shard, shardCount > 0 ? shardCount - 1 : 0) + ".tar";
}

fs::path partManifestPath(const ExportConfig& c)
{
    return partFiles(c.output, c.shardIndex, c.shardCount).running;
}

namespace
{

// Every check but the output folder's (run.json names none).
void checkSettings(const ExportConfig& c)
{
    checkParams(c.params);
    if (c.count < 1 || c.count > kMaxExportCount)
        throw Error("the number of samples must be between 1 and " + std::to_string(kMaxExportCount), Setting::Count);
    if (c.format != "jpg" && c.format != "png" && c.format != "webp")
        throw Error("unknown format '" + c.format + "' (expected jpg, png or webp)", Setting::Format);
    if (c.quality < 1 || c.quality > 100)
        throw Error("quality must be between 1 and 100", Setting::Quality);
    if (c.shardCount < 1 || c.shardIndex < 1 || c.shardIndex > c.shardCount || c.shardCount > kMaxParts)
        throw Error("a part must be k/n with 1 <= k <= n <= " + std::to_string(kMaxParts), Setting::Shard);
    if (c.shardSamples < 1 || c.shardSamples > kMaxShardSamples)
        throw Error("a shard holds 1 to " + std::to_string(kMaxShardSamples) + " samples", Setting::ShardSamples);
    if (carriesObjects(c.task)) {
        if (c.boxFormat == BoxFormat::Voc)
            throw Error("a detection export writes yolo (labels/ and data.yaml) or coco (annotations.json), not voc",
                        Setting::BoxFormat);
        if (c.boxFormat == BoxFormat::Coco && c.layout == ExportLayout::WebDataset)
            throw Error("the webdataset layout carries YOLO labels (<key>.txt in each shard); coco needs the files "
                        "layout",
                        Setting::BoxFormat);
        if (!c.params.method->objectViews)
            throw Error(std::string(c.params.method->family) + " does not carry objects", Setting::Method);
        if (c.task == ExportTask::Segment && !c.params.method->paintLabels)
            throw Error(std::string(c.params.method->title) +
                            " blends every pixel of both images: no pixel has the label of one source, so it "
                            "makes no mask (task segment)",
                        Setting::Method);
    } else if (!c.annotations.empty()) {
        throw Error("annotations are read by a detection export (task detect or segment)", Setting::Boxes);
    }
    if (c.instances && c.task != ExportTask::Segment)
        throw Error("instance masks are for a segmentation export (task segment)");
    if (c.size) {
        checkSize(*c.size);
        // Every sample is made at this size: the limit of the image readers
        // holds for it too (20000x20000 ran for minutes at 3.5 GB).
        const std::uint64_t pixels = std::uint64_t(c.size->width) * std::uint64_t(c.size->height);
        if (pixels > maxImagePixels())
            throw Error("the output size " + std::to_string(c.size->width) + "x" + std::to_string(c.size->height) +
                            " is " + std::to_string(pixels) + " pixels, more than the limit of " +
                            std::to_string(maxImagePixels()) + " (set CUTMIX_MAX_PIXELS to allow more)",
                        Setting::Size);
    }
}

} // namespace

void checkExportConfig(const ExportConfig& c)
{
    checkSettings(c);
    if (c.output.empty())
        throw Error("no output folder given", Setting::Output);
}

json exportConfigToJson(const ExportConfig& c)
{
    json j;
    j["tool"] = "cutmix export";
    j["version"] = CUTMIX_VERSION;
    j["input"] = fs::absolute(c.input).lexically_normal().string();
    j["count"] = c.count;
    j["params"] = paramsToJson(c.params);
    j["pairs"] = pairModeName(c.pairs);
    j["size"] = c.size ? toJson(*c.size) : json(nullptr);
    j["format"] = c.format;
    j["quality"] = c.quality;
    j["layout"] = layoutName(c.layout);
    if (c.layout == ExportLayout::WebDataset)
        j["shard_samples"] = c.shardSamples;
    j["strict"] = c.strict;
    // Only a detection (or segmentation) export names these, so that
    // run.json of a classification export is as it was.
    if (carriesObjects(c.task)) {
        j["task"] = taskName(c.task);
        j["annotations"] =
            c.annotations.empty() ? json(nullptr) : json(fs::absolute(c.annotations).lexically_normal().string());
        j["box_format"] = boxFormatName(c.boxFormat);
        j["box_rule"] = c.boxRule->name;
        json thresholds = json::object();
        for (Setting s : c.boxRule->settings)
            thresholds[std::string(settingKey(s))] = keepValue(c.keep, s).a;
        j["box_thresholds"] = thresholds;
    }
    // Only when set, so that run.json of a run made before this setting
    // existed is still a previous run of the same configuration.
    if (c.instances)
        j["instances"] = true;
    return j;
}

ExportConfig exportConfigFromJson(const json& j)
{
    try {
        ExportConfig c;
        if (!j.is_object())
            throw Error("not a JSON object");
        c.input = j.at("input").get<std::string>();
        c.count = wholeAt(j, "count", 1, kMaxExportCount);
        try {
            c.params = paramsFromJson(j.at("params"));
        } catch (const Error& e) {
            throw Error(std::string("params: ") + e.what());
        }
        c.pairs = parsePairMode(j.at("pairs").get<std::string>());
        if (!j.at("size").is_null()) {
            const json& size = j["size"];
            c.size = Size{int(wholeAt(size, "width", 1, 1'000'000)), int(wholeAt(size, "height", 1, 1'000'000))};
        }
        c.format = j.at("format").get<std::string>();
        c.quality = int(wholeAt(j, "quality", 1, 100));
        c.layout = parseLayout(j.value("layout", "files"));
        c.shardSamples = wholeAt(j, "shard_samples", 1, kMaxShardSamples, 1000);
        c.strict = j.value("strict", false);
        c.task = parseTask(j.value("task", "classify"));
        if (carriesObjects(c.task)) {
            if (!j.at("annotations").is_null())
                c.annotations = j["annotations"].get<std::string>();
            c.boxFormat = parseBoxFormat(j.at("box_format").get<std::string>());
            c.boxRule = &keepRuleNamed(j.at("box_rule").get<std::string>());
            c.keep = c.boxRule->defaults;
            const json& thresholds = j.at("box_thresholds");
            for (Setting s : c.boxRule->settings) {
                const std::string key(settingKey(s));
                if (thresholds.contains(key))
                    setKeepValue(c.keep, s, ParamValue{thresholds[key].get<double>()});
            }
        }
        if (j.contains("instances"))
            c.instances = j["instances"].get<bool>();
        checkSettings(c);
        return c;
    } catch (const json::exception& e) {
        throw Error(std::string("not a valid run.json (") + e.what() + ")");
    } catch (const Error& e) {
        // About the file's value, not an argument of the command.
        throw Error(e.what());
    }
}

ExportConfig loadExportConfig(const fs::path& runJson)
{
    std::ifstream in(runJson);
    if (!in)
        throw Error(quotePath(runJson) + ": cannot open");
    try {
        ExportConfig c = exportConfigFromJson(json::parse(in));
        c.output = fs::absolute(runJson).parent_path();
        return c;
    } catch (const json::exception& e) {
        throw Error(quotePath(runJson) + ": not valid JSON (" + e.what() + ")");
    } catch (const Error& e) {
        throw Error(quotePath(runJson) + ": " + e.what());
    }
}

} // namespace cutmix
