#include "shiftline/pipeline/synth.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/reconstruct/track.hpp"
#include "support/temp_dir.hpp"

namespace shiftline::pipeline {
namespace {

SynthConfig small(std::uint64_t seed = 7) {
  SynthConfig config;
  config.seed = seed;
  config.vehicles = 12;
  config.pings = 30'001;  // not a multiple of the fleet: shares differ by one
  return config;
}

std::string generate(const SynthConfig& config, std::vector<PlantedDwell>* dwells = nullptr,
                     std::vector<PlantedGap>* gaps = nullptr) {
  std::ostringstream csv;
  std::vector<PlantedGap> g;
  auto d = write_synthetic_fleet(config, csv, g);
  if (dwells) *dwells = std::move(d);
  if (gaps) *gaps = std::move(g);
  return csv.str();
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return out;
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto comma = line.find(',');
    out.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return out;
    line.remove_prefix(comma + 1);
  }
}

TEST(Synth, SameSeedGivesIdenticalBytes) {
  const std::string a = generate(small(7));
  const std::string b = generate(small(7));
  EXPECT_EQ(sha256_hex(a), sha256_hex(b));
  EXPECT_NE(sha256_hex(a), sha256_hex(generate(small(8))));
}

TEST(Synth, WritesExactlyTheRequestedRowsInFairShares) {
  const SynthConfig config = small();
  const std::string csv = generate(config);
  const auto rows = lines(csv);
  ASSERT_EQ(rows.size(), config.pings + 1);
  EXPECT_EQ(rows[0], "vehicle_id,timestamp,lat,lon");
  std::map<std::string, std::size_t, std::less<>> per_vehicle;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto f = fields(rows[i]);
    ASSERT_EQ(f.size(), 4U) << rows[i];
    ++per_vehicle[std::string(f[0])];
    // Seven decimals, always.
    for (const std::string_view coordinate : {f[2], f[3]}) {
      const auto dot = coordinate.find('.');
      ASSERT_NE(dot, std::string_view::npos) << rows[i];
      EXPECT_EQ(coordinate.size() - dot - 1, 7U) << rows[i];
    }
  }
  ASSERT_EQ(per_vehicle.size(), config.vehicles);
  EXPECT_EQ(per_vehicle.begin()->first, "V0001");
  EXPECT_EQ(per_vehicle.rbegin()->first, "V0012");
  EXPECT_EQ(per_vehicle["V0001"], 2501U);  // 30001 = 12 * 2500 + 1
  EXPECT_EQ(per_vehicle["V0002"], 2500U);
}

TEST(Synth, InterleavedRowsAreInTimeOrderAndTimesAreFormatUtcText) {
  const std::string csv = generate(small());
  const auto rows = lines(csv);
  Instant previous = Instant::min();
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string_view text = fields(rows[i])[1];
    const CivilParse parsed = parse_iso8601(text);
    ASSERT_TRUE(parsed.ok()) << rows[i];
    const Instant t = to_instant(parsed.time);
    EXPECT_EQ(format_utc(t), text);
    ASSERT_LE(previous, t) << "row " << i;
    previous = t;
  }
}

TEST(Synth, FractionalIntervalsWriteMillisecondsAsFormatUtcDoes) {
  SynthConfig config = small();
  config.interval = Millis{15'250};
  config.start = Instant{std::chrono::sys_days{std::chrono::year{2023} / 12 / 31}} + std::chrono::hours{23};
  const std::string csv = generate(config);
  const auto rows = lines(csv);
  bool saw_fraction = false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string_view text = fields(rows[i])[1];
    const CivilParse parsed = parse_iso8601(text);
    ASSERT_TRUE(parsed.ok()) << rows[i];
    ASSERT_EQ(format_utc(to_instant(parsed.time)), text);
    saw_fraction = saw_fraction || parsed.time.fraction_ms != 0;
  }
  EXPECT_TRUE(saw_fraction);
}

TEST(Synth, GroupedOutputHasTheSameRowsGroupedByVehicle) {
  SynthConfig config = small();
  config.gaps_per_vehicle = 2;
  std::vector<PlantedDwell> dwells_interleaved;
  std::vector<PlantedDwell> dwells_grouped;
  std::vector<PlantedGap> gaps_interleaved;
  std::vector<PlantedGap> gaps_grouped;
  const std::string interleaved = generate(config, &dwells_interleaved, &gaps_interleaved);
  config.interleave = false;
  const std::string grouped = generate(config, &dwells_grouped, &gaps_grouped);
  auto a = lines(interleaved);
  auto b = lines(grouped);
  EXPECT_TRUE(std::is_sorted(b.begin() + 1, b.end(),
                             [](std::string_view x, std::string_view y) { return fields(x)[0] < fields(y)[0]; }));
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
  ASSERT_EQ(dwells_interleaved.size(), dwells_grouped.size());
  for (std::size_t i = 0; i < dwells_grouped.size(); ++i) {
    EXPECT_EQ(dwells_interleaved[i].vehicle_id, dwells_grouped[i].vehicle_id);
    EXPECT_EQ(dwells_interleaved[i].start, dwells_grouped[i].start);
  }
  EXPECT_EQ(gaps_interleaved.size(), gaps_grouped.size());
}

TEST(Synth, RefusesConfigurationsItsPromiseCannotHoldFor) {
  std::ostringstream sink;
  const auto refused = [&sink](auto change) {
    SynthConfig config = small();
    change(config);
    EXPECT_THROW((void)write_synthetic_fleet(config, sink), UsageError);
  };
  refused([](SynthConfig& c) { c.vehicles = 0; });
  refused([](SynthConfig& c) { c.pings = 0; });
  refused([](SynthConfig& c) { c.interval = Millis{5'000}; });
  refused([](SynthConfig& c) { c.interval = Millis{301'000}; });
  refused([](SynthConfig& c) { c.gps_noise = Meters{9.0}; });
  refused([](SynthConfig& c) { c.area_radius = Meters{500.0}; });
  refused([](SynthConfig& c) {
    c.interval = Millis{300'000};
    c.area_radius = Meters{10'000.0};
  });
  refused([](SynthConfig& c) { c.centre = LatLon::from_degrees(85.0, 0.0); });
}

// Known answer: the planted dwells, written as CSV, read back through the library's own ingest,
// cleaning and stay-point detector with default settings, come back exactly.
struct Detected {
  std::vector<PlantedDwell> dwells;
  std::vector<PlantedGap> gaps;
  std::size_t pings = 0;
  std::size_t problems = 0;
};

Detected run_library(const std::string& csv_text, const std::string& name) {
  const test::TempDir dir("synth_known_answer");  // own folder: ctest runs tests side by side
  const auto path = std::filesystem::path(dir.file(name + ".csv"));
  {
    std::ofstream out(path, std::ios::binary);
    out << csv_text;
  }
  ingest::IngestConfig config;
  config.paths = {path.string()};
  ProblemSink problems;
  const ingest::IngestResult ingested = ingest::run_ingest(config, problems);
  std::filesystem::remove(path);
  Detected d;
  d.pings = ingested.pings.size();
  const clean::VehicleGroups groups = clean::group_by_vehicle(ingested.pings);
  clean::Track track;
  for (std::size_t k = 0; k < groups.count(); ++k) {
    clean::clean_vehicle(ingested.pings, groups.rows(k), clean::CleanConfig{}, track, problems);
    const std::string& id = ingested.pings.vehicles.name(groups.vehicles[k]);
    for (const dwell::Dwell& found : dwell::detect_stay_points(track, dwell::DwellConfig{}))
      d.dwells.push_back(PlantedDwell{id, track.time[found.first], track.time[found.last], found.location});
    for (const reconstruct::Gap& gap : reconstruct::find_gaps(track, reconstruct::GapConfig{}))
      d.gaps.push_back(PlantedGap{id, track.time[gap.before], track.time[gap.after()]});
  }
  d.problems = problems.problems().size();
  return d;
}

// `tolerance_m`: 5 m for the default noise and dwells of 14 pings or more (the mean of n fixes
// with 4 m noise has an error of 4 m / sqrt(n) per axis); 3 sigma is a hard bound for any dwell,
// as every fix is within 3 sigma of the true position.
void expect_same_dwells(const std::vector<PlantedDwell>& planted, const std::vector<PlantedDwell>& found,
                        double tolerance_m = 5.0) {
  ASSERT_EQ(found.size(), planted.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < planted.size(); ++i) {
    SCOPED_TRACE("dwell " + std::to_string(i) + " of " + planted[i].vehicle_id + " from " +
                 format_utc(planted[i].start));
    ASSERT_EQ(found[i].vehicle_id, planted[i].vehicle_id);
    ASSERT_EQ(found[i].start, planted[i].start);
    ASSERT_EQ(found[i].end, planted[i].end);
    const double off = geodesic_distance(found[i].location, planted[i].location).value;
    EXPECT_LT(off, tolerance_m);
    worst = std::max(worst, off);
  }
  ::testing::Test::RecordProperty("worst_location_error_cm", static_cast<int>(worst * 100.0));
}

TEST(SynthKnownAnswer, StayPointDetectorFindsExactlyThePlantedDwells) {
  SynthConfig config;
  config.seed = 2024;
  config.vehicles = 25;
  config.pings = 250'000;
  std::vector<PlantedDwell> planted;
  const std::string csv = generate(config, &planted);
  ASSERT_GT(planted.size(), 1000U);
  for (const PlantedDwell& p : planted) {
    EXPECT_GT(p.end - p.start, Millis{180'000});
    EXPECT_LE(p.end - p.start, Millis{40 * 60'000});
  }
  const Detected found = run_library(csv, "synth_known_answer");
  EXPECT_EQ(found.pings, config.pings);
  EXPECT_EQ(found.problems, 0U);
  EXPECT_TRUE(found.gaps.empty());
  expect_same_dwells(planted, found.dwells);
}

TEST(SynthKnownAnswer, PlantedGapsAreFoundAndDoNotDisturbTheDwells) {
  SynthConfig config;
  config.seed = 99;
  config.vehicles = 8;
  config.pings = 80'000;
  config.gaps_per_vehicle = 4;
  std::vector<PlantedDwell> planted;
  std::vector<PlantedGap> planted_gaps;
  const std::string csv = generate(config, &planted, &planted_gaps);
  EXPECT_EQ(planted_gaps.size(), config.vehicles * config.gaps_per_vehicle);
  const Detected found = run_library(csv, "synth_known_answer_gaps");
  EXPECT_EQ(found.problems, 0U);
  expect_same_dwells(planted, found.dwells);
  ASSERT_EQ(found.gaps.size(), planted_gaps.size());
  for (std::size_t i = 0; i < planted_gaps.size(); ++i) {
    EXPECT_EQ(found.gaps[i].vehicle_id, planted_gaps[i].vehicle_id);
    EXPECT_EQ(found.gaps[i].start, planted_gaps[i].start);
    EXPECT_EQ(found.gaps[i].end, planted_gaps[i].end);
    EXPECT_GT(planted_gaps[i].end - planted_gaps[i].start, Millis{300'000});
  }
}

TEST(SynthKnownAnswer, HoldsAtTheEdgesOfTheAllowedSettings) {
  // Largest noise, slowest grid that still has a 15 s step, a small area, few pings per vehicle
  // (so that final legs and truncated dwells happen often).
  SynthConfig config;
  config.seed = 5;
  config.vehicles = 40;
  config.pings = 40 * 150;
  config.gps_noise = Meters{8.0};
  config.area_radius = Meters{1'000.0};
  std::vector<PlantedDwell> planted;
  const std::string csv = generate(config, &planted);
  const Detected found = run_library(csv, "synth_known_answer_edges");
  expect_same_dwells(planted, found.dwells, 3.0 * 8.0);
  config.interval = Millis{300'000};
  config.gps_noise = Meters{4.0};
  config.area_radius = Meters{20'000.0};
  const std::string slow = generate(config, &planted);
  const Detected found_slow = run_library(slow, "synth_known_answer_slow");
  expect_same_dwells(planted, found_slow.dwells, 3.0 * 4.0);
  EXPECT_TRUE(found_slow.gaps.empty());
}

}  // namespace
}  // namespace shiftline::pipeline
