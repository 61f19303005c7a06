#include "shiftline/match/shift_figures.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace shiftline::match {
namespace {


// Parts of the track with data: runs of pings at most `gap` apart, and every dwell.
std::vector<Interval> covered_spans(const clean::Track& track, const std::vector<DwellSpan>& dwells, Millis gap) {
  std::vector<Interval> spans;
  std::size_t run_start = 0;
  for (std::size_t i = 1; i <= track.size(); ++i) {
    if (i == track.size() || track.time[i] - track.time[i - 1] > gap) {
      if (i > run_start + 1) spans.push_back({track.time[run_start], track.time[i - 1]});
      run_start = i;
    }
  }
  for (const auto& d : dwells) spans.push_back(d.span);
  return duty::merge_intervals(std::move(spans));
}

Millis overlap(Interval a, Interval b) {
  const Instant s = std::max(a.start, b.start);
  const Instant e = std::min(a.end, b.end);
  return e > s ? e - s : Millis{0};
}

// Track length inside `window`: segments at most `gap` long, not inside a dwell, each counted in
// proportion to the part of its time inside the window. LocalFrame lengths: for segments of a
// few hundred metres they differ from the geodesic by far less than the GNSS error. The frame is
// refreshed when the latitude moves by 0.01 degrees (about 1.1 km), so that no sin/cos is paid
// per segment.
Meters distance_within(const clean::Track& track, const std::vector<DwellSpan>& dwells, Millis gap, Interval window) {
  double metres = 0.0;
  auto i = static_cast<std::size_t>(
      std::lower_bound(track.time.begin(), track.time.end(), window.start) - track.time.begin());
  if (i > 0) --i;
  auto d = std::lower_bound(dwells.begin(), dwells.end(), i < track.size() ? track.time[i] : window.start,
                            [](const DwellSpan& x, Instant t) { return x.span.end < t; });
  // One frame per kilometre of latitude: its scale differs from the segment's by < 0.02%.
  LocalFrame frame = LocalFrame::at(i < track.size() ? track.position[i].lat : 0.0);
  double frame_lat = i < track.size() ? track.position[i].lat : 0.0;
  for (; i + 1 < track.size() && track.time[i] < window.end; ++i) {
    const Interval seg{track.time[i], track.time[i + 1]};
    if (seg.length() > gap || seg.length() <= Millis{0}) continue;
    while (d != dwells.end() && d->span.end < seg.start) ++d;
    if (d != dwells.end() && d->span.start <= seg.start && seg.end <= d->span.end) continue;
    const Millis inside = overlap(seg, window);
    if (inside <= Millis{0}) continue;
    if (std::abs(track.position[i].lat - frame_lat) > 0.01) {
      frame_lat = track.position[i].lat;
      frame = LocalFrame::at(frame_lat);
    }
    metres += std::sqrt(frame.distance2(track.position[i], track.position[i + 1])) *
              (static_cast<double>(inside.count()) / static_cast<double>(seg.length().count()));
  }
  return Meters{metres};
}

void add_to(CrewingFigures& f, DwellClass c, Millis part) {
  switch (c) {
    case DwellClass::incident: f.incident += part; break;
    case DwellClass::base: f.base += part; break;
    case DwellClass::unexplained: f.unexplained += part; break;
    case DwellClass::off_duty: f.off_duty += part; break;
    case DwellClass::duty_unknown: f.duty_unknown += part; break;
  }
}

}  // namespace

std::vector<CrewingFigures> crewing_figures(const duty::Roster& roster, const std::string& vehicle,
                                            const clean::Track& track, const std::vector<DwellSpan>& dwells,
                                            Millis gap) {
  std::vector<CrewingFigures> out;
  const auto found = roster.crewings_of_vehicle.find(vehicle);
  if (found == roster.crewings_of_vehicle.end()) return out;
  const std::vector<Interval> covered = covered_spans(track, dwells, gap);
  for (const auto& c : found->second) {
    CrewingFigures f;
    f.shift = c.shift;
    f.crewed = c.span.length();
    f.covered = duty::overlap_length(covered, c.span);
    Millis in_dwells{0};
    // Dwells are in time order and never overlap: start at the first that ends after the crewing starts.
    auto first = std::lower_bound(dwells.begin(), dwells.end(), c.span.start,
                                  [](const DwellSpan& d, Instant t) { return d.span.end <= t; });
    for (auto it = first; it != dwells.end() && it->span.start < c.span.end; ++it) {
      const DwellSpan& d = *it;
      const Millis part = overlap(d.span, c.span);
      if (part <= Millis{0}) continue;
      in_dwells += part;
      const Millis unexplained_before = f.unexplained;
      if (d.pieces == nullptr) {
        add_to(f, d.dwell_class, part);
      } else {
        for (const TimePiece& p : *d.pieces) add_to(f, p.time_class, overlap(p.span, c.span));
      }
      if (f.unexplained > unexplained_before) f.unexplained_dwells.emplace_back(vehicle, d.index);
    }
    f.moving = f.covered - in_dwells;
    f.distance = distance_within(track, dwells, gap, c.span);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<ShiftFigures> shift_figures(const duty::Roster& roster, const std::vector<CrewingFigures>& crewings,
                                        const std::vector<ingest::EventRow>& events) {
  std::vector<ShiftFigures> out(roster.shifts.size());
  std::vector<std::set<std::pair<std::string, std::size_t>>> unexplained(roster.shifts.size());
  // Crewed time comes from the roster, not from the figures: a vehicle that never pinged has no
  // figures, and all its crewed time is a gap.
  for (std::size_t i = 0; i < roster.shifts.size(); ++i) {
    out[i].on_duty = roster.shifts[i].end - roster.shifts[i].start;
    std::vector<Interval> unattributed;
    for (const auto& c : roster.crewings_of_shift.at(i)) {
      if (c.unattributed) unattributed.push_back(c.span);
      else out[i].crewed += c.span.length();
    }
    // Two vehicles at once are one stretch of the officer's time.
    for (const Interval& u : duty::merge_intervals(std::move(unattributed))) out[i].unattributed += u.length();
  }
  for (const auto& c : crewings) {
    auto& f = out.at(c.shift.value);
    f.covered += c.covered;
    f.moving += c.moving;
    f.distance = f.distance + c.distance;
    f.incident += c.incident;
    f.base += c.base;
    f.unexplained += c.unexplained;
    unexplained[c.shift.value].insert(c.unexplained_dwells.begin(), c.unexplained_dwells.end());
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].gap = out[i].crewed - out[i].covered;
    out[i].unassigned = out[i].on_duty - out[i].crewed - out[i].unattributed;
    out[i].unexplained_n = unexplained[i].size();
  }
  // Events by officer and time; shifts by officer and start: one merge per officer.
  for (const auto& e : events) {
    const auto first = std::lower_bound(roster.shifts.begin(), roster.shifts.end(), e.officer_id,
                                        [](const ingest::ShiftRow& s, const std::string& id) { return s.officer_id < id; });
    for (auto it = first; it != roster.shifts.end() && it->officer_id == e.officer_id && it->start <= e.at; ++it) {
      if (e.at >= it->end) continue;
      auto& f = out[static_cast<std::size_t>(it - roster.shifts.begin())];
      ++f.events_n;
      ++f.events_by_kind[e.kind];
    }
  }
  return out;
}

}  // namespace shiftline::match
