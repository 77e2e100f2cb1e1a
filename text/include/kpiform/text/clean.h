// Cleaning of cell text, as RECORD.md's text rules say.
//
// All functions take and return UTF-8; invalid bytes become U+FFFD. None of
// them applies width folding: "（一期）" stays as printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kpiform::text {

// Joins the lines of one cell: CJK text is joined without a space, a break
// between two Latin words becomes one space (decided by Unicode script).
// Each line is trimmed first; empty lines are dropped.
std::string join_lines(const std::vector<std::string>& lines);

// Maps Kangxi radicals (U+2F00–U+2FDF) and CJK radical supplement characters
// (U+2E80–U+2EFF) to the unified ideograph the page shows (⽬ → 目, ⻓ → 长).
std::string map_radicals(std::string_view text);

// The text of a cell as a record holds it: markup debris (<p>, </p>, <br/>,
// &nbsp; …) removed, radicals mapped as simplified-Chinese fonts draw them
// (⼾ → 户), ― (U+2015) as the dash —, white space at both ends trimmed.
// Other characters are kept as printed ("<建议>" is a title, not markup).
std::string clean_text(std::string_view text);

// A level name without the points some forms print with it: "产出指标(50
// 分)" and "满意度指标（10分）" are 产出指标 and 满意度指标 (points in digits),
// and so are the scan's "效益指标〈24分)" and "产出指标（50分}".
std::string without_level_points(std::string_view name);

// Levenshtein distance in code points (insert, delete, substitute = 1):
// how far an OCR reading is from a word of a closed vocabulary.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The text without any white space (Unicode White_Space and U+FEFF): how
// labels and readings compare, whatever spacing they were printed with.
std::string without_spaces(std::string_view text);

// True when the text holds nothing but white space.
bool is_blank(std::string_view text);

}  // namespace kpiform::text
