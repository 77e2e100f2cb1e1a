// The family corpus's content generator: a new 绩效自评表 from a seed, as
// printed (every cell's text in the wording of some province's template)
// together with its ground-truth record, typed by the contract
// (../docs/RECORD.md) from what was printed, never by kpiform.
//
// Where the contract leaves a reading open, the generator reads as a clerk
// would and says so here:
//   - a date ("2022年12月底前", "二〇二二年底前", "2021年3月") is text;
//   - "达到95%" means at least 95% (op >=); "以内" at most;
//   - "≥95百分比" is 95 with unit "%" (百分比 spells %, as 百分之 does);
//   - a range with a unit after each end ("3家～6家") is not drawn.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "form_table.h"
#include "kpiform/schema/record.h"
#include "printed_form.h"

namespace kpiform::family {

// How one form's producer lays it out; each renderer honours what it can.
struct Look {
  bool landscape = false;
  double body_points = 10;   // 9–11
  double border_pixels = 1;  // 0.5–1.5 CSS px
  double margin_points = 42;
  bool serif = false;
  // Chromium embeds Noto CJK as Type 3 fonts and WenQuanYi as TrueType.
  bool truetype_font = false;
  bool close_split_rows = true;  // cairo only
  bool page_numbers = false;     // cairo only
  // A repeated indicator header on continuation pages (HTML only; a form
  // with the leading 绩效指标 column cannot repeat it: that cell spans the
  // header and every row).
  bool repeat_indicator_header = false;
  samples::TableLook table;
  samples::FormFlow flow;

  double page_width() const { return landscape ? 841.9 : 595.3; }
  double page_height() const { return landscape ? 595.3 : 841.9; }
};

struct FamilyForm {
  std::string name;  // "f0007-2021-campus-renovation": seed and a hint of the content
  schema::Record truth;
  samples::PrintedForm printed;
  Look look;
};

// Deterministic: the same seed gives the same form on every machine.
FamilyForm generate_form(std::uint64_t seed);

// The contract's consistency rules over a record, with the tolerances of
// the printed precision (decimals of the printed 执行率 and funds 得分),
// independent of kpiform's own checks.
std::vector<schema::Check> contract_checks(const schema::Record& record, int rate_decimals,
                                           int funds_score_decimals);

}  // namespace kpiform::family
