// The word pools the content generator draws from: places, the sectors a
// fiscal project belongs to (their departments, units, projects, countable
// outputs, activities, beneficiaries and effects), and the sentences clerks
// write into goals and deviation cells.
#pragma once

#include <string>
#include <vector>

namespace kpiform::family {

// A countable output and the unit it is counted in, with a plausible size.
struct Thing {
  std::string name;
  std::string unit;
  int low, high;
};

struct Sector {
  std::string key;  // ASCII, for file names
  // Department names after a province, a city and a municipality.
  std::string province_department, city_department, municipal_department;
  std::vector<std::string> units;  // after a city or county name
  std::vector<std::string> projects;
  std::vector<Thing> things;
  std::vector<std::string> activities;
  std::vector<std::string> beneficiaries;
  std::vector<std::string> effects;
};

const std::vector<Sector>& sectors();
const std::vector<std::string>& provinces();
const std::vector<std::string>& municipalities();
const std::vector<std::string>& cities();
const std::vector<std::string>& counties();

// Qualitative targets and actuals ("显著提升", "达成预期指标").
const std::vector<std::string>& text_targets();
const std::vector<std::string>& text_actuals();
// Clauses of a deviation analysis, joined with "，" or "；".
const std::vector<std::string>& deviation_clauses();

}  // namespace kpiform::family
