#include "smp/report/report_html.h"

extern "C" {  // libb64's C header has no linkage block of its own
#include <b64/cencode.h>
}

#include <sstream>
#include <stdexcept>

namespace smp {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  return out;
}

// The picture as a data: URL, so that the page needs no other file.
std::string png_data_url(const std::string& bytes) {
  std::string code(bytes.size() * 4 / 3 + bytes.size() / 36 + 16,
                   '\0');  // with libb64's line breaks
  base64_encodestate state;
  base64_init_encodestate(&state);
  int n = base64_encode_block(bytes.data(), static_cast<int>(bytes.size()), code.data(), &state);
  n += base64_encode_blockend(code.data() + n, &state);
  code.resize(n);
  std::erase(code, '\n');  // libb64 wraps lines; a data URL is one line
  return "data:image/png;base64," + code;
}

const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a;
       max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
h1 { font-size: 20pt; margin: 0; }
header p { margin: 2pt 0 10pt; color: #444; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin: 16pt 0 6pt; break-after: avoid; }
p.strong { font-weight: bold; }
p.lead { margin: 6pt 0 0; font-weight: bold; }
ul { margin: 2pt 0 6pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 10pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.figures { display: flex; gap: 4mm; margin: 4pt 0 8pt; break-inside: avoid; }
figure { flex: 1 1 0; margin: 0; }
figure img { width: 100%; height: auto; display: block; border: 1px solid #ccc; }
figcaption { font-size: 9pt; color: #444; }
@page { margin: 15mm; }
@media print { body { max-width: none; padding: 0; } }
)";

class HtmlWriter {
 public:
  HtmlWriter(std::ostream& out, const ReportPictures& pictures) : out_(out), pictures_(pictures) {}

  void operator()(const Paragraph& p) {
    out_ << (p.strong ? "<p class=\"strong\">" : "<p>") << escape(p.text) << "</p>\n";
  }
  void operator()(const Bullets& b) {
    if (!b.lead.empty()) out_ << "<p class=\"lead\">" << escape(b.lead) << "</p>\n";
    out_ << "<ul>\n";
    for (const std::string& item : b.items) out_ << "<li>" << escape(item) << "</li>\n";
    out_ << "</ul>\n";
  }
  void operator()(const Table& t) {
    out_ << "<table>\n<thead><tr>";
    for (const std::string& h : t.header) out_ << "<th scope=\"col\">" << escape(h) << "</th>";
    out_ << "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out_ << "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c)
        out_ << (c < t.numeric.size() && t.numeric[c] ? "<td class=\"num\">" : "<td>")
             << escape(row[c]) << "</td>";
      out_ << "</tr>\n";
    }
    out_ << "</tbody>\n</table>\n";
  }
  void operator()(const Figures& f) {
    out_ << "<div class=\"figures\">\n";
    for (const Figure& fig : f.figures)
      out_ << "<figure><img src=\"" << png_data_url(pictures_.png(fig.path)) << "\" alt=\""
           << escape(fig.caption) << "\"><figcaption>" << escape(fig.caption)
           << "</figcaption></figure>\n";
    out_ << "</div>\n";
  }

 private:
  std::ostream& out_;
  const ReportPictures& pictures_;
};

}  // namespace

std::string report_html(const TreatmentPlan& plan, const ReportDocument& doc,
                        const ReportPictures& pictures) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << escape(doc.title + " - " + plan.patient_id)
      << "</title>\n"
      // No favicon request: the page loads nothing but itself.
      << "<link rel=\"icon\" href=\"data:,\">\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<header>\n<h1>" << escape(doc.title) << "</h1>\n<p>" << escape(doc.subtitle)
      << "</p>\n</header>\n";
  HtmlWriter writer(out, pictures);
  for (const ReportSection& s : doc.sections) {
    out << "<section id=\"" << escape(s.id) << "\">\n<h2>" << escape(s.title) << "</h2>\n";
    for (const Block& b : s.blocks) std::visit(writer, b);
    out << "</section>\n";
  }
  out << "</body>\n</html>\n";
  return std::move(out).str();
}

}  // namespace smp
