// SVG to PNG, for exhibits that must be a picture (`shiftline timeline --out FILE.png`).
#pragma once

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

}  // namespace shiftline::report
