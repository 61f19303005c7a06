// An offline raster drawn under report.html's map (`analyse --basemap FILE`): warped by GDAL
// from its own CRS to the map's projection and extent, encoded as PNG, to be embedded in the page
// as a data: URI (the page stays self-contained: no tiles, no requests).
#pragma once

#include <string>

#include "shiftline/core/geo.hpp"

namespace shiftline::report {

/// The area a basemap must fill: a projected rectangle (metres of `crs`) and the size of the
/// image that covers it (pixels; the image's pixel (0,0) is the rectangle's top-left corner).
struct MapWindow {
  std::string crs;  ///< PROJ string or anything GDAL's -t_srs takes; projected, in metres
  Meters min_x, min_y, max_x, max_y;  ///< easting and northing of the window's edges in `crs`
  int width_px = 0, height_px = 0;
};

struct BasemapImage {
  std::string png;  ///< PNG bytes, RGBA or grey + alpha; transparent where the raster has no data
  /// Fraction of the window's pixels the raster covers (alpha > 0), 0 to 1.
  double covered = 0;
  std::string resampling;  ///< "bilinear", or "nearest" for a paletted raster
};

/// Warps the raster at `path` into `window` with GDAL (gdalwarp -t_srs -te -ts, destination alpha;
/// bilinear, except paletted rasters, which are expanded to RGBA first; non-byte bands are scaled
/// to 0-255 from their own minimum and maximum) and encodes it with GDAL's PNG driver. Opens the
/// file read-only with no sidecars. Deterministic: the same file and window give the same bytes.
/// Throws InputError naming the file when GDAL cannot open or warp it; UsageError for an empty
/// window.
[[nodiscard]] BasemapImage warp_basemap(const std::string& path, const MapWindow& window);

/// "data:image/png;base64,..." (RFC 2397; base64 by OpenSSL, no line breaks).
[[nodiscard]] std::string png_data_uri(const std::string& png);

}  // namespace shiftline::report
