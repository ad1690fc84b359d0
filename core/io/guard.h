// Core reports problems one way, as cutmix::Error: the entry points that call
// into the standard filesystem library, nlohmann-json or OpenCV run their
// work through withCoreErrors(), which turns those libraries' exceptions into
// an Error that says what was being done.
#pragma once

#include "error.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <string>

namespace cutmix
{

template <typename F> auto withCoreErrors(const std::string& doing, F&& work) -> decltype(work())
{
    try {
        return work();
    } catch (const std::filesystem::filesystem_error& e) {
        throw Error(doing + ": " + e.code().message() + (e.path1().empty() ? "" : " ('" + e.path1().string() + "')"));
    } catch (const nlohmann::json::exception& e) {
        throw Error(doing + ": " + e.what());
    } catch (const cv::Exception& e) {
        throw Error(doing + ": " + e.err);
    }
}

} // namespace cutmix
