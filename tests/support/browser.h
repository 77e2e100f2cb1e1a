// Opening kpiform's HTML reports in headless Chromium (Debian's, installed by
// scripts/setup) and reading back what a person would see.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::testing {

inline constexpr const char* kChromium = "/usr/bin/chromium";

// build/test-output: reports and screenshots kept for a person to look at.
std::filesystem::path output_dir();

// The shell command running Chromium with `arguments`, headless and
// offline, in a profile of its own that is removed afterwards.
std::string chromium(const std::string& arguments);

// Opens a copy of the report with a probe script in headless Chromium. The
// probe waits for the page to load, clicks the first failed cell (or the
// first cell) and returns: cells (boxes drawn), images (decoded), failed
// ("form-N:rule" of each failed check listed), failedFields (data-fields of
// each failed cell), selected, inspectorText, inspectorState, zoom (start of
// the enlarged view's image URL). Null, with a test failure, when it fails.
nlohmann::json probe(const std::filesystem::path& report);

// "form-N:rule" for every failed check of the records (N from 1), as the
// probe reports the failed checks a report lists.
std::vector<std::string> failed_checks(const std::vector<schema::Record>& records);

// Tests that open a page in the browser; they fail (not skip) without it.
class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kChromium)) << "Chromium is missing: run scripts/setup";
  }
};

}  // namespace kpiform::testing
