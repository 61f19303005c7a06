#include "shiftline/pipeline/pipeline.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

#include "pipeline/steps_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/pipeline/scope.hpp"

namespace shiftline::pipeline {
namespace {

DwellRecord make_record(const clean::Track& track, const dwell::Dwell& d, std::size_t sequence,
                                const ingest::PingTable& pings, bool keep_pings) {
  DwellRecord r;
  r.sequence = sequence;
  r.start = track.time[d.first];
  r.end = track.time[d.last];
  r.location = d.location;
  r.radius = d.radius;
  r.n_pings = d.last - d.first + 1;
  r.bridged_gap = d.bridged_gap;
  for (std::size_t k = d.first; k <= d.last; ++k) {
    const std::uint32_t row = track.ping[k];
    const SourceRef src = pings.source(row);
    auto it = std::find_if(r.source_lines.begin(), r.source_lines.end(),
                           [&src](const LineRange& lr) { return lr.file == src.file; });
    if (it == r.source_lines.end()) {
      r.source_lines.push_back(LineRange{src.file, src.line, src.line});
    } else {
      it->first_line = std::min(it->first_line, src.line);
      it->last_line = std::max(it->last_line, src.line);
    }
    if (keep_pings) r.pings.push_back(row);
  }
  std::sort(r.source_lines.begin(), r.source_lines.end(),
            [](const LineRange& a, const LineRange& b) { return a.file < b.file; });
  return r;
}

// A derived number that is not finite (a NaN position, an infinite radius or distance) is never
// written: it would read as a place in the CSV and break the GeoJSON. Parameters are range-checked
// and smoothing refuses to overflow (exit 2), so one reaching here is a bug: exit 1, naming it.
void require_finite(bool finite, const std::string& what, const ingest::PingTable& pings, const clean::Track& track,
                    std::size_t first, std::size_t last) {
  if (finite) return;
  throw std::runtime_error("vehicle " + pings.vehicles.name(track.vehicle) + ", pings from " +
                           format_utc(track.time[first]) + " to " + format_utc(track.time[last]) + ": " + what +
                           " is not a finite number; nothing was written");
}


}  // namespace

namespace steps {

unsigned resolve_threads(unsigned threads) {
  if (threads != 0) return threads;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

dwell::DwellConfig effective_dwell_config(const PipelineConfig& config) {
  dwell::DwellConfig d = config.dwell;
  d.gap = config.gap.gap;
  return d;
}

void smooth_if_asked(const PipelineConfig& config, clean::Track& track) {
  if (config.smooth) reconstruct::smooth_track(track, config.smoothing, config.gap);
}

void clean_track(const ingest::PingTable& pings, std::span<const std::uint32_t> rows, const PipelineConfig& config,
                 clean::Track& track, ProblemSink& problems) {
  clean::clean_vehicle(pings, rows, config.clean, track, problems);
  smooth_if_asked(config, track);
}

// Everything after cleaning, for one vehicle.
void analyse_track(const clean::Track& track, const PipelineConfig& config, const dwell::DwellConfig& dwell_config,
                   const ingest::PingTable& pings, VehicleResult& out) {
  out.pings_used = track.size();
  if (track.empty()) return;
  out.first_ping = track.time.front();
  out.last_ping = track.time.back();
  const auto dwells = dwell::detect_dwells(track, dwell_config);
  for (std::size_t i = 0; i < dwells.size(); ++i) {
    const dwell::Dwell& d = dwells[i];
    require_finite(std::isfinite(d.location.lat) && std::isfinite(d.location.lon) && std::isfinite(d.radius.value),
                   "the dwell's location or radius", pings, track, d.first, d.last);
    out.dwells.push_back(make_record(track, d, i + 1, pings, config.keep_dwell_pings));
  }
  std::size_t next_dwell = 0;
  for (const reconstruct::Gap& g : reconstruct::find_gaps(track, config.gap)) {
    GapRecord r;
    r.start = track.time[g.before];
    r.end = track.time[g.after()];
    r.from = track.position[g.before];
    r.to = track.position[g.after()];
    r.moved = geodesic_distance(r.from, r.to);
    require_finite(std::isfinite(r.moved.value), "the distance across the gap", pings, track, g.before, g.after());
    r.from_row = pings.source(track.ping[g.before]);
    r.to_row = pings.source(track.ping[g.after()]);
    while (next_dwell < dwells.size() && dwells[next_dwell].last <= g.before) ++next_dwell;
    if (next_dwell < dwells.size() && dwells[next_dwell].first <= g.before && dwells[next_dwell].last >= g.after())
      r.bridged_by = next_dwell + 1;
    out.gaps.push_back(r);
  }
}

// Scope: the vehicle's rows split by the kept spans; each span cleaned and analysed on its own (so
// that the time between spans is no gap and no dwell bridges it), the results joined in time order.
void analyse_scoped(const ingest::PingTable& pings, std::span<const std::uint32_t> rows, const std::vector<Interval>& spans,
                    const PipelineConfig& config, const dwell::DwellConfig& dwell_config, clean::Track& track,
                    VehicleResult& out, ProblemSink& problems, std::vector<SourceRef>& dropped,
                    std::vector<SourceRef>& in_scope) {
  std::vector<std::vector<std::uint32_t>> kept(spans.size());
  for (const std::uint32_t row : rows) {
    const Instant t = pings.time[row];
    const auto it = std::upper_bound(spans.begin(), spans.end(), t,
                                     [](Instant at, const Interval& s) { return at < s.end; });
    if (it != spans.end() && it->start <= t) {
      kept[static_cast<std::size_t>(it - spans.begin())].push_back(row);
      in_scope.push_back(pings.source(row));
    } else {
      dropped.push_back(pings.source(row));
    }
  }
  out.rows_out_of_scope = dropped.size();
  out.rows = rows.size() - dropped.size();
  // The vehicle has pings before (after) a span: a dwell at the span's edge may be cut by it.
  Instant earliest = kTimeRangeEnd, latest = kTimeRangeStart;
  for (const std::uint32_t row : rows) {
    earliest = std::min(earliest, pings.time[row]);
    latest = std::max(latest, pings.time[row]);
  }
  const auto dropped_before = [&](Instant t) { return earliest < t; };
  const auto dropped_after = [&](Instant t) { return latest >= t; };
  track = clean::Track{};
  track.vehicle = out.vehicle;
  clean::Track part;
  for (std::size_t j = 0; j < spans.size(); ++j) {
    if (kept[j].empty()) continue;
    clean_track(pings, kept[j], config, part, problems);
    VehicleResult piece;
    piece.vehicle = out.vehicle;
    analyse_track(part, config, dwell_config, pings, piece);
    const std::size_t offset = out.dwells.size();
    const bool cut_start = dropped_before(spans[j].start), cut_end = dropped_after(spans[j].end);
    for (auto& d : piece.dwells) {
      d.sequence += offset;
      d.cut_by_scope_start = cut_start && d.start == part.time.front();
      d.cut_by_scope_end = cut_end && d.end == part.time.back();
      out.dwells.push_back(std::move(d));
    }
    for (auto& g : piece.gaps) {
      if (g.bridged_by) *g.bridged_by += offset;
      out.gaps.push_back(std::move(g));
    }
    if (part.empty()) continue;
    if (track.empty()) out.first_ping = part.time.front();
    out.last_ping = part.time.back();
    out.pings_used += part.size();
    track.time.insert(track.time.end(), part.time.begin(), part.time.end());
    track.position.insert(track.position.end(), part.position.begin(), part.position.end());
    track.ping.insert(track.ping.end(), part.ping.begin(), part.ping.end());
    track.accuracy_m.insert(track.accuracy_m.end(), part.accuracy_m.begin(), part.accuracy_m.end());
    track.discarded.insert(track.discarded.end(), part.discarded.begin(), part.discarded.end());
  }
}

}  // namespace steps

namespace {

// Scope, after every vehicle: ingest's problems on rows the scope dropped are counted, not listed;
// the others (rows ingest could not place: no vehicle or time read) keep their citation but not
// their detail, which may quote an out-of-scope position or id. Vehicles with nothing in scope go.
void scope_problems_and_vehicles(RunResult& run, const std::vector<std::vector<SourceRef>>& out_of_scope,
                                 const std::vector<std::vector<SourceRef>>& in_scope) {
  const auto sorted = [](const std::vector<std::vector<SourceRef>>& lists) {
    std::vector<SourceRef> all;
    for (const auto& list : lists) all.insert(all.end(), list.begin(), list.end());
    std::sort(all.begin(), all.end());
    return all;
  };
  const std::vector<SourceRef> dropped = sorted(out_of_scope), kept_rows = sorted(in_scope);
  ProblemSink kept, withheld;
  for (const auto& p : run.problems.problems()) {
    if (std::binary_search(dropped.begin(), dropped.end(), p.where)) ++run.problems_out_of_scope;
    else if (std::binary_search(kept_rows.begin(), kept_rows.end(), p.where)) kept.report(p.where, p.code, p.field, p.detail);
    else withheld.report(p.where, p.code, p.field, p.detail);
  }
  run.problems_withheld += withhold_details(withheld);
  kept.merge(std::move(withheld));
  run.problems = std::move(kept);
  std::vector<VehicleResult> vehicles;
  for (std::size_t k = 0; k < run.vehicles.size(); ++k) {
    run.rows_out_of_scope += run.vehicles[k].rows_out_of_scope;
    if (run.vehicles[k].rows == 0 && run.vehicles[k].rows_out_of_scope > 0) continue;
    run.scoped_slots.push_back(k);
    vehicles.push_back(std::move(run.vehicles[k]));
  }
  run.vehicles = std::move(vehicles);
}

}  // namespace

RunResult run_dwells(const PipelineConfig& config) {
  RunResult run;
  const unsigned threads = steps::resolve_threads(config.threads);
  ingest::IngestConfig ingest_config = config.ingest;
  ingest_config.threads = threads;
  run.ingest = ingest::run_ingest(ingest_config, run.problems);
  const ingest::PingTable& pings = run.ingest.pings;
  const clean::VehicleGroups groups = clean::group_by_vehicle(pings);
  const dwell::DwellConfig dwell_config = steps::effective_dwell_config(config);
  run.vehicles.resize(groups.count());
  std::vector<ProblemSink> sinks(groups.count());
  std::vector<std::vector<SourceRef>> out_of_scope(groups.count());  // rows the scope dropped, per vehicle
  std::vector<std::vector<SourceRef>> in_scope(config.scope ? groups.count() : 0);  // and kept
  if (config.before_vehicles) config.before_vehicles(groups.count());
  if (config.ingest.progress) {
    config.ingest.progress->vehicles_total.store(groups.count());
    config.ingest.progress->stage.store(Progress::Stage::vehicles);
  }

  const auto process = [&](std::size_t k) {
    thread_local clean::Track track;  // reused across vehicles: no per-vehicle reallocation
    VehicleResult& out = run.vehicles[k];
    out.vehicle = groups.vehicles[k];
    const auto rows = groups.rows(k);
    out.rows = rows.size();
    if (config.scope) {
      steps::analyse_scoped(pings, rows, config.scope(pings.vehicles.name(out.vehicle)), config, dwell_config, track, out,
                     sinks[k], out_of_scope[k], in_scope[k]);
    } else {
      steps::clean_track(pings, rows, config, track, sinks[k]);
      steps::analyse_track(track, config, dwell_config, pings, out);
    }
    if (config.after_vehicle) config.after_vehicle(k, pings.vehicles.name(out.vehicle), track, out);
    if (config.keep_tracks) out.track = track;  // a copy: the thread's buffer is reused
    if (config.ingest.progress) config.ingest.progress->vehicles_done.fetch_add(1, std::memory_order_relaxed);
  };
  if (threads == 1) {
    for (std::size_t k = 0; k < groups.count(); ++k) process(k);
  } else {
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, groups.count(), 1),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t k = r.begin(); k != r.end(); ++k) process(k);
                        });
    });
  }
  if (config.scope) scope_problems_and_vehicles(run, out_of_scope, in_scope);
  for (auto& sink : sinks) run.problems.merge(std::move(sink));
  run.problems.sort();
  return run;
}

VehicleTrack load_vehicle_track(const PipelineConfig& config, const std::string& vehicle_id) {
  VehicleTrack result;
  result.run.ingest = ingest::run_ingest(config.ingest, result.run.problems);
  const ingest::PingTable& pings = result.run.ingest.pings;
  const VehicleIndex wanted = pings.vehicles.find(vehicle_id);
  if (wanted == pings.vehicles.size()) throw InputError("vehicle '" + vehicle_id + "' has no accepted ping in the input");
  std::vector<std::uint32_t> rows;
  for (std::size_t i = 0; i < pings.size(); ++i)
    if (pings.vehicle[i] == wanted) rows.push_back(static_cast<std::uint32_t>(i));
  steps::clean_track(pings, rows, config, result.track, result.run.problems);
  result.run.problems.sort();
  if (result.track.empty()) throw InputError("vehicle '" + vehicle_id + "' has no usable ping after cleaning");
  return result;
}

}  // namespace shiftline::pipeline
