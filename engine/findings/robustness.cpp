#include "shiftline/findings/robustness.hpp"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <thread>

#include "findings/robustness_internal.hpp"
#include "pipeline/steps_internal.hpp"

namespace shiftline::findings {
namespace robustness_internal {
namespace {

// The documented ranges (docs/findings.md, "Robustness"; issue 14, R19).
constexpr double kDwellRadiusLow = 25.0, kDwellRadiusHigh = 100.0;  // m
constexpr Millis kMinDwellLow{60'000}, kMinDwellHigh{300'000};
constexpr Millis kGapLow{3 * 60'000}, kGapHigh{10 * 60'000};
constexpr double kReachLowKmh = 100.0, kReachHighKmh = 200.0;
constexpr std::array<double, 2> kFactors{0.5, 2.0};  // incident radius and windows: half, double

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v == std::floor(v) ? "%.0f" : "%.1f", v);
  return buf;
}
std::string metres_text(double m) { return number_text(m) + " m"; }
std::string seconds_text(Millis d) { return format_seconds(d) + " s"; }
Millis scaled(Millis d, double factor) { return Millis{std::llround(static_cast<double>(d.count()) * factor)}; }

// A VehicleResult of the run, without the kept track (the re-runs hold their own).
pipeline::VehicleResult copy_without_track(const pipeline::VehicleResult& v) {
  pipeline::VehicleResult out;
  out.vehicle = v.vehicle;
  out.rows = v.rows;
  out.pings_used = v.pings_used;
  out.first_ping = v.first_ping;
  out.last_ping = v.last_ping;
  out.dwells = v.dwells;
  out.gaps = v.gaps;
  return out;
}

// A dwell's first pass (classify alone), from the run's match of it: add_flags only appends
// flags and notes.
match::DwellMatch first_pass(const match::DwellMatch& full) {
  match::DwellMatch m = full;
  m.flags.clear();
  m.notes.clear();
  return m;
}

// The run's dwell of vehicle `v` with exactly these facts (start, end, centre, radius), if any:
// classify reads nothing else of a dwell, so with the run's index its first pass is the run's.
std::optional<std::size_t> same_dwell(const pipeline::VehicleResult& v, const pipeline::DwellRecord& d) {
  const auto it = std::lower_bound(v.dwells.begin(), v.dwells.end(), d.start,
                                   [](const pipeline::DwellRecord& x, Instant t) { return x.start < t; });
  if (it == v.dwells.end() || it->start != d.start || it->end != d.end || it->location.lat != d.location.lat ||
      it->location.lon != d.location.lon || it->radius.value != d.radius.value)
    return std::nullopt;
  return static_cast<std::size_t>(it - v.dwells.begin());
}

// One grid point's re-run state while the vehicles are processed.
struct PointRun {
  const GridPoint* point = nullptr;
  dwell::DwellConfig dwell;
  double incident_radius_factor = 1.0;  // the variant's incident radii, times the run's
  std::unique_ptr<match::CaseIndex> index;     // null: the run's index
  bool windows_change = false;                 // incident before/after differ from the run's
  std::vector<pipeline::VehicleResult> vehicles;
  std::vector<std::vector<match::DwellMatch>> matches;
  std::unique_ptr<pipeline::steps::ClaimCheck> claims;  // null: the run's verdicts
};

// The rows of each of `vehicles` (slots of analysis.run.vehicles) exactly as run_dwells grouped
// them (clean::group_by_vehicle: by row within a vehicle), without grouping every vehicle's: the
// grid re-runs a few vehicles of a fleet.
std::vector<std::vector<std::uint32_t>> rows_of_vehicles(const pipeline::Analysis& analysis,
                                                         std::span<const std::size_t> vehicles) {
  const ingest::PingTable& pings = analysis.run.ingest.pings;
  constexpr std::uint32_t kNotWanted = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> slot_of(pings.vehicles.size(), kNotWanted);
  std::vector<std::vector<std::uint32_t>> rows(vehicles.size());
  for (std::size_t i = 0; i < vehicles.size(); ++i) {
    const pipeline::VehicleResult& v = analysis.run.vehicles.at(vehicles[i]);
    slot_of.at(v.vehicle) = static_cast<std::uint32_t>(i);
    rows[i].reserve(v.rows + v.rows_out_of_scope);
  }
  for (std::size_t row = 0; row < pings.size(); ++row)
    if (const std::uint32_t s = slot_of[pings.vehicle[row]]; s != kNotWanted) rows[s].push_back(static_cast<std::uint32_t>(row));
  // run_dwells counted the same rows (in scope or not): anything else is not this analysis's pings.
  for (std::size_t i = 0; i < vehicles.size(); ++i)
    if (const auto& v = analysis.run.vehicles[vehicles[i]]; rows[i].size() != v.rows + v.rows_out_of_scope)
      throw std::logic_error("robustness: the analysis does not hold the pings of its own vehicles");
  return rows;
}

}  // namespace

std::vector<GridPoint> grid(const pipeline::AnalyseConfig& config, bool with_incidents, bool with_claims) {
  std::vector<GridPoint> points;
  const auto add = [&](std::string label, Redo redo, auto&& change) {
    GridPoint p;
    p.label = std::move(label);
    p.redo = redo;
    p.config = config;
    change(p);
    points.push_back(std::move(p));
  };
  const auto& dwell = config.pipeline.dwell;
  // The dwell radius is the stay-point radius; the diameter detector's is its diameter, so there the
  // range is that of two radii (50-200 m).
  for (const double r : {kDwellRadiusLow, kDwellRadiusHigh}) {
    if (dwell.method == dwell::Method::stay_point && r != dwell.radius.value)
      add("--dwell-radius " + metres_text(r), Redo::dwells, [&](GridPoint& p) { p.config.pipeline.dwell.radius = Meters{r}; });
    if (dwell.method == dwell::Method::diameter && 2 * r != dwell.max_diameter.value)
      add("--max-diameter " + metres_text(2 * r), Redo::dwells,
          [&](GridPoint& p) { p.config.pipeline.dwell.max_diameter = Meters{2 * r}; });
  }
  for (const Millis d : {kMinDwellLow, kMinDwellHigh})
    if (d != dwell.min_duration)
      add("--min-dwell " + seconds_text(d), Redo::dwells, [&](GridPoint& p) { p.config.pipeline.dwell.min_duration = d; });
  for (const Millis g : {kGapLow, kGapHigh})
    if (g != config.pipeline.gap.gap)
      add("--gap " + seconds_text(g), Redo::dwells, [&](GridPoint& p) { p.config.pipeline.gap.gap = g; });
  for (const double f : kFactors) {
    if (!with_incidents) break;
    const double r = config.tables.incident_radius.value * f;
    add("--incident-radius " + metres_text(r) + " (every incident's radius x" + (f < 1 ? "0.5" : "2") + ")",
        Redo::matching, [&](GridPoint& p) {
          p.config.tables.incident_radius = Meters{r};
          p.incident_radius_factor = f;
        });
  }
  for (const double f : kFactors) {
    if (!with_incidents) break;
    const Millis b = scaled(config.match.incident_before, f);
    if (b != config.match.incident_before)
      add("--incident-before " + seconds_text(b), Redo::matching, [&](GridPoint& p) { p.config.match.incident_before = b; });
  }
  for (const double f : kFactors) {
    if (!with_incidents) break;
    const Millis a = scaled(config.match.incident_after, f);
    if (a != config.match.incident_after)
      add("--incident-after " + seconds_text(a), Redo::matching, [&](GridPoint& p) { p.config.match.incident_after = a; });
  }
  if (with_claims)
    for (const double v : {kReachLowKmh, kReachHighKmh})
      if (std::abs(v - config.verify.reach_speed.kmh()) > 1e-9)
        add("--reach-speed-kmh " + number_text(v) + " km/h", Redo::claims,
            [&](GridPoint& p) { p.config.verify.reach_speed = Speed::from_kmh(v); });
  return points;
}

std::vector<std::size_t> vehicles_of(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
                                     const Findings& found) {
  std::set<std::string, std::less<>> names;
  std::set<std::string, std::less<>> spot_officers;
  bool claims = false;
  for (const Finding& f : found.findings) {
    names.insert(f.vehicle_ids.begin(), f.vehicle_ids.end());
    if (f.kind == FindingKind::recurring_place || f.spot) spot_officers.insert(f.officer_id);
    claims = claims || f.claim.has_value();
  }
  // A spot gathers the officer's dwells in every vehicle: all of them are re-run.
  for (std::size_t s = 0; s < analysis.roster.shifts.size(); ++s)
    if (spot_officers.contains(analysis.roster.shifts[s].officer_id))
      for (const auto& c : analysis.roster.crewings_of_shift[s]) names.insert(c.vehicle_id);
  if (claims) {
    pipeline::steps::ClaimCheck check;
    check.prepare(analysis.tables, analysis.roster, pipeline::steps::claims_config(config));
    std::set<std::size_t> wanted;
    for (const Finding& f : found.findings)
      if (f.claim) wanted.insert(*f.claim);
    for (const auto& part : check.plan().parts)
      if (wanted.contains(part.claim)) names.insert(part.vehicle_id);
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < analysis.run.vehicles.size(); ++k)
    if (names.contains(analysis.run.vehicle_name(analysis.run.vehicles[k]))) out.push_back(k);
  return out;
}

void rerun(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
           std::span<const GridPoint> points, std::span<const std::size_t> vehicles,
           const std::function<void(std::size_t, const pipeline::Analysis&)>& each) {
  namespace steps = pipeline::steps;
  const ingest::PingTable& pings = analysis.run.ingest.pings;
  const std::size_t n = vehicles.size();
  const std::vector<std::vector<std::uint32_t>> rows_of = rows_of_vehicles(analysis, vehicles);
  const match::CaseIndex run_index(analysis.tables, config.match);
  // With --incident-match assigned, attendance rests on the roster and the incident rows alone
  // (match::attendance): the run's holds at every point, and is computed once.
  std::optional<match::Attendance> attendance;
  if (!config.match.any_unit) attendance = match::attendance(run_index, analysis.roster, {}, {});

  std::vector<PointRun> runs(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    PointRun& r = runs[p];
    r.point = &points[p];
    r.dwell = steps::effective_dwell_config(points[p].config.pipeline);
    r.incident_radius_factor = points[p].incident_radius_factor;
    if (points[p].redo == Redo::matching) {
      // The run's places, shapes and look-ups, shared; only the incident tree is built again.
      r.index = std::make_unique<match::CaseIndex>(run_index, points[p].config.match, points[p].incident_radius_factor);
      r.windows_change = points[p].config.match.incident_before != config.match.incident_before ||
                         points[p].config.match.incident_after != config.match.incident_after;
    }
    const bool claims_change = points[p].redo == Redo::claims || points[p].redo == Redo::dwells;
    if (claims_change && !analysis.tables.claims.empty()) {
      r.claims = std::make_unique<steps::ClaimCheck>();
      r.claims->prepare(analysis.tables, analysis.roster, steps::claims_config(points[p].config));
    }
    r.vehicles.resize(n);
    if (points[p].redo != Redo::claims) {
      r.matches.resize(n);
    }
  }

  // The incident points' envelope: every incident at the largest radius and widest windows of the
  // grid. A dwell no incident of the envelope comes near has no explaining incident at any incident
  // point, so its first pass there is the run's (with the nearest incident found again when the
  // windows change; the nearest does not depend on radii).
  std::unique_ptr<match::CaseIndex> envelope;
  {
    double factor = 1.0;
    match::MatchConfig widest = config.match;
    bool any = false;
    for (const GridPoint& p : points)
      if (p.redo == Redo::matching) {
        any = true;
        factor = std::max(factor, p.incident_radius_factor);
        widest.incident_before = std::max(widest.incident_before, p.config.match.incident_before);
        widest.incident_after = std::max(widest.incident_after, p.config.match.incident_after);
      }
    if (any) envelope = std::make_unique<match::CaseIndex>(run_index, widest, factor);
  }

  // First pass, vehicle by vehicle: each is cleaned once for the whole grid (no grid parameter
  // changes cleaning), smoothed once per gap threshold when --smooth, then each point redoes what
  // it changes.
  pipeline::PipelineConfig unsmoothed = config.pipeline;
  unsmoothed.smooth = false;
  const auto process = [&](std::size_t i) {
    const std::size_t k = vehicles[i];
    const pipeline::VehicleResult& base = analysis.run.vehicles[k];
    const std::string& name = analysis.run.vehicle_name(base);
    thread_local clean::Track cleaned;
    thread_local clean::Track point_track;
    ProblemSink ignored;  // the run reported them
    const std::span<const std::uint32_t> rows = rows_of[i];
    // A scoped run cleaned and searched each kept span on its own (steps::analyse_scoped): so does
    // every re-run of it, with the run's spans, so that no re-run sees a ping the run did not.
    const bool scoped = analysis.scope.active;
    const std::vector<Interval> spans = scoped ? analysis.scope.spans_of(name) : std::vector<Interval>{};
    std::vector<SourceRef> dropped, kept;
    if (scoped) {
      pipeline::VehicleResult scratch;
      scratch.vehicle = base.vehicle;
      steps::analyse_scoped(pings, rows, spans, config.pipeline, steps::effective_dwell_config(config.pipeline), cleaned,
                            scratch, ignored, dropped, kept);
    } else {
      steps::clean_track(pings, rows, unsmoothed, cleaned, ignored);
    }
    std::map<Millis, clean::Track> smoothed;  // by gap threshold
    for (PointRun& r : runs) {
      const pipeline::PipelineConfig& pc = r.point->config.pipeline;
      const clean::Track* track = &cleaned;
      if (pc.smooth && !scoped) {
        auto [it, fresh] = smoothed.try_emplace(pc.gap.gap);
        if (fresh) {
          it->second = cleaned;
          steps::smooth_if_asked(pc, it->second);
        }
        track = &it->second;
      }
      pipeline::VehicleResult& out = r.vehicles[i];
      if (r.point->redo == Redo::dwells && scoped) {
        out = pipeline::VehicleResult{};
        out.vehicle = base.vehicle;
        dropped.clear();
        kept.clear();
        steps::analyse_scoped(pings, rows, spans, pc, r.dwell, point_track, out, ignored, dropped, kept);
        track = &point_track;
      } else if (r.point->redo == Redo::dwells) {
        out.vehicle = base.vehicle;
        out.rows = base.rows;
        steps::analyse_track(*track, pc, r.dwell, pings, out);
      } else {
        out = copy_without_track(base);
      }
      const steps::KnownMatch known = [&](std::size_t d) -> std::optional<match::DwellMatch> {
        const pipeline::DwellRecord& dwell = out.dwells[d];
        if (r.point->redo == Redo::dwells) {
          const auto same = same_dwell(base, dwell);
          if (!same) return std::nullopt;
          return first_pass(analysis.matches[k][*same]);
        }
        if (!envelope->incidents_near(dwell.location, dwell.radius, dwell.start, dwell.end).empty())
          return std::nullopt;
        match::DwellMatch m = first_pass(analysis.matches[k][d]);
        if (r.windows_change) {
          m.nearest_incident.reset();
          m.nearest_incident_distance = Meters{0.0};
          const match::MatchConfig& mc = r.index->config();  // as match::classify names it
          if (const auto nearest = r.index->nearest_incident_within(dwell.location, dwell.start, dwell.end,
                                                                    mc.nearest_incident_within, mc.nearest_incident_time)) {
            m.nearest_incident = nearest->first;
            m.nearest_incident_distance = nearest->second;
          }
        }
        return m;
      };
      if (r.point->redo != Redo::claims)
        steps::match_vehicle(r.index ? *r.index : run_index, analysis.roster, name, *track, out, pc.gap.gap,
                             r.matches[i], nullptr, known);
      if (r.claims) r.claims->observe(name, *track, out);
    }
  };
  const unsigned threads = pipeline::steps::resolve_threads(config.pipeline.threads);
  if (threads == 1) {
    for (std::size_t i = 0; i < n; ++i) process(i);
  } else {
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const tbb::blocked_range<std::size_t>& b) {
        for (std::size_t i = b.begin(); i != b.end(); ++i) process(i);
      });
    });
  }

  // One analysis of those vehicles, reused point by point: the tables and roster are copied once.
  pipeline::Analysis variant;
  variant.run.ingest.inputs = analysis.run.ingest.inputs;
  variant.run.ingest.transform = analysis.run.ingest.transform;
  variant.run.ingest.pings.vehicles = pings.vehicles;  // names only: no ping is needed again
  variant.tables = analysis.tables;
  variant.roster = analysis.roster;
  // Shift figures (shifts.csv: coverage, moving and unexplained time per shift) are not re-run:
  // no finding rule reads them, and they are a walk over every ping of every crewing.
  variant.shifts = analysis.shifts;
  std::vector<std::vector<match::DwellMatch>> run_matches;  // for points that keep the run's matching
  for (const std::size_t k : vehicles) run_matches.push_back(analysis.matches[k]);
  std::set<std::string, std::less<>> chosen;
  for (const std::size_t k : vehicles) chosen.insert(analysis.run.vehicle_name(analysis.run.vehicles[k]));

  for (std::size_t p = 0; p < runs.size(); ++p) {
    PointRun& r = runs[p];
    variant.run.vehicles = std::move(r.vehicles);
    if (r.point->redo != Redo::claims) {
      // Second pass over these vehicles only (with any-unit, attendance from their dwells alone).
      const match::CaseIndex& index = r.index ? *r.index : run_index;
      if (attendance) steps::flag_dwells(index, *attendance, variant.run, r.matches);
      else steps::attend_and_flag(index, analysis.roster, variant.run, r.matches);
      variant.matches = std::move(r.matches);
    } else {
      variant.matches = run_matches;
    }
    variant.claims = analysis.claims;
    if (r.claims) {
      // A claim with a part in a vehicle not re-run keeps the run's verdict.
      std::vector<verify::ClaimResult> judged = r.claims->judge();
      std::vector<char> complete(judged.size(), 1);
      for (const auto& part : r.claims->plan().parts)
        if (!chosen.contains(part.vehicle_id) && pings.vehicles.find(part.vehicle_id) != pings.vehicles.size())
          complete[part.claim] = 0;
      for (std::size_t c = 0; c < judged.size(); ++c)
        if (complete[c]) variant.claims[c] = std::move(judged[c]);
    }
    // Scaled radii in place, then the run's again: no copy of the incident rows per point.
    const auto radii_times = [&](double factor) {
      for (std::size_t i = 0; i < variant.tables.incidents.size(); ++i)
        variant.tables.incidents[i].radius = Meters{analysis.tables.incidents[i].radius.value * factor};
    };
    if (r.incident_radius_factor != 1.0) radii_times(r.incident_radius_factor);
    each(p, variant);
    if (r.incident_radius_factor != 1.0) radii_times(1.0);
    r = PointRun{};  // its memory is not needed again
  }
}

bool same_finding(const Finding& base, const Finding& again, const FindingsConfig& config) {
  if (base.kind != again.kind || base.officer_id != again.officer_id) return false;
  if (base.officer_id.empty()) {
    std::vector<std::string> common;
    std::set_intersection(base.vehicle_ids.begin(), base.vehicle_ids.end(), again.vehicle_ids.begin(),
                          again.vehicle_ids.end(), std::back_inserter(common));
    if (common.empty()) return false;
  }
  if (base.claim) {
    if (again.claim != base.claim) return false;
  } else if (base.place) {
    if (again.place != base.place) return false;
  } else if (geodesic_distance(base.location, again.location).value > config.spots.radius.value) {
    return false;
  }
  return again.start <= base.end && base.start <= again.end;
}

void assess(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
            const FindingsConfig& findings_config, Findings& found, const Finder& finder) {
  for (Finding& f : found.findings) f.robustness = Robustness{true, true, {}};
  if (found.findings.empty()) return;
  const std::vector<GridPoint> points = grid(config, !analysis.tables.incidents.empty(), !analysis.tables.claims.empty());
  const std::vector<std::size_t> vehicles = vehicles_of(config, analysis, found);
  rerun(config, analysis, points, vehicles, [&](std::size_t p, const pipeline::Analysis& variant) {
    const Findings again = finder(variant);
    for (Finding& f : found.findings) {
      const bool held = std::any_of(again.findings.begin(), again.findings.end(),
                                    [&](const Finding& g) { return same_finding(f, g, findings_config); });
      if (!held) {
        f.robustness.robust = false;
        f.robustness.lost_at.push_back(points[p].label);
      }
    }
  });
}

}  // namespace robustness_internal

void assess_robustness(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
                       const FindingsConfig& findings_config, Findings& found) {
  robustness_internal::assess(config, analysis, findings_config, found,
                              [&](const pipeline::Analysis& a) { return find_findings(a, findings_config); });
}

}  // namespace shiftline::findings
