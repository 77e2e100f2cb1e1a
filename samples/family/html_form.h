// A family form as HTML for the producers that print HTML: a browser
// (headless Chromium's print to PDF) and an office suite (LibreOffice
// Writer's HTML import, which reads table attributes rather than CSS).
#pragma once

#include <string>

#include "family_form.h"

namespace kpiform::family {

enum class HtmlProducer { kChromium, kLibreOffice };

// The font family named in the page; Chromium embeds Noto CJK (OpenType
// CFF) as Type 3 fonts and WenQuanYi as TrueType.
std::string font_family(const Look& look, bool truetype);

std::string form_html(const FamilyForm& form, HtmlProducer producer, bool truetype_font);

}  // namespace kpiform::family
