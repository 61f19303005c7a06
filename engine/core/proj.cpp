#include "core/proj_internal.hpp"

namespace shiftline {

ProjContext::ProjContext() : m_ctx(proj_context_create()) { proj_context_set_enable_network(m_ctx, 0); }

ProjContext::~ProjContext() { proj_context_destroy(m_ctx); }

std::string ProjContext::last_error() const {
  const char* text = proj_context_errno_string(m_ctx, proj_context_errno(m_ctx));
  return text ? text : "";
}

ProjTransform::ProjTransform(const std::string& source, const std::string& target, Choice choice) {
  if (choice == Choice::proj_default) make_default(source, target);
  else make_pinned(source, target);
}

void ProjTransform::make_default(const std::string& source, const std::string& target) {
  PJ* op = proj_create_crs_to_crs(m_ctx.get(), source.c_str(), target.c_str(), nullptr);
  if (op) {
    m_op = proj_normalize_for_visualization(m_ctx.get(), op);
    proj_destroy(op);
  }
  if (!m_op) {
    m_error = m_ctx.last_error();
    return;
  }
  m_outcome = Outcome::ok;
}

void ProjTransform::make_pinned(const std::string& source, const std::string& target) {
  PJ_CONTEXT* ctx = m_ctx.get();
  PJ* src = proj_create(ctx, source.c_str());
  PJ* dst = proj_create(ctx, target.c_str());
  if (!src || !dst) {
    m_error = m_ctx.last_error();
    proj_destroy(src);
    proj_destroy(dst);
    m_outcome = Outcome::unknown_crs;
    return;
  }
  PJ_OPERATION_FACTORY_CONTEXT* factory = proj_create_operation_factory_context(ctx, nullptr);
  proj_operation_factory_context_set_grid_availability_use(ctx, factory,
                                                           PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID);
  proj_operation_factory_context_set_spatial_criterion(ctx, factory, PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
  PJ_OBJ_LIST* ops = proj_create_operations(ctx, src, dst, factory);
  // PROJ sorts candidates best first (accuracy, then area); the first instantiable one is pinned.
  const int count = ops ? proj_list_get_count(ops) : 0;
  for (int i = 0; i < count && !m_op; ++i) {
    PJ* op = proj_list_get(ctx, ops, i);
    if (op && proj_coordoperation_is_instantiable(ctx, op)) m_op = op;
    else proj_destroy(op);
  }
  proj_list_destroy(ops);
  proj_operation_factory_context_destroy(factory);
  proj_destroy(src);
  proj_destroy(dst);
  if (!m_op) {
    m_error = m_ctx.last_error();
    m_outcome = Outcome::no_operation;
    return;
  }
  // Keeps the candidate itself when PROJ cannot normalise it.
  if (PJ* normalised = proj_normalize_for_visualization(ctx, m_op)) {
    proj_destroy(m_op);
    m_op = normalised;
  }
  m_outcome = Outcome::ok;
}

ProjTransform::~ProjTransform() { proj_destroy(m_op); }  // before m_ctx, which outlives it

PJ_XY ProjTransform::forward(double x, double y) const noexcept {
  return proj_trans(m_op, PJ_FWD, proj_coord(x, y, 0, 0)).xy;
}

void ProjTransform::forward(std::span<double> x, std::span<double> y) const noexcept {
  if (x.empty()) return;
  proj_trans_generic(m_op, PJ_FWD, x.data(), sizeof(double), x.size(), y.data(), sizeof(double), y.size(), nullptr, 0,
                     0, nullptr, 0, 0);
}

std::string ProjTransform::name() const {
  const char* name = proj_get_name(m_op);
  return name ? name : "";
}

double ProjTransform::accuracy_m() const { return proj_coordoperation_get_accuracy(m_ctx.get(), m_op); }

std::string ProjTransform::definition() const {
  const char* def = proj_as_proj_string(m_ctx.get(), m_op, PJ_PROJ_5, nullptr);
  return def ? def : "";
}

}  // namespace shiftline
