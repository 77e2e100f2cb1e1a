#include "browser.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <regex>

#include "sample_paths.h"

namespace kpiform::testing {

namespace fs = std::filesystem;

fs::path output_dir() {
  const fs::path dir = binary_dir() / "test-output";
  fs::create_directories(dir);
  return dir;
}

namespace {

// A profile of its own for every browser started: two tests running at
// once (ctest -j) must not share one, Chromium locks it.
fs::path profile_dir() {
  static std::atomic<int> started{0};
  return fs::temp_directory_path() /
         ("kpiform-chromium-" + std::to_string(::getpid()) + "-" + std::to_string(started++));
}

}  // namespace

std::string chromium(const std::string& arguments) {
  const std::string profile = shell_quote(profile_dir().string());
  // The profile goes when the browser has; the browser's status stays.
  return std::string(kChromium) +
         " --headless --no-sandbox --disable-gpu --disable-background-networking"
         " --disable-component-update --disable-sync --no-first-run --hide-scrollbars "
         "--user-data-dir=" +
         profile + " " + arguments + "; status=$?; rm -rf " + profile + "; exit $status";
}

namespace {

// Run in the page once it has loaded: what a person would see, and what
// clicking the first failed cell (or the first cell) shows.
constexpr const char* kProbe = R"JS(<script>
window.addEventListener('load', () => {
  const marks = document.querySelectorAll('.sheet > .cell');
  const target = document.querySelector('.sheet > .cell.failed') || marks[0];
  target.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  const zoom = document.getElementById('zoom');
  document.body.setAttribute('data-probe', JSON.stringify({
    cells: marks.length,
    images: [...document.querySelectorAll('.sheet img')].filter(i => i.naturalWidth > 0).length,
    failed: [...document.querySelectorAll('li.check.failed')]
                .map(li => li.closest('section').id + ':' + li.dataset.rule),
    failedFields: [...document.querySelectorAll('.sheet > .cell.failed')]
                .map(c => c.dataset.fields),
    selected: document.querySelectorAll('.selected').length,
    inspectorText: document.getElementById('i-text').textContent,
    inspectorState: document.getElementById('i-state').textContent,
    zoom: zoom.style.backgroundImage.slice(0, 28),
  }));
});
</script>)JS";

}  // namespace

namespace {

std::string unescape_html(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : entities) {
    for (std::size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + 1)) {
      text.replace(at, std::strlen(entity), plain);
    }
  }
  return text;
}

}  // namespace

nlohmann::json probe(const fs::path& report) {
  std::string html = read_file(report);
  const std::size_t end = html.rfind("</body>");
  if (end == std::string::npos) {
    ADD_FAILURE() << report << " has no </body>";
    return {};
  }
  html.insert(end, kProbe);
  const fs::path probed = report.string() + ".probe.html";
  std::ofstream(probed, std::ios::binary) << html;
  const auto result = run_command(chromium("--virtual-time-budget=10000 --dump-dom " +
                                           shell_quote("file://" + probed.string())));
  if (result.status != 0) {
    ADD_FAILURE() << "chromium failed: " << result.err;
    return {};
  }
  const std::smatch match = [&] {
    std::smatch m;
    std::regex_search(result.out, m, std::regex("data-probe=\"([^\"]*)\""));
    return m;
  }();
  if (match.empty()) {
    ADD_FAILURE() << "the probe did not run; the DOM was:\n" << result.out.substr(0, 2000);
    return {};
  }
  return nlohmann::json::parse(unescape_html(match[1].str()));
}

std::vector<std::string> failed_checks(const std::vector<schema::Record>& records) {
  std::vector<std::string> failed;
  for (std::size_t i = 0; i < records.size(); ++i) {
    for (const schema::Check& check : records[i].checks) {
      if (!check.ok)
        failed.push_back("form-" + std::to_string(i + 1) + ":" + schema::to_string(check.rule));
    }
  }
  return failed;
}

}  // namespace kpiform::testing
