#include "record_compare.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "kpiform/schema/json.h"

namespace kpiform::testing {

namespace {

using Json = nlohmann::ordered_json;

// "indicators[12].level3" -> "indicators[*].level3"
std::string wildcard_indices(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '[') {
      out += "[*]";
      i = path.find(']', i);
      if (i == std::string::npos) break;
    } else {
      out += path[i];
    }
  }
  return out;
}

bool is_ignored(const std::string& path, const CompareOptions& options) {
  const std::string general = wildcard_indices(path);
  for (const std::string& ignored : options.ignored) {
    for (const std::string* candidate : {&path, &general}) {
      if (candidate->compare(0, ignored.size(), ignored) == 0 &&
          (candidate->size() == ignored.size() || (*candidate)[ignored.size()] == '.' ||
           (*candidate)[ignored.size()] == '[')) {
        return true;
      }
    }
  }
  return false;
}

std::string show(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// What makes an array item the same item in both records.
std::string identity(const Json& item) {
  for (const char* key : {"level3", "rule", "key"}) {
    if (item.is_object() && item.contains(key)) return show(item.at(key));
  }
  return show(item);
}

class Comparer {
 public:
  explicit Comparer(const CompareOptions& options) : options_(options) {}

  void compare(const std::string& path, const Json& expected, const Json& actual) {
    if (is_ignored(path, options_)) return;
    if (expected.is_number() && actual.is_number()) {
      if (std::fabs(expected.get<double>() - actual.get<double>()) > options_.tolerance) {
        report(path, expected, actual);
      }
    } else if (expected.is_object() && actual.is_object()) {
      for (const auto& [key, value] : expected.items()) {
        const std::string child = path.empty() ? key : path + "." + key;
        if (actual.contains(key)) {
          compare(child, value, actual.at(key));
        } else {
          differences_.push_back({child, show(value), "(missing)"});
        }
      }
      for (const auto& [key, value] : actual.items()) {
        if (!expected.contains(key)) {
          differences_.push_back({path + "." + key, "(absent)", show(value)});
        }
      }
    } else if (expected.is_array() && actual.is_array()) {
      compare_arrays(path, expected, actual);
    } else if (expected != actual) {
      report(path, expected, actual);
    }
  }

  std::vector<Difference> take() { return std::move(differences_); }

 private:
  void report(const std::string& path, const Json& expected, const Json& actual) {
    differences_.push_back({path, show(expected), show(actual)});
  }

  // Aligns items by identity with a longest common subsequence, so that an
  // inserted or dropped item does not shift every later one.
  void compare_arrays(const std::string& path, const Json& expected, const Json& actual) {
    const std::size_t n = expected.size();
    const std::size_t m = actual.size();
    if (n == m) {
      for (std::size_t i = 0; i < n; ++i) {
        compare(path + "[" + std::to_string(i) + "]", expected[i], actual[i]);
      }
      return;
    }
    std::vector<std::string> left(n), right(m);
    for (std::size_t i = 0; i < n; ++i) left[i] = identity(expected[i]);
    for (std::size_t j = 0; j < m; ++j) right[j] = identity(actual[j]);
    std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        lcs[i][j] =
            left[i] == right[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (i < n && j < m && left[i] == right[j]) {
        compare(at, expected[i++], actual[j++]);
      } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        differences_.push_back({at, show(expected[i++]), "(missing)"});
      } else {
        differences_.push_back(
            {path + "[+" + std::to_string(j) + "]", "(absent)", show(actual[j++])});
      }
    }
  }

  const CompareOptions& options_;
  std::vector<Difference> differences_;
};

}  // namespace

std::vector<Difference> compare_records(const schema::Record& expected,
                                        const schema::Record& actual,
                                        const CompareOptions& options) {
  Comparer comparer(options);
  comparer.compare("", Json::parse(schema::record_to_json(expected)),
                   Json::parse(schema::record_to_json(actual)));
  return comparer.take();
}

std::string describe(const std::vector<Difference>& differences) {
  std::string text;
  for (const Difference& difference : differences) {
    text += difference.path + ": expected " + difference.expected + ", actual " +
            difference.actual + "\n";
  }
  return text;
}

}  // namespace kpiform::testing
