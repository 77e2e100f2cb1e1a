// Field-level comparison of records for tests: every difference names the
// field path, the expected and the actual value. Numbers compare with a
// tolerance; arrays of indicators, funds rows and checks are aligned by their
// identity (level3, key, rule), so one missing indicator is one difference.
#pragma once

#include <string>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::testing {

struct Difference {
  std::string path;  // e.g. "indicators[3].target.value"
  std::string expected;
  std::string actual;
};

struct CompareOptions {
  double tolerance = 0.005;
  // Paths left out of the comparison; "[*]" matches any index, and a path
  // matches everything below it. Check messages are explanations, not data.
  std::vector<std::string> ignored = {"checks[*].message"};
};

std::vector<Difference> compare_records(const schema::Record& expected,
                                        const schema::Record& actual,
                                        const CompareOptions& options = {});

// One line per difference, for test failure messages.
std::string describe(const std::vector<Difference>& differences);

}  // namespace kpiform::testing
