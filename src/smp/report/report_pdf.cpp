#include "smp/report/report_pdf.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "smp/base/cancellation.h"
#include "smp/clinic/schedule.h"
#include "smp/report/map_drawing.h"

namespace smp {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kMargin = 18 * kPtPerMm;
constexpr double kBodyPt = 10, kSmallPt = 8.5, kTablePt = 9, kSectionPt = 14, kTitlePt = 20;
using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// Each picture once, as the report embeds it.
class ImageCache {
 public:
  explicit ImageCache(const ReportPictures& pictures) : pictures_(pictures) {}
  cairo_surface_t* get(const std::string& path) {
    auto it = images_.find(path);
    if (it != images_.end()) return it->second.get();
    struct Reader {
      const std::string& bytes;
      std::size_t at = 0;
    } reader{pictures_.png(path)};
    Surface png(cairo_image_surface_create_from_png_stream(
                    [](void* r, unsigned char* data, unsigned int n) {
                      auto* in = static_cast<Reader*>(r);
                      if (in->bytes.size() - in->at < n) return CAIRO_STATUS_READ_ERROR;
                      std::copy_n(in->bytes.data() + in->at, n, data);
                      in->at += n;
                      return CAIRO_STATUS_SUCCESS;
                    },
                    &reader),
                &cairo_surface_destroy);
    if (const cairo_status_t st = cairo_surface_status(png.get()); st != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(path + ": cannot decode (" + cairo_status_to_string(st) + ")");
    return images_.emplace(path, std::move(png)).first->second.get();
  }

 private:
  const ReportPictures& pictures_;
  std::map<std::string, Surface> images_;
};

Layout text_layout(cairo_t* cr, const std::string& text, double width, double size, bool bold,
                   PangoAlignment align = PANGO_ALIGN_LEFT) {
  Layout l(pango_cairo_create_layout(cr), &g_object_unref);
  // Unhinted, unrounded glyph positions: text scales with the page (the session sheets
  // draw in millimetres) and reads back as words, not letters spaced to a pixel grid.
  PangoContext* context = pango_layout_get_context(l.get());
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_layout_context_changed(l.get());
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(l.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(l.get(), align);
  pango_layout_set_text(l.get(), text.c_str(), -1);
  return l;
}

double height_of(PangoLayout* l) {
  int w, h;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

// Width of the text on one line.
double natural_width(cairo_t* cr, const std::string& text, double size, bool bold) {
  Layout l = text_layout(cr, text, 1e6, size, bold);
  int w, h;
  pango_layout_get_size(l.get(), &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

void show(cairo_t* cr, PangoLayout* l, double x, double y) {
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
}

// Lays the document out from the top of each page down, breaking pages when a block
// does not fit. Run twice: once to count the pages, once to draw "page N of M".
class PdfLayout {
 public:
  PdfLayout(cairo_t* cr, PaperSize paper, int total_pages, std::string footer, ImageCache& images)
      : cr_(cr),
        paper_(paper),
        total_(total_pages),
        footer_(std::move(footer)),
        images_(images),
        width_(paper.width_pt - 2 * kMargin),
        y_(kMargin) {}

  void header(const ReportDocument& d) {
    Layout t = text_layout(cr_, d.title, width_, kTitlePt, true);
    show(cr_, t.get(), kMargin, y_);
    y_ += height_of(t.get()) + 2;
    Layout s = text_layout(cr_, d.subtitle, width_, kBodyPt + 1, false);
    show(cr_, s.get(), kMargin, y_);
    y_ += height_of(s.get()) + 6;
  }

  void section(const ReportSection& s) {
    Layout t = text_layout(cr_, s.title, width_, kSectionPt, true);
    const double h = height_of(t.get());
    ensure(h + 8 + 60);  // keep the title with the start of its content
    y_ += 8;
    show(cr_, t.get(), kMargin, y_);
    y_ += h + 1;
    cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr_, 0.7);
    cairo_move_to(cr_, kMargin, y_), cairo_line_to(cr_, kMargin + width_, y_);
    cairo_stroke(cr_);
    y_ += 5;
    for (const Block& b : s.blocks) std::visit(*this, b);
  }

  void operator()(const Paragraph& p) { text_block(p.text, kMargin, width_, kBodyPt, p.strong, 5); }

  void operator()(const Bullets& b) {
    if (!b.lead.empty()) text_block(b.lead, kMargin, width_, kBodyPt, true, 2);
    for (const std::string& item : b.items) {
      Layout l = text_layout(cr_, item, width_ - 14, kBodyPt, false);
      const double h = height_of(l.get());
      ensure(h);
      Layout dot = text_layout(cr_, "\u2022", 10, kBodyPt, false);
      show(cr_, dot.get(), kMargin + 3, y_);
      show(cr_, l.get(), kMargin + 14, y_);
      y_ += h + 2;
    }
    y_ += 3;
  }

  void operator()(const Table& t) {
    const std::vector<double> widths = column_widths(t);
    auto row_height = [&](const std::vector<std::string>& row, bool bold) {
      double h = 0;
      for (std::size_t c = 0; c < row.size(); ++c)
        h = std::max(
            h, height_of(text_layout(cr_, row[c], widths[c] - 2 * kPad, kTablePt, bold).get()));
      return h + 2 * kPad;
    };
    const double header_h = row_height(t.header, true);
    ensure(header_h + (t.rows.empty() ? 0 : row_height(t.rows.front(), false)));
    draw_row(t, t.header, widths, header_h, true);
    for (const auto& row : t.rows) {
      const double h = row_height(row, false);
      if (y_ + h > bottom()) {
        new_page();
        draw_row(t, t.header, widths, header_h, true);  // the header again on every page
      }
      draw_row(t, row, widths, h, false);
    }
    y_ += 6;
  }

  void operator()(const Figures& f) {
    if (f.figures.empty()) return;
    const double gap = 8, n = static_cast<double>(f.figures.size());
    const double w = (width_ - gap * (n - 1)) / n;
    // One scale for the row: the tallest picture at the column width, capped at 40%
    // of the page so that a pair of views leaves room for its neighbours.
    double tallest = 0;
    for (const Figure& fig : f.figures) {
      cairo_surface_t* im = images_.get(fig.path);
      tallest = std::max(
          tallest, w * cairo_image_surface_get_height(im) / cairo_image_surface_get_width(im));
    }
    const double shrink = std::min(1.0, 0.4 * (bottom() - kMargin) / tallest);
    double caption_h = 0;
    for (const Figure& fig : f.figures)
      caption_h =
          std::max(caption_h, height_of(text_layout(cr_, fig.caption, w, kSmallPt, false).get()));
    ensure(tallest * shrink + 3 + caption_h);
    for (std::size_t k = 0; k < f.figures.size(); ++k) {
      cairo_surface_t* im = images_.get(f.figures[k].path);
      const double iw = cairo_image_surface_get_width(im), ih = cairo_image_surface_get_height(im);
      const double dw = w * shrink, dh = dw * ih / iw, x = kMargin + k * (w + gap);
      cairo_save(cr_);
      cairo_translate(cr_, x, y_);
      cairo_scale(cr_, dw / iw, dh / ih);
      cairo_set_source_surface(cr_, im, 0, 0);
      cairo_paint(cr_);
      cairo_restore(cr_);
      Layout cap = text_layout(cr_, f.figures[k].caption, w, kSmallPt, false);
      show(cr_, cap.get(), x, y_ + dh + 3);
    }
    y_ += tallest * shrink + 3 + caption_h + 8;
  }

  // Ends the last page; returns the page count.
  int finish() {
    footer();
    cairo_show_page(cr_);
    return page_;
  }

 private:
  static constexpr double kPad = 3;

  double bottom() const { return paper_.height_pt - kMargin; }

  void ensure(double h) {
    if (y_ + h > bottom() && y_ > kMargin) new_page();
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  void footer() {
    const std::string text = footer_ + "  \u00b7  page " + std::to_string(page_) + " of " +
                             (total_ > 0 ? std::to_string(total_) : std::string("?"));
    Layout l = text_layout(cr_, text, width_, kSmallPt, false, PANGO_ALIGN_CENTER);
    show(cr_, l.get(), kMargin, paper_.height_pt - kMargin + 12);
  }

  void text_block(const std::string& text, double x, double w, double size, bool bold,
                  double after) {
    Layout l = text_layout(cr_, text, w, size, bold);
    const double h = height_of(l.get());
    ensure(h);
    show(cr_, l.get(), x, y_);
    y_ += h + after;
  }

  // Short columns keep their natural width; the long ones share the rest in proportion.
  std::vector<double> column_widths(const Table& t) {
    const std::size_t n = t.header.size();
    std::vector<double> natural(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
      natural[c] = natural_width(cr_, t.header[c], kTablePt, true);
      for (const auto& row : t.rows)
        natural[c] = std::max(natural[c], natural_width(cr_, row[c], kTablePt, false));
      natural[c] += 2 * kPad + 1;
    }
    double fixed = 0, flexible = 0;
    for (double w : natural) (w <= width_ / n ? fixed : flexible) += w;
    std::vector<double> widths = natural;
    const double share = flexible > 0 ? (width_ - fixed) / flexible : 0;
    for (double& w : widths)
      if (w > width_ / n) w *= share;
    if (flexible == 0)
      widths.back() += width_ - fixed;  // all short: the last column takes the rest
    return widths;
  }

  void draw_row(const Table& t, const std::vector<std::string>& row,
                const std::vector<double>& widths, double h, bool header) {
    double x = kMargin;
    for (std::size_t c = 0; c < row.size(); ++c) {
      cairo_rectangle(cr_, x, y_, widths[c], h);
      if (header) {
        cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
        cairo_fill_preserve(cr_);
      }
      cairo_set_source_rgb(cr_, 0.7, 0.7, 0.7);
      cairo_set_line_width(cr_, 0.5);
      cairo_stroke(cr_);
      const bool right = !header && c < t.numeric.size() && t.numeric[c];
      Layout l = text_layout(cr_, row[c], widths[c] - 2 * kPad, kTablePt, header,
                             right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      show(cr_, l.get(), x + kPad, y_ + kPad);
      x += widths[c];
    }
    y_ += h;
  }

  cairo_t* cr_;
  PaperSize paper_;
  int total_;
  std::string footer_;
  ImageCache& images_;
  double width_, y_;
  int page_ = 1;
};

int lay_out(cairo_t* cr, const ReportDocument& doc, PaperSize paper, int total_pages,
            const std::string& footer, ImageCache& images) {
  PdfLayout layout(cr, paper, total_pages, footer, images);
  layout.header(doc);
  for (const ReportSection& s : doc.sections) layout.section(s);
  return layout.finish();
}

}  // namespace

double draw_text(cairo_t* cr, const std::string& text, double x, double y, double width,
                 double size, bool bold) {
  Layout l = text_layout(cr, text, width, size, bold);
  show(cr, l.get(), x, y);
  return height_of(l.get());
}

PaperSize paper_size(Paper p) {
  return p == Paper::a4 ? PaperSize{210 * kPtPerMm, 297 * kPtPerMm} : PaperSize{8.5 * 72, 11 * 72};
}

std::string pdf_bytes(const std::string& name, const std::string& title,
                      std::chrono::year_month_day date, double width_pt, double height_pt,
                      const std::function<void(cairo_t*)>& draw, const std::stop_token& stop) {
  // cairo compresses and writes the pictures when the surface is finished: a cancelled
  // job makes the next write fail, and cairo stops there.
  struct Output {
    std::string bytes;
    const std::stop_token& stop;
  } out{{}, stop};
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      [](void* closure, const unsigned char* data, unsigned int length) {
        auto* o = static_cast<Output*>(closure);
        if (o->stop.stop_requested()) return CAIRO_STATUS_WRITE_ERROR;
        return append_to_string(&o->bytes, data, length);
      },
      &out, width_pt, height_pt);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SMP Studio");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                 (iso_date(date) + "T00:00:00Z").c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  try {
    draw(cr);
    status = cairo_status(cr);
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    throw;
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  throw_if_cancelled(stop);
  check_cairo(status, name);
  return std::move(out.bytes);
}

std::string report_pdf(const TreatmentPlan& plan, const ReportDocument& doc,
                       const ReportPictures& pictures, Paper paper, const std::stop_token& stop) {
  const PaperSize size = paper_size(paper);
  const std::string footer = doc.title + " \u00b7 " + plan.patient_id;
  ImageCache images{pictures};
  // First pass: the same layout on a PDF surface that writes nothing, to count pages.
  cairo_surface_t* counting = cairo_pdf_surface_create_for_stream(
      [](void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }, nullptr,
      size.width_pt, size.height_pt);
  cairo_t* cr = cairo_create(counting);
  int pages = 0;
  try {
    pages = lay_out(cr, doc, size, 0, footer, images);
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(counting);
    throw;
  }
  cairo_destroy(cr);
  cairo_surface_destroy(counting);
  return pdf_bytes(
      paper == Paper::a4 ? "report.pdf" : "report-letter.pdf", doc.title + " - " + plan.patient_id,
      plan.date, size.width_pt, size.height_pt,
      [&](cairo_t* c) { lay_out(c, doc, size, pages, footer, images); }, stop);
}

}  // namespace smp
