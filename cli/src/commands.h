// The table of kpiform commands. Each command parses its own options and
// returns an exit status (see app.h).
#pragma once

#include <boost/program_options.hpp>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace kpiform::pipeline {
struct ExtractOptions;
}  // namespace kpiform::pipeline

namespace kpiform::cli {

using CommandFunction = int (*)(const std::vector<std::string>& args, std::ostream& out,
                                std::ostream& err);

struct Command {
  std::string name;
  std::string summary;
  CommandFunction run;
};

const std::vector<Command>& commands();

// Prints "kpiform: MESSAGE" and a pointer to the help; returns kExitUsage.
int usage_error(std::ostream& err, const std::string& message, const std::string& command);

enum class Inputs { kRequired, kNone };

// Parses a command's `options` (which must hold "help") into `vm`, with
// INPUT... positionals ("input") unless `inputs` is kNone. Returns the exit
// status when the command is done already (help printed, usage error, no
// input or an unwanted one), nullopt to go on.
std::optional<int> parse_command_line(const std::vector<std::string>& args,
                                      const boost::program_options::options_description& options,
                                      const char* command, const char* usage,
                                      boost::program_options::variables_map& vm, std::ostream& out,
                                      std::ostream& err, Inputs inputs = Inputs::kRequired);

// "0.6" or "60%" as 0.6; nullopt unless from 0 to 1.
std::optional<double> parse_fraction(const std::string& text);

// The value of a command's --jobs: an int, by default the cores.
boost::program_options::typed_value<int>* jobs_value();

// --jobs, at least 1 (else the usage error), and at most the cores.
std::optional<std::string> read_jobs(const boost::program_options::variables_map& vm, int& jobs);

// Declares --ocr, --lang, --dpi, --min-confidence, --max-megapixels and
// --max-pages.
void add_ocr_options(boost::program_options::options_description& options);

// Fills the OCR part of `options` from the options add_ocr_options
// declares; returns the usage error, if any (a --lang Tesseract cannot start
// with among them, unless --ocr never).
std::optional<std::string> read_ocr_options(const boost::program_options::variables_map& vm,
                                            pipeline::ExtractOptions& options);

int run_extract(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_import(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_review(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_audit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_enqueue(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_worker(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kpiform::cli
