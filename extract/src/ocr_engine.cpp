#include "ocr_engine.h"

#include <omp.h>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kpiform/extract/scan.h"
#include "kpiform/text/utf8.h"
#include "kpiform/text/vocabulary.h"

namespace kpiform::extract {

using text::decode_utf8;
using text::encode_utf8;

namespace {

struct EngineDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};
using EnginePtr = std::unique_ptr<tesseract::TessBaseAPI, EngineDeleter>;

constexpr const char* kNumberCharacters = "0123456789.,%=-+<>";

// An engine for `languages`, or null when it cannot start. Tesseract's own
// messages go nowhere: what went wrong is said by the caller, in one line.
EnginePtr started_engine(const std::string& languages) {
  EnginePtr api(new tesseract::TessBaseAPI);
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
  return api;
}

// One engine per thread, language set and character set: TessBaseAPI is
// not thread-safe, and starting one costs far more than a cell.
tesseract::TessBaseAPI& engine(const std::string& languages, const char* whitelist = nullptr) {
  // Pages are recognised one per worker thread, which keeps the cores busy:
  // OpenMP threads inside Tesseract would only compete with the other
  // workers (and spin: three times slower here). No parallel region of a
  // worker runs in parallel (the setting is the thread's own).
  thread_local const bool serial = (omp_set_max_active_levels(0), true);
  (void)serial;
  thread_local std::map<std::string, EnginePtr> engines;
  const std::string key = languages + (whitelist ? std::string("|") + whitelist : "");
  auto it = engines.find(key);
  if (it != engines.end()) return *it->second;
  EnginePtr api = started_engine(languages);
  if (!api) {
    throw std::runtime_error("Tesseract cannot start with languages '" + languages +
                             "' (are tesseract-ocr-chi-sim and tesseract-ocr-eng installed?)");
  }
  api->SetVariable("preserve_interword_spaces", "1");
  // Cells are dark text on white (the page cleaning sees to it): trying
  // each line inverted as well only costs time. Nor is the Chinese
  // fixed-pitch model of use: it cuts lines into words, and the spaces are
  // decided here from the page (text_of).
  api->SetVariable("tessedit_do_invert", "0");
  api->SetVariable("textord_use_cjk_fp_model", "0");
  if (whitelist) api->SetVariable("tessedit_char_whitelist", whitelist);
  return *engines.emplace(key, std::move(api)).first->second;
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || c == 0x2014 || c == 0x201C || c == 0x201D;
}

// Full-width punctuation carries its own blank (half its em is empty): a
// gap beside it is no space.
bool carries_blank(char32_t c) {
  return std::u32string_view(U"，。、；：？！）》」』”’（《「『“‘〈〉【】").find(c) !=
         std::u32string_view::npos;
}

struct Symbol {
  std::u32string text;
  int x0, y0, x1, y1;
  bool starts_word;
};

// Gray levels darker than this are ink (as the page's binary cut has it).
constexpr l_uint32 kInkLevel = 190;

// The runs of columns with ink in rows [y0, y1) of a line image, left to
// right, each with the height of its ink.
struct InkRun {
  int x0, x1;       // [x0, x1)
  int top, bottom;  // rows of its highest and lowest ink
  int height() const { return bottom - top + 1; }
};
std::vector<InkRun> ink_runs(Pix* image, int y0, int y1) {
  std::vector<InkRun> runs;
  const l_int32 width = pixGetWidth(image), height = pixGetHeight(image);
  y0 = std::max(0, y0);
  y1 = std::min(height, y1);
  if (pixGetDepth(image) != 8 || y0 >= y1) return runs;
  const l_int32 wpl = pixGetWpl(image);
  std::vector<int> top(static_cast<std::size_t>(width), y1), bottom(top.size(), y0 - 1);
  for (l_int32 y = y0; y < y1; ++y) {
    const l_uint32* line = pixGetData(image) + y * wpl;
    for (l_int32 x = 0; x < width; ++x) {
      if (GET_DATA_BYTE(line, x) < kInkLevel) {
        const auto column = static_cast<std::size_t>(x);
        top[column] = std::min(top[column], y);
        bottom[column] = y;
      }
    }
  }
  for (l_int32 x = 0; x < width; ++x) {
    const auto column = static_cast<std::size_t>(x);
    if (bottom[column] < top[column]) continue;
    if (runs.empty() || runs.back().x1 != x) runs.push_back({x, x, top[column], bottom[column]});
    InkRun& run = runs.back();
    run.x1 = x + 1;
    run.top = std::min(run.top, top[column]);
    run.bottom = std::max(run.bottom, bottom[column]);
  }
  return runs;
}

// The middles of the blanks between ink runs wider than `min_width`:
// where the page shows a space.
std::vector<int> wide_blanks(const std::vector<InkRun>& runs, int min_width) {
  std::vector<int> middles;
  for (std::size_t i = 1; i < runs.size(); ++i) {
    if (runs[i].x0 - runs[i - 1].x1 > min_width) {
      middles.push_back((runs[i - 1].x1 + runs[i].x0) / 2);
    }
  }
  return middles;
}

// Punctuation printed in two widths: its ASCII and full-width forms, and
// how the recogniser misreads the full-width one (〈 and 《 for （): only
// paired with a round bracket are those taken for it.
struct TwoWidths {
  char32_t ascii, full;
  std::u32string_view misread;
};
constexpr TwoWidths kTwoWidths[] = {
    {U'(', U'（', U"〈《"}, {U')', U'）', U"〉》"}, {U',', U'，', U""}, {U':', U'：', U""},
    {U';', U'；', U""},     {U'!', U'！', U""},     {U'?', U'？', U""}};

const TwoWidths* two_widths_of(const std::u32string& text) {
  if (text.size() != 1) return nullptr;
  for (const TwoWidths& mark : kTwoWidths) {
    const char32_t c = text.front();
    if (c == mark.ascii || c == mark.full || mark.misread.find(c) != std::u32string_view::npos) {
      return &mark;
    }
  }
  return nullptr;
}

bool is_misread(const std::u32string& text) {
  const TwoWidths* mark = two_widths_of(text);
  return mark && mark->misread.find(text.front()) != std::u32string_view::npos;
}

// The width each mark of two widths was printed in, from its neighbours:
// a full-width mark takes a whole character's room, so the glyphs either
// side of it stand more than a Chinese character's height apart (about
// 1.1 of it in the Song and Hei faces); an ASCII one leaves them about
// half of it apart, 0.7 with a space. A bracket without both neighbours
// (at a line's end) is as wide as its partner; one unknown either way,
// and marks without a neighbour, stay as read.
void with_punctuation_widths(std::vector<Symbol>& symbols, const std::vector<InkRun>& runs) {
  const auto run_of = [&](const Symbol& symbol) {
    const int middle = (symbol.x0 + symbol.x1) / 2;
    std::size_t best = runs.size();
    int distance = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const int d = middle < runs[r].x0    ? runs[r].x0 - middle
                    : middle >= runs[r].x1 ? middle - runs[r].x1 + 1
                                           : 0;
      if (best == runs.size() || d < distance) {
        best = r;
        distance = d;
      }
    }
    return best;
  };
  std::vector<int> heights;
  for (const Symbol& symbol : symbols) {
    if (symbol.text.size() != 1 || !text::is_han(symbol.text.front())) continue;
    const std::size_t r = run_of(symbol);
    if (r < runs.size()) heights.push_back(runs[r].height());
  }
  if (heights.empty()) return;  // no Chinese: ASCII marks
  const auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
  std::nth_element(heights.begin(), middle, heights.end());
  const int character = *middle;

  // A mark's run is narrow (under half a character) and lies under its
  // box, which the recogniser often draws a few pixels into the next glyph.
  const auto mark_run_of = [&](const Symbol& symbol) {
    std::size_t best = runs.size();
    int overlap = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      if ((runs[r].x1 - runs[r].x0) * 2 >= character) continue;
      const int shared = std::min(symbol.x1, runs[r].x1) - std::max(symbol.x0, runs[r].x0);
      if (shared > overlap) {
        best = r;
        overlap = shared;
      }
    }
    return best;
  };
  enum class Width { kUnknown, kAscii, kFull };
  std::vector<Width> widths(symbols.size(), Width::kUnknown);
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (!two_widths_of(symbols[i].text) || is_misread(symbols[i].text)) continue;
    const std::size_t r = mark_run_of(symbols[i]);
    if (r == 0 || r + 1 >= runs.size()) continue;
    const int room = runs[r + 1].x0 - runs[r - 1].x1;
    widths[i] = room * 20 >= character * 19 ? Width::kFull : Width::kAscii;
  }
  // Brackets in pairs: either one's width is the pair's.
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const TwoWidths* mark = two_widths_of(symbols[i].text);
    if (mark && mark->full == U'（') open.push_back(i);
    if (!mark || mark->full != U'）' || open.empty()) continue;
    const std::size_t opener = open.back();
    open.pop_back();
    const bool opener_misread = is_misread(symbols[opener].text);
    const bool closer_misread = is_misread(symbols[i].text);
    if (opener_misread && closer_misread) continue;  // 〈…〉, 《…》 as printed
    Width pair = widths[opener] != Width::kUnknown ? widths[opener] : widths[i];
    // An angle bracket paired with a round one was a full-width round one.
    if (pair == Width::kUnknown && (opener_misread || closer_misread)) pair = Width::kFull;
    widths[opener] = widths[i] = pair;
  }
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (widths[i] == Width::kUnknown) continue;
    const TwoWidths* mark = two_widths_of(symbols[i].text);
    symbols[i].text = widths[i] == Width::kFull ? mark->full : mark->ascii;
  }
}

// Symbols that the recogniser read from one glyph, a Latin letter or mark
// beside a Chinese character ("O〇", "G@〇" for 〇): the letter's box holds
// no ink but that glyph's, which is no wider than a character. A symbol
// with ink of its own stays.
void without_halves_of_one_glyph(std::vector<Symbol>& symbols, const std::vector<InkRun>& runs) {
  // The runs of ink under [x0, x1), as [first, last).
  const auto runs_under = [&](int x0, int x1) {
    std::pair<std::size_t, std::size_t> under{runs.size(), runs.size()};
    for (std::size_t r = 0; r < runs.size(); ++r) {
      if (runs[r].x1 <= x0 || runs[r].x0 >= x1) continue;
      if (under.first == runs.size()) under.first = r;
      under.second = r + 1;
    }
    return under;
  };
  // Letters only: a digit's box leans into the next glyph as often, and a
  // digit beside a Chinese character is what tables print.
  const auto latin = [](const Symbol& symbol) {
    if (symbol.text.size() != 1) return false;
    const char32_t c = symbol.text.front();
    return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || c == U'@';
  };
  const auto chinese = [](const Symbol& symbol) {
    return symbol.text.size() == 1 && is_cjk(symbol.text.front()) &&
           !carries_blank(symbol.text.front());
  };
  // The one run a Chinese symbol lies on, if it is one glyph's: as wide as
  // it is high, give or take a fifth.
  const auto glyph_of = [&](const Symbol& symbol) {
    const auto [first, last] = runs_under(symbol.x0, symbol.x1);
    std::size_t widest = runs.size();
    for (std::size_t r = first; r < last; ++r) {
      if (widest == runs.size() || runs[r].x1 - runs[r].x0 > runs[widest].x1 - runs[widest].x0) {
        widest = r;
      }
    }
    if (widest == runs.size()) return widest;
    const InkRun& run = runs[widest];
    return (run.x1 - run.x0) * 5 > run.height() * 6 ? runs.size() : widest;
  };
  const auto only_on = [&](const Symbol& symbol, std::size_t run) {
    const auto [first, last] = runs_under(symbol.x0, symbol.x1);
    return first == run && last == run + 1;
  };
  std::vector<bool> dropped(symbols.size(), false);
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (!chinese(symbols[i])) continue;
    const std::size_t r = glyph_of(symbols[i]);
    if (r == runs.size()) continue;
    for (std::size_t j = i; j > 0 && latin(symbols[j - 1]) && only_on(symbols[j - 1], r); --j) {
      dropped[j - 1] = true;
    }
    for (std::size_t j = i + 1; j < symbols.size() && latin(symbols[j]) && only_on(symbols[j], r);
         ++j) {
      dropped[j] = true;
    }
  }
  std::vector<Symbol> kept;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (!dropped[i]) kept.push_back(std::move(symbols[i]));
  }
  symbols = std::move(kept);
}

// The line's text from its symbols. Between Latin letters and digits the
// recogniser's word breaks are the spaces; next to a Chinese character its
// breaks are noise (it splits every few characters), so there a space is
// kept only where the page shows one: a blank wider than a quarter of a
// character (a space is about a third; two characters are a sixth apart). Symbol boxes are rough,
// their middles are in order: a blank belongs between the two symbols
// whose middles it lies between.
RecognisedLine text_of(std::vector<Symbol> symbols, Pix* image, int line_y0, int line_y1) {
  // The ink is measured only beside Chinese: a line of Latin text or digits
  // has neither full-width marks nor breaks that need the page's blanks.
  const bool chinese = std::any_of(symbols.begin(), symbols.end(), [](const Symbol& symbol) {
    return !symbol.text.empty() && is_cjk(symbol.text.front());
  });
  const std::vector<InkRun> runs =
      chinese ? ink_runs(image, line_y0, line_y1) : std::vector<InkRun>{};
  without_halves_of_one_glyph(symbols, runs);
  with_punctuation_widths(symbols, runs);
  std::vector<int> heights;
  for (const Symbol& symbol : symbols) {
    if (!symbol.text.empty() && is_cjk(symbol.text.front())) {
      heights.push_back(symbol.y1 - symbol.y0);
    }
  }
  int em = 0;
  if (!heights.empty()) {
    const auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
    std::nth_element(heights.begin(), middle, heights.end());
    em = *middle;
  }
  const std::vector<int> blanks = em > 0 ? wide_blanks(runs, em / 4) : std::vector<int>{};
  std::u32string out;
  RecognisedLine line{"", 0, 0, 0, 0, 0};
  const Symbol* previous = nullptr;
  for (const Symbol& symbol : symbols) {
    if (symbol.text.empty()) continue;
    if (previous) {
      const char32_t before = out.back();
      const char32_t after = symbol.text.front();
      bool space = symbol.starts_word;
      if (is_cjk(before) || is_cjk(after)) {
        const int from = (previous->x0 + previous->x1) / 2;
        const int to = (symbol.x0 + symbol.x1) / 2;
        space =
            !carries_blank(before) && !carries_blank(after) &&
            std::any_of(blanks.begin(), blanks.end(), [&](int x) { return x > from && x < to; });
      }
      if (space) {
        out.push_back(U' ');
        line.spans.emplace_back(previous->x1, symbol.x0);
      }
    }
    out += symbol.text;
    line.spans.insert(line.spans.end(), symbol.text.size(), {symbol.x0, symbol.x1});
    previous = &symbol;
  }
  line.text = encode_utf8(out);
  return line;
}

std::vector<RecognisedLine> read_lines(tesseract::TessBaseAPI& api, Pix* image, int dpi,
                                       tesseract::PageSegMode mode) {
  api.SetPageSegMode(mode);
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  std::vector<RecognisedLine> lines;
  if (api.Recognize(nullptr) == 0) {
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    bool more = it && !it->Empty(tesseract::RIL_TEXTLINE);
    while (more) {
      RecognisedLine out{"", it->Confidence(tesseract::RIL_TEXTLINE) / 100.0, 0, 0, 0, 0};
      it->BoundingBox(tesseract::RIL_TEXTLINE, &out.x0, &out.y0, &out.x1, &out.y1);
      std::vector<Symbol> symbols;
      while (true) {
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_SYMBOL));
        Symbol symbol{text ? decode_utf8(text.get()) : U"",    0, 0, 0, 0,
                      it->IsAtBeginningOf(tesseract::RIL_WORD)};
        it->BoundingBox(tesseract::RIL_SYMBOL, &symbol.x0, &symbol.y0, &symbol.x1, &symbol.y1);
        symbols.push_back(std::move(symbol));
        if (it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_SYMBOL)) break;
        if (!it->Next(tesseract::RIL_SYMBOL)) break;
      }
      RecognisedLine assembled = text_of(symbols, image, out.y0, out.y1);
      out.text = std::move(assembled.text);
      out.spans = std::move(assembled.spans);
      while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) {
        out.text.pop_back();
        out.spans.pop_back();
      }
      if (!out.text.empty()) lines.push_back(std::move(out));
      more = it->Next(tesseract::RIL_TEXTLINE);
    }
  }
  api.Clear();
  return lines;
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

std::optional<std::string> check_languages(const std::string& languages) {
  // Where Tesseract looks for models, learnt from an engine that fails at
  // once (loading the languages themselves would cost a model's memory).
  tesseract::TessBaseAPI probe;
  probe.SetVariable("debug_file", "/dev/null");
  probe.Init(nullptr, "kpiform-probe-of-the-data-folder", tesseract::OEM_LSTM_ONLY);
  const std::filesystem::path folder = probe.GetDatapath() ? probe.GetDatapath() : "";
  probe.End();
  std::vector<std::string> installed;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".traineddata") installed.push_back(entry.path().stem());
  }
  std::sort(installed.begin(), installed.end());
  std::string missing;
  std::size_t begin = 0;
  while (begin <= languages.size()) {
    const std::size_t end = std::min(languages.find('+', begin), languages.size());
    const std::string language = languages.substr(begin, end - begin);
    if (std::find(installed.begin(), installed.end(), language) == installed.end()) {
      missing += (missing.empty() ? "'" : ", '") + language + "'";
    }
    begin = end + 1;
  }
  if (missing.empty()) return std::nullopt;
  std::string list;
  for (const std::string& language : installed) list += (list.empty() ? "" : ", ") + language;
  return "Tesseract has no traineddata for " + missing + " in " + folder.string() +
         " (installed: " + (list.empty() ? "none" : list) + ")";
}

}  // namespace kpiform::extract
