#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <ostream>

#include "app.h"
#include "commands.h"
#include "kpiform/review/review.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kReviewUsage =
    "Usage: kpiform review --db PATH|URL [options]\n\n"
    "Opens the review workbench over an import database: a local web page\n"
    "that lists the forms by doubt (failed checks first, then fields read\n"
    "with low confidence, then text the reader repaired), shows each page\n"
    "with its cells, and lets an auditor confirm or correct every value\n"
    "beside its pixels. Corrections and confirmations are kept in the\n"
    "database (tables corrections and confirmations: who, when, old and new\n"
    "value, why); the extraction is never overwritten. 'kpiform export'\n"
    "applies the corrections (--as-extracted leaves them out); 'kpiform\n"
    "audit --db' shows them beside the pixels. With PostgreSQL several\n"
    "reviewers may work at once: a correction made on a view another has\n"
    "changed since is refused (reload), never lost. Stop with Ctrl-C.\n\n"
    "In the form view: Tab or the arrow keys walk the doubtful cells, Enter\n"
    "confirms the value in the box (or saves the one typed) and goes to the\n"
    "next doubtful one, Ctrl-Enter marks the form reviewed and opens the next.\n\n"
    "Examples:\n"
    "  kpiform review --db forms.sqlite              # then open http://127.0.0.1:8080/\n"
    "  kpiform review --db forms.sqlite --listen 127.0.0.1:0 --reviewer 张三\n"
    "  kpiform review --db forms.sqlite --listen 10.0.0.5:8080 --token \"$(openssl rand -hex "
    "16)\"\n\n"
    "Exit status: 0 stopped, 1 the database cannot be opened or the address\n"
    "not bound, 2 usage error.\n\n";

// "HOST:PORT", "[::1]:PORT" or ":PORT" (loopback).
bool parse_listen(const std::string& text, std::string& host, int& port) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "127.0.0.1";
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    return used == text.size() - colon - 1 && port >= 0 && port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

std::string login_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const char* name = getlogin(); name && *name) return name;
  return "reviewer";
}

}  // namespace

int run_review(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(),
      "the import database: a SQLite file or a postgresql:// URL (required)")(
      "listen", po::value<std::string>()->default_value("127.0.0.1:8080"),
      "HOST:PORT to serve on; port 0 takes a free one. Other than loopback needs --token")(
      "token", po::value<std::string>(),
      "a secret every request must carry (the page's address has it as ?token=)")(
      "reviewer", po::value<std::string>(), "who the corrections are by (default: $USER)")(
      "min-confidence", po::value<std::string>()->default_value("0.6"),
      "fields read with less confidence are doubtful (0.6 or 60%)")(
      "image-dpi", po::value<int>()->default_value(150), "resolution of the page images shown");
  po::variables_map vm;
  if (const auto done =
          parse_command_line(args, options, "review", kReviewUsage, vm, out, err, Inputs::kNone)) {
    return *done;
  }
  if (!vm.count("db")) return usage_error(err, "--db PATH is required", "review");
  review::ServerOptions server;
  server.database = vm["db"].as<std::string>();
  if (!parse_listen(vm["listen"].as<std::string>(), server.host, server.port)) {
    return usage_error(err, "--listen must be HOST:PORT (127.0.0.1:8080)", "review");
  }
  if (vm.count("token")) server.token = vm["token"].as<std::string>();
  server.reviewer = vm.count("reviewer") ? vm["reviewer"].as<std::string>() : login_name();
  const auto confidence = parse_fraction(vm["min-confidence"].as<std::string>());
  if (!confidence) return usage_error(err, "--min-confidence must be from 0 to 1", "review");
  server.min_confidence = *confidence;
  server.image_dpi = vm["image-dpi"].as<int>();
  if (server.image_dpi < 30 || server.image_dpi > 300) {
    return usage_error(err, "--image-dpi must be from 30 to 300", "review");
  }
  return review::serve(server, out, err);
}

}  // namespace kpiform::cli
