// enqueue, worker and status: many machines sharing one PostgreSQL
// database as their store and work queue (kpiform/store/queue.h).
#include <unistd.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <ostream>
#include <sstream>
#include <thread>

#include "app.h"
#include "commands.h"
#include "input_files.h"
#include "kpiform/pipeline/pipeline.h"
#include "kpiform/schema/error.h"
#include "kpiform/store/queue.h"
#include "kpiform/text/utf8.h"
#include "kpiform/workers/worker_pool.h"
#include "stored_document.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kEnqueueUsage =
    "Usage: kpiform enqueue --db URL [options] INPUT...\n\n"
    "Records documents to do in a PostgreSQL work queue (docs/DATABASE.md), for\n"
    "'kpiform worker' processes on any machine to extract. INPUT is a file, a\n"
    "directory (searched recursively) or @LIST. A document is keyed by the\n"
    "SHA-256 of its bytes: enqueued twice, or held by the database already, it\n"
    "is one job.\n\n"
    "Examples:\n"
    "  kpiform enqueue --db postgresql://kpiform@db.example/forms archive/\n"
    "  kpiform enqueue --db postgresql://kpiform@db.example/forms --store-bytes scans/\n\n"
    "Exit status: 0 all inputs enqueued or there already, 1 an input could not be\n"
    "read, 2 usage error.\n\n";

constexpr const char* kWorkerUsage =
    "Usage: kpiform worker --db URL [options]\n\n"
    "Takes documents from the work queue of a PostgreSQL database and extracts\n"
    "them, writing each document's records and marking its job done in one\n"
    "transaction. A job is leased while it is worked on: a worker killed\n"
    "mid-document loses its lease and another worker takes the job. A document\n"
    "that fails --retries times is recorded failed with its reason. SIGTERM or\n"
    "SIGINT: the documents under way are finished, then the worker stops.\n\n"
    "Examples:\n"
    "  kpiform worker --db postgresql://kpiform@db.example/forms -j 2\n"
    "  kpiform worker --db postgresql://kpiform@db.example/forms --exit-when-empty\n\n"
    "Exit status: 0 stopped (asked to, or the queue is empty), 1 the database\n"
    "failed, 2 usage error.\n\n";

constexpr const char* kStatusUsage =
    "Usage: kpiform status --db PATH|URL\n\n"
    "How far the work is: documents queued, running, done and failed, pages per\n"
    "second over the last five minutes, the time left at that rate, and the\n"
    "latest failures with their reasons. For a SQLite database (no queue): its\n"
    "documents by status.\n\n"
    "Exit status: 0 shown, 1 the database cannot be read, 2 usage error.\n\n";

// Set by SIGTERM and SIGINT: the workers finish what they hold and stop.
std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) {
  stop_requested = true;
}

std::string worker_name(int thread) {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid()) + ":" + std::to_string(thread);
}

// Renews `job`'s lease every third of it until stopped.
class LeaseKeeper {
 public:
  LeaseKeeper(store::WorkQueue& queue, const store::Job& job, const std::string& worker,
              int lease_seconds)
      : thread_([&queue, job, worker, lease_seconds, this] {
          std::unique_lock lock(mutex_);
          while (!done_) {
            if (stopped_.wait_for(lock, std::chrono::seconds(std::max(1, lease_seconds / 3)),
                                  [&] { return done_; })) {
              break;
            }
            try {
              queue.renew(job, worker, lease_seconds);
            } catch (const InputError&) {
              // The finish will find out whether the job is still ours.
            }
          }
        }) {}
  ~LeaseKeeper() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    stopped_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable stopped_;
  bool done_ = false;
  std::thread thread_;
};

// The file to read for `job`: its path, or its stored bytes in a file of
// their own under the temporary folder (removed by the caller).
std::string file_for(const store::Job& job, int thread) {
  if (!job.bytes) return job.path;
  const std::string extension = std::filesystem::path(job.path).extension().string();
  const auto file =
      std::filesystem::temp_directory_path() /
      ("kpiform-job-" + std::to_string(::getpid()) + "-" + std::to_string(thread) + extension);
  std::ofstream(file, std::ios::binary) << *job.bytes;
  return file.string();
}

}  // namespace

int run_enqueue(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("db", po::value<std::string>(),
                                                    "the PostgreSQL database URL (required)")(
      "store-bytes", "keep each document's bytes in the database: workers need no shared disk");
  po::variables_map vm;
  if (const auto done = parse_command_line(args, options, "enqueue", kEnqueueUsage, vm, out, err)) {
    return *done;
  }
  if (!vm.count("db")) return usage_error(err, "--db URL is required", "enqueue");
  std::unique_ptr<store::WorkQueue> queue;
  try {
    queue = store::WorkQueue::open(vm["db"].as<std::string>());
  } catch (const InputError& error) {
    err << error.what() << '\n';
    return kExitInputFailed;
  }
  const bool store_bytes = vm.count("store-bytes") > 0;
  InputFiles files(vm["input"].as<std::vector<std::string>>());
  std::size_t added = 0, there = 0, failed = 0;
  try {
    while (const auto path = files.next()) {
      try {
        const std::string sha256 = extract::file_sha256(*path);
        std::optional<std::string> bytes;
        if (store_bytes) {
          std::ifstream file(*path, std::ios::binary);
          std::ostringstream buffer;
          buffer << file.rdbuf();
          bytes = buffer.str();
        }
        (queue->enqueue(sha256, text::printable_name(*path), bytes) ? added : there)++;
      } catch (const InputError& error) {
        // An unreadable file, or the database failing: say so and go on.
        err << error.what() << '\n';
        ++failed;
      }
    }
  } catch (const InputError& error) {
    err << error.what() << '\n';  // a list that is no list
    return kExitInputFailed;
  }
  out << "enqueued " << added << " documents, " << there << " queued or done already, " << failed
      << " unreadable\n";
  return failed ? kExitInputFailed : kExitOk;
}

int run_worker(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("db", po::value<std::string>(),
                                                    "the PostgreSQL database URL (required)")(
      "jobs,j", jobs_value(), "documents extracted at once, at most the cores")(
      "exit-when-empty", "stop when no job is queued or running (for batch use)")(
      "retries", po::value<int>()->default_value(3),
      "attempts before a document is recorded failed")(
      "lease", po::value<int>()->default_value(60),
      "seconds a job stays a worker's without a renewal (renewed every third)")(
      "quiet,q", "no line per document");
  add_ocr_options(options);
  po::variables_map vm;  // no INPUT: the queue says what to do
  if (const auto done =
          parse_command_line(args, options, "worker", kWorkerUsage, vm, out, err, Inputs::kNone)) {
    return *done;
  }
  if (!vm.count("db")) return usage_error(err, "--db URL is required", "worker");
  int jobs = 1;
  if (const auto error = read_jobs(vm, jobs)) return usage_error(err, *error, "worker");
  const int retries = vm["retries"].as<int>(), lease = vm["lease"].as<int>();
  if (retries < 1) return usage_error(err, "--retries must be at least 1", "worker");
  if (lease < 3) return usage_error(err, "--lease must be at least 3 seconds", "worker");
  pipeline::ExtractOptions extract_options;
  extract_options.keep_sources = true;  // the cells table, for the review
  if (const auto error = read_ocr_options(vm, extract_options)) {
    return usage_error(err, *error, "worker");
  }
  const std::string url = vm["db"].as<std::string>();
  const bool exit_when_empty = vm.count("exit-when-empty") > 0, quiet = vm.count("quiet") > 0;
  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);

  std::mutex print;
  std::string fatal;
  workers::WorkerPool loops(jobs);
  for (int t = 0; t < jobs; ++t) {
    loops.submit([&, t] {
      try {
        auto queue = store::WorkQueue::open(url);
        const std::string name = worker_name(t);
        while (!stop_requested) {
          const auto job = queue->claim(name, lease, retries);
          if (!job) {
            queue->fail_exhausted(retries);
            const store::QueueCounts counts = queue->counts(0);
            if (exit_when_empty && counts.queued == 0 && counts.running == 0) break;
            std::this_thread::sleep_for(std::chrono::seconds(1));
            continue;
          }
          const std::string file = file_for(*job, t);
          store::Document document;
          {
            LeaseKeeper keeper(*queue, *job, name, lease);
            document = stored_document(job->path, job->sha256,
                                       pipeline::extract_file(file, extract_options, job->sha256));
          }
          if (file != job->path) std::filesystem::remove(file);
          const bool kept = queue->finish(*job, name, document, retries);
          if (!quiet) {
            std::lock_guard lock(print);
            err << (kept ? "" : "dropped (taken over): ") << job->path << ": "
                << store::to_string(document.status) << ", " << document.records.size()
                << " forms\n";
          }
        }
      } catch (const InputError& error) {
        std::lock_guard lock(print);
        if (fatal.empty()) fatal = error.what();
        stop_requested = true;
      } catch (...) {
        stop_requested = true;  // the other loops end too; finish() rethrows
        throw;
      }
    });
  }
  loops.finish();
  if (!fatal.empty()) {
    err << fatal << '\n';
    return kExitInputFailed;
  }
  return kExitOk;
}

int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("db", po::value<std::string>(),
                                                    "a SQLite file or a PostgreSQL URL (required)");
  po::variables_map vm;
  if (const auto done =
          parse_command_line(args, options, "status", kStatusUsage, vm, out, err, Inputs::kNone)) {
    return *done;
  }
  if (!vm.count("db")) return usage_error(err, "--db PATH|URL is required", "status");
  const std::string location = vm["db"].as<std::string>();
  try {
    // Every database: its documents (an import's, or the queue's results).
    auto db = store::Database::open(location, store::Database::Mode::kReadOnly);
    out << "documents:";
    for (const auto& [status, count] : db->status_counts()) {
      out << " " << store::to_string(status) << " " << count;
    }
    out << "\n";
    if (!store::Database::is_url(location)) return kExitOk;
    auto queue = store::WorkQueue::open(location);
    constexpr int kRecentSeconds = 300;
    const store::QueueCounts counts = queue->counts(kRecentSeconds);
    out << "queued " << counts.queued << ", running " << counts.running << ", done " << counts.done
        << ", failed " << counts.failed << "\n";
    char line[160];
    std::snprintf(line, sizeof line, "%.2f pages/s over the last 5 minutes",
                  static_cast<double>(counts.pages_recent) / kRecentSeconds);
    out << line;
    const long long left = counts.queued + counts.running;
    if (counts.documents_recent > 0 && left > 0) {
      // At the pace of the last minutes' documents.
      const double seconds =
          static_cast<double>(left) * kRecentSeconds / static_cast<double>(counts.documents_recent);
      std::snprintf(line, sizeof line, "; %lld documents left, about %.0f minutes at that pace",
                    left, seconds / 60);
      out << line;
    }
    out << "\n";
    for (const store::FailedJob& failure : queue->failures(20)) {
      out << "failed: " << failure.error << "\n";
    }
  } catch (const InputError& error) {
    err << error.what() << '\n';
    return kExitInputFailed;
  }
  return kExitOk;
}

}  // namespace kpiform::cli
