#include "shiftline/clean/clean.hpp"

#include <algorithm>
#include <numeric>

namespace shiftline::clean {
namespace {

constexpr Millis kYear{Millis{365LL * 86'400'000}};
constexpr Millis kGpsWeekEra{Millis{1024LL * 7 * 86'400'000}};  // 1024 GPS weeks, about 19.6 years

// Straight-line distance for speed checks: the fast local frame where it is accurate (0.1% up to
// 10 km), the geodesic beyond.
double distance_m(LatLon a, LatLon b) noexcept {
  const double fast = local_distance(a, b).value;
  return fast < 10'000.0 ? fast : geodesic_distance(a, b).value;
}

double speed_kmh(LatLon a, Instant ta, LatLon b, Instant tb) noexcept {
  const double seconds = std::chrono::duration<double>(tb - ta).count();
  return distance_m(a, b) / seconds * 3.6;
}

std::string format_speed(double kmh) { return std::to_string(static_cast<long long>(std::llround(kmh))) + " km/h"; }

}  // namespace

VehicleGroups group_by_vehicle(const ingest::PingTable& pings) {
  VehicleGroups groups;
  groups.vehicles = pings.vehicles.sorted();
  const std::size_t nv = groups.vehicles.size();
  std::vector<std::uint32_t> rank(nv);
  for (std::size_t k = 0; k < nv; ++k) rank[groups.vehicles[k]] = static_cast<std::uint32_t>(k);
  groups.offsets.assign(nv + 1, 0);
  for (const VehicleIndex v : pings.vehicle) ++groups.offsets[rank[v] + 1];
  std::partial_sum(groups.offsets.begin(), groups.offsets.end(), groups.offsets.begin());
  groups.order.resize(pings.size());
  std::vector<std::size_t> cursor(groups.offsets.begin(), groups.offsets.end() - 1);
  for (std::size_t i = 0; i < pings.size(); ++i)
    groups.order[cursor[rank[pings.vehicle[i]]]++] = static_cast<std::uint32_t>(i);
  return groups;
}

void clean_vehicle(const ingest::PingTable& pings, std::span<const std::uint32_t> rows, const CleanConfig& config,
                   Track& track, ProblemSink& problems) {
  track.time.clear();
  track.position.clear();
  track.ping.clear();
  track.accuracy_m.clear();
  track.discarded.clear();
  if (rows.empty()) return;
  const auto discard = [&](std::uint32_t row, ProblemCode code, std::string detail) {
    problems.report(pings.source(row), code, "", std::move(detail));
    track.discarded.push_back(Discard{row, pings.time[row], pings.position(row), code});
  };
  track.vehicle = pings.vehicle[rows.front()];
  // Another row, as rejected.csv cites rows (FILE:LINE): with several --pings files a bare line
  // number could be in any of them.
  const auto cite = [&](std::uint32_t row) {
    const SourceRef at = pings.source(row);
    if (at.file < config.source_names.size()) return config.source_names[at.file] + ":" + std::to_string(at.line);
    return "line " + std::to_string(at.line);
  };

  // 1. Time order with a total tie-break on the source row, so the order never depends on input order.
  std::vector<std::uint32_t> order(rows.begin(), rows.end());
  const auto before = [&pings](std::uint32_t a, std::uint32_t b) {
    if (pings.time[a] != pings.time[b]) return pings.time[a] < pings.time[b];
    return pings.source(a) < pings.source(b);
  };
  if (!std::is_sorted(order.begin(), order.end(), before)) std::sort(order.begin(), order.end(), before);

  // 2. Same-instant groups: identical positions keep the first; differing positions keep none.
  std::vector<std::uint32_t> kept;
  kept.reserve(order.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && pings.time[order[j]] == pings.time[order[i]]) ++j;
    const std::uint32_t head = order[i];
    bool conflicting = false;
    for (std::size_t k = i + 1; k < j; ++k)
      conflicting = conflicting || pings.lat_e7[order[k]] != pings.lat_e7[head] || pings.lon_e7[order[k]] != pings.lon_e7[head];
    if (conflicting) {
      for (std::size_t k = i; k < j; ++k)
        discard(order[k], ProblemCode::conflicting_duplicate,
                        std::to_string(j - i) + " rows of this vehicle at " + format_utc(pings.time[head]) +
                            " give different positions; none is used");
    } else {
      kept.push_back(head);
      for (std::size_t k = i + 1; k < j; ++k)
        discard(order[k], ProblemCode::duplicate, "same vehicle, time and position as " + cite(head));
    }
    i = j;
  }

  // 3. GPS week rollover, relative to the vehicle's median time.
  if (config.detect_week_rollover && kept.size() >= 3) {
    const Instant median = pings.time[kept[kept.size() / 2]];
    std::erase_if(kept, [&](std::uint32_t row) {
      const Instant t = pings.time[row];
      if (t >= median - kYear) return false;
      for (int k = 1; k <= 3; ++k) {
        const Instant moved = t + kGpsWeekEra * k;
        if (moved >= median - kYear && moved <= median + kYear) {
          discard(row, ProblemCode::gps_week_rollover_suspected,
                          format_utc(t) + " is " + std::to_string(1024 * k) +
                              " GPS weeks before the rest of this vehicle's data (receiver missed a week rollover?)");
          return true;
        }
      }
      return false;
    });
  }

  // 4. Lone out-and-back spikes, judged against the last kept ping.
  const bool has_accuracy = !pings.optional.accuracy_m.empty();
  track.time.reserve(kept.size());
  track.position.reserve(kept.size());
  track.ping.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::uint32_t row = kept[i];
    const LatLon here = pings.position(row);
    // One distance per ping in the common case: the way out is only measured when the way in
    // was already too fast.
    if (!track.empty() && i + 1 < kept.size()) {
      const LatLon prev = track.position.back();
      const Instant tprev = track.time.back();
      const double in = speed_kmh(prev, tprev, here, pings.time[row]);
      if (in > config.max_speed_kmh) {
        const std::uint32_t next_row = kept[i + 1];
        const LatLon next = pings.position(next_row);
        const double out = speed_kmh(here, pings.time[row], next, pings.time[next_row]);
        if (out > config.max_speed_kmh &&
            speed_kmh(prev, tprev, next, pings.time[next_row]) <= config.max_speed_kmh) {
          discard(row, ProblemCode::speed_spike,
                          "jumps away at " + format_speed(in) + " and back at " + format_speed(out) + " (limit " +
                              format_speed(config.max_speed_kmh) + ")");
          continue;
        }
      }
    }
    track.time.push_back(pings.time[row]);
    track.position.push_back(here);
    track.ping.push_back(row);
    if (has_accuracy) track.accuracy_m.push_back(pings.optional.accuracy_m[row]);
  }
  std::sort(track.discarded.begin(), track.discarded.end(), [&pings](const Discard& a, const Discard& b) {
    return a.at != b.at ? a.at < b.at : pings.source(a.ping) < pings.source(b.ping);
  });
}

}  // namespace shiftline::clean
