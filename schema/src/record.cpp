#include "kpiform/schema/record.h"

#include <utility>

#include "kpiform/schema/error.h"
#include "kpiform/schema/spellings.h"
#include "kpiform/text/utf8.h"

namespace kpiform {

namespace {

std::string compose_message(const std::string& path, const std::string& stage,
                            const std::string& reason, std::optional<int> page) {
  std::string message = text::printable_name(path);
  if (page) message += ": page " + std::to_string(*page);
  message += ": " + reason + " [" + stage + "]";
  return message;
}

}  // namespace

InputError::InputError(std::string path, std::string stage, std::string reason,
                       std::optional<int> page)
    : std::runtime_error(compose_message(path, stage, reason, page)),
      path_(std::move(path)),
      stage_(std::move(stage)),
      reason_(std::move(reason)),
      page_(page) {}

namespace schema {

namespace {

constexpr Spellings<Method, 3> kMethods{{
    {Method::kTextLayer, "text-layer"},
    {Method::kOcr, "ocr"},
    {Method::kMixed, "mixed"},
}};
constexpr Spellings<ValueKind, 4> kValueKinds{{
    {ValueKind::kQuantity, "quantity"},
    {ValueKind::kRange, "range"},
    {ValueKind::kText, "text"},
    {ValueKind::kEmpty, "empty"},
}};
constexpr Spellings<Op, 5> kOps{{
    {Op::kEq, "="},
    {Op::kGe, ">="},
    {Op::kLe, "<="},
    {Op::kGt, ">"},
    {Op::kLt, "<"},
}};
constexpr Spellings<FundsKey, 4> kFundsKeys{{
    {FundsKey::kTotal, "total"},
    {FundsKey::kCurrentAppropriation, "current_appropriation"},
    {FundsKey::kCarryover, "carryover"},
    {FundsKey::kOther, "other"},
}};
constexpr Spellings<CheckRule, 5> kCheckRules{{
    {CheckRule::kTotalScoreSum, "total_score_sum"},
    {CheckRule::kTotalWeightSum, "total_weight_sum"},
    {CheckRule::kExecutionRate, "execution_rate"},
    {CheckRule::kFundsScore, "funds_score"},
    {CheckRule::kScoreWithinWeight, "score_within_weight"},
}};

}  // namespace

std::vector<int> form_positions(const std::vector<Record>& records) {
  std::vector<int> positions;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const bool same_file = i > 0 && records[i - 1].source.path == records[i].source.path &&
                           records[i - 1].source.sha256 == records[i].source.sha256;
    positions.push_back(same_file ? positions.back() + 1 : 0);
  }
  return positions;
}

const char* to_string(Method method) {
  return spelling_of(kMethods, method);
}
const char* to_string(ValueKind kind) {
  return spelling_of(kValueKinds, kind);
}
const char* to_string(Op op) {
  return spelling_of(kOps, op);
}
const char* to_string(FundsKey key) {
  return spelling_of(kFundsKeys, key);
}
const char* to_string(CheckRule rule) {
  return spelling_of(kCheckRules, rule);
}

std::optional<Method> method_from_string(std::string_view text) {
  return spelled(kMethods, text);
}
std::optional<ValueKind> value_kind_from_string(std::string_view text) {
  return spelled(kValueKinds, text);
}
std::optional<Op> op_from_string(std::string_view text) {
  return spelled(kOps, text);
}
std::optional<FundsKey> funds_key_from_string(std::string_view text) {
  return spelled(kFundsKeys, text);
}
std::optional<CheckRule> check_rule_from_string(std::string_view text) {
  return spelled(kCheckRules, text);
}

}  // namespace schema
}  // namespace kpiform
