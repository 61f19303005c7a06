#include "shiftline/pipeline/synth_case.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/reconstruct/track.hpp"
#include "support/temp_dir.hpp"

namespace shiftline::pipeline {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;

const char* const kFiles[] = {"pings.csv", "shifts.csv", "assignments.csv", "places.csv", "incidents.csv", "events.csv"};

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rows of a CSV without quoting (the generator never quotes), header dropped.
std::vector<std::vector<std::string>> rows(const fs::path& file) {
  std::vector<std::vector<std::string>> out;
  std::istringstream text(read(file));
  std::string line;
  std::getline(text, line);
  while (std::getline(text, line)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, ',')) f.push_back(cell);
    if (!line.empty() && line.back() == ',') f.emplace_back();
    out.push_back(f);
  }
  return out;
}

// ctest runs every test in its own process, several at once: each process writes under its own
// mkdtemp folder, never a fixed name another process may be removing.
fs::path temp_dir(const std::string& name) {
  static const test::TempDir root("synth_case");
  return root.file(name);
}

// The bundled case, generated once for the tests that only read it.
struct Bundled {
  fs::path dir = temp_dir("bundled");
  SynthCaseResult result = write_synthetic_case(SynthCaseConfig{}, dir);
  const CaseTruth& story(const std::string& label) const {
    for (const CaseTruth& t : result.truth)
      if (t.label == label) return t;
    throw std::runtime_error("no truth row " + label);
  }
};
const Bundled& bundled() {
  static const Bundled b;
  return b;
}

// Naive London wall-clock text read by the library's own tz code (not the generator's rule).
Instant london(const std::string& text) {
  const CivilParse parsed = parse_iso8601(text);
  EXPECT_EQ(parsed.error, TimeParseError::missing_offset) << text << ": not a naive wall-clock time";
  const TimeZone* zone = find_zone("Europe/London");
  EXPECT_NE(zone, nullptr);
  const LocalResolution r = resolve_local(*zone, to_local(parsed.time), AmbiguityPolicy::reject);
  EXPECT_EQ(r.error, LocalTimeError::none) << text << " is not a single instant in London";
  return r.instant;
}

LatLon place(const fs::path& dir, const std::string& label) {
  for (const auto& f : rows(dir / "places.csv"))
    if (f[1] == label) return LatLon::from_degrees(std::stod(f[3]), std::stod(f[4]));
  ADD_FAILURE() << "no place " << label;
  return {};
}

TEST(SynthCase, SameConfigGivesIdenticalBytesAndTheSeedMatters) {
  SynthCaseConfig config;
  const fs::path a = temp_dir("a");
  const fs::path b = temp_dir("b");
  const fs::path c = temp_dir("c");
  (void)write_synthetic_case(config, a);
  (void)write_synthetic_case(config, b);
  config.seed = 99;
  (void)write_synthetic_case(config, c);
  for (const char* file : kFiles) {
    const std::string text = read(a / file);
    EXPECT_GT(text.size(), 20U) << file;
    EXPECT_EQ(text, read(b / file)) << file;
  }
  EXPECT_NE(read(a / "pings.csv"), read(c / "pings.csv"));
  for (const fs::path& d : {a, b, c}) fs::remove_all(d);
}

TEST(SynthCase, TheRevisitIsAnHourOfPingsAtAddressA) {
  const Bundled& b = bundled();
  const CaseTruth& revisit = b.story("story_revisit");
  EXPECT_EQ(revisit.vehicle_id, "PV01");
  EXPECT_EQ(revisit.place_id, "ADDR-A");
  EXPECT_GE(revisit.end - revisit.start, Millis{55 * 60'000});
  EXPECT_LE(revisit.end - revisit.start, Millis{70 * 60'000});
  const LatLon a = place(b.dir, "Address A (synthetic)");
  std::size_t inside = 0;
  double before = 0.0, after = 0.0;  // distance of the last ping before and the first after
  for (const auto& f : rows(b.dir / "pings.csv")) {
    if (f[0] != "PV01") continue;
    const CivilParse p = parse_iso8601(f[1]);
    if (!p.ok()) continue;
    const Instant t = to_instant(p.time);
    const double m = geodesic_distance(a, LatLon::from_degrees(std::stod(f[2]), std::stod(f[3]))).value;
    if (t < revisit.start) before = m;
    if (t > revisit.end && after == 0.0) after = m;
    if (t < revisit.start || t > revisit.end) continue;
    ++inside;
    EXPECT_LT(m, 10.0) << f[1];
  }
  EXPECT_GE(inside, 25U);
  EXPECT_GT(before, 150.0);
  EXPECT_GT(after, 150.0);
}

TEST(SynthCase, NightShiftOverTheClockChangeLastsTenHoursAndOnlyThePlantedTimeIsAmbiguous) {
  const Bundled& b = bundled();
  // The relief row appended last (issue 11, finding 12) starts in the hour that happens twice.
  const CaseTruth& relief = b.story("rejected_roster");
  auto shifts = rows(b.dir / "shifts.csv");
  ASSERT_EQ(relief.detail, "shifts.csv:" + std::to_string(shifts.size() + 1) + " ambiguous_local_time");
  EXPECT_EQ(shifts.back()[2], "2024-10-27 01:30:00");
  EXPECT_EQ(shifts.back()[4], "PV02");
  EXPECT_EQ(resolve_local(*find_zone("Europe/London"), to_local(parse_iso8601(shifts.back()[2]).time),
                          AmbiguityPolicy::reject)
                .error,
            LocalTimeError::ambiguous);
  EXPECT_EQ(format_utc(relief.start), "2024-10-27T00:30:00Z");  // 01:30 BST: the earlier reading
  EXPECT_EQ(relief.end, london("2024-10-27 07:00:00"));            // 07:00 GMT
  shifts.pop_back();
  std::size_t over_change = 0;
  for (const auto& f : shifts) {
    const Millis length = london(f[3]) - london(f[2]);
    if (f[2] == "2024-10-26 22:00:00") {
      EXPECT_EQ(length, hours{10}) << f[0];
      ++over_change;
    } else {
      EXPECT_TRUE(length == hours{10} || length == hours{9}) << f[0];
    }
  }
  EXPECT_GE(over_change, 1U);
  for (const auto& f : rows(b.dir / "incidents.csv")) EXPECT_LT(london(f[1]), london(f[2]) + Millis{1}) << f[0];
  for (const auto& f : rows(b.dir / "events.csv")) (void)london(f[0]);
  for (const auto& f : rows(b.dir / "assignments.csv")) EXPECT_LT(london(f[2]), london(f[3]));
}

TEST(SynthCase, LookupPrecedesTheRevisitByLessThanSevenDaysAndTheIncidentExplainsDayThree) {
  const Bundled& b = bundled();
  const CaseTruth& revisit = b.story("story_revisit");
  const CaseTruth& attended = b.story("story_incident");
  std::vector<Instant> lookups;
  for (const auto& f : rows(b.dir / "events.csv"))
    if (f[1] == "PC4471" && f[2] == "records_lookup" && f[4] == "ADDR-A") lookups.push_back(london(f[0]));
  ASSERT_EQ(lookups.size(), 1U);
  EXPECT_GT(revisit.start - lookups[0], Millis{0});
  EXPECT_LT(revisit.start - lookups[0], hours{24 * 7});
  std::size_t explaining = 0;
  for (const auto& f : rows(b.dir / "incidents.csv")) {
    if (f[5] != "ADDR-A") continue;
    const Instant opened = london(f[1]);
    const Instant closed = london(f[2]);
    // No incident at Address A comes near the revisit.
    EXPECT_FALSE(revisit.start <= closed + hours{1} && opened - hours{1} <= revisit.end) << f[0];
    if (attended.start <= closed && opened <= attended.end && f[7] == "PV01") ++explaining;
    EXPECT_LT(closed, revisit.start);
  }
  EXPECT_EQ(explaining, 1U);
}

// The library's own ingest, cleaning and stay-point detector find exactly the planted dwells,
// and reject exactly the planted bad rows.
TEST(SynthCase, StayPointDetectorFindsExactlyThePlantedDwells) {
  const Bundled& b = bundled();
  ingest::IngestConfig config;
  config.paths = {(b.dir / "pings.csv").string()};
  ProblemSink problems;
  const ingest::IngestResult ingested = ingest::run_ingest(config, problems);
  const clean::VehicleGroups groups = clean::group_by_vehicle(ingested.pings);
  std::set<std::tuple<std::string, Instant, Instant>> found;
  clean::Track track;
  for (std::size_t k = 0; k < groups.count(); ++k) {
    clean::clean_vehicle(ingested.pings, groups.rows(k), clean::CleanConfig{}, track, problems);
    const std::string& id = ingested.pings.vehicles.name(groups.vehicles[k]);
    for (const dwell::Dwell& d : dwell::detect_stay_points(track, dwell::DwellConfig{}))
      found.emplace(id, track.time[d.first], track.time[d.last]);
  }
  std::set<std::tuple<std::string, Instant, Instant>> planted;
  std::set<std::uint32_t> bad_lines;
  for (const CaseTruth& t : b.result.truth) {
    if (t.label == "rejected") bad_lines.insert(static_cast<std::uint32_t>(std::stoul(t.detail.substr(10))));
    if (t.label == "clock_change_shift" || t.label == "crew_change" || t.label == "story_lookup" ||
        t.label == "rejected" || t.label == "driving_gap" || t.label == "rejected_roster")
      continue;
    planted.emplace(t.vehicle_id, t.start, t.end);
  }
  EXPECT_GT(planted.size(), 500U);
  EXPECT_EQ(found, planted);
  std::set<std::uint32_t> rejected;
  for (const Problem& p : problems.problems()) rejected.insert(p.where.line);
  EXPECT_EQ(rejected, bad_lines);
}

TEST(SynthCase, RefusesParametersTheStoryCannotHoldFor) {
  const auto refused = [](auto change) {
    SynthCaseConfig config;
    change(config);
    EXPECT_THROW(validate(config), UsageError);
    EXPECT_THROW((void)write_synthetic_case(config, temp_dir("refused")), UsageError);
  };
  refused([](SynthCaseConfig& c) { c.vehicles = 3; });
  refused([](SynthCaseConfig& c) { c.days = 13; });
  refused([](SynthCaseConfig& c) { c.places = 2; });
  refused([](SynthCaseConfig& c) { c.incidents = 4; });
  refused([](SynthCaseConfig& c) { c.incidents = 4 * 4 * 14 + 1; });
  refused([](SynthCaseConfig& c) { c.start = std::chrono::sys_days{std::chrono::year{1990} / 1 / 1}; });
  EXPECT_NO_THROW(validate(SynthCaseConfig{}));
}

}  // namespace
}  // namespace shiftline::pipeline
