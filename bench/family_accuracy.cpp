// Accuracy of kpiform on the family corpus (docs/FAMILY.md): each input of
// the manifests is extracted by the kpiform command, as a user runs it, and
// scored against its ground truth; one row per group and split.
//
//   kpiform-bench-family [--errors] [--tsv PATH] KPIFORM MANIFEST...
//
// --errors lists every wrong field of the splits to debug on (dev, and an
// extra one such as dev-b, docs/FAMILY.md) on standard error; the held-out
// split is only ever read as aggregate figures. --tsv writes the
// table as TSV (columns group split inputs forms field_acc value_acc num_acc
// goals_cer checks pages_per_s).
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "family_score.h"
#include "kpiform/schema/json.h"

namespace fs = std::filesystem;
using namespace kpiform;

namespace {

// The groups in the order the table shows them.
const std::vector<std::string> kGroups = {
    "chromium-type3", "chromium-truetype", "libreoffice", "cairo",     "multi-form",
    "scan-300",       "scan-200",          "scan-150",    "scan-seal", "scan-bilevel"};

struct Row {
  int inputs = 0;
  int pages = 0;
  double seconds = 0;
  family::Score score;
};

int page_count(const fs::path& input) {
  const std::string extension = input.extension().string();
  if (extension == ".pdf") {
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(input.string()));
    return document ? document->pages() : 0;
  }
  if (extension == ".tif") {
    FILE* file = std::fopen(input.c_str(), "rb");
    if (!file) return 0;
    l_int32 pages = 0;
    tiffGetCount(file, &pages);
    std::fclose(file);
    return pages;
  }
  return 1;
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `kpiform extract` on one input; its records (none when it failed).
std::vector<schema::Record> extract(const std::string& kpiform, const fs::path& input,
                                    const fs::path& output) {
  fs::remove(output);
  const std::string command = quoted(kpiform) + " extract -q -f json -j 2 -o " +
                              quoted(output.string()) + " " + quoted(input.string()) +
                              " 2>/dev/null";
  const int status = std::system(command.c_str());
  if (status != 0 || !fs::exists(output)) return {};
  return schema::read_records_file(output.string());
}

std::string fraction(double value, int decimals, bool percent) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, percent ? "%.*f%%" : "%.*f", decimals,
                percent ? 100 * value : value);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  setMsgSeverity(L_SEVERITY_NONE);
  bool list_errors = false;
  std::string tsv_path;
  std::vector<std::string> arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--errors") {
      list_errors = true;
    } else if (argument == "--tsv" && i + 1 < argc) {
      tsv_path = argv[++i];
    } else {
      arguments.push_back(argument);
    }
  }
  if (arguments.size() < 2) {
    std::cerr << "usage: kpiform-bench-family [--errors] [--tsv PATH] KPIFORM MANIFEST...\n";
    return 2;
  }
  const std::string kpiform = arguments[0];
  const fs::path scratch =
      fs::temp_directory_path() / ("kpiform-bench-family-" + std::to_string(::getpid()) + ".json");
  std::map<std::pair<std::string, std::string>, Row> rows;
  std::vector<std::string> splits;  // as the manifests give them
  for (std::size_t m = 1; m < arguments.size(); ++m) {
    std::ifstream manifest(arguments[m]);
    if (!manifest) {
      std::cerr << "kpiform-bench-family: cannot read " << arguments[m] << "\n";
      return 1;
    }
    std::string line;
    while (std::getline(manifest, line)) {
      std::stringstream fields(line);
      std::string group, split, input, truth_path;
      std::getline(fields, group, '\t');
      std::getline(fields, split, '\t');
      std::getline(fields, input, '\t');
      std::getline(fields, truth_path, '\t');
      if (input.empty()) continue;
      const std::vector<schema::Record> truth = schema::read_records_file(truth_path);
      const auto start = std::chrono::steady_clock::now();
      const std::vector<schema::Record> read = extract(kpiform, input, scratch);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::vector<std::string> errors;
      const bool show = list_errors && split != "held-out";
      if (std::find(splits.begin(), splits.end(), split) == splits.end()) splits.push_back(split);
      Row& row = rows[{group, split}];
      ++row.inputs;
      row.pages += page_count(input);
      row.seconds += seconds;
      row.score.add(family::score_input(truth, read, show ? &errors : nullptr));
      for (const std::string& error : errors) std::cerr << input << ": " << error << "\n";
    }
  }
  fs::remove(scratch);

  std::string tsv =
      "group\tsplit\tinputs\tforms\tfield_acc\tvalue_acc\tnum_acc\tgoals_cer\tchecks\tpages_per_"
      "s\n";
  std::printf("%-18s %-9s %6s %9s %9s %9s %9s %9s %8s %8s\n", "group", "split", "inputs", "forms",
              "fields", "values", "numbers", "goals CER", "checks", "pages/s");
  // The held-out rows last, under every split one may debug on.
  std::stable_partition(splits.begin(), splits.end(),
                        [](const std::string& split) { return split != "held-out"; });
  for (const std::string& split : splits) {
    for (const std::string& group : kGroups) {
      const auto found = rows.find({group, split});
      if (found == rows.end()) continue;
      const Row& row = found->second;
      const family::Score& s = row.score;
      const std::string forms =
          std::to_string(s.forms_found) + "/" + std::to_string(s.forms_expected);
      const double speed = row.seconds > 0 ? row.pages / row.seconds : 0;
      std::printf("%-18s %-9s %6d %9s %9s %9s %9s %9s %8s %8.2f\n", group.c_str(), split.c_str(),
                  row.inputs, forms.c_str(), fraction(s.field_accuracy(), 2, true).c_str(),
                  fraction(s.value_accuracy(), 2, true).c_str(),
                  fraction(s.number_accuracy(), 2, true).c_str(),
                  fraction(s.goals_cer(), 2, true).c_str(),
                  fraction(s.checks_agreement(), 3, false).c_str(), speed);
      tsv += group + "\t" + split + "\t" + std::to_string(row.inputs) + "\t" + forms + "\t" +
             fraction(s.field_accuracy(), 4, false) + "\t" +
             fraction(s.value_accuracy(), 4, false) + "\t" +
             fraction(s.number_accuracy(), 4, false) + "\t" + fraction(s.goals_cer(), 4, false) +
             "\t" + fraction(s.checks_agreement(), 4, false) + "\t" + fraction(speed, 2, false) +
             "\n";
    }
  }
  if (!tsv_path.empty()) {
    fs::create_directories(fs::path(tsv_path).parent_path());
    std::ofstream out(tsv_path);
    out << tsv;
    if (!out.flush()) {
      std::cerr << "kpiform-bench-family: cannot write " << tsv_path << "\n";
      return 1;
    }
    std::printf("table written to %s\n", tsv_path.c_str());
  }
  return 0;
}
