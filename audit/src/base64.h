// Base64 (RFC 4648, with padding), for images embedded as data: URLs.
#pragma once

#include <string>
#include <string_view>

namespace kpiform::audit {

std::string base64(std::string_view bytes);

}  // namespace kpiform::audit
