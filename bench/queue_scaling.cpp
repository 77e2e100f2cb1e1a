// The PostgreSQL work queue on this machine, against a throwaway server on
// loopback (postgres_server.h):
//   - scans: the time for one `kpiform worker` process to empty a queue of
//     scanned documents, against two worker processes on the same queue
//     (the speed-up of a second worker; #14 asks ≥ 1.7× on two cores);
//   - the database's share of a document: born-digital documents (where
//     extraction is cheapest, so the queue's cost shows most) through one
//     worker, against `kpiform extract -j 1` of the same files; the
//     difference per document is what the queue and the writes cost.
//
//   kpiform-bench-queue KPIFORM SCAN.pdf... -- BORN_DIGITAL.pdf...
#include <unistd.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "child_process.h"
#include "postgres_server.h"

namespace fs = std::filesystem;
using kpiform::bench::PostgresServer;
using kpiform::bench::Run;
using kpiform::bench::run;

namespace {

// `copies` copies of each file, each with other bytes (a PDF comment after
// %%EOF), so that every copy is a job of its own.
std::vector<std::string> distinct_copies(const std::vector<std::string>& files, int copies,
                                         const fs::path& folder) {
  std::vector<std::string> out;
  for (int copy = 0; copy < copies; ++copy) {
    for (const std::string& file : files) {
      const fs::path target =
          folder / (std::to_string(copy) + "-" + fs::path(file).filename().string());
      fs::copy_file(file, target, fs::copy_options::overwrite_existing);
      std::ofstream(target, std::ios::app) << "% copy " << copy << "\n";
      out.push_back(target.string());
    }
  }
  return out;
}

// Enqueues `files` into a new database and runs `workers` worker processes
// until the queue is empty; the wall time of the slowest.
double drain(PostgresServer& server, const std::string& kpiform, const std::string& name,
             const std::vector<std::string>& files, int workers) {
  const std::string url = server.new_database(name);
  std::vector<std::string> enqueue{kpiform, "enqueue", "--db", url};
  enqueue.insert(enqueue.end(), files.begin(), files.end());
  if (!run(enqueue, true).ok) throw std::runtime_error("enqueue failed");
  const auto start = std::chrono::steady_clock::now();
  std::vector<pid_t> children;
  for (int w = 0; w < workers; ++w) {
    const pid_t child = ::fork();
    if (child == 0) {
      const Run done =
          run({kpiform, "worker", "-q", "-j", "1", "--exit-when-empty", "--db", url}, true);
      ::_exit(done.ok ? 0 : 1);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    ::waitpid(child, &status, 0);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> scans, born_digital;
  bool after = false;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--") {
      after = true;
    } else {
      (after ? born_digital : scans).push_back(argv[i]);
    }
  }
  if (argc < 3 || scans.empty() || born_digital.empty()) {
    std::fprintf(stderr, "usage: kpiform-bench-queue KPIFORM SCAN.pdf... -- BORN_DIGITAL.pdf...\n");
    return 2;
  }
  const std::string kpiform = argv[1];
  const fs::path folder =
      fs::temp_directory_path() / ("kpiform-bench-queue-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  auto server = PostgresServer::start();

  const std::vector<std::string> scan_jobs = distinct_copies(scans, 4, folder);
  const double one = drain(*server, kpiform, "scans_one_worker", scan_jobs, 1);
  const double two = drain(*server, kpiform, "scans_two_workers", scan_jobs, 2);
  std::printf(
      "bench-queue: %zu scanned documents, one worker %.1f s, two workers %.1f s: "
      "speed-up %.2fx\n",
      scan_jobs.size(), one, two, one / two);

  const std::vector<std::string> digital_jobs = distinct_copies(born_digital, 4, folder);
  std::vector<std::string> extract{kpiform, "extract", "-q", "-j", "1"};
  extract.insert(extract.end(), digital_jobs.begin(), digital_jobs.end());
  const Run extracted = run(extract, true);
  const double queued = drain(*server, kpiform, "born_digital", digital_jobs, 1);
  const double per_document_ms =
      1000 * (queued - extracted.seconds) / static_cast<double>(digital_jobs.size());
  std::printf(
      "bench-queue: %zu born-digital documents, extract -j 1 %.2f s, one worker %.2f s: "
      "the queue and its writes %.1f ms a document\n",
      digital_jobs.size(), extracted.seconds, queued, per_document_ms);
  fs::remove_all(folder);
  return 0;
}
