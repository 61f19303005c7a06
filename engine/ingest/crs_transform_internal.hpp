// Projected x/y -> WGS84 lat/lon through PROJ, with one pinned operation so that every point of a
// run goes through the same transformation and the manifest can name it (R19).
#pragma once

#include <string>

#include "core/proj_internal.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {

class CrsTransform {
 public:
  /// Picks the most accurate operation from `source_crs` to EPSG:4326 whose grids are present
  /// (no network: PROJ_NETWORK stays off). Throws UsageError for an unknown CRS, or InputError
  /// naming `layer_of` when the CRS is a layer's (`layer_of`: the input's path).
  explicit CrsTransform(const std::string& source_crs, const std::string& layer_of = "");

  /// x/y in the source CRS's units -> lat/lon degrees; not finite on failure.
  [[nodiscard]] RawLatLon to_wgs84(double x, double y) const noexcept;
  [[nodiscard]] const TransformReport& report() const noexcept { return m_report; }

 private:
  ProjTransform m_transform;
  TransformReport m_report;
};

}  // namespace shiftline::ingest
