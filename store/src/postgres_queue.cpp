#include <cstdlib>

#include "backends.h"
#include "kpiform/schema/error.h"
#include "kpiform/store/queue.h"
#include "postgres_connection.h"

namespace kpiform::store {

namespace {

constexpr const char* kNow = "extract(epoch from now())::bigint";

// bytea in libpq's text format: \x and two hex digits a byte.
std::string as_bytea(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (const unsigned char byte : bytes) {
    text += kHex[byte >> 4];
    text += kHex[byte & 0xF];
  }
  return text;
}

std::string from_bytea(const char* text) {
  std::string bytes;
  if (text[0] != '\\' || text[1] != 'x') return bytes;
  auto value = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (const char* at = text + 2; at[0] && at[1]; at += 2) {
    bytes += static_cast<char>(value(at[0]) << 4 | value(at[1]));
  }
  return bytes;
}

long long number_at(const PGresult* result, int row, int column) {
  return PQgetisnull(result, row, column) ? 0 : std::atoll(PQgetvalue(result, row, column));
}

class PostgresQueue : public WorkQueue {
 public:
  explicit PostgresQueue(const std::string& url) : db_(url) { migrate_postgres(db_); }

  bool enqueue(const std::string& sha256, const std::string& path,
               const std::optional<std::string>& bytes) override {
    // A document the database holds already (not as failed) is no job.
    const ResultPtr result = db_.query(
        std::string("INSERT INTO jobs (sha256, path, bytes, state, attempts, enqueued_at) "
                    "SELECT $1, $2, $3::bytea, 'queued', 0, ") +
            kNow +
            " WHERE NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = $1 AND status <> "
            "'failed') ON CONFLICT (sha256) DO NOTHING",
        {sha256, path, bytes ? std::optional<std::string>(as_bytea(*bytes)) : std::nullopt});
    return std::string(PQcmdTuples(result.get())) == "1";
  }

  std::optional<Job> claim(const std::string& worker, int lease_seconds,
                           int max_attempts) override {
    const ResultPtr result = db_.query(
        std::string("UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = $1, "
                    "lease_until = ") +
            kNow +
            " + $2 WHERE sha256 = (SELECT sha256 FROM jobs WHERE (state = 'queued' OR (state = "
            "'running' AND lease_until < " +
            kNow +
            ")) AND attempts < $3 ORDER BY enqueued_at, sha256 FOR UPDATE SKIP LOCKED LIMIT 1) "
            "RETURNING sha256, path, bytes, attempts",
        {worker, std::to_string(lease_seconds), std::to_string(max_attempts)});
    if (PQntuples(result.get()) == 0) return std::nullopt;
    Job job;
    job.sha256 = PQgetvalue(result.get(), 0, 0);
    job.path = PQgetvalue(result.get(), 0, 1);
    if (!PQgetisnull(result.get(), 0, 2)) job.bytes = from_bytea(PQgetvalue(result.get(), 0, 2));
    job.attempt = static_cast<int>(number_at(result.get(), 0, 3));
    return job;
  }

  bool renew(const Job& job, const std::string& worker, int lease_seconds) override {
    const ResultPtr result =
        db_.query(std::string("UPDATE jobs SET lease_until = ") + kNow +
                      " + $3 WHERE sha256 = $1 AND worker = $2 AND state = 'running'",
                  {job.sha256, worker, std::to_string(lease_seconds)});
    return std::string(PQcmdTuples(result.get())) == "1";
  }

  bool finish(const Job& job, const std::string& worker, const Document& document,
              int max_attempts) override {
    bool finished = false;
    db_.in_transaction([&] {
      const ResultPtr mine = db_.query(
          "SELECT attempts FROM jobs WHERE sha256 = $1 AND worker = $2 AND state = 'running' "
          "FOR UPDATE",
          {job.sha256, worker});
      if (PQntuples(mine.get()) == 0) return;  // taken over: another worker does it
      finished = true;
      const bool failed = document.status == DocumentStatus::kFailed;
      if (failed && number_at(mine.get(), 0, 0) < max_attempts) {
        db_.query(
            "UPDATE jobs SET state = 'queued', worker = NULL, lease_until = NULL, error = $2 "
            "WHERE sha256 = $1",
            {job.sha256, document.error});
        return;
      }
      db_.write_document(document);
      db_.query(std::string("UPDATE jobs SET state = $2, error = $3, pages = $4, finished_at = ") +
                    kNow + ", lease_until = NULL WHERE sha256 = $1",
                {job.sha256, failed ? "failed" : "done",
                 failed ? std::optional<std::string>(document.error) : std::nullopt,
                 std::to_string(document.pages)});
    });
    return finished;
  }

  void fail_exhausted(int max_attempts) override {
    db_.in_transaction([&] {
      const ResultPtr lost = db_.query(
          std::string("SELECT sha256, path, attempts FROM jobs WHERE state = 'running' AND "
                      "lease_until < ") +
              kNow + " AND attempts >= $1 FOR UPDATE SKIP LOCKED",
          {std::to_string(max_attempts)});
      for (int row = 0; row < PQntuples(lost.get()); ++row) {
        Document document;
        document.sha256 = PQgetvalue(lost.get(), row, 0);
        document.path = PQgetvalue(lost.get(), row, 1);
        document.status = DocumentStatus::kFailed;
        document.error = InputError(document.path, "worker",
                                    "its worker stopped before finishing it, " +
                                        std::string(PQgetvalue(lost.get(), row, 2)) + " times")
                             .what();
        db_.write_document(document);
        db_.query(std::string("UPDATE jobs SET state = 'failed', error = $2, finished_at = ") +
                      kNow + " WHERE sha256 = $1",
                  {document.sha256, document.error});
      }
    });
  }

  QueueCounts counts(int recent_seconds) override {
    QueueCounts counts;
    const ResultPtr states = db_.query("SELECT state, count(*) FROM jobs GROUP BY state");
    for (int row = 0; row < PQntuples(states.get()); ++row) {
      const std::string state = PQgetvalue(states.get(), row, 0);
      const long long n = number_at(states.get(), row, 1);
      (state == "queued"    ? counts.queued
       : state == "running" ? counts.running
       : state == "done"    ? counts.done
                            : counts.failed) = n;
    }
    const ResultPtr recent = db_.query(
        std::string("SELECT coalesce(sum(pages), 0), count(*) FROM jobs WHERE state = 'done' AND "
                    "finished_at >= ") +
            kNow + " - $1",
        {std::to_string(recent_seconds)});
    counts.pages_recent = number_at(recent.get(), 0, 0);
    counts.documents_recent = number_at(recent.get(), 0, 1);
    counts.recent_seconds = recent_seconds;
    return counts;
  }

  std::vector<FailedJob> failures(int limit) override {
    const ResultPtr result = db_.query(
        "SELECT path, coalesce(error, '') FROM jobs WHERE state = 'failed' ORDER BY finished_at "
        "DESC, path LIMIT $1",
        {std::to_string(limit)});
    std::vector<FailedJob> failed;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      failed.push_back({PQgetvalue(result.get(), row, 0), PQgetvalue(result.get(), row, 1)});
    }
    return failed;
  }

 private:
  PgConnection db_;
};

}  // namespace

std::unique_ptr<WorkQueue> WorkQueue::open(const std::string& url) {
  if (!Database::is_url(url)) {
    throw InputError(url, "database",
                     "the work queue needs PostgreSQL (--db postgresql://…): a SQLite file is "
                     "not shared between machines; use 'kpiform import' with it");
  }
  return std::make_unique<PostgresQueue>(url);
}

}  // namespace kpiform::store
