#include "shiftline/core/problem.hpp"

#include <algorithm>
#include <tuple>

namespace shiftline {

std::string_view name(ProblemCode code) noexcept {
  switch (code) {
    case ProblemCode::missing_field: return "missing_field";
    case ProblemCode::unparseable_field: return "unparseable_field";
    case ProblemCode::naive_time_without_zone: return "naive_time_without_zone";
    case ProblemCode::ambiguous_local_time: return "ambiguous_local_time";
    case ProblemCode::nonexistent_local_time: return "nonexistent_local_time";
    case ProblemCode::invalid_leap_second: return "invalid_leap_second";
    case ProblemCode::time_outside_window: return "time_outside_window";
    case ProblemCode::gps_week_rollover_suspected: return "gps_week_rollover_suspected";
    case ProblemCode::coordinate_out_of_range: return "coordinate_out_of_range";
    case ProblemCode::null_island: return "null_island";
    case ProblemCode::duplicate: return "duplicate";
    case ProblemCode::conflicting_duplicate: return "conflicting_duplicate";
    case ProblemCode::speed_spike: return "speed_spike";
    case ProblemCode::leap_second: return "leap_second";
    case ProblemCode::invalid_optional_field: return "invalid_optional_field";
    case ProblemCode::coordinate_transform_failed: return "coordinate_transform_failed";
    case ProblemCode::end_before_start: return "end_before_start";
    case ProblemCode::unknown_place: return "unknown_place";
    case ProblemCode::conflicting_row: return "conflicting_row";
    case ProblemCode::overlapping_shift: return "overlapping_shift";
    case ProblemCode::assignment_outside_shift: return "assignment_outside_shift";
    case ProblemCode::unit_not_seen: return "unit_not_seen";
    case ProblemCode::invalid_geometry: return "invalid_geometry";
    case ProblemCode::conflicting_fields: return "conflicting_fields";
    case ProblemCode::needs_table: return "needs_table";
    case ProblemCode::overlapping_assignment: return "overlapping_assignment";
    case ProblemCode::duty_unknown: return "duty_unknown";
    case ProblemCode::field_count: return "field_count";
    case ProblemCode::malformed_csv: return "malformed_csv";
    case ProblemCode::ambiguous_date: return "ambiguous_date";
    case ProblemCode::invalid_text: return "invalid_text";
  }
  return "unknown";
}

Severity severity(ProblemCode code) noexcept {
  switch (code) {
    case ProblemCode::leap_second:
    case ProblemCode::invalid_optional_field:
    case ProblemCode::overlapping_shift:
    case ProblemCode::overlapping_assignment:
    case ProblemCode::duty_unknown:
    case ProblemCode::invalid_text:
    case ProblemCode::assignment_outside_shift:
    case ProblemCode::unit_not_seen: return Severity::warning;
    default: return Severity::rejected;
  }
}

void ProblemSink::report(SourceRef where, ProblemCode code, std::string field, std::string detail) {
  m_problems.push_back(Problem{where, code, std::move(field), std::move(detail)});
}

void ProblemSink::merge(ProblemSink&& other) {
  if (m_problems.empty()) {
    m_problems = std::move(other.m_problems);
  } else {
    m_problems.insert(m_problems.end(), std::make_move_iterator(other.m_problems.begin()),
                      std::make_move_iterator(other.m_problems.end()));
  }
  other.m_problems.clear();
}

void ProblemSink::sort() {
  std::stable_sort(m_problems.begin(), m_problems.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.where, a.field, a.code, a.detail) < std::tie(b.where, b.field, b.code, b.detail);
  });
}

std::size_t ProblemSink::count(Severity s) const noexcept {
  return static_cast<std::size_t>(std::count_if(m_problems.begin(), m_problems.end(),
                                                [s](const Problem& p) { return severity(p.code) == s; }));
}

std::map<std::string, std::size_t> ProblemSink::counts_by_code(Severity s) const {
  std::map<std::string, std::size_t> counts;
  for (const Problem& p : m_problems)
    if (severity(p.code) == s) ++counts[std::string(name(p.code))];
  return counts;
}

std::size_t ProblemSink::rejected_in_file(std::uint16_t file) const noexcept {
  return static_cast<std::size_t>(std::count_if(m_problems.begin(), m_problems.end(), [file](const Problem& p) {
    return p.where.file == file && severity(p.code) == Severity::rejected;
  }));
}

}  // namespace shiftline
