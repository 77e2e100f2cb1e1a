// Text set into an HTML page: the audit report, the family corpus's forms.
#pragma once

#include <string>
#include <string_view>

namespace kpiform::text {

// `text` safe as HTML character data and as a quoted attribute value: & < >
// " and ' become character references; every other byte is kept.
std::string html_escaped(std::string_view text);

}  // namespace kpiform::text
