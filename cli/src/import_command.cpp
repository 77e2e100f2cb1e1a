#include <unistd.h>

#include <boost/program_options.hpp>
#include <mutex>
#include <ostream>
#include <utility>

#include "app.h"
#include "bounded_queue.h"
#include "commands.h"
#include "input_files.h"
#include "kpiform/pipeline/library_output.h"
#include "kpiform/pipeline/pipeline.h"
#include "kpiform/schema/error.h"
#include "kpiform/store/database.h"
#include "kpiform/text/utf8.h"
#include "kpiform/workers/worker_pool.h"
#include "progress.h"
#include "stored_document.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kImportUsage =
    "Usage: kpiform import --db PATH|URL [options] INPUT...\n\n"
    "Imports forms into a SQLite database file (created when missing) or a\n"
    "PostgreSQL database named by a postgresql:// URL (the schema is created\n"
    "on first use; docs/DATABASE.md). INPUT is a file, a directory (searched\n"
    "recursively for PDFs and images) or @LIST (a file naming one input a\n"
    "line).\n\n"
    "Each document is written in one transaction and keyed by the SHA-256 of\n"
    "its bytes: a document imported before is skipped (--force imports it\n"
    "again), one that failed before is tried again, and an import killed at\n"
    "any moment can simply be run again. A bad file is recorded with its error\n"
    "and the import goes on.\n\n"
    "Examples:\n"
    "  kpiform import --db forms.sqlite archive/\n"
    "  kpiform import --db forms.sqlite -j 8 @todo.txt\n"
    "  kpiform import --db postgresql://kpiform@db.example/forms archive/\n"
    "  kpiform export --db forms.sqlite --format csv > indicators.csv\n\n"
    "Exit status: 0 all inputs imported or skipped, 1 an input failed, 2 usage\n"
    "error.\n\n";

// What a worker hands to the writer for one input file.
struct Job {
  store::Document document;
  bool skipped = false;
};

Job process(const std::string& path, store::Database* readers_db, bool force,
            const pipeline::ExtractOptions& options) {
  Job job;
  store::Document& document = job.document;
  document.path = text::printable_name(path);
  try {
    document.sha256 = extract::file_sha256(path);
  } catch (const InputError& error) {
    document.status = store::DocumentStatus::kFailed;
    document.error = error.what();
    return job;
  }
  if (!force && readers_db) {
    const auto status = readers_db->status_of(document.sha256);
    if (status && *status != store::DocumentStatus::kFailed) {
      job.skipped = true;
      return job;
    }
  }
  document = stored_document(path, document.sha256,
                             pipeline::extract_file(path, options, document.sha256));
  return job;
}

// Tells the writer that one reader is over when it is destroyed: after the
// reader's loop, when the reader threw, or when a failed pool dropped it
// before it began.
class ReaderEnded {
 public:
  explicit ReaderEnded(BoundedQueue<Job>& queue) : queue_(&queue) {}
  ReaderEnded(ReaderEnded&& other) noexcept : queue_(std::exchange(other.queue_, nullptr)) {}
  ReaderEnded& operator=(ReaderEnded&&) = delete;
  ~ReaderEnded() {
    if (queue_) queue_->producer_done();
  }

 private:
  BoundedQueue<Job>* queue_;
};

}  // namespace

int run_import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(), "a SQLite file or a postgresql:// URL (required)")(
      "jobs,j", jobs_value(), "files extracted in parallel, at most the cores (one writer)")(
      "force", "import again documents that are in the database already")(
      "quiet,q", "no progress line")("progress-every", po::value<double>()->default_value(5),
                                     "seconds between progress lines when not on a terminal");
  add_ocr_options(options);
  po::variables_map vm;
  if (const auto done = parse_command_line(args, options, "import", kImportUsage, vm, out, err)) {
    return *done;
  }
  if (!vm.count("db")) return usage_error(err, "--db PATH|URL is required", "import");
  int jobs = 1;
  if (const auto error = read_jobs(vm, jobs)) return usage_error(err, *error, "import");
  const std::string db_path = vm["db"].as<std::string>();
  const bool force = vm.count("force") > 0;
  const auto inputs = vm["input"].as<std::vector<std::string>>();
  pipeline::ExtractOptions extract_options;
  extract_options.keep_sources = true;  // the cells table, for the review
  if (const auto error = read_ocr_options(vm, extract_options)) {
    return usage_error(err, *error, "import");
  }

  std::unique_ptr<store::Database> db;
  try {
    db = store::Database::open(db_path, store::Database::Mode::kReadWrite);
  } catch (const InputError& error) {
    err << error.what() << '\n';
    return kExitInputFailed;
  }

  ProgressCounts counts;
  try {
    counts.total = InputFiles::count(inputs);
  } catch (const InputError& error) {
    err << error.what() << '\n';  // an @LIST that is no list: nothing is read
    return kExitInputFailed;
  }
  const Progress::Style style = vm.count("quiet") ? Progress::Style::kSilent
                                : ::isatty(pipeline::library_output::user_stderr())
                                    ? Progress::Style::kLive
                                    : Progress::Style::kPlain;
  Progress progress(err, style, std::chrono::duration<double>(vm["progress-every"].as<double>()));
  progress.update(counts);

  InputFiles files(inputs);
  std::mutex files_mutex;
  std::string list_error;  // a list that changed since it was counted
  BoundedQueue<Job> queue(2 * static_cast<std::size_t>(jobs));
  workers::WorkerPool readers(jobs);
  for (int w = 0; w < jobs; ++w) {
    readers.submit([&, ended = ReaderEnded(queue)] {
      std::unique_ptr<store::Database> reader;
      try {
        reader = store::Database::open(db_path, store::Database::Mode::kReadOnly);
      } catch (const InputError&) {
        // Without a reader every document is extracted; the writer skips.
      }
      while (true) {
        std::optional<std::string> path;
        {
          std::lock_guard lock(files_mutex);
          try {
            if (list_error.empty()) path = files.next();
          } catch (const InputError& error) {
            list_error = error.what();
          }
        }
        if (!path || !queue.push(process(*path, reader.get(), force, extract_options))) break;
      }
    });
  }

  std::vector<std::string> failures;
  std::size_t without_form = 0;
  int status = kExitOk;
  std::string fatal;
  // An error the loop does not expect (not the database's InputError) must
  // not leave the readers waiting on a full queue while the pool joins them.
  try {
    while (auto job = queue.pop(static_cast<std::size_t>(jobs))) {
      ++counts.done;
      store::Document& document = job->document;
      // Skipped by the worker, or a copy of a file this run has imported.
      bool duplicate = false;
      if (!job->skipped && !force && document.status != store::DocumentStatus::kFailed &&
          fatal.empty()) {
        const auto stored = db->status_of(document.sha256);
        duplicate = stored && *stored != store::DocumentStatus::kFailed;
      }
      if (job->skipped || duplicate) {
        ++counts.skipped;
      } else if (fatal.empty()) {
        try {
          db->write(document);
          if (document.status == store::DocumentStatus::kFailed) {
            ++counts.failed;
            failures.push_back(document.error);
          } else {
            ++counts.imported;
            if (document.status == store::DocumentStatus::kNoForm) ++without_form;
            counts.forms += document.records.size();
            counts.pages += static_cast<std::size_t>(document.pages);
          }
        } catch (const InputError& error) {
          fatal = error.what();  // the database itself failed: stop writing
        }
      }
      progress.update(counts);
    }
  } catch (...) {
    queue.close();
    throw;
  }
  readers.finish();
  progress.finish(counts);

  if (!fatal.empty()) {
    err << fatal << '\n';
    return kExitInputFailed;
  }
  if (!list_error.empty()) {
    err << list_error << '\n';
    status = kExitInputFailed;
  }
  out << "imported " << counts.imported << " documents (" << counts.forms << " forms, "
      << counts.pages << " pages, " << without_form << " without a form), skipped "
      << counts.skipped << ", failed " << counts.failed << '\n';
  // Failures are errors: on standard error, where scripts look for them.
  for (const std::string& failure : failures) err << failure << '\n';
  if (counts.failed > 0) status = kExitInputFailed;
  return status;
}

}  // namespace kpiform::cli
