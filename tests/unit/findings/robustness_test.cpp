// The robustness grid (engine/findings/robustness_internal.hpp, docs/findings.md "Robustness",
// evidence requirement R19), tested with a finder of the test's own so that the grid does not
// depend on the findings rules: every unexplained dwell of at least 3 min is a finding.
//
// The case, all UTC, one ping every 30 s, positions placed with PROJ's geod_direct
// (test::offset), so the distances below are independent of the engine:
//
//   car1 (PC1, shift S1 08:00-18:00), along a line due east of O1:
//     09:00:00-09:40:00  parked at A (x = 0 m), every ping on A                -> 40 min stop
//     09:40:30-09:44:30  drives x = 300 ... 2,700 m, 300 m a ping
//     09:45:00-09:49:00  parked at B (x = 3,000 m), every ping on B            -> 4 min stop
//     09:49:30-09:53:30  drives x = 3,300 ... 5,700 m
//     09:54:00-10:14:00  at C: pings alternate x = 6,000 m and 6,030 m        -> 20 min stop, spread 30 m
//     10:14:30-10:18:30  drives x = 6,300 ... 8,700 m
//   car2 (PC2, shift S2 08:00-18:00), along a line due north of O2 (O1 + 5 km north):
//     09:00:00-09:30:00  parked at D (y = 0), every ping on D                  -> 30 min stop
//     09:30:30-09:34:30  drives y = 300 ... 2,700 m
//   INC1: 09:00-09:30, 150 m west of D, no radius_m (so --incident-radius, 100 m), no units.
//
// Consecutive driving pings are 300 m apart, and the pings before and after each stop 300 m (330 m,
// 270 m at C) from it, so no radius in the grid (25-100 m) joins a driving ping to a stop or makes
// a stop of driving pings. Hence, by the stay-point rule (docs/dwells.md: every ping of a stay
// within the radius of its first ping, stay >= min dwell):
//   A: 40 min, pings at 0 m spread: a dwell at every grid point; nothing near in space or time
//      (INC1 is 5 km away): unexplained everywhere -> robust.
//   B: 4 min = 240 s: a dwell at min dwell 60 and 120 s, none at 300 s -> lost at --min-dwell 300 s.
//   C: first ping at 6,000 m, next at 6,030 m: 30 m apart, within 50 and 100 m but not 25 m; at 25 m
//      every stay is one ping (0 s) -> lost at --dwell-radius 25 m.
//   D: its radius is 0 (every ping on D); INC1 explains it when 150 m <= incident radius + 0 m: not
//      at 100 m or 50 m, at 200 m -> lost at --incident-radius 200 m. Its window (09:00-09:30, widened
//      by 7.5-30 min before and 15-60 min after) covers the stop at every window point.
// Gap 3 or 10 min changes nothing: no silence is longer than 30 s.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "findings/robustness_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/job/job.hpp"
#include "support/temp_dir.hpp"
#include "support/track_builder.hpp"

namespace shiftline::findings {
namespace {

using robustness_internal::GridPoint;

std::string coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7f", v);
  return buf;
}

std::string stamp(int seconds_after_9) {
  const int s = 9 * 3600 + seconds_after_9;
  char buf[40];
  std::snprintf(buf, sizeof buf, "2024-03-04T%02d:%02d:%02dZ", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

const LatLon kO1 = LatLon::from_degrees(51.5, -0.12);
const LatLon kO2 = test::offset(kO1, 0, 5000);
const LatLon kIncident = test::offset(kO2, -150, 0);

std::string make_pings() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  const auto ping = [&](const char* v, int t, LatLon p) {
    csv += std::string(v) + "," + stamp(t) + "," + coord(p.lat) + "," + coord(p.lon) + "\n";
  };
  int t = 0;
  const auto car1_at = [&](double x) { return test::offset(kO1, x, 0); };
  for (; t <= 40 * 60; t += 30) ping("car1", t, car1_at(0));  // A
  for (int x = 300; x <= 2700; x += 300, t += 30) ping("car1", t, car1_at(x));
  for (const int end = t + 4 * 60; t <= end; t += 30) ping("car1", t, car1_at(3000));  // B
  for (int x = 3300; x <= 5700; x += 300, t += 30) ping("car1", t, car1_at(x));
  for (int i = 0; i <= 40; ++i, t += 30) ping("car1", t, car1_at(i % 2 == 0 ? 6000 : 6030));  // C
  for (int x = 6300; x <= 8700; x += 300, t += 30) ping("car1", t, car1_at(x));
  t = 0;
  for (; t <= 30 * 60; t += 30) ping("car2", t, kO2);  // D
  for (int y = 300; y <= 2700; y += 300, t += 30) ping("car2", t, test::offset(kO2, 0, y));
  return csv;
}

class Robustness : public ::testing::Test {
 protected:
  void SetUp() override {
    (void)m_dir.write("pings.csv", make_pings());
    (void)m_dir.write("shifts.csv",
                      "shift_id,officer_id,start,end,vehicle_id\n"
                      "S1,PC1,2024-03-04T08:00:00Z,2024-03-04T18:00:00Z,car1\n"
                      "S2,PC2,2024-03-04T08:00:00Z,2024-03-04T18:00:00Z,car2\n");
    (void)m_dir.write("incidents.csv", "incident_id,opened,closed,lat,lon\nINC1,2024-03-04T09:00:00Z,"
                                       "2024-03-04T09:30:00Z," + coord(kIncident.lat) + "," + coord(kIncident.lon) + "\n");
    m_config.pipeline.ingest.paths = {m_dir.file("pings.csv")};
    m_config.pipeline.threads = 1;
    const auto& in = m_config.pipeline.ingest;
    m_config.tables.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
    m_config.tables.shifts = m_dir.file("shifts.csv");
    m_config.tables.incidents = m_dir.file("incidents.csv");
  }

  // The test's finder: every unexplained dwell of at least 3 min, against its first officer.
  static Findings finder(const pipeline::Analysis& a) {
    Findings out;
    for (std::size_t k = 0; k < a.run.vehicles.size(); ++k)
      for (std::size_t d = 0; d < a.run.vehicles[k].dwells.size(); ++d) {
        const auto& dwell = a.run.vehicles[k].dwells[d];
        const auto& m = a.matches[k][d];
        if (m.dwell_class != match::DwellClass::unexplained || dwell.end - dwell.start < Millis{180'000}) continue;
        Finding f;
        f.kind = FindingKind::long_unexplained;
        f.officer_id = m.officers.empty() ? "" : m.officers.front().officer_id;
        f.vehicle_ids = {a.run.vehicle_name(a.run.vehicles[k])};
        f.location = dwell.location;
        f.start = dwell.start;
        f.end = dwell.end;
        f.duration = dwell.end - dwell.start;
        f.dwells = {DwellRef{k, d}};
        out.findings.push_back(std::move(f));
      }
    return out;
  }

  static const Finding& starting(const Findings& f, const std::string& vehicle, const std::string& iso) {
    const auto it = std::find_if(f.findings.begin(), f.findings.end(), [&](const Finding& x) {
      return x.vehicle_ids.front() == vehicle && x.start == test::at(iso);
    });
    if (it == f.findings.end()) throw std::runtime_error("no finding of " + vehicle + " starting " + iso);
    return *it;
  }

  test::TempDir m_dir;
  pipeline::AnalyseConfig m_config;
};

TEST_F(Robustness, EachFindingLostExactlyWhereItsParameterCrossesTheStop) {
  const pipeline::Analysis a = pipeline::run_analyse(m_config);
  Findings found = finder(a);
  ASSERT_EQ(found.findings.size(), 4U);  // A, B, C, D: the case holds before the grid is asked
  robustness_internal::assess(m_config, a, FindingsConfig{}, found, &finder);
  for (const Finding& f : found.findings) EXPECT_TRUE(f.robustness.assessed);

  const Finding& stop_a = starting(found, "car1", "2024-03-04T09:00:00Z");
  EXPECT_TRUE(stop_a.robustness.robust);
  EXPECT_TRUE(stop_a.robustness.lost_at.empty());

  const Finding& b = starting(found, "car1", "2024-03-04T09:45:00Z");
  EXPECT_FALSE(b.robustness.robust);
  EXPECT_EQ(b.robustness.lost_at, std::vector<std::string>{"--min-dwell 300 s"});

  const Finding& c = starting(found, "car1", "2024-03-04T09:54:00Z");
  EXPECT_FALSE(c.robustness.robust);
  EXPECT_EQ(c.robustness.lost_at, std::vector<std::string>{"--dwell-radius 25 m"});

  const Finding& d = starting(found, "car2", "2024-03-04T09:00:00Z");
  EXPECT_FALSE(d.robustness.robust);
  EXPECT_EQ(d.robustness.lost_at,
            std::vector<std::string>{"--incident-radius 200 m (every incident's radius x2)"});
}

// The grid: one parameter at a time at each end of its range, the run's own values left out.
TEST_F(Robustness, GridIsOneParameterAtATimeAtEachEnd) {
  std::vector<std::string> labels;
  for (const GridPoint& p : robustness_internal::grid(m_config, true, true)) labels.push_back(p.label);
  // Defaults: dwell radius 50 m, min dwell 120 s, gap 300 s, incident radius 100 m, before 900 s,
  // after 1800 s, reach speed 200 km/h (so only its 100 km/h end is a point).
  const std::vector<std::string> expected{"--dwell-radius 25 m",
                                          "--dwell-radius 100 m",
                                          "--min-dwell 60 s",
                                          "--min-dwell 300 s",
                                          "--gap 180 s",
                                          "--gap 600 s",
                                          "--incident-radius 50 m (every incident's radius x0.5)",
                                          "--incident-radius 200 m (every incident's radius x2)",
                                          "--incident-before 450 s",
                                          "--incident-before 1800 s",
                                          "--incident-after 900 s",
                                          "--incident-after 3600 s",
                                          "--reach-speed-kmh 100 km/h"};
  EXPECT_EQ(labels, expected);
  EXPECT_EQ(robustness_internal::grid(m_config, false, false).size(), 6U);  // no incidents, no claims
}

void expect_same_vehicle(const pipeline::Analysis& sub, std::size_t ks, const pipeline::Analysis& full,
                         std::size_t kf, const std::string& point) {
  SCOPED_TRACE(point);
  const auto& vs = sub.run.vehicles[ks];
  const auto& vf = full.run.vehicles[kf];
  ASSERT_EQ(sub.run.vehicle_name(vs), full.run.vehicle_name(vf));
  ASSERT_EQ(vs.dwells.size(), vf.dwells.size());
  for (std::size_t d = 0; d < vs.dwells.size(); ++d) {
    const auto &x = vs.dwells[d], &y = vf.dwells[d];
    EXPECT_EQ(x.start, y.start);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.location.lat, y.location.lat);
    EXPECT_EQ(x.location.lon, y.location.lon);
    EXPECT_EQ(x.radius.value, y.radius.value);
    EXPECT_EQ(x.n_pings, y.n_pings);
    ASSERT_EQ(x.source_lines.size(), y.source_lines.size());
    EXPECT_EQ(x.source_lines[0].first_line, y.source_lines[0].first_line);
    EXPECT_EQ(x.source_lines[0].last_line, y.source_lines[0].last_line);
    const auto &ms = sub.matches[ks][d], &mf = full.matches[kf][d];
    EXPECT_EQ(ms.dwell_class, mf.dwell_class);
    EXPECT_EQ(ms.split.incident, mf.split.incident);
    EXPECT_EQ(ms.split.unexplained, mf.split.unexplained);
    EXPECT_EQ(ms.incidents, mf.incidents);
    EXPECT_EQ(ms.places, mf.places);
    // The nearest incident moves with the windows: C (09:54-10:14) has INC1 (closed 09:30) as its
    // nearest with --incident-after 1800 s and 3600 s, none with 900 s (window ends 09:45).
    EXPECT_EQ(ms.nearest_incident, mf.nearest_incident);
    EXPECT_EQ(ms.nearest_incident_distance.value, mf.nearest_incident_distance.value);
    ASSERT_EQ(ms.officers.size(), mf.officers.size());
    for (std::size_t o = 0; o < ms.officers.size(); ++o) {
      EXPECT_EQ(ms.officers[o].officer_id, mf.officers[o].officer_id);
      EXPECT_EQ(ms.officers[o].unexplained_or_base, mf.officers[o].unexplained_or_base);
    }
    EXPECT_EQ(ms.flags.size(), mf.flags.size());
  }
  ASSERT_EQ(vs.gaps.size(), vf.gaps.size());
}

// A re-run of one vehicle at a grid point is the full run with that point's parameters,
// restricted to the vehicle: the same code runs (pipeline/steps_internal.hpp). Each point's
// configuration is one run_analyse could be given (INC1 has no radius_m, so scaling every
// incident's radius is --incident-radius itself). Two threads, so that the parallel pass is used.
TEST_F(Robustness, SubsetRerunEqualsFullRunRestrictedToThoseVehicles) {
  m_config.pipeline.threads = 2;
  const pipeline::Analysis base = pipeline::run_analyse(m_config);
  const std::vector<GridPoint> points = robustness_internal::grid(m_config, true, false);
  ASSERT_EQ(points.size(), 12U);
  for (const std::size_t vehicle : {std::size_t{0}, std::size_t{1}}) {  // car1, car2 (name order)
    std::size_t calls = 0;
    robustness_internal::rerun(m_config, base, points, std::vector<std::size_t>{vehicle},
                               [&](std::size_t p, const pipeline::Analysis& sub) {
                                 ASSERT_EQ(p, calls++);
                                 ASSERT_EQ(sub.run.vehicles.size(), 1U);
                                 const pipeline::Analysis full = pipeline::run_analyse(points[p].config);
                                 expect_same_vehicle(sub, 0, full, vehicle, points[p].label);
                                 // Shift figures are not re-run: the run's are carried.
                                 EXPECT_EQ(sub.shifts[vehicle].unexplained, base.shifts[vehicle].unexplained);
                               });
    EXPECT_EQ(calls, points.size());
  }
}

// The re-run changes what the point changes: at --min-dwell 300 s car1 keeps A and C only.
TEST_F(Robustness, RerunAtMinDwell300KeepsOnlyTheLongStops) {
  const pipeline::Analysis base = pipeline::run_analyse(m_config);
  ASSERT_EQ(base.run.vehicles[0].dwells.size(), 3U);
  const auto points = robustness_internal::grid(m_config, true, false);
  const auto p = std::find_if(points.begin(), points.end(), [](const GridPoint& g) { return g.label == "--min-dwell 300 s"; });
  ASSERT_NE(p, points.end());
  std::size_t dwells = 0;
  robustness_internal::rerun(m_config, base, std::span(&*p, 1), std::vector<std::size_t>{0},
                             [&](std::size_t, const pipeline::Analysis& sub) { dwells = sub.run.vehicles[0].dwells.size(); });
  EXPECT_EQ(dwells, 2U);
}

// --robustness on|off: on by default (the grid runs unless it is turned off), anything else refused.
TEST(RobustnessParameter, OnByDefaultOffTurnsTheGridOff) {
  const std::vector<std::string> base{"analyse", "--pings", "p.csv", "--shifts", "s.csv", "--out", "o"};
  EXPECT_TRUE(Job::from_args(base).params.robustness);
  auto off = base;
  off.insert(off.end(), {"--robustness", "off"});
  EXPECT_FALSE(Job::from_args(off).params.robustness);
  auto bad = base;
  bad.insert(bad.end(), {"--robustness", "maybe"});
  EXPECT_THROW((void)Job::from_args(bad), UsageError);
}

}  // namespace
}  // namespace shiftline::findings
