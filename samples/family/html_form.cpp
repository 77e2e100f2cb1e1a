#include "html_form.h"

#include <cstdio>

#include "kpiform/text/html.h"

namespace kpiform::family {

namespace {

std::string points(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2fpt", value);
  return buffer;
}

// CSS pixels, as LibreOffice reads width attributes.
std::string pixels(double points_value) {
  return std::to_string(static_cast<int>(points_value * 4 / 3 + 0.5));
}

class Writer {
 public:
  Writer(const FamilyForm& form, HtmlProducer producer, bool truetype)
      : form_(form), look_(form.look), producer_(producer), truetype_(truetype) {}

  std::string html() {
    const samples::PrintedTable printed = samples::printed_table(form_.printed, look_.table);
    const samples::Table& table = printed.table;
    out_ += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" +
            text::html_escaped(form_.name) + "</title>\n<style>\n";
    out_ += "@page { size: " + std::string(look_.landscape ? "29.7cm 21cm" : "21cm 29.7cm") +
            "; margin: " + points(look_.margin_points) + "; }\n";
    out_ += "body { margin: 0; font-family: \"" + font_family(look_, truetype_) +
            "\"; font-size: " + points(look_.body_points) + "; }\n";
    out_ += "table { border-collapse: collapse; table-layout: fixed; }\n";
    out_ += "td { border: " + std::to_string(look_.border_pixels) +
            "px solid #000; padding: 2pt 3pt; font-size: " + points(look_.body_points) +
            "; word-break: break-all; overflow-wrap: anywhere; }\n";
    out_ += "p.title { text-align: center; font-weight: bold; margin: 0 0 3pt; font-size: " +
            points(look_.flow.title_size) + "; }\n";
    out_ +=
        "p.year { text-align: center; margin: 0 0 6pt; font-size: " + points(look_.flow.year_size) +
        "; }\n";
    out_ += "table.continued { margin-top: -" + std::to_string(look_.border_pixels) + "px; }\n";
    out_ += "thead { display: table-header-group; }\n</style></head><body>\n";
    if (!look_.table.title_in_table) {
      out_ += "<p class=\"title\">" + text::html_escaped(form_.printed.title) + "</p>\n";
      if (!form_.printed.year_line.empty()) {
        out_ += "<p class=\"year\">" + text::html_escaped(form_.printed.year_line) + "</p>\n";
      }
    }
    const int rows = static_cast<int>(table.rows.size());
    const int split = look_.repeat_indicator_header ? printed.indicator_header_row : -1;
    if (split > 0) {
      open_table(table, "");
      for (int r = 0; r < split; ++r) row(table, r);
      out_ += "</table>\n";
      open_table(table, " class=\"continued\"");
      out_ += "<thead>";
      row(table, split);
      out_ += "</thead><tbody>\n";
      for (int r = split + 1; r < rows; ++r) row(table, r);
      out_ += "</tbody></table>\n";
    } else {
      open_table(table, "");
      for (int r = 0; r < rows; ++r) row(table, r);
      out_ += "</table>\n";
    }
    out_ += "</body></html>\n";
    return out_;
  }

 private:
  void open_table(const samples::Table& table, const std::string& attributes) {
    double width = 0;
    for (double column : table.column_widths) width += column;
    out_ += "<table" + attributes + " style=\"width: " + points(width) + "\"";
    if (producer_ == HtmlProducer::kLibreOffice) {
      out_ += " border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"" + pixels(width) + "\"";
    }
    out_ += ">\n<colgroup>";
    for (double column : table.column_widths) {
      out_ += "<col style=\"width: " + points(column) + "\"";
      if (producer_ == HtmlProducer::kLibreOffice) out_ += " width=\"" + pixels(column) + "\"";
      out_ += ">";
    }
    out_ += "</colgroup>\n";
  }

  void row(const samples::Table& table, int r) {
    out_ += "<tr>";
    for (const samples::Cell& cell : table.rows[static_cast<std::size_t>(r)]) {
      double width = 0;
      for (int c = cell.col; c < cell.col + cell.colspan; ++c) {
        width += table.column_widths[static_cast<std::size_t>(c)];
      }
      const char* align = cell.halign == samples::HAlign::kLeft ? "left" : "center";
      const char* valign = cell.valign == samples::VAlign::kTop ? "top" : "middle";
      out_ += "<td";
      if (cell.colspan > 1) out_ += " colspan=\"" + std::to_string(cell.colspan) + "\"";
      if (cell.rowspan > 1) out_ += " rowspan=\"" + std::to_string(cell.rowspan) + "\"";
      out_ += " style=\"text-align: " + std::string(align) + "; vertical-align: " + valign + "\"";
      if (producer_ == HtmlProducer::kLibreOffice) {
        out_ += " align=\"" + std::string(align) + "\" valign=\"" + valign + "\" width=\"" +
                pixels(width) + "\"";
      }
      out_ += ">" + text::html_escaped(cell.text) + "</td>";
    }
    out_ += "</tr>\n";
  }

  const FamilyForm& form_;
  const Look& look_;
  HtmlProducer producer_;
  bool truetype_;
  std::string out_;
};

}  // namespace

std::string font_family(const Look& look, bool truetype) {
  if (truetype) return look.serif ? "WenQuanYi Zen Hei" : "WenQuanYi Micro Hei";
  return look.serif ? "Noto Serif CJK SC" : "Noto Sans CJK SC";
}

std::string form_html(const FamilyForm& form, HtmlProducer producer, bool truetype_font) {
  return Writer(form, producer, truetype_font).html();
}

}  // namespace kpiform::family
