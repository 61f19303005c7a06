#include "crs_transform_internal.hpp"

#include <cmath>
#include <limits>

#include "shiftline/core/error.hpp"

namespace shiftline::ingest {

CrsTransform::CrsTransform(const std::string& source_crs, const std::string& layer_of)
    : m_transform(source_crs, "EPSG:4326", ProjTransform::Choice::pinned_best) {
  const auto fail = [&](const std::string& why) {
    if (!layer_of.empty()) throw InputError(located(layer_of, 0, "", "the layer's CRS " + source_crs + ": " + why));
    throw UsageError("--crs " + source_crs + ": " + why);
  };
  switch (m_transform.outcome()) {
    case ProjTransform::Outcome::ok: break;
    case ProjTransform::Outcome::unknown_crs: fail("PROJ does not know this CRS"); break;
    case ProjTransform::Outcome::no_operation: fail("no usable transformation to WGS84"); break;
  }
  m_report.source_crs = source_crs;
  m_report.operation = m_transform.name();
  m_report.accuracy_m = m_transform.accuracy_m();
  m_report.proj_definition = m_transform.definition();
}

RawLatLon CrsTransform::to_wgs84(double x, double y) const noexcept {
  // Traditional GIS order: x = longitude/easting, y = latitude/northing on both sides.
  const PJ_XY out = m_transform.forward(x, y);
  if (out.x == HUGE_VAL || out.y == HUGE_VAL)
    return RawLatLon{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  return RawLatLon{out.y, out.x};
}

}  // namespace shiftline::ingest
