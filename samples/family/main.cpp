// kpiform-familygen: writes the content of the family corpus for one split:
// each form's ground truth, its HTML for Chromium and LibreOffice, its cairo
// rendering, multi-form files and the plan of what the corpus script still
// renders (browser and office prints, qpdf joins, scans).
//
//   kpiform-familygen OUTDIR FIRST_SEED COUNT
//
// writes OUTDIR/truth/NAME.json (a JSON array of the file's records),
// OUTDIR/html/NAME.PRODUCER.html, OUTDIR/pdf/cairo/NAME.pdf and
// OUTDIR/plan.tsv: one line per corpus input,
//   GROUP <TAB> INPUT <TAB> TRUTH <TAB> HOW <TAB> FROM
// with HOW one of chromium, libreoffice, made (already written), join
// (FROM: the PDFs to join, space separated) and scan:PROFILE (FROM: the PDF
// to scan; PROFILE as kpiform-scangen --profile takes it).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include "family_form.h"
#include "html_form.h"
#include "kpiform/schema/json.h"

namespace fs = std::filesystem;
using namespace kpiform;

namespace {

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

void render_cairo(const fs::path& path, const std::vector<family::FamilyForm>& forms,
                  const family::Look& page_look) {
  fs::create_directories(path.parent_path());
  samples::PageStyle page;
  page.width = page_look.page_width();
  page.height = page_look.page_height();
  page.margin_top = page.margin_bottom = page_look.margin_points;
  page.margin_left = page_look.margin_points;
  page.font_family = page_look.serif ? "Noto Serif CJK SC" : "Noto Sans CJK SC";
  page.font_size = page_look.body_points;
  page.rule_width = page_look.border_pixels * 0.75;
  page.close_split_rows = page_look.close_split_rows;
  page.page_numbers = page_look.page_numbers;
  samples::Document document(path.string(), page);
  for (const family::FamilyForm& form : forms) {
    // Every form of a file shares its page; the table follows the page width.
    family::Look look = form.look;
    const double scale = (page.width - 2 * page.margin_left) /
                         (form.look.page_width() - 2 * form.look.margin_points);
    for (double& width : look.table.funds_widths) width *= scale;
    for (double& width : look.table.indicator_widths) width *= scale;
    look.flow.new_page_per_form = page_look.flow.new_page_per_form;
    samples::draw_form(document, form.printed, look.table, look.flow);
  }
  document.close();
}

std::string records_json(const std::vector<family::FamilyForm>& forms) {
  std::vector<schema::Record> records;
  for (const family::FamilyForm& form : forms) records.push_back(form.truth);
  return schema::records_to_json_array(records) + "\n";
}

// A scan profile: what the scanner and the paper did to one form.
std::string scan_profile(const std::string& group, std::mt19937_64& random) {
  const auto uniform = [&](double low, double high) {
    return low + (high - low) * static_cast<double>(random() >> 11) * 0x1.0p-53;
  };
  const auto chance = [&](double p) { return uniform(0, 1) < p; };
  int dpi = 300;
  bool colour = chance(0.4), seal = false, bilevel = false;
  if (group == "scan-200") dpi = 200;
  if (group == "scan-150") dpi = 150;
  if (group == "scan-seal") {
    dpi = chance(0.5) ? 200 : 300;
    colour = seal = true;
  }
  if (group == "scan-bilevel") {
    dpi = chance(0.5) ? 200 : 300;
    colour = false;
    bilevel = true;
  }
  char profile[256];
  std::snprintf(profile, sizeof profile, "dpi=%d,skew=%.2f,noise=%.1f,jpeg=%d", dpi,
                uniform(-1.5, 1.5), uniform(2, 12), static_cast<int>(uniform(60, 80.99)));
  std::string out = profile;
  if (colour) out += ",colour";
  if (seal) out += ",seal";
  if (bilevel) out += ",bilevel";
  if (!bilevel && chance(0.3)) out += ",blur";
  if (chance(0.25)) out += ",saltpepper";
  if (!bilevel && chance(0.25)) out += ",shadow";
  // Containers: image-only PDF mostly; PNG (one page) or TIFF (several).
  out += bilevel ? ",format=tiff" : (chance(0.3) ? ",format=image" : ",format=pdf");
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: kpiform-familygen OUTDIR FIRST_SEED COUNT\n";
    return 2;
  }
  try {
    const fs::path out = argv[1];
    const std::uint64_t first = std::stoull(argv[2]);
    const int count = std::stoi(argv[3]);
    std::vector<family::FamilyForm> forms;
    for (int i = 0; i < count; ++i)
      forms.push_back(family::generate_form(first + static_cast<std::uint64_t>(i)));

    const std::vector<std::pair<std::string, std::string>> html_producers = {
        {"chromium-type3", "chromium"},
        {"chromium-truetype", "chromium"},
        {"libreoffice", "libreoffice"}};
    const std::vector<std::string> scan_groups = {"scan-300",  "scan-300",    "scan-200",
                                                  "scan-200",  "scan-150",    "scan-seal",
                                                  "scan-seal", "scan-bilevel"};
    std::mt19937_64 random(first);
    std::string plan;
    const auto line = [&](const std::string& group, const fs::path& input, const fs::path& truth,
                          const std::string& how, const std::string& from) {
      plan +=
          group + "\t" + input.string() + "\t" + truth.string() + "\t" + how + "\t" + from + "\n";
    };
    for (std::size_t i = 0; i < forms.size(); ++i) {
      const family::FamilyForm& form = forms[i];
      const fs::path truth = out / "truth" / (form.name + ".json");
      write_text(truth, records_json({form}));
      for (const auto& [group, producer] : html_producers) {
        const bool truetype =
            group == "chromium-truetype" || (group == "libreoffice" && form.look.truetype_font);
        const fs::path html = out / "html" / (form.name + "." + group + ".html");
        write_text(html,
                   family::form_html(form,
                                     producer == "chromium" ? family::HtmlProducer::kChromium
                                                            : family::HtmlProducer::kLibreOffice,
                                     truetype));
        line(group, out / "pdf" / group / (form.name + ".pdf"), truth, producer, html.string());
      }
      const fs::path cairo = out / "pdf" / "cairo" / (form.name + ".pdf");
      render_cairo(cairo, {form}, form.look);
      line("cairo", cairo, truth, "made", "");

      const std::string& scan_group = scan_groups[i % scan_groups.size()];
      const std::string source_group = i % 4 == 3 ? "cairo" : html_producers[i % 4 % 3].first;
      line(scan_group, out / "scan" / (form.name + "." + source_group), truth,
           "scan:" + scan_profile(scan_group, random),
           (out / "pdf" / source_group / (form.name + ".pdf")).string());
    }

    // Multi-form files: 3–5 consecutive forms, joined per producer (each
    // form on new pages) and flowed by cairo (forms start mid-page).
    int multi = 0;
    for (std::size_t start = 0; start + 3 <= forms.size(); start += 9) {
      const std::size_t size = std::min<std::size_t>(forms.size() - start, 3 + multi % 3);
      const std::vector<family::FamilyForm> group(
          forms.begin() + static_cast<std::ptrdiff_t>(start),
          forms.begin() + static_cast<std::ptrdiff_t>(start + size));
      const std::string name = "multi-" + std::to_string(first) + "-" + std::to_string(multi);
      const fs::path truth = out / "truth" / (name + ".json");
      write_text(truth, records_json(group));
      if (multi % 2 == 0) {
        family::Look flowing = group.front().look;
        flowing.flow.new_page_per_form = false;
        const fs::path cairo = out / "pdf" / "multi" / (name + ".cairo.pdf");
        render_cairo(cairo, group, flowing);
        line("multi-form", cairo, truth, "made", "");
      }
      const std::string producer = html_producers[static_cast<std::size_t>(multi) % 3].first;
      std::string parts;
      for (const family::FamilyForm& form : group) {
        parts +=
            (parts.empty() ? "" : " ") + (out / "pdf" / producer / (form.name + ".pdf")).string();
      }
      line("multi-form", out / "pdf" / "multi" / (name + "." + producer + ".pdf"), truth, "join",
           parts);
      ++multi;
    }
    write_text(out / "plan.tsv", plan);
  } catch (const std::exception& error) {
    std::cerr << "kpiform-familygen: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
