#include <httplib.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "kpiform/extract/scan.h"
#include "kpiform/normalize/record_builder.h"
#include "kpiform/review/review.h"
#include "kpiform/schema/checks.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "web_files.h"

namespace kpiform::review {

namespace {

using Json = nlohmann::ordered_json;

Json json_or_null(const std::optional<std::string>& text) {
  return text ? Json(*text) : Json();
}

Json box_json(const cells::Box& box) {
  return {box.x0, box.y0, box.x1, box.y1};
}

std::string json_text(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

int failed_in(const schema::Record& record) {
  return static_cast<int>(std::count_if(record.checks.begin(), record.checks.end(),
                                        [](const schema::Check& check) { return !check.ok; }));
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// The workbench's state: one database connection (used under the mutex)
// and the page images rendered so far.
class Workbench {
 public:
  explicit Workbench(const ServerOptions& options)
      : options_(options),
        db_(store::Database::open(options.database, store::Database::Mode::kReadWrite)) {}

  // The queue: forms ordered by doubt (failed checks, then fields read with
  // low confidence, then text the reader repaired, then the rest), each with
  // what makes it doubtful.
  Json forms(const httplib::Request& request) {
    std::lock_guard lock(mutex_);
    const std::string department = request.get_param_value("department");
    const std::string year = request.get_param_value("year");
    const std::string status = request.get_param_value("status");
    const auto summaries = db_->form_summaries(options_.min_confidence);
    const auto corrections = corrections_by_form(*db_);
    Json counts = {{"forms", 0}, {"to_review", 0}, {"reviewed", 0}, {"failed_checks", 0}};
    std::vector<std::pair<int, Json>> listed;
    for (const store::FormSummary& summary : summaries) {
      const int failed = failed_checks(summary, corrections);
      const bool reviewed = summary.reviewed_by.has_value();
      counts["forms"] = counts["forms"].get<int>() + 1;
      counts[reviewed ? "reviewed" : "to_review"] =
          counts[reviewed ? "reviewed" : "to_review"].get<int>() + 1;
      if (failed > 0) counts["failed_checks"] = counts["failed_checks"].get<int>() + 1;
      if (!department.empty() && summary.department.value_or("") != department) continue;
      if (!year.empty() && (!summary.year || std::to_string(*summary.year) != year)) continue;
      if (status == "reviewed" && !reviewed) continue;
      if (status == "to-review" && reviewed) continue;
      const int tier = failed > 0                   ? 0
                       : summary.low_confidence > 0 ? 1
                       : summary.repairs > 0        ? 2
                                                    : 3;
      listed.emplace_back(tier, summary_json(summary, failed));
    }
    std::stable_sort(listed.begin(), listed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Json list = Json::array();
    for (auto& [tier, json] : listed) list.push_back(std::move(json));
    return {{"counts", counts}, {"forms", list}};
  }

  // One form: its record with the corrections applied, its cells and
  // checks, or nullopt when there is no such form.
  std::optional<Json> form(long long id) {
    std::lock_guard lock(mutex_);
    return form_locked(id);
  }

  // Adds a correction; the status and the answer.
  std::pair<int, Json> correct(long long id, const Json& body) {
    std::lock_guard lock(mutex_);
    const auto stored = db_->form(id, options_.min_confidence);
    if (!stored) return {404, {{"error", "no form " + std::to_string(id)}}};
    if (!body.is_object() || !body.contains("field") || !body["field"].is_string() ||
        !body.contains("value") || !body["value"].is_string()) {
      return {400, {{"error", "a correction is {\"field\": PATH, \"value\": TEXT}"}}};
    }
    const std::string named = body["field"].get<std::string>();
    const auto field = schema::field_path_named(named);
    if (!field) return {400, {{"error", "no field '" + named + "' in this record"}}};
    schema::Record record = corrected_record(*stored);
    if (const auto why = normalize::apply_correction(record, *field, body["value"])) {
      return {400, {{"error", *why}}};
    }
    const int current = static_cast<int>(stored->corrections.size());
    const int seen = body.contains("revision") && body["revision"].is_number_integer()
                         ? body["revision"].get<int>()
                         : current;
    store::Correction correction;
    correction.sha256 = stored->summary.sha256;
    correction.form_position = stored->summary.position;
    correction.revision = seen + 1;
    correction.field = *field;
    correction.extracted = normalize::field_text(stored->record, *field);
    correction.value = body["value"].get<std::string>();
    correction.reviewer = reviewer_in(body);
    if (body.contains("reason") && body["reason"].is_string()) {
      correction.reason = body["reason"].get<std::string>();
    }
    if (seen != current || !db_->add_correction(correction)) {
      return {409,
              {{"error", "the form was corrected by someone else since it was shown (revision " +
                             std::to_string(current) + ", shown " + std::to_string(seen) +
                             "): reload it"}}};
    }
    return {201, *form_locked(id)};
  }

  // Records that a field's value, as it now stands, is right.
  std::pair<int, Json> confirm(long long id, const Json& body) {
    std::lock_guard lock(mutex_);
    const auto stored = db_->form(id, options_.min_confidence);
    if (!stored) return {404, {{"error", "no form " + std::to_string(id)}}};
    if (!body.is_object() || !body.contains("field") || !body["field"].is_string()) {
      return {400, {{"error", "a confirmation is {\"field\": PATH}"}}};
    }
    const std::string named = body["field"].get<std::string>();
    const auto field = schema::field_path_named(named);
    const bool read =
        field && std::any_of(stored->cells.begin(), stored->cells.end(),
                             [&](const cells::FieldSource& cell) { return cell.field == *field; });
    if (!read) return {400, {{"error", "the form has no field " + named + " read from its pages"}}};
    const schema::Record record = corrected_record(*stored);
    store::Confirmation confirmation;
    confirmation.sha256 = stored->summary.sha256;
    confirmation.form_position = stored->summary.position;
    confirmation.field = *field;
    confirmation.value = normalize::field_text(record, *field);
    confirmation.reviewer = reviewer_in(body);
    db_->add_confirmation(confirmation);
    return {201, *form_locked(id)};
  }

  std::pair<int, Json> mark_reviewed(long long id, const Json& body) {
    std::lock_guard lock(mutex_);
    const auto stored = db_->form(id, options_.min_confidence);
    if (!stored) return {404, {{"error", "no form " + std::to_string(id)}}};
    const std::string reviewer = reviewer_in(body);
    db_->mark_reviewed(stored->summary.sha256, stored->summary.position, reviewer);
    return {200, {{"reviewed", id}, {"by", reviewer}}};
  }

  // A page of the form's document as JPEG, or the status and why not.
  std::pair<int, std::string> page_image(long long id, int page) {
    std::string path, sha256;
    std::optional<schema::Method> method;
    {
      std::lock_guard lock(mutex_);
      const auto stored = db_->form(id, options_.min_confidence);
      if (!stored) return {404, "no form " + std::to_string(id)};
      path = stored->summary.path;
      sha256 = stored->summary.sha256;
      method = stored->summary.method;
    }
    if (const auto why = source_problem(path, sha256)) return {409, *why};
    {
      std::lock_guard lock(mutex_);
      if (const auto cached = images_.find({sha256, page}); cached != images_.end()) {
        return {200, cached->second};
      }
    }
    try {
      extract::ScanOptions scan;
      const auto mode =
          method == schema::Method::kOcr ? extract::OcrMode::kAlways : extract::OcrMode::kAuto;
      const cells::PageImage image =
          extract::read_page_image(path, page, mode, options_.image_dpi, scan);
      std::lock_guard lock(mutex_);
      // A few pages of the forms in hand; a page costs about 100 KB.
      if (images_.size() > 256) images_.clear();
      images_[{sha256, page}] = image.jpeg;
      return {200, image.jpeg};
    } catch (const InputError& error) {
      return {422, error.what()};
    }
  }

 private:
  // Who a request says it is by, else --reviewer.
  std::string reviewer_in(const Json& body) const {
    if (body.is_object() && body.contains("reviewer") && body["reviewer"].is_string() &&
        !body["reviewer"].get<std::string>().empty()) {
      return body["reviewer"].get<std::string>();
    }
    return options_.reviewer;
  }

  // Failed checks now: as imported, or as the corrections leave them.
  int failed_checks(const store::FormSummary& summary, const CorrectionsByForm& corrections) {
    if (!corrections.count({summary.sha256, summary.position})) return summary.failed_checks;
    const auto stored = db_->form(summary.id, options_.min_confidence);
    if (!stored) return summary.failed_checks;
    return failed_in(corrected_record(*stored));
  }

  // The form's record as its corrections leave it (checks run again).
  static schema::Record corrected_record(const store::StoredForm& stored) {
    schema::Record record = stored.record;
    apply_corrections(record, stored.corrections);
    return record;
  }

  static Json summary_json(const store::FormSummary& summary, int failed_checks) {
    return {{"id", summary.id},
            {"document", summary.path},
            {"project_name", json_or_null(summary.project_name)},
            {"year", summary.year ? Json(*summary.year) : Json()},
            {"department", json_or_null(summary.department)},
            {"doubts",
             {{"failed_checks", failed_checks},
              {"low_confidence", summary.low_confidence},
              {"repairs", summary.repairs},
              {"corrections", summary.corrections}}},
            {"status", summary.reviewed_by ? "reviewed" : "to-review"},
            {"reviewed_by", json_or_null(summary.reviewed_by)}};
  }

  std::optional<Json> form_locked(long long id) {
    const auto stored = db_->form(id, options_.min_confidence);
    if (!stored) return std::nullopt;
    schema::Record record = stored->record;
    const std::vector<schema::FieldPath> corrected = apply_corrections(record, stored->corrections);
    std::vector<schema::FieldPath> failing;
    Json checks = Json::array();
    for (const schema::Check& check : record.checks) {
      Json fields = Json::array();
      if (!check.ok) {
        for (const schema::FieldPath& field : schema::check_fields(record, check)) {
          fields.push_back(schema::to_string(field));
          failing.push_back(field);
        }
      }
      checks.push_back({{"rule", schema::to_string(check.rule)},
                        {"ok", check.ok},
                        {"message", check.message},
                        {"fields", fields}});
    }
    auto has = [](const std::vector<schema::FieldPath>& list, const schema::FieldPath& field) {
      return std::find(list.begin(), list.end(), field) != list.end();
    };
    Json cells = Json::array();
    for (const cells::FieldSource& source : stored->cells) {
      Json origins = Json::array();
      const cells::Repair* repair = nullptr;
      for (const cells::Origin& origin : source.read.origins) {
        origins.push_back({{"page", origin.page}, {"box", box_json(origin.box)}});
        if (!repair) repair = cells::repair_at(stored->repairs, origin);
      }
      const std::optional<std::string> value = normalize::field_text(record, source.field);
      // A confirmation stands for the value confirmed, not for a later correction.
      Json confirmed;
      for (const store::Confirmation& confirmation : stored->confirmations) {
        if (confirmation.field == source.field && confirmation.value == value) {
          confirmed = {{"by", confirmation.reviewer}, {"at", confirmation.confirmed_at}};
        }
      }
      const bool failing_now = has(failing, source.field);
      const bool low = source.read.confidence < options_.min_confidence;
      cells.push_back(
          {{"field", schema::to_string(source.field)},
           {"text", source.read.text},
           {"value", json_or_null(value)},
           {"confidence", source.read.confidence},
           {"alternatives", source.read.alternatives},
           {"origins", origins},
           {"repair",
            repair ? Json{{"read", repair->read}, {"became", repair->became}, {"why", repair->why}}
                   : Json()},
           {"corrected", has(corrected, source.field)},
           {"confirmed", confirmed},
           {"failing", failing_now},
           // A confirmed value is no longer in doubt, unless a check still fails on it.
           {"doubtful", failing_now || ((low || repair) && confirmed.is_null())}});
    }
    Json corrections = Json::array();
    for (const store::Correction& correction : stored->corrections) {
      corrections.push_back({{"revision", correction.revision},
                             {"field", schema::to_string(correction.field)},
                             {"extracted", json_or_null(correction.extracted)},
                             {"value", correction.value},
                             {"reviewer", correction.reviewer},
                             {"corrected_at", correction.corrected_at},
                             {"reason", correction.reason}});
    }
    Json repairs = Json::array();
    for (const cells::Repair& repair : stored->repairs) {
      repairs.push_back({{"field", repair.field},
                         {"page", repair.where.page},
                         {"box", box_json(repair.where.box)},
                         {"read", repair.read},
                         {"became", repair.became},
                         {"why", repair.why}});
    }
    Json confirmations = Json::array();
    for (const store::Confirmation& confirmation : stored->confirmations) {
      confirmations.push_back({{"field", schema::to_string(confirmation.field)},
                               {"value", json_or_null(confirmation.value)},
                               {"reviewer", confirmation.reviewer},
                               {"confirmed_at", confirmation.confirmed_at}});
    }
    const int failed = failed_in(record);
    Json form = summary_json(stored->summary, failed);
    form["sha256"] = stored->summary.sha256;
    form["first_page"] = record.source.first_page ? Json(*record.source.first_page) : Json();
    form["last_page"] = record.source.last_page ? Json(*record.source.last_page) : Json();
    form["image_dpi"] = options_.image_dpi;
    form["revision"] = static_cast<int>(stored->corrections.size());
    form["record"] = Json::parse(schema::record_to_json(record, schema::JsonStyle::kOneLine));
    form["checks"] = checks;
    form["cells"] = cells;
    form["corrections"] = corrections;
    form["repairs"] = repairs;
    form["confirmations"] = confirmations;
    form["source_problem"] =
        json_or_null(source_problem(stored->summary.path, stored->summary.sha256));
    return form;
  }

  // Why the document's pages cannot be shown as imported: moved or changed.
  std::optional<std::string> source_problem(const std::string& path, const std::string& sha256) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
      return "the source " + path + " is not where it was imported from (moved or deleted)";
    }
    const std::string key = path + '\n' + std::to_string(status.st_size) + '\n' +
                            std::to_string(status.st_mtim.tv_sec) + '.' +
                            std::to_string(status.st_mtim.tv_nsec);
    std::optional<std::string> digest;
    {
      std::lock_guard lock(digest_mutex_);
      if (const auto found = digests_.find(key); found != digests_.end()) digest = found->second;
    }
    if (!digest) {
      try {
        digest = extract::file_sha256(path);
      } catch (const InputError& error) {
        return std::string("the source cannot be read: ") + error.what();
      }
      std::lock_guard lock(digest_mutex_);
      digests_[key] = *digest;
    }
    if (*digest != sha256) {
      return "the source " + path + " has changed since it was imported (its SHA-256 differs)";
    }
    return std::nullopt;
  }

  ServerOptions options_;
  std::mutex mutex_;  // guards db_ and images_
  std::unique_ptr<store::Database> db_;
  std::map<std::pair<std::string, int>, std::string> images_;
  std::mutex digest_mutex_;
  std::map<std::string, std::string> digests_;  // "path, size, mtime" → sha256
};

void send_json(httplib::Response& response, int status, const Json& body) {
  response.status = status;
  response.set_content(json_text(body), "application/json; charset=utf-8");
}

// The page and API refuse what another site's page could make a browser
// send: requests for another host name (DNS rebinding), state changes from
// another origin or not as JSON, and, with a token, requests without it.
class Guard {
 public:
  Guard(const ServerOptions& options, int port) : options_(options), port_(port) {}

  std::optional<std::pair<int, std::string>> refuse(const httplib::Request& request) const {
    const std::string host = request.get_header_value("Host");
    if (!allowed_host(host)) return std::pair{403, "unknown host '" + host + "'"};
    // The page, its script and style hold no data: only the API needs the token.
    if (!options_.token.empty() && request.path.rfind("/api/", 0) == 0) {
      const std::string bearer = "Bearer " + options_.token;
      if (request.get_header_value("Authorization") != bearer &&
          request.get_param_value("token") != options_.token) {
        return std::pair{401, std::string("this workbench needs its token")};
      }
    }
    if (request.method == "POST") {
      const std::string origin = request.get_header_value("Origin");
      if (!origin.empty() && origin != "http://" + host) {
        return std::pair{403, "cross-site request refused (origin " + origin + ")"};
      }
      if (request.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
        return std::pair{415, std::string("send JSON (Content-Type: application/json)")};
      }
    }
    return std::nullopt;
  }

 private:
  bool allowed_host(const std::string& host) const {
    const std::string port = ":" + std::to_string(port_);
    for (const std::string& name : {options_.host, std::string("127.0.0.1"),
                                    std::string("localhost"), std::string("[::1]")}) {
      if (host == name + port) return true;
    }
    return false;
  }

  const ServerOptions& options_;
  int port_;
};

std::optional<long long> id_in(const httplib::Request& request) {
  try {
    return std::stoll(request.matches[1].str());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Json body_of(const httplib::Request& request) {
  return Json::parse(request.body, nullptr, false);
}

}  // namespace

int serve(const ServerOptions& options, std::ostream& out, std::ostream& err) {
  if (!is_loopback(options.host) && options.token.empty()) {
    err << "kpiform review: listening on " << options.host
        << " (not loopback) needs --token, which every request then carries\n";
    return 2;
  }
  std::unique_ptr<Workbench> workbench;
  try {
    workbench = std::make_unique<Workbench>(options);
  } catch (const InputError& error) {
    err << error.what() << '\n';
    return 1;
  }
  httplib::Server server;
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    err << "kpiform review: cannot listen on " << options.host << ":" << options.port
        << " (in use, or not an address of this machine)\n";
    return 1;
  }
  const Guard guard(options, port);
  server.set_pre_routing_handler([&](const httplib::Request& request, httplib::Response& response) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' blob:; frame-ancestors 'none'");
    response.set_header("Cache-Control", "no-store");
    if (const auto refused = guard.refuse(request)) {
      send_json(response, refused->first, {{"error", refused->second}});
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto serve_file = [&](const std::string& route, std::string_view content, const char* type) {
    server.Get(route, [content, type](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(content), type);
    });
  };
  serve_file("/", k_review_html, "text/html; charset=utf-8");
  serve_file("/review.js", k_review_js, "text/javascript; charset=utf-8");
  serve_file("/review.css", k_review_css, "text/css; charset=utf-8");
  server.Get("/api/forms", [&](const httplib::Request& request, httplib::Response& response) {
    send_json(response, 200, workbench->forms(request));
  });
  server.Get(R"(/api/forms/(\d+))",
             [&](const httplib::Request& request, httplib::Response& response) {
               const auto id = id_in(request);
               const auto form = id ? workbench->form(*id) : std::nullopt;
               if (!form) return send_json(response, 404, {{"error", "no such form"}});
               send_json(response, 200, *form);
             });
  // A change to one form: its id from the path, the answer from the workbench.
  using FormChange = std::pair<int, Json> (Workbench::*)(long long, const Json&);
  auto post = [&](const std::string& route, FormChange change) {
    server.Post(route, [&, change](const httplib::Request& request, httplib::Response& response) {
      const auto id = id_in(request);
      if (!id) return send_json(response, 404, {{"error", "no such form"}});
      const auto [status, body] = (workbench.get()->*change)(*id, body_of(request));
      send_json(response, status, body);
    });
  };
  post(R"(/api/forms/(\d+)/corrections)", &Workbench::correct);
  post(R"(/api/forms/(\d+)/confirmations)", &Workbench::confirm);
  post(R"(/api/forms/(\d+)/reviewed)", &Workbench::mark_reviewed);
  server.Get(R"(/api/forms/(\d+)/pages/(\d+)\.jpg)", [&](const httplib::Request& request,
                                                         httplib::Response& response) {
    const auto id = id_in(request);
    int page = 0;
    try {
      page = std::stoi(request.matches[2].str());
    } catch (const std::exception&) {
    }
    const auto [status, content] =
        id ? workbench->page_image(*id, page) : std::pair{404, std::string("no form")};
    response.status = status;
    response.set_content(content, status == 200 ? "image/jpeg" : "text/plain; charset=utf-8");
  });

  // SIGINT and SIGTERM are waited for on a thread of their own (blocked
  // everywhere else, the server's threads included).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  out << "kpiform review: http://" << (options.host == "::1" ? "[::1]" : options.host) << ":"
      << port << "/" << (options.token.empty() ? "" : "?token=" + options.token) << std::endl;
  server.listen_after_bind();
  // Stopped by a signal, or the server failed: wake the stopper either way.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  return 0;
}

}  // namespace kpiform::review
