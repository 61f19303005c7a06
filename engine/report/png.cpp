#include "shiftline/report/png.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>
#include <string>

#include "shiftline/core/error.hpp"

namespace shiftline::report {
namespace {

struct GObjectUnref {
  void operator()(void* p) const noexcept { g_object_unref(p); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDestroy {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Takes the GError (freed here) into an OutputError; `format` ("PNG", "PDF") starts the message.
[[noreturn]] void throw_error(const char* format, GError* error, const std::string& what) {
  const std::string why = error ? error->message : "unknown error";
  if (error) g_error_free(error);
  throw OutputError(std::string(format) + ": " + what + ": " + why);
}

// An SVG document parsed by librsvg, with its size in CSS pixels: what both renderers start from.
struct Svg {
  std::unique_ptr<RsvgHandle, GObjectUnref> handle;
  double width = 0, height = 0;
};

Svg parse_svg(const std::string& svg, const char* format) {
  GError* error = nullptr;
  Svg out{std::unique_ptr<RsvgHandle, GObjectUnref>(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error))};
  if (!out.handle) throw_error(format, error, "librsvg cannot read the SVG");
  if (!rsvg_handle_get_intrinsic_size_in_pixels(out.handle.get(), &out.width, &out.height))
    throw OutputError(std::string(format) + ": the SVG has no size in pixels");
  return out;
}

}  // namespace

std::string svg_to_png(const std::string& svg, double scale) {
  if (!(std::isfinite(scale) && scale > 0)) throw UsageError("PNG scale must be a positive number");
  const auto [handle, width, height] = parse_svg(svg, "PNG");
  GError* error = nullptr;
  const double pixels_wide = std::ceil(width * scale), pixels_high = std::ceil(height * scale);
  if (!(pixels_wide >= 1 && pixels_high >= 1 && pixels_wide <= 32767 && pixels_high <= 32767))
    throw OutputError("PNG: the image would be " + std::to_string(pixels_wide) + " x " + std::to_string(pixels_high) +
                      " pixels; cairo takes 1 to 32767 a side");
  const std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_image_surface_create(
      CAIRO_FORMAT_RGB24, static_cast<int>(pixels_wide), static_cast<int>(pixels_high)));
  const std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);  // opaque white: a case file is printed on paper
  cairo_paint(cr.get());
  const RsvgRectangle viewport{0, 0, pixels_wide, pixels_high};
  if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error))
    throw_error("PNG", error, "librsvg cannot draw the SVG");
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png) != CAIRO_STATUS_SUCCESS)
    throw OutputError("PNG: cairo cannot encode the image");
  return png;
}

std::string svg_to_pdf(const std::string& svg) {
  const auto [handle, width, height] = parse_svg(svg, "PDF");
  if (!(width > 0 && height > 0)) throw OutputError("PDF: the SVG has no size in pixels");
  GError* error = nullptr;
  constexpr double kPointsPerPixel = 0.75;  // CSS: 96 px to the inch, PDF: 72 pt
  std::string pdf;
  {
    const std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(
        append_bytes, &pdf, width * kPointsPerPixel, height * kPointsPerPixel));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw OutputError("PDF: cairo cannot start a page");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "");  // none: see the header
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "shiftline");
    const std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
    cairo_scale(cr.get(), kPointsPerPixel, kPointsPerPixel);
    const RsvgRectangle viewport{0, 0, width, height};
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error))
      throw_error("PDF", error, "librsvg cannot draw the SVG");
    cairo_show_page(cr.get());
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw OutputError("PDF: cairo cannot write the page");
  }
  return pdf;
}

const char* icon_file(IconShape shape) noexcept {
  switch (shape) {
    case IconShape::circle: return "circle.png";
    case IconShape::square: return "square.png";
    case IconShape::triangle: return "triangle.png";
    case IconShape::diamond: return "diamond.png";
  }
  return "circle.png";
}

// Drawn with cairo's own paths rather than through an SVG: four fixed shapes need no parser.
std::string icon_png(IconShape shape) {
  constexpr int kSize = 32;
  const std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kSize, kSize));  // starts transparent
  const std::unique_ptr<cairo_t, ContextDestroy> cr(cairo_create(surface.get()));
  cairo_t* c = cr.get();
  constexpr double kMid = kSize / 2.0, kEdge = 3.0;  // the outline stays inside the picture
  switch (shape) {
    case IconShape::circle: cairo_arc(c, kMid, kMid, kMid - kEdge, 0, 2 * M_PI); break;
    case IconShape::square: cairo_rectangle(c, kEdge + 2, kEdge + 2, kSize - 2 * (kEdge + 2), kSize - 2 * (kEdge + 2)); break;
    case IconShape::triangle:
      cairo_move_to(c, kMid, kEdge);
      cairo_line_to(c, kSize - kEdge, kSize - kEdge - 2);
      cairo_line_to(c, kEdge, kSize - kEdge - 2);
      cairo_close_path(c);
      break;
    case IconShape::diamond:
      cairo_move_to(c, kMid, kEdge);
      cairo_line_to(c, kSize - kEdge, kMid);
      cairo_line_to(c, kMid, kSize - kEdge);
      cairo_line_to(c, kEdge, kMid);
      cairo_close_path(c);
      break;
  }
  cairo_set_source_rgb(c, 1, 1, 1);
  cairo_fill_preserve(c);
  cairo_set_source_rgb(c, 0.2, 0.2, 0.2);
  cairo_set_line_width(c, 2.5);
  cairo_set_line_join(c, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(c);
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png) != CAIRO_STATUS_SUCCESS)
    throw OutputError("PNG: cairo cannot encode a map symbol");
  return png;
}

}  // namespace shiftline::report
