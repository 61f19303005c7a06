// Validation of the diameter detector against MovingPandas itself (docs/validation.md).
//
// For each shared real data set with MovingPandas stop lists (`<folder>/peer/movingpandas__*.csv`,
// produced by MovingPandas 0.22.4 `TrajectoryStopDetector(traj).get_stop_points(max_diameter,
// min_duration)` on `<folder>/pings.csv`, one trajectory per vehicle_id), the same pings go
// through the library as the pipeline runs them: ingest, group by vehicle, clean, then
// detect_diameter_stops with the peer's max_diameter and min_duration (read from the .meta.json)
// and `gap`/`max_bridge` so large that no silence splits a track, since MovingPandas has no gap
// rule. Cleaning keeps its defaults (docs/validation.md lists what it sets aside and how that
// compares with MovingPandas, which drops nothing but repeated timestamps).
//
// Tolerance, asserted for every stop:
//   - vehicle, start and end identical (to the millisecond; both sides have whole seconds);
//   - duration_s equal to end - start;
//   - location within kLocationTolerance (5 cm) of the peer's (both are the per-axis median of
//     the same pings; the peer CSV prints them with at most 7 decimals, about 1 cm).
// A stop on one side only fails the test unless it is listed in kKnownDifferences with its cause;
// a listed difference that no longer occurs fails it too, so the list stays true.
//
// When ${SHIFTLINE_SHARED_DIR}/data/real is missing the tests are skipped (GTEST_SKIP).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "support/peer_stops.hpp"
#include "support/track_builder.hpp"

namespace shiftline::dwell {
namespace {

namespace fs = std::filesystem;

const fs::path kRealData = fs::path(SHIFTLINE_SHARED_DIR) / "data" / "real";

/// Both sides take the median of the same coordinates; 5 cm covers the peer's printing (7
/// decimals, at most 1.1 cm) with room to spare, and is far below anything that matters on the
/// ground.
constexpr Meters kLocationTolerance{0.05};

struct Stop {
  std::string vehicle;
  Instant start;
  Instant end;
  double duration_s = 0.0;
  LatLon location;
};

using StopKey = std::tuple<std::string, Instant, Instant>;
StopKey key(const Stop& s) { return {s.vehicle, s.start, s.end}; }

/// Reads a peer stop list (tests/support/peer_stops.hpp); MovingPandas always gives a location.
std::vector<Stop> read_peer(const fs::path& path) {
  std::vector<Stop> stops;
  for (const test::PeerStop& p : test::read_peer_stops(path)) {
    if (!p.location) {
      ADD_FAILURE() << path << ": a stop of " << p.vehicle << " has no location";
      continue;
    }
    stops.push_back(Stop{p.vehicle, p.start, p.end, p.duration_s, *p.location});
  }
  return stops;
}

/// Runs pings.csv through ingest, clean (default rules) and the diameter detector. `removed`
/// counts the rows ingest and cleaning set aside, by problem code.
std::vector<Stop> run_ours(const fs::path& pings_csv, const DwellConfig& config,
                           std::map<std::string, std::size_t>& removed) {
  ingest::IngestConfig ingest_config;
  ingest_config.paths = {pings_csv.string()};
  ProblemSink problems;
  const ingest::IngestResult ingested = ingest::run_ingest(ingest_config, problems);
  const clean::VehicleGroups groups = clean::group_by_vehicle(ingested.pings);
  std::vector<Stop> stops;
  clean::Track track;
  for (std::size_t k = 0; k < groups.count(); ++k) {
    clean::clean_vehicle(ingested.pings, groups.rows(k), clean::CleanConfig{}, track, problems);
    const std::string& vehicle = ingested.pings.vehicles.name(groups.vehicles[k]);
    for (const Dwell& d : detect_diameter_stops(track, config)) {
      const Instant start = track.time[d.first];
      const Instant end = track.time[d.last];
      stops.push_back(Stop{vehicle, start, end, std::chrono::duration<double>(end - start).count(), d.location});
    }
  }
  removed = problems.counts_by_code(Severity::rejected);
  return stops;
}

enum class Side : std::uint8_t { peer_only, ours_only };

/// A stop found by one side only, with the reason. Empty: every stop of the four data sets with
/// MovingPandas output is reproduced (docs/validation.md).
struct KnownDifference {
  const char* folder;
  const char* label;
  const char* vehicle;
  const char* start;  ///< ISO 8601 UTC
  const char* end;
  Side side;
  const char* cause;
};
const std::vector<KnownDifference> kKnownDifferences = {};

struct Case {
  const char* folder;
  const char* label;  ///< d100m_t120s or d50m_t300s
};

std::string case_name(const testing::TestParamInfo<Case>& info) {
  return std::string(info.param.folder) + "_" + info.param.label;
}

class MovingPandasPeer : public testing::TestWithParam<Case> {};

TEST_P(MovingPandasPeer, ReproducesEveryStop) {
  const Case c = GetParam();
  const fs::path folder = kRealData / c.folder;
  const fs::path peer_csv = folder / "peer" / (std::string("movingpandas__") + c.label + ".csv");
  const fs::path meta_json = folder / "peer" / (std::string("movingpandas__") + c.label + ".meta.json");
  if (!fs::exists(kRealData))
    GTEST_SKIP() << "shared real data not found at " << kRealData << " (set SHIFTLINE_SHARED_DIR)";
  ASSERT_TRUE(fs::exists(peer_csv)) << peer_csv;
  ASSERT_TRUE(fs::exists(meta_json)) << meta_json;

  std::ifstream meta_in(meta_json);
  const nlohmann::json meta = nlohmann::json::parse(meta_in);
  ASSERT_EQ(meta.at("tool").get<std::string>(), "movingpandas");
  ASSERT_EQ(meta.at("tool_version").get<std::string>(), "0.22.4");
  DwellConfig config;
  config.method = Method::diameter;
  config.max_diameter = Meters{meta.at("params").at("max_diameter").get<double>()};
  const double min_duration_s = meta.at("params").at("min_duration").get<double>();
  config.min_duration = Millis{static_cast<Millis::rep>(min_duration_s * 1000.0)};
  // MovingPandas has no gap rule: no silence may split a track (about 3,000 years).
  config.gap = Millis{std::numeric_limits<Millis::rep>::max() / 4};
  config.max_bridge = config.gap;

  const std::vector<Stop> peer = read_peer(peer_csv);
  ASSERT_EQ(peer.size(), meta.at("stops").get<std::size_t>()) << "peer CSV and its meta disagree";
  std::map<std::string, std::size_t> removed;
  const std::vector<Stop> ours = run_ours(folder / "pings.csv", config, removed);

  std::map<StopKey, const Stop*> by_key;
  for (const Stop& s : ours) by_key.emplace(key(s), &s);
  std::vector<KnownDifference> expected;
  for (const KnownDifference& d : kKnownDifferences)
    if (std::string(d.folder) == c.folder && std::string(d.label) == c.label) expected.push_back(d);
  const auto is_known = [&expected](const Stop& s, Side side) {
    return std::any_of(expected.begin(), expected.end(), [&](const KnownDifference& d) {
      return d.side == side && s.vehicle == d.vehicle && s.start == test::at(d.start) && s.end == test::at(d.end);
    });
  };

  std::size_t matched = 0;
  std::size_t explained = 0;
  Meters worst_offset{0.0};
  std::map<StopKey, bool> peer_keys;
  for (const Stop& p : peer) {
    peer_keys.emplace(key(p), true);
    EXPECT_DOUBLE_EQ(p.duration_s, std::chrono::duration<double>(p.end - p.start).count())
        << "peer duration_s of " << p.vehicle << " " << format_utc(p.start);
    const auto it = by_key.find(key(p));
    if (it == by_key.end()) {
      if (is_known(p, Side::peer_only)) {
        ++explained;
      } else {
        ADD_FAILURE() << "MovingPandas stop not found: " << p.vehicle << " " << format_utc(p.start) << " .. "
                      << format_utc(p.end);
      }
      continue;
    }
    ++matched;
    const Stop& o = *it->second;
    EXPECT_EQ(o.duration_s, p.duration_s) << p.vehicle << " " << format_utc(p.start);
    const Meters off = geodesic_distance(o.location, p.location);
    worst_offset = std::max(worst_offset, off);
    EXPECT_LE(off, kLocationTolerance) << p.vehicle << " " << format_utc(p.start) << ": location " << off.value
                                       << " m from MovingPandas'";
  }
  for (const Stop& o : ours) {
    if (peer_keys.contains(key(o))) continue;
    if (is_known(o, Side::ours_only)) {
      ++explained;
    } else {
      ADD_FAILURE() << "stop MovingPandas does not have: " << o.vehicle << " " << format_utc(o.start) << " .. "
                    << format_utc(o.end);
    }
  }
  EXPECT_EQ(explained, expected.size()) << "a listed known difference no longer occurs: update kKnownDifferences";
  std::cout << "[ figures  ] " << c.folder << " " << c.label << ": MovingPandas " << peer.size() << ", Shiftline "
            << ours.size() << ", matched " << matched << ", explained differences " << explained
            << ", largest location offset " << worst_offset.value << " m; rows set aside:";
  for (const auto& [code, count] : removed) std::cout << " " << code << " " << count;
  std::cout << "\n";
  RecordProperty("peer_stops", static_cast<int>(peer.size()));
  RecordProperty("our_stops", static_cast<int>(ours.size()));
  RecordProperty("matched", static_cast<int>(matched));
}

INSTANTIATE_TEST_SUITE_P(SharedRealData, MovingPandasPeer,
                         testing::Values(Case{"ais_dma_movingpandas", "d100m_t120s"},
                                         Case{"ais_dma_movingpandas", "d50m_t300s"},
                                         Case{"bus_liverpool_bods", "d100m_t120s"},
                                         Case{"bus_liverpool_bods", "d50m_t300s"},
                                         Case{"geolife_movingpandas", "d100m_t120s"},
                                         Case{"geolife_movingpandas", "d50m_t300s"},
                                         Case{"geolife_trackintel_long", "d100m_t120s"},
                                         Case{"geolife_trackintel_long", "d50m_t300s"}),
                         case_name);

}  // namespace
}  // namespace shiftline::dwell
