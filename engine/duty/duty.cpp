#include "shiftline/duty/duty.hpp"

#include <algorithm>
#include <tuple>

#include "shiftline/core/error.hpp"

namespace shiftline::duty {
namespace {

std::string row_name(const std::vector<std::string>& paths, SourceRef where) {
  const std::string& path = where.file < paths.size() ? paths[where.file] : std::string("?");
  return path + ":" + std::to_string(where.line);
}

// Same officer, overlapping for a positive time: both rows get a warning naming the other.
void warn_overlapping_shifts(const std::vector<ingest::ShiftRow>& shifts, const std::vector<std::string>& paths,
                             ProblemSink& problems) {
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    for (std::size_t j = i + 1; j < shifts.size() && shifts[j].officer_id == shifts[i].officer_id; ++j) {
      if (shifts[j].start >= shifts[i].end) break;  // sorted by start: no later one overlaps either
      const auto say = [&](const ingest::ShiftRow& a, const ingest::ShiftRow& b) {
        problems.report(a.source, ProblemCode::overlapping_shift, "start",
                        "shift " + a.shift_id + " of " + a.officer_id + " overlaps shift " + b.shift_id + " (" +
                            row_name(paths, b.source) + "); both are kept and both count the overlap");
      };
      say(shifts[i], shifts[j]);
      say(shifts[j], shifts[i]);
    }
  }
}

// Assignments of one officer, by start; two that overlap make the roster unusable.
std::vector<const ingest::AssignmentRow*> sorted_assignments(const std::vector<ingest::AssignmentRow>& assignments,
                                                             const std::vector<std::string>& paths) {
  std::vector<const ingest::AssignmentRow*> sorted;
  sorted.reserve(assignments.size());
  for (const auto& a : assignments) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return std::tie(a->officer_id, a->start, a->end, a->source) < std::tie(b->officer_id, b->start, b->end, b->source);
  });
  std::string clashes;
  std::size_t n = 0;
  for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
    const auto& a = *sorted[i];
    for (std::size_t j = i + 1; j < sorted.size() && sorted[j]->officer_id == a.officer_id && sorted[j]->start < a.end;
         ++j) {
      if (++n <= 20)
        clashes += "\n  " + row_name(paths, a.source) + " (" + a.vehicle_id + ") overlaps " +
                   row_name(paths, sorted[j]->source) + " (" + sorted[j]->vehicle_id + ") for officer " + a.officer_id;
    }
  }
  if (n > 0)
    throw InputError(std::to_string(n) + " pair(s) of assignments of one officer overlap; an officer cannot be in "
                     "two vehicles at once, so no attribution is safe:" + clashes);
  return sorted;
}

// The crewings of one shift: assignments of its officer clipped to it, the shift's own vehicle in
// between.
std::vector<Crewing> crewings_for(std::uint32_t index, const ingest::ShiftRow& shift,
                                  const std::vector<const ingest::AssignmentRow*>& officer_assignments) {
  std::vector<Crewing> out;
  Instant cursor = shift.start;
  const auto own_vehicle_until = [&](Instant until) {
    if (cursor < until && !shift.vehicle_id.empty()) out.push_back(Crewing{index, shift.vehicle_id, {cursor, until}});
  };
  for (const auto* a : officer_assignments) {
    const Instant from = std::max(a->start, shift.start);
    const Instant to = std::min(a->end, shift.end);
    if (from >= to) continue;
    own_vehicle_until(from);
    out.push_back(Crewing{index, a->vehicle_id, {from, to}});
    cursor = to;
  }
  own_vehicle_until(shift.end);
  return out;
}

void warn_assignments_outside_shifts(const std::vector<const ingest::AssignmentRow*>& assignments,
                                     const std::vector<ingest::ShiftRow>& shifts, ProblemSink& problems) {
  for (const auto* a : assignments) {
    std::vector<Interval> inside;
    // Shifts are sorted by officer: only this officer's are looked at.
    auto s = std::lower_bound(shifts.begin(), shifts.end(), a->officer_id,
                              [](const ingest::ShiftRow& row, const std::string& id) { return row.officer_id < id; });
    for (; s != shifts.end() && s->officer_id == a->officer_id; ++s)
      if (s->start < a->end && s->end > a->start)
        inside.push_back({std::max(s->start, a->start), std::min(s->end, a->end)});
    const Millis covered = overlap_length(merge_intervals(std::move(inside)), {a->start, a->end});
    const Millis outside = (a->end - a->start) - covered;
    if (outside > Millis{0})
      problems.report(a->source, ProblemCode::assignment_outside_shift, "start",
                      format_seconds(outside) + " s of the assignment of " + a->officer_id + " to " + a->vehicle_id +
                          " lie outside every shift of that officer; that part places nobody on duty");
  }
}

}  // namespace

Roster build_roster(std::vector<ingest::ShiftRow> shifts, const std::vector<ingest::AssignmentRow>& assignments,
                    const std::vector<std::string>& input_paths, ProblemSink& problems) {
  Roster roster;
  std::sort(shifts.begin(), shifts.end(), [](const auto& a, const auto& b) {
    return std::tie(a.officer_id, a.start, a.shift_id, a.source) < std::tie(b.officer_id, b.start, b.shift_id, b.source);
  });
  roster.shifts = std::move(shifts);
  warn_overlapping_shifts(roster.shifts, input_paths, problems);
  const auto sorted = sorted_assignments(assignments, input_paths);
  warn_assignments_outside_shifts(sorted, roster.shifts, problems);

  roster.crewings_of_shift.resize(roster.shifts.size());
  for (std::size_t i = 0; i < roster.shifts.size(); ++i) {
    const auto& shift = roster.shifts[i];
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), shift.officer_id,
                                        [](const auto* a, const std::string& id) { return a->officer_id < id; });
    std::vector<const ingest::AssignmentRow*> mine;
    for (auto it = first; it != sorted.end() && (*it)->officer_id == shift.officer_id; ++it) mine.push_back(*it);
    roster.crewings_of_shift[i] = crewings_for(static_cast<std::uint32_t>(i), shift, mine);
    for (const auto& c : roster.crewings_of_shift[i]) {
      roster.crewings_of_vehicle[c.vehicle_id].push_back(c);
      auto& longest = roster.longest_crewing[c.vehicle_id];
      longest = std::max(longest, c.span.length());
    }
  }
  for (auto& [vehicle, list] : roster.crewings_of_vehicle)
    std::sort(list.begin(), list.end(),
              [](const Crewing& a, const Crewing& b) { return std::tie(a.span.start, a.shift) < std::tie(b.span.start, b.shift); });
  return roster;
}

Millis CrewOnDuty::on_duty_length() const noexcept {
  Millis total{0};
  for (const auto& i : on_duty) total += i.length();
  return total;
}

CrewOnDuty crew_during(const Roster& roster, std::string_view vehicle, Instant start, Instant end) {
  CrewOnDuty crew;
  const auto found = roster.crewings_of_vehicle.find(vehicle);
  if (found == roster.crewings_of_vehicle.end()) return crew;
  const auto& list = found->second;
  // Crewings that start before `start - longest` end before `start`: skip them by binary search.
  const Instant earliest = start - roster.longest_crewing.find(vehicle)->second;
  auto it = std::lower_bound(list.begin(), list.end(), earliest,
                             [](const Crewing& c, Instant t) { return c.span.start < t; });
  std::vector<Interval> parts;
  for (; it != list.end() && it->span.start < end; ++it) {
    if (it->span.end <= start) continue;
    const auto& shift = roster.shifts[it->shift];
    crew.officer_ids.push_back(shift.officer_id);
    crew.shift_ids.push_back(shift.shift_id);
    if (!shift.callsign.empty()) crew.callsigns.push_back(shift.callsign);
    parts.push_back({std::max(it->span.start, start), std::min(it->span.end, end)});
  }
  for (auto* ids : {&crew.officer_ids, &crew.shift_ids, &crew.callsigns}) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
  crew.on_duty = merge_intervals(std::move(parts));
  return crew;
}

Millis overlap_length(const std::vector<Interval>& spans, Interval window) noexcept {
  Millis total{0};
  auto it = std::lower_bound(spans.begin(), spans.end(), window.start,
                             [](const Interval& s, Instant t) { return s.end <= t; });
  for (; it != spans.end() && it->start < window.end; ++it)
    total += std::min(it->end, window.end) - std::max(it->start, window.start);
  return total;
}

std::vector<Interval> merge_intervals(std::vector<Interval> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Interval& a, const Interval& b) { return std::tie(a.start, a.end) < std::tie(b.start, b.end); });
  std::vector<Interval> merged;
  for (const auto& s : spans) {
    if (s.end <= s.start) continue;
    if (!merged.empty() && s.start <= merged.back().end) merged.back().end = std::max(merged.back().end, s.end);
    else merged.push_back(s);
  }
  return merged;
}

}  // namespace shiftline::duty
