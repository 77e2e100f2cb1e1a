#include "commands.h"

namespace kpiform::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"extract", "read forms from PDF files into records (JSON, JSONL or CSV)", &run_extract},
      {"validate", "check record JSON files against the contract and re-run their checks",
       &run_validate},
  };
  return table;
}

}  // namespace kpiform::cli
