#include "stored_document.h"

#include "kpiform/text/utf8.h"

namespace kpiform::cli {

store::Document stored_document(const std::string& path, const std::string& sha256,
                                pipeline::FileOutcome outcome) {
  store::Document document;
  document.path = text::printable_name(path);
  document.sha256 = sha256;
  document.pages = outcome.pages;
  if (outcome.error) {
    document.status = store::DocumentStatus::kFailed;
    document.error = *outcome.error;
    return document;
  }
  document.method =
      outcome.records.empty() ? schema::Method::kTextLayer : outcome.records.front().source.method;
  document.status =
      outcome.records.empty() ? store::DocumentStatus::kNoForm : store::DocumentStatus::kImported;
  document.records = std::move(outcome.records);
  document.sources = std::move(outcome.sources);
  document.repairs = std::move(outcome.repairs);
  return document;
}

}  // namespace kpiform::cli
