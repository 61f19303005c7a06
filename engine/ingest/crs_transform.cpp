#include "crs_transform_internal.hpp"

#include <limits>

#include "shiftline/core/error.hpp"

namespace shiftline::ingest {

CrsTransform::CrsTransform(const std::string& source_crs) : m_ctx(proj_context_create()) {
  proj_context_set_enable_network(m_ctx, 0);
  PJ* src = proj_create(m_ctx, source_crs.c_str());
  PJ* dst = proj_create(m_ctx, "EPSG:4326");
  if (!src || !dst) {
    proj_destroy(src);
    proj_destroy(dst);
    proj_context_destroy(m_ctx);
    throw UsageError("--crs " + source_crs + ": PROJ does not know this CRS");
  }
  PJ_OPERATION_FACTORY_CONTEXT* factory = proj_create_operation_factory_context(m_ctx, nullptr);
  proj_operation_factory_context_set_grid_availability_use(
      m_ctx, factory, PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID);
  proj_operation_factory_context_set_spatial_criterion(m_ctx, factory,
                                                       PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
  PJ_OBJ_LIST* ops = proj_create_operations(m_ctx, src, dst, factory);
  // PROJ sorts candidates best first (accuracy, then area); the first instantiable one is pinned.
  const int count = ops ? proj_list_get_count(ops) : 0;
  for (int i = 0; i < count && !m_op; ++i) {
    PJ* op = proj_list_get(m_ctx, ops, i);
    if (op && proj_coordoperation_is_instantiable(m_ctx, op)) m_op = op;
    else proj_destroy(op);
  }
  proj_list_destroy(ops);
  proj_operation_factory_context_destroy(factory);
  proj_destroy(src);
  proj_destroy(dst);
  if (!m_op) {
    proj_context_destroy(m_ctx);
    throw UsageError("--crs " + source_crs + ": no usable transformation to WGS84");
  }
  // Traditional GIS order: x = longitude/easting, y = latitude/northing on both sides.
  PJ* normalised = proj_normalize_for_visualization(m_ctx, m_op);
  if (normalised) {
    proj_destroy(m_op);
    m_op = normalised;
  }
  m_report.source_crs = source_crs;
  const char* op_name = proj_get_name(m_op);
  m_report.operation = op_name ? op_name : "";
  m_report.accuracy_m = proj_coordoperation_get_accuracy(m_ctx, m_op);
  const char* def = proj_as_proj_string(m_ctx, m_op, PJ_PROJ_5, nullptr);
  m_report.proj_definition = def ? def : "";
}

CrsTransform::~CrsTransform() {
  proj_destroy(m_op);
  proj_context_destroy(m_ctx);
}

RawLatLon CrsTransform::to_wgs84(double x, double y) const noexcept {
  const PJ_COORD in = proj_coord(x, y, 0, 0);
  const PJ_COORD out = proj_trans(m_op, PJ_FWD, in);
  if (out.xy.x == HUGE_VAL || out.xy.y == HUGE_VAL)
    return RawLatLon{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  return RawLatLon{out.lpzt.phi, out.lpzt.lam};
}

}  // namespace shiftline::ingest
