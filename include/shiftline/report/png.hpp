// Pictures through librsvg and cairo: an SVG as PNG or PDF, for exhibits that must be a picture
// or a page (`shiftline timeline --out FILE.png|FILE.pdf`), and the map symbols of report.kmz.
#pragma once

#include <cstdint>
#include <string>

namespace shiftline::report {

/// Renders an SVG document to PNG bytes with librsvg and cairo, on an opaque white background,
/// at `scale` image pixels per SVG user unit (2 gives about 150 dpi on an A4 page for a
/// 1900-px-wide timeline). Text is set with the fonts fontconfig finds for the SVG's
/// font-family (scripts/setup installs DejaVu), so the picture can differ between machines
/// with other fonts; the same machine gives the same bytes. Throws OutputError when librsvg
/// cannot parse the SVG or the image would be empty or wider or taller than 32767 pixels (cairo's
/// limit); UsageError when scale is not a positive finite number.
[[nodiscard]] std::string svg_to_png(const std::string& svg, double scale);

/// Renders an SVG document to a one-page PDF with librsvg and cairo, the page the SVG's size (a CSS
/// pixel is 0.75 pt), text kept as text with its fonts embedded. The PDF has no creation date
/// (cairo would write the clock's, and the same exhibit must give the same bytes), so its bytes
/// are a function of the SVG and the machine's fonts. Throws OutputError as svg_to_png.
[[nodiscard]] std::string svg_to_pdf(const std::string& svg);

/// The shapes of the map symbols inside report.kmz: a flagged dwell or a finding must differ from
/// the others by shape as well as colour (not by colour alone, for colour-blind readers).
enum class IconShape : std::uint8_t { circle, square, triangle, diamond };

/// A 32 x 32 PNG map symbol: `shape` filled white with a dark grey outline on a transparent
/// background, so that a KML <IconStyle><color> tints the fill. The same bytes every call.
[[nodiscard]] std::string icon_png(IconShape shape);

/// The file name of the symbol in a KMZ (`circle.png`, ...).
[[nodiscard]] const char* icon_file(IconShape shape) noexcept;

}  // namespace shiftline::report
