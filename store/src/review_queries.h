// The review's reads and writes (forms by doubt, cells, repairs,
// corrections, confirmations, reviews), written once for both engines over
// the little each engine supplies: queries with `?` placeholders answered as
// rows of text.
// Private to store/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpiform/store/database.h"
#include "rows.h"

namespace kpiform::store {

using TextRow = std::vector<std::optional<std::string>>;  // a NULL is nullopt

class SqlRunner {
 public:
  virtual ~SqlRunner() = default;
  // Runs `sql` (placeholders `?`, bound to `parameters` in order); its rows
  // as text. Throws InputError naming the database on failure.
  virtual std::vector<TextRow> select(const std::string& sql, const Row& parameters) = 0;
  // Runs a statement; false when it broke a UNIQUE constraint.
  virtual bool execute(const std::string& sql, const Row& parameters) = 0;
  // What makes ORDER BY compare text by its bytes (" COLLATE \"C\"" in
  // PostgreSQL, whatever the server's locale; nothing in SQLite).
  virtual const char* byte_order() const = 0;
  virtual const std::string& location() const = 0;
};

std::vector<FormSummary> form_summaries(SqlRunner& sql, double min_confidence,
                                        std::optional<long long> only_id = std::nullopt);
std::optional<StoredForm> stored_form(SqlRunner& sql, long long id, double min_confidence);
bool add_correction(SqlRunner& sql, const Correction& correction);
void add_confirmation(SqlRunner& sql, const Confirmation& confirmation);
void mark_reviewed(SqlRunner& sql, const std::string& sha256, int form_position,
                   const std::string& reviewer);
// The corrections of a document (sha256), of one form of it (and its
// position) or, with neither, all.
std::vector<Correction> corrections(SqlRunner& sql, const std::optional<std::string>& sha256 = {},
                                    std::optional<int> form_position = {});
// The confirmations of a document or of one form of it.
std::vector<Confirmation> confirmations(SqlRunner& sql, const std::string& sha256,
                                        std::optional<int> form_position = {});

// A Database whose review is these queries over its own SqlRunner: each
// engine supplies select, execute, byte_order and location only.
class ReviewingDatabase : public Database, public SqlRunner {
 public:
  std::vector<FormSummary> form_summaries(double min_confidence) final {
    return store::form_summaries(*this, min_confidence);
  }
  std::optional<StoredForm> form(long long id, double min_confidence) final {
    return stored_form(*this, id, min_confidence);
  }
  bool add_correction(const Correction& correction) final {
    return store::add_correction(*this, correction);
  }
  void add_confirmation(const Confirmation& confirmation) final {
    store::add_confirmation(*this, confirmation);
  }
  void mark_reviewed(const std::string& sha256, int form_position,
                     const std::string& reviewer) final {
    store::mark_reviewed(*this, sha256, form_position, reviewer);
  }
  std::vector<Correction> corrections() final { return store::corrections(*this); }
  std::vector<Correction> corrections_of(const std::string& sha256) final {
    return store::corrections(*this, sha256);
  }
  std::vector<Confirmation> confirmations_of(const std::string& sha256) final {
    return store::confirmations(*this, sha256);
  }
};

}  // namespace kpiform::store
