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

Millis overlap(Interval a, Interval b) {
  const Instant s = std::max(a.start, b.start);
  const Instant e = std::min(a.end, b.end);
  return e > s ? e - s : Millis{0};
}

// Assignments of one officer, by start.
std::vector<const ingest::AssignmentRow*> sorted_assignments(const std::vector<ingest::AssignmentRow>& assignments) {
  std::vector<const ingest::AssignmentRow*> sorted;
  sorted.reserve(assignments.size());
  for (const auto& a : assignments) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return std::tie(a->officer_id, a->start, a->end, a->source) < std::tie(b->officer_id, b->start, b->end, b->source);
  });
  return sorted;
}

// The crewings of one shift: assignments of its officer clipped to it, the shift's own vehicle in
// between. Overlapping assignments give overlapping crewings; those in one vehicle are merged
// (the officer is in that vehicle either way), those in two are a conflict found later.
std::vector<Crewing> crewings_for(ShiftIndex index, const ingest::ShiftRow& shift,
                                  const std::vector<const ingest::AssignmentRow*>& officer_assignments) {
  std::vector<Crewing> out;
  Instant cursor = shift.start;
  const auto own_vehicle_until = [&](Instant until) {
    if (cursor < until && !shift.vehicle_id.empty())
      out.push_back(Crewing{index, shift.vehicle_id, {cursor, until}, false, shift.source});
  };
  for (const auto* a : officer_assignments) {
    const Instant from = std::max(a->start, shift.start);
    const Instant to = std::min(a->end, shift.end);
    if (from >= to) continue;
    own_vehicle_until(from);
    out.push_back(Crewing{index, a->vehicle_id, {from, to}, false, a->source});
    cursor = std::max(cursor, to);
  }
  own_vehicle_until(shift.end);
  std::sort(out.begin(), out.end(), [](const Crewing& a, const Crewing& b) {
    return std::tie(a.vehicle_id, a.span.start) < std::tie(b.vehicle_id, b.span.start);
  });
  std::vector<Crewing> merged;
  for (auto& c : out) {
    if (!merged.empty() && merged.back().vehicle_id == c.vehicle_id && c.span.start <= merged.back().span.end)
      merged.back().span.end = std::max(merged.back().span.end, c.span.end);
    else
      merged.push_back(std::move(c));
  }
  std::sort(merged.begin(), merged.end(), [](const Crewing& a, const Crewing& b) {
    return std::tie(a.span.start, a.vehicle_id) < std::tie(b.span.start, b.vehicle_id);
  });
  return merged;
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

// Where the roster puts one officer in two vehicles at once: the officer's crewings (all shifts)
// swept in time order, counting the distinct vehicles in force between consecutive boundaries.
std::vector<Interval> conflict_spans(const std::vector<const Crewing*>& crewings) {
  std::vector<std::pair<Instant, const Crewing*>> edges;
  for (const Crewing* c : crewings) {
    edges.emplace_back(c->span.start, c);
    edges.emplace_back(c->span.end, c);
  }
  std::sort(edges.begin(), edges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<std::string_view, int> active;  // vehicle -> crewings in force
  std::vector<Interval> spans;
  for (std::size_t i = 0; i < edges.size();) {
    const Instant t = edges[i].first;
    for (; i < edges.size() && edges[i].first == t; ++i) {
      const Crewing* c = edges[i].second;
      if (c->span.start == t) ++active[c->vehicle_id];
      if (c->span.end == t && --active[c->vehicle_id] == 0) active.erase(c->vehicle_id);
    }
    if (active.size() >= 2 && i < edges.size()) spans.push_back({t, edges[i].first});
  }
  return merge_intervals(std::move(spans));
}

// Splits `c` at the edges of `withheld` (sorted, disjoint); the pieces inside are unattributed.
void split_withheld(const Crewing& c, const std::vector<Interval>& withheld, std::vector<Crewing>& out) {
  Instant cursor = c.span.start;
  for (const Interval& w : withheld) {
    if (w.end <= cursor || w.start >= c.span.end) continue;
    if (w.start > cursor) out.push_back(Crewing{c.shift, c.vehicle_id, {cursor, w.start}, false, c.source});
    const Instant to = std::min(w.end, c.span.end);
    out.push_back(Crewing{c.shift, c.vehicle_id, {std::max(cursor, w.start), to}, true, c.source});
    cursor = to;
  }
  if (cursor < c.span.end) out.push_back(Crewing{c.shift, c.vehicle_id, {cursor, c.span.end}, false, c.source});
}

// The part of [a, b] (both rows of one officer) that is attributed to no one because the roster
// puts the officer in two vehicles then.
std::string conflict_note(const std::vector<Interval>& conflicts, Interval both, const std::string& officer) {
  const Millis conflicted = overlap_length(conflicts, both);
  if (conflicted <= Millis{0})
    return "; both are kept and never put " + officer + " in two vehicles at once, so both count the overlap";
  return "; both are kept, but they put " + officer + " in two vehicles at once for " + format_seconds(conflicted) +
         " s of it: that time is attributed to no one (roster conflict)";
}

// For spans sorted by start (one officer's rows), the row each overlaps for a positive time that
// its warning names (the earlier one reaching furthest, else the next one) and how many it
// overlaps. Sort and sweep: O(n log n), where naming every pair grew with the square of the rows
// (3,000 overlapping shifts gave 9 M warnings).
struct OverlapOf {
  std::size_t other = 0;
  std::size_t count = 0;  ///< 0: overlaps none
};
std::vector<OverlapOf> overlaps_of(const std::vector<Interval>& spans) {
  std::vector<Instant> ends;
  ends.reserve(spans.size());
  for (const Interval& s : spans) ends.push_back(s.end);
  std::sort(ends.begin(), ends.end());
  std::vector<OverlapOf> out(spans.size());
  std::size_t reach = spans.size();  // the earlier span with the latest end so far
  for (std::size_t i = 0; i < spans.size(); ++i) {
    // Spans j with start_j < end_i and end_j > start_i: those starting before end_i (itself
    // included) less those ending by start_i (all of which start before end_i).
    const auto starting_before = static_cast<std::size_t>(
        std::lower_bound(spans.begin(), spans.end(), spans[i].end,
                         [](const Interval& s, Instant t) { return s.start < t; }) -
        spans.begin());
    const auto ended = static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), spans[i].start) - ends.begin());
    out[i].count = starting_before - ended - 1;
    if (out[i].count > 0)  // no earlier one reaches past start_i: then the next one starts before end_i
      out[i].other = reach < spans.size() && spans[reach].end > spans[i].start ? reach : i + 1;
    if (reach == spans.size() || spans[i].end > spans[reach].end) reach = i;
  }
  return out;
}

// Same officer, overlapping for a positive time: one warning per row, naming one row it overlaps
// and how many others it overlaps besides.
void warn_overlaps(const std::vector<ingest::ShiftRow>& shifts,
                   const std::vector<const ingest::AssignmentRow*>& assignments,
                   const std::map<std::string, std::vector<Interval>>& conflicts,
                   const std::vector<std::string>& paths, ProblemSink& problems) {
  static const std::vector<Interval> none;
  const auto conflicts_of = [&](const std::string& officer) -> const std::vector<Interval>& {
    const auto it = conflicts.find(officer);
    return it == conflicts.end() ? none : it->second;
  };
  const auto more = [](std::size_t count, const char* what, const std::string& officer) {
    return count > 1 ? " and " + std::to_string(count - 1) + " other " + what + " of " + officer : std::string();
  };
  // Runs of one officer's rows (both lists are sorted by officer, then start).
  for (std::size_t first = 0; first < shifts.size();) {
    std::size_t last = first;
    std::vector<Interval> spans;
    for (; last < shifts.size() && shifts[last].officer_id == shifts[first].officer_id; ++last)
      spans.push_back({shifts[last].start, shifts[last].end});
    const auto found = overlaps_of(spans);
    for (std::size_t k = 0; k < found.size(); ++k) {
      if (found[k].count == 0) continue;
      const auto& a = shifts[first + k];
      const auto& b = shifts[first + found[k].other];
      const Interval both{std::max(a.start, b.start), std::min(a.end, b.end)};
      problems.report(a.source, ProblemCode::overlapping_shift, "start",
                      "shift " + a.shift_id + " of " + a.officer_id + " overlaps shift " + b.shift_id + " (" +
                          row_name(paths, b.source) + ")" + more(found[k].count, "shift(s)", a.officer_id) +
                          conflict_note(conflicts_of(a.officer_id), both, a.officer_id));
    }
    first = last;
  }
  for (std::size_t first = 0; first < assignments.size();) {
    std::size_t last = first;
    std::vector<Interval> spans;
    for (; last < assignments.size() && assignments[last]->officer_id == assignments[first]->officer_id; ++last)
      spans.push_back({assignments[last]->start, assignments[last]->end});
    const auto found = overlaps_of(spans);
    for (std::size_t k = 0; k < found.size(); ++k) {
      if (found[k].count == 0) continue;
      const auto& x = *assignments[first + k];
      const auto& y = *assignments[first + found[k].other];
      const Interval both{std::max(x.start, y.start), std::min(x.end, y.end)};
      problems.report(x.source, ProblemCode::overlapping_assignment, "start",
                      "the assignment of " + x.officer_id + " to " + x.vehicle_id + " overlaps the one to " +
                          y.vehicle_id + " (" + row_name(paths, y.source) + ")" +
                          more(found[k].count, "assignment(s)", x.officer_id) +
                          conflict_note(conflicts_of(x.officer_id), both, x.officer_id));
    }
    first = last;
  }
}

void warn_rejected_rows(const std::vector<ingest::RejectedRosterRow>& rejected, ProblemSink& problems) {
  for (const auto& r : rejected) {
    std::string whose;
    if (!r.vehicle_id.empty()) whose = "the duty of " + r.vehicle_id;
    if (!r.officer_id.empty()) whose += (whose.empty() ? "" : " and ") + std::string("where ") + r.officer_id + " was";
    if (whose.empty()) whose = "nobody's duty (it names neither officer nor vehicle)";
    problems.report(r.source, ProblemCode::duty_unknown, "",
                    "this " + r.table.substr(0, r.table.size() - 1) + " row was rejected (rejected.csv), so " + whose +
                        " is unknown from " + format_utc(r.from) + " to " + format_utc(r.to) +
                        ": time with nobody else on duty there is duty_unknown, not off_duty, and no time then is "
                        "attributed to " + (r.officer_id.empty() ? std::string("its officer") : r.officer_id));
  }
}

}  // namespace

Roster build_roster(std::vector<ingest::ShiftRow> shifts, const std::vector<ingest::AssignmentRow>& assignments,
                    const std::vector<std::string>& input_paths, ProblemSink& problems,
                    const std::vector<ingest::RejectedRosterRow>& rejected) {
  Roster roster;
  std::sort(shifts.begin(), shifts.end(), [](const auto& a, const auto& b) {
    return std::tie(a.officer_id, a.start, a.shift_id, a.source) < std::tie(b.officer_id, b.start, b.shift_id, b.source);
  });
  roster.shifts = std::move(shifts);
  const auto sorted = sorted_assignments(assignments);
  warn_assignments_outside_shifts(sorted, roster.shifts, problems);

  // Where the roster puts each officer, shift by shift, before anything is withheld.
  std::vector<std::vector<Crewing>> placed(roster.shifts.size());
  for (std::size_t i = 0; i < roster.shifts.size(); ++i) {
    const auto& shift = roster.shifts[i];
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), shift.officer_id,
                                        [](const auto* a, const std::string& id) { return a->officer_id < id; });
    std::vector<const ingest::AssignmentRow*> mine;
    for (auto it = first; it != sorted.end() && (*it)->officer_id == shift.officer_id; ++it) mine.push_back(*it);
    placed[i] = crewings_for(ShiftIndex{static_cast<std::uint32_t>(i)}, shift, mine);
  }

  // Per officer: time in two vehicles at once, and time a rejected row of theirs may cover.
  std::map<std::string, std::vector<Interval>> conflicts, withheld;
  for (std::size_t i = 0; i < roster.shifts.size();) {
    const std::string& officer = roster.shifts[i].officer_id;
    std::vector<const Crewing*> mine;
    std::size_t j = i;
    for (; j < roster.shifts.size() && roster.shifts[j].officer_id == officer; ++j)
      for (const auto& c : placed[j]) mine.push_back(&c);
    if (auto spans = conflict_spans(mine); !spans.empty()) conflicts[officer] = std::move(spans);
    i = j;
  }
  for (const auto& [officer, spans] : conflicts) withheld[officer] = spans;
  for (const auto& r : rejected)
    if (!r.officer_id.empty()) withheld[r.officer_id].push_back({r.from, r.to});
  for (auto& [officer, spans] : withheld) spans = merge_intervals(std::move(spans));
  warn_overlaps(roster.shifts, sorted, conflicts, input_paths, problems);
  warn_rejected_rows(rejected, problems);

  roster.crewings_of_shift.resize(roster.shifts.size());
  for (std::size_t i = 0; i < roster.shifts.size(); ++i) {
    const auto it = withheld.find(roster.shifts[i].officer_id);
    for (const auto& c : placed[i]) {
      if (it == withheld.end()) roster.crewings_of_shift[i].push_back(c);
      else split_withheld(c, it->second, roster.crewings_of_shift[i]);
    }
    for (const auto& c : roster.crewings_of_shift[i]) {
      if (c.unattributed) {
        roster.unknown_of_vehicle[c.vehicle_id].push_back(c.span);
        continue;
      }
      roster.crewings_of_vehicle[c.vehicle_id].push_back(c);
      auto& longest = roster.longest_crewing[c.vehicle_id];
      longest = std::max(longest, c.span.length());
    }
  }
  for (const auto& r : rejected)
    if (!r.vehicle_id.empty()) roster.unknown_of_vehicle[r.vehicle_id].push_back({r.from, r.to});
  for (auto& [vehicle, spans] : roster.unknown_of_vehicle) spans = merge_intervals(std::move(spans));
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
  if (const auto found = roster.crewings_of_vehicle.find(vehicle); found != roster.crewings_of_vehicle.end()) {
    const auto& list = found->second;
    // Crewings that start before `start - longest` end before `start`: skip them by binary search.
    const Instant earliest = start - roster.longest_crewing.find(vehicle)->second;
    auto it = std::lower_bound(list.begin(), list.end(), earliest,
                               [](const Crewing& c, Instant t) { return c.span.start < t; });
    std::vector<Interval> parts;
    for (; it != list.end() && it->span.start < end; ++it) {
      if (it->span.end <= start) continue;
      const auto& shift = roster.shift(it->shift);
      crew.officer_ids.push_back(shift.officer_id);
      crew.shift_ids.push_back(shift.shift_id);
      if (!shift.callsign.empty()) crew.callsigns.push_back(shift.callsign);
      Crewing clipped = *it;
      clipped.span = {std::max(it->span.start, start), std::min(it->span.end, end)};
      parts.push_back(clipped.span);
      crew.crewings.push_back(std::move(clipped));
    }
    for (auto* ids : {&crew.officer_ids, &crew.shift_ids, &crew.callsigns}) {
      std::sort(ids->begin(), ids->end());
      ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    crew.on_duty = merge_intervals(std::move(parts));
  }
  // Unknown duty counts only where nobody is on duty: a crew on duty is known to be there.
  if (const auto unknown = roster.unknown_of_vehicle.find(vehicle); unknown != roster.unknown_of_vehicle.end()) {
    for (const Interval& u : unknown->second) {
      if (u.end <= start || u.start >= end) continue;
      Instant cursor = std::max(u.start, start);
      const Instant stop = std::min(u.end, end);
      for (const Interval& d : crew.on_duty) {
        if (d.end <= cursor || d.start >= stop) continue;
        if (d.start > cursor) crew.unknown.push_back({cursor, d.start});
        cursor = std::max(cursor, d.end);
      }
      if (cursor < stop) crew.unknown.push_back({cursor, stop});
    }
    crew.unknown = merge_intervals(std::move(crew.unknown));
  }
  return crew;
}

Millis overlap_length(const std::vector<Interval>& spans, Interval window) noexcept {
  Millis total{0};
  auto it = std::lower_bound(spans.begin(), spans.end(), window.start,
                             [](const Interval& s, Instant t) { return s.end <= t; });
  for (; it != spans.end() && it->start < window.end; ++it) total += overlap(*it, window);
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
