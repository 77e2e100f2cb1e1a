#include "ocr_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <map>
#include <memory>
#include <stdexcept>

#include "utf8.h"

namespace kpiform::extract {

namespace {

struct EngineDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using EnginePtr = std::unique_ptr<tesseract::TessBaseAPI, EngineDeleter>;

constexpr const char* kNumberCharacters = "0123456789.,%=-+<>";

// One engine per thread, language set and character set: TessBaseAPI is
// not thread-safe, and starting one costs far more than a cell.
tesseract::TessBaseAPI& engine(const std::string& languages, const char* whitelist = nullptr) {
  thread_local std::map<std::string, EnginePtr> engines;
  const std::string key = languages + (whitelist ? std::string("|") + whitelist : "");
  auto it = engines.find(key);
  if (it != engines.end()) return *it->second;
  EnginePtr api(new tesseract::TessBaseAPI);
  if (api->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    throw std::runtime_error("Tesseract cannot start with languages '" + languages +
                             "' (are tesseract-ocr-chi-sim and tesseract-ocr-eng installed?)");
  }
  api->SetVariable("debug_file", "/dev/null");
  api->SetVariable("preserve_interword_spaces", "1");
  if (whitelist) api->SetVariable("tessedit_char_whitelist", whitelist);
  return *engines.emplace(key, std::move(api)).first->second;
}

std::vector<RecognisedLine> read_lines(tesseract::TessBaseAPI& api, Pix* image, int dpi,
                                       tesseract::PageSegMode mode) {
  api.SetPageSegMode(mode);
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  std::vector<RecognisedLine> lines;
  if (api.Recognize(nullptr) == 0) {
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it) {
      do {
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
        if (!text) continue;
        std::string line = close_cjk_spaces(text.get());
        while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
        if (line.empty()) continue;
        RecognisedLine out{line, it->Confidence(tesseract::RIL_TEXTLINE) / 100.0, 0, 0, 0, 0};
        it->BoundingBox(tesseract::RIL_TEXTLINE, &out.x0, &out.y0, &out.x1, &out.y1);
        lines.push_back(std::move(out));
      } while (it->Next(tesseract::RIL_TEXTLINE));
    }
  }
  api.Clear();
  return lines;
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || c == 0x2014 || c == 0x201C || c == 0x201D;
}

// One line; a line of a few glyphs is sometimes dropped as a line and read
// as a word, or a lone glyph only as a character.
std::vector<RecognisedLine> read_short_line(tesseract::TessBaseAPI& api, Pix* image, int dpi) {
  for (tesseract::PageSegMode mode :
       {tesseract::PSM_SINGLE_LINE, tesseract::PSM_SINGLE_WORD, tesseract::PSM_SINGLE_CHAR}) {
    auto lines = read_lines(api, image, dpi, mode);
    if (!lines.empty()) return lines;
  }
  return {};
}

}  // namespace

std::string close_cjk_spaces(const std::string& text) {
  const std::u32string in = decode_utf8(text);
  std::u32string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == U' ') {
      std::size_t next = i;
      while (next < in.size() && in[next] == U' ') ++next;
      const bool cjk_before = !out.empty() && is_cjk(out.back());
      const bool cjk_after = next < in.size() && is_cjk(in[next]);
      if (out.empty() || next == in.size() || cjk_before || cjk_after) {
        i = next - 1;
        continue;
      }
      out.push_back(U' ');
      i = next - 1;
      continue;
    }
    out.push_back(in[i]);
  }
  return encode_utf8(out);
}

std::vector<RecognisedLine> recognise_line(Pix* image, int dpi, const std::string& languages) {
  // A line of two or three glyphs is sometimes dropped as a line and read
  // as a word.
  auto lines = read_lines(engine(languages), image, dpi, tesseract::PSM_SINGLE_LINE);
  if (lines.empty()) lines = read_lines(engine(languages), image, dpi, tesseract::PSM_SINGLE_WORD);
  return lines;
}

std::vector<RecognisedLine> recognise_number(Pix* image, int dpi) {
  return read_short_line(engine("eng", kNumberCharacters), image, dpi);
}

std::size_t character_count(const std::string& text) {
  return decode_utf8(text).size();
}

bool looks_numeric(const std::string& text) {
  int digits = 0, others = 0;
  for (char32_t c : decode_utf8(text)) {
    if (c >= U'0' && c <= U'9') {
      ++digits;
    } else if (std::u32string_view(U".,%=-+<>≥≤]|[").find(c) == std::u32string_view::npos) {
      ++others;
    }
  }
  return digits > 0 && others <= 1;
}

}  // namespace kpiform::extract
