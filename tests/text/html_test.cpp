#include <gtest/gtest.h>

#include "kpiform/text/html.h"

namespace kpiform {
namespace {

TEST(TextHtml, MarkupCharactersBecomeReferences) {
  EXPECT_EQ(text::html_escaped("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
}

TEST(TextHtml, OtherTextIsKeptByteForByte) {
  EXPECT_EQ(text::html_escaped("≥90% 设备验收达标率"), "≥90% 设备验收达标率");
  EXPECT_EQ(text::html_escaped("&amp;"), "&amp;amp;") << "escaping twice is not undone";
  EXPECT_EQ(text::html_escaped(""), "");
}

}  // namespace
}  // namespace kpiform
