// OCR accuracy and speed on scans of the twelve sample forms, against their
// ground truth: numbers exact, level names and labels exact, the character
// error rate of other text, forms and indicator counts; pages per second
// with two workers and the peak memory.
//
//   kpiform-bench-ocr [--errors] RECORDS_DIR SCAN.pdf...
//
// --errors lists every field read wrong on standard error (what to fix next).
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kpiform/pipeline/pipeline.h"
#include "kpiform/pipeline/process_tuning.h"
#include "kpiform/schema/fields.h"
#include "kpiform/schema/json.h"
#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"

namespace fs = std::filesystem;
using namespace kpiform;

namespace {

struct Tally {
  bool list_errors = false;
  std::string where;  // the form being compared, for the error list
  int numbers = 0, numbers_exact = 0;
  int labels = 0, labels_exact = 0;
  std::size_t text_characters = 0, text_errors = 0;
  int indicator_counts_right = 0;

  void number(const std::optional<double>& truth, const std::optional<double>& read) {
    if (!truth) return;
    ++numbers;
    if (read && std::fabs(*truth - *read) <= 0.005) {
      ++numbers_exact;
    } else if (list_errors) {
      std::fprintf(stderr, "%s number: %g read %s\n", where.c_str(), *truth,
                   read ? std::to_string(*read).c_str() : "null");
    }
  }
  void label(const std::optional<std::string>& truth, const std::optional<std::string>& read) {
    if (!truth) return;
    ++labels;
    if (read == truth) {
      ++labels_exact;
    } else if (list_errors) {
      std::fprintf(stderr, "%s label: %s read %s\n", where.c_str(), truth->c_str(),
                   read ? read->c_str() : "null");
    }
  }
  void text(const std::optional<std::string>& truth, const std::optional<std::string>& read) {
    if (!truth) return;
    text_characters += text::character_count(*truth);
    const std::size_t errors = text::edit_distance(*truth, read.value_or(""));
    text_errors += errors;
    if (errors > 0 && list_errors) {
      std::fprintf(stderr, "%s text (%zu): %s read %s\n", where.c_str(), errors, truth->c_str(),
                   read.value_or("null").c_str());
    }
  }
  void value(const schema::Value& truth, const schema::Value& read) {
    number(truth.value, read.value);
    number(truth.max, read.max);
    text(truth.raw, read.raw);
  }
};

// Words of the standard form, compared exactly: the title, the funds rows'
// labels and the level names.
bool is_label(const schema::FieldInfo& info) {
  return info.type == schema::FieldType::kLevelName || info.field == schema::Field::kTitle ||
         info.field == schema::Field::kFundsItem;
}

// Every field of the truth's row `row` of `part` against the reading's.
void compare_row(schema::Part part, const schema::Record& truth, const schema::Record& read,
                 std::size_t row, Tally& tally) {
  for (const schema::FieldInfo& info : schema::fields_of(part)) {
    const schema::FieldPath path{info.field, row};
    if (info.type == schema::FieldType::kFundsKey) continue;  // which row, not a reading
    if (info.type == schema::FieldType::kValue) {
      static const schema::Value kNone{};
      const schema::Value* read_value = schema::value_at(read, path);
      tally.value(*schema::value_at(truth, path), read_value ? *read_value : kNone);
    } else if (is_label(info)) {
      tally.label(schema::text_at(truth, path), schema::text_at(read, path));
    } else if (schema::is_numeric(info.type) || info.type == schema::FieldType::kYear) {
      tally.number(schema::number_at(truth, path), schema::number_at(read, path));
    } else {
      tally.text(schema::text_at(truth, path), schema::text_at(read, path));
    }
  }
}

void compare(const schema::Record& truth, const schema::Record& read, Tally& tally) {
  for (schema::Part part : {schema::Part::kForm, schema::Part::kGoals, schema::Part::kTotal}) {
    compare_row(part, truth, read, 0, tally);
  }
  for (std::size_t i = 0; i < truth.funds.size(); ++i) {
    compare_row(schema::Part::kFunds, truth, read, i, tally);
  }
  if (truth.indicators.size() == read.indicators.size()) ++tally.indicator_counts_right;
  for (std::size_t i = 0; i < truth.indicators.size(); ++i) {
    compare_row(schema::Part::kIndicators, truth, read, i, tally);
  }
}

}  // namespace

int main(int argc, char** argv) {
  pipeline::keep_freed_memory();  // as the CLI does
  const bool list_errors = argc > 1 && std::string(argv[1]) == "--errors";
  if (list_errors) {
    --argc;
    ++argv;
  }
  if (argc < 3) {
    std::fprintf(stderr, "usage: kpiform-bench-ocr [--errors] RECORDS_DIR SCAN.pdf...\n");
    return 2;
  }
  std::vector<fs::path> truth_files;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    if (entry.path().extension() == ".json") truth_files.push_back(entry.path());
  }
  std::sort(truth_files.begin(), truth_files.end());
  std::vector<schema::Record> truth;
  for (const auto& file : truth_files)
    truth.push_back(schema::read_records_file(file.string()).front());

  std::printf("%-36s %6s %6s %8s %9s %9s %8s %8s %9s\n", "scan", "pages", "forms", "counts",
              "numbers", "labels", "text CER", "pages/s", "peak MiB");
  for (int i = 2; i < argc; ++i) {
    pipeline::ExtractOptions options;
    options.ocr = extract::OcrMode::kAlways;
    options.scan.threads = 2;
    const auto start = std::chrono::steady_clock::now();
    const pipeline::FileOutcome outcome = pipeline::extract_file(argv[i], options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (outcome.error) {
      std::fprintf(stderr, "%s\n", outcome.error->c_str());
      return 1;
    }
    Tally tally;
    tally.list_errors = list_errors;
    const std::size_t forms = std::min(truth.size(), outcome.records.size());
    for (std::size_t f = 0; f < truth.size(); ++f) {
      tally.where = "form " + std::to_string(f + 1);
      compare(truth[f], f < forms ? outcome.records[f] : schema::Record{}, tally);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%-36s %6d %3zu/%-2zu %4d/%-3zu %8.2f%% %8.2f%% %7.2f%% %8.2f %9.1f\n",
                fs::path(argv[i])
                    .parent_path()
                    .filename()
                    .append(fs::path(argv[i]).filename().string())
                    .c_str(),
                outcome.pages, outcome.records.size(), truth.size(), tally.indicator_counts_right,
                truth.size(), 100.0 * tally.numbers_exact / std::max(1, tally.numbers),
                100.0 * tally.labels_exact / std::max(1, tally.labels),
                100.0 * static_cast<double>(tally.text_errors) /
                    static_cast<double>(std::max<std::size_t>(1, tally.text_characters)),
                outcome.pages / seconds, static_cast<double>(usage.ru_maxrss) / 1024.0);
  }
  return 0;
}
