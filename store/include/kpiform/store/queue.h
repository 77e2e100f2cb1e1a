// The work queue of `kpiform enqueue` and `kpiform worker`: documents to do,
// keyed by the SHA-256 of their bytes, in a PostgreSQL database that many
// machines share. A worker claims a job under a lease (SELECT … FOR UPDATE
// SKIP LOCKED), renews the lease while it works, and writes the records and
// marks the job done in one transaction; a job whose lease runs out (its
// worker died) is claimed again; a job that fails `max_attempts` times is
// recorded failed with its reason.
//
// One WorkQueue per thread. Times are the database server's.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kpiform/store/database.h"

namespace kpiform::store {

struct Job {
  std::string sha256;
  std::string path;
  std::optional<std::string> bytes;  // the document itself, when enqueued with them
  int attempt = 0;                   // 1 for the first claim
};

struct QueueCounts {
  long long queued = 0, running = 0, done = 0, failed = 0;
  long long pages_recent = 0;      // pages of the jobs done in the last `recent_seconds`
  long long documents_recent = 0;  // and their number
  long long recent_seconds = 0;
};

struct FailedJob {
  std::string path;
  std::string error;
};

class WorkQueue {
 public:
  // `url` names a PostgreSQL database (created or migrated as by
  // Database::open); a SQLite path is an InputError: the queue is shared
  // between machines, which a SQLite file is not.
  static std::unique_ptr<WorkQueue> open(const std::string& url);
  virtual ~WorkQueue() = default;

  // Whether the job was added (false: a job with these bytes is there).
  virtual bool enqueue(const std::string& sha256, const std::string& path,
                       const std::optional<std::string>& bytes) = 0;

  // The next job, leased to `worker` for `lease_seconds`; nullopt when none
  // is queued or has a lapsed lease.
  virtual std::optional<Job> claim(const std::string& worker, int lease_seconds,
                                   int max_attempts) = 0;

  // Extends the lease; false when the job is no longer this worker's.
  virtual bool renew(const Job& job, const std::string& worker, int lease_seconds) = 0;

  // Writes the document and marks the job done, in one transaction, if the
  // job is still this worker's (false: it was taken over; nothing written).
  // A document that failed is marked queued again until its attempts reach
  // `max_attempts`, then failed with the document's error (and written).
  virtual bool finish(const Job& job, const std::string& worker, const Document& document,
                      int max_attempts) = 0;

  // Jobs whose attempts ran out while running (their workers died): failed.
  virtual void fail_exhausted(int max_attempts) = 0;

  virtual QueueCounts counts(int recent_seconds) = 0;
  virtual std::vector<FailedJob> failures(int limit) = 0;
};

}  // namespace kpiform::store
