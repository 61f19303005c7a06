// timeline_i2.csv (include/shiftline/report/timeline_i2.hpp, docs/i2-import.md): a small case over
// the autumn clock change with every row worked out by hand, then the bundled case against its
// golden file.
//
// The hand-worked case, Europe/London, night of Sat 2024-10-26 (BST, UTC+1) to Sun 2024-10-27
// (GMT, UTC+0 from 01:00Z). car1 pings once a minute, on the minute, along the meridian 0.12 W,
// from 21:00Z (minute 0) to 07:10Z (minute 610), except minutes 241-259 (01:01Z-01:19Z). Parked
// pings sit exactly on the place, so distances are 0. Minute m is on line m + 2 of pings.csv up
// to minute 240, and on line m - 17 from minute 260 (19 minutes missing).
//
//   minutes   UTC            where                                          -> row
//   0-20      21:00-21:20    parked at STN (base, 51.50 N)                  -> dwell car1#1, base
//   20-60     drives 51.50 -> 51.56 -> 51.51 (305 m a minute: never 2 min within 50 m)
//   60-80     22:00-22:20    parked at ADDR1 (51.51 N); INC1 there 22:00-22:30Z names car1
//                                                                            -> dwell car1#2, incident INC1
//   80-190    drives 51.51 -> 51.70 -> 51.51
//   190-220   00:10-00:40    parked at ADDR1: INC1 closed 22:30Z, car1 attended it
//                                                                            -> car1#3, unexplained, revisit
//   220-270   drives 51.51 -> 51.56 -> 51.51; silent from minute 240 (51.55 N) to 260 (51.53 N):
//             01:00Z-01:20Z, 2225.17 m apart (geod +ellps=WGS84 -I), not bridged -> gap
//   270-300   01:30-02:00    parked at ADDR1; PC1 looked ADDR1 up at 01:10Z (events.csv:2)
//                                                                            -> car1#4, both flags
//   300-570   drives 51.51 -> 51.70 -> 51.50
//   570-610   06:30-07:10    parked at STN; PC1 off duty at 07:00Z          -> car1#5, base, partial_duty
//
// Roster: S1, PC1 in car1, 2024-10-26 22:00 to 2024-10-27 07:00 local = 21:00Z to 07:00Z (10 h,
// BST to GMT); S2, PC2 in no vehicle, 22:00-23:00 local = 21:00Z-22:00Z. Claim C1: car1 did not
// go to ADDR1 from 00:20Z to 00:21Z; the pings at 00:20 (line 202) and 00:21 are both at 0 m, the
// earlier is quoted (docs/verify.md): contradicted, seen_there.
//
// Local times: before 2024-10-27T01:00Z add one hour (+01:00), from then on none (+00:00). So
// car1#3 starts at local 01:10:00 +01:00 and the look-up is at local 01:10:00 +00:00: the same
// wall-clock time an hour apart, told apart by the offset column and ordered by UTC.
//
// The golden file: tests/golden/timeline_i2.csv is timeline_i2.csv of the bundled case (data/, as
// scripts/demo runs it: pings, shifts, assignments, places, incidents, events, claims, --tz
// Europe/London, defaults). To regenerate it deliberately after a change that is meant to alter
// it, run this test with SHIFTLINE_UPDATE_GOLDEN=1 (e.g.
// `SHIFTLINE_UPDATE_GOLDEN=1 ctest --test-dir build -R TimelineI2Golden`), read `git diff
// tests/golden/timeline_i2.csv` row by row, and commit the file with the change that explains it.
// BundledCaseRowsCheckedByHand reads the file itself: if one of the rows below changes, check it
// by hand again against the inputs and update the assertion with the reason.
//
// Rows of the golden file checked by hand before it was committed, against data/README.md and the
// input rows in data/ (sed -n LINEp FILE; means with awk over the ping lines; offsets by the rule
// "+01:00 before 2024-10-27T01:00Z, +00:00 after", which a Python check also applied to every row
// of the file). BundledCaseRowsCheckedByHand asserts each of them in full:
//  1. shift_start:S20241026N-PC4478: shifts.csv:33 reads 2024-10-26 22:00:00 to 2024-10-27
//     07:00:00 naive local, PV01, NC01N; 22:00 BST is 21:00Z, so 22:00:00 +01:00; 10 h on the
//     UTC line (data/README.md, "Clock change").
//  2. shift_end:S20241026N-PC4478: 07:00 GMT is 07:00Z, so 07:00:00 +00:00; "13 unexplained
//     dwells": the 13 unexplained PV01 dwells between 21:00Z and 07:00Z in this file, counted by
//     hand (21:42Z ... 06:24Z; the base dwells either side are not unexplained).
//  3. dwell:PV01#91, the revisit (story 3): 10:02:00Z-11:04:00Z = 11:02-12:04 +01:00, 3720 s, at
//     ADDR-A, unexplained, PC4471, both flags (data/README.md, "What the report must show"); its
//     pings are lines 6601 (10:02:00Z) to 6632 (11:04:00Z); 6600 and 6633 are 30 s outside and
//     hundreds of metres away; the mean of the 32 pings is 52.6232588 -1.1144387.
//  4. records_lookup:events.csv:100 (story 2): "2024-10-25 15:47:12,PC4471,records_lookup,Jordan
//     Example (synthetic),ADDR-A,PNC person check (synthetic)": 14:47:12Z, +01:00; at ADDR-A's
//     point from places.csv:5 (52.6232616 -1.1144429); it flags PV01#91.
//  5. incident:INC-0004 (story 1): incidents.csv:6 reads opened 2024-10-23 10:14:00, closed
//     11:32:00 local, at 52.6232616 -1.1144429 (ADDR-A), domestic, PV01, PC4471, NC01D: 09:14Z to
//     10:32Z, 4680 s; it explains PV01#15 (row 6) and PV01#91 is its revisit.
//  6. dwell:PV01#15: pings.csv:1725 (09:26:00Z) to 1753 (10:21:00Z), 3300 s, class incident
//     INC-0004 (data/README.md); mean of the 29 pings 52.6232593 -1.1144797.
//  7. gap:pings.csv:64068, the silent unit: 18:00Z to 05:44Z (lines 64068, 64069), 42240 s =
//     11 h 44 min, moved 3.70 m (data/README.md C05), GMT so +00:00, bridged by PV04#141.
//  8. dwell:PV04#141: lines 64050 (2024-10-28T16:48:00Z) to 64166 (2024-10-29T12:09:00Z), 69660 s =
//     19 h 21 min, base at BASE-STN2, crew PC4485 and PC4513 (data/README.md); partial_duty, as
//     nobody is on duty in PV04 overnight.
//  9. dwell:PV02#209, off duty: lines 32494 (18:06:00Z) to 32517 (18:52:00Z), 2760 s, nobody on
//     duty, no place (data/README.md, "Off duty").
// 10. dwell:PV03#196, partial duty: 16:41Z-17:23Z, 2520 s, unexplained, PC4499, partial_duty.
// 11. claim:C09 (claims.csv:10): PV02 present at BASE-STN2 from 2024-10-26 22:00 to 2024-10-27
//     07:00 local: 22:00:00 +01:00 to 07:00:00 +00:00, 36000 s, supported (seen_there_throughout);
//     evidence pings 26102 (21:01Z) and 26252 (07:01Z), the pings that stand for its ends.
// 12. claim:C01 (claims.csv:2): PC4471 absent from ADDR-A, 2024-10-23 12:00 +01:00 to 2024-11-04
//     08:00 +00:00 = 1026000 s, contradicted (seen_there), decisive ping pings.csv:6614
//     (10:28:00Z, 0.11 m from ADDR-A: data/README.md C01).
// 13. claim:C08 (claims.csv:9): PV03 absent from the point 52.7718 -1.2063 within 100 m,
//     supported (unreachable); pings 47933 and 47934 around the silence, nearest 47937
//     (data/README.md C08).
// The file has 1316 rows after the header: 80 shift_start and 80 shift_end (shifts.csv has 80
// rows), 1023 dwells (data/README.md), 10 gaps (9 silences while driving, as the planted truth of
// `shiftline synth-case --truth` lists them, and the silent unit), 25 incidents, 84 look-ups (the
// records_lookup rows of events.csv) and 14 claims (data/claims.csv; their verdicts and bases as in
// data/README.md, "The claims").
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/report/timeline_i2.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace shiftline;

// ---------------------------------------------------------------------------------------------
// The hand-worked case.

std::string at_minute(int m) {  // minutes after 2024-10-26T21:00:00Z
  const int total = 21 * 60 + m;
  const int day = 26 + total / (24 * 60);
  const int in_day = total % (24 * 60);
  char buf[64];
  std::snprintf(buf, sizeof buf, "2024-10-%02dT%02d:%02d:00Z", day, in_day / 60, in_day % 60);
  return buf;
}

// Position along a route of latitudes at fraction f of its length (all on one meridian).
double along(const std::vector<double>& route, double f) {
  double total = 0;
  for (std::size_t i = 1; i < route.size(); ++i) total += std::abs(route[i] - route[i - 1]);
  double want = f * total;
  for (std::size_t i = 1; i < route.size(); ++i) {
    const double leg = std::abs(route[i] - route[i - 1]);
    if (want <= leg) return route[i - 1] + (route[i] > route[i - 1] ? want : -want);
    want -= leg;
  }
  return route.back();
}

std::string make_pings() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  const auto ping = [&csv](int m, double lat) {
    if (m > 240 && m < 260) return;  // the silence
    char buf[128];
    std::snprintf(buf, sizeof buf, "car1,%s,%.7f,-0.1200000\n", at_minute(m).c_str(), lat);
    csv += buf;
  };
  const auto park = [&](int from, int to, double lat) {
    for (int m = from; m <= to; ++m) ping(m, lat);
  };
  const auto drive = [&](int from, int to, const std::vector<double>& route) {
    for (int m = from + 1; m < to; ++m) ping(m, along(route, static_cast<double>(m - from) / (to - from)));
  };
  park(0, 20, 51.50);
  drive(20, 60, {51.50, 51.56, 51.51});
  park(60, 80, 51.51);
  drive(80, 190, {51.51, 51.70, 51.51});
  park(190, 220, 51.51);
  drive(220, 270, {51.51, 51.56, 51.51});
  park(270, 300, 51.51);
  drive(300, 570, {51.51, 51.70, 51.50});
  park(570, 610, 51.50);
  return csv;
}

pipeline::AnalyseConfig config_for(const std::string& pings, const std::string& dir_of_tables, bool assignments,
                                   unsigned threads) {
  pipeline::AnalyseConfig c;
  auto& in = c.pipeline.ingest;
  in.paths = {pings};
  in.zone = find_zone("Europe/London");
  c.pipeline.threads = threads;
  auto& t = c.tables;
  t.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
  t.shifts = dir_of_tables + "shifts.csv";
  if (assignments) t.assignments = dir_of_tables + "assignments.csv";
  t.places = dir_of_tables + "places.csv";
  t.incidents = dir_of_tables + "incidents.csv";
  t.events = dir_of_tables + "events.csv";
  t.claims = dir_of_tables + "claims.csv";
  return c;
}

class TimelineI2 : public ::testing::Test {
 protected:
  void SetUp() override {
    (void)m_dir.write("pings.csv", make_pings());
    (void)m_dir.write("shifts.csv",
                      "shift_id,officer_id,start,end,vehicle_id,callsign\n"
                      "S1,PC1,2024-10-26 22:00,2024-10-27 07:00,car1,ALPHA1\n"
                      "S2,PC2,2024-10-26 22:00,2024-10-26 23:00,,\n");
    (void)m_dir.write("places.csv",
                      "place_id,label,kind,lat,lon\n"
                      "STN,Station (synthetic),base,51.5,-0.12\n"
                      "ADDR1,Address 1 (synthetic),address,51.51,-0.12\n");
    (void)m_dir.write("incidents.csv",
                      "incident_id,opened,closed,place_id,type,vehicle_id\n"
                      "INC1,2024-10-26 23:00,2024-10-26 23:30,ADDR1,domestic,car1\n");
    // An offset written in the table is used as written: 01:10 GMT, the second 01:10 of the night.
    (void)m_dir.write("events.csv",
                      "timestamp,officer_id,kind,subject,place_id,detail\n"
                      "2024-10-27T01:10:00+00:00,PC1,records_lookup,Jane Doe (synthetic),ADDR1,PNC check\n"
                      "2024-10-27 05:00,PC1,radio_status,,,available\n");
    (void)m_dir.write("claims.csv",
                      "claim_id,vehicle_id,place_id,start,end,assertion\n"
                      "C1,car1,ADDR1,2024-10-27T00:20:00Z,2024-10-27T00:21:00Z,absent\n");
  }
  std::string run(unsigned threads = 1) const {
    const auto config = config_for(m_dir.file("pings.csv"), m_dir.file(""), false, threads);
    const pipeline::Analysis a = pipeline::run_analyse(config);
    return report::timeline_i2_csv(a, config.pipeline.ingest.zone);
  }
  test::TempDir m_dir{"shiftline-timeline-i2"};
};

// Every row, worked out by hand from the comment at the top of this file.
TEST_F(TimelineI2, EveryRowWorkedOutByHand) {
  const std::string expected =
      "date,time,end_date,end_time,entity,entity_type,event_type,description,lat,lon,source,utc_offset,"
      "end_utc_offset,utc_date,utc_time,end_utc_date,end_utc_time,duration_s,id\n"
      // 21:00Z: two shift starts and a dwell at one instant: shift_start before dwell (type order),
      // PC1 before PC2 (entity order).
      "2024-10-26,22:00:00,,,PC1,officer,shift_start,\"PC1 on duty, shift S1 (10 h) in car1; callsign ALPHA1\",,,"
      "shifts.csv:2,+01:00,,2024-10-26,21:00:00,,,,shift_start:S1\n"
      "2024-10-26,22:00:00,,,PC2,officer,shift_start,\"PC2 on duty, shift S2 (1 h) in no vehicle\",,,"
      "shifts.csv:3,+01:00,,2024-10-26,21:00:00,,,,shift_start:S2\n"
      "2024-10-26,22:00:00,2024-10-26,22:20:00,car1,vehicle,dwell,\"car1 dwell 20 min at STN, base; on duty PC1\","
      "51.5000000,-0.1200000,pings.csv:2-22,+01:00,+01:00,2024-10-26,21:00:00,2024-10-26,21:20:00,1200,dwell:car1#1\n"
      // 22:00Z: a shift end, an incident and a dwell: shift_end, incident, dwell.
      "2024-10-26,23:00:00,,,PC2,officer,shift_end,\"PC2 off duty, end of shift S2\",,,shifts.csv:3,+01:00,,"
      "2024-10-26,22:00:00,,,,shift_end:S2\n"
      "2024-10-26,23:00:00,2024-10-26,23:30:00,INC1,incident,incident,"
      "\"INC1 domestic at ADDR1; units car1; explains car1#2; revisited after closure by car1#3, car1#4\","
      "51.5100000,-0.1200000,incidents.csv:2,+01:00,+01:00,2024-10-26,22:00:00,2024-10-26,22:30:00,1800,"
      "incident:INC1\n"
      "2024-10-26,23:00:00,2024-10-26,23:20:00,car1,vehicle,dwell,"
      "\"car1 dwell 20 min at ADDR1, incident INC1; on duty PC1\",51.5100000,-0.1200000,pings.csv:62-82,+01:00,"
      "+01:00,2024-10-26,22:00:00,2024-10-26,22:20:00,1200,dwell:car1#2\n"
      // 00:10Z = 01:10 BST: the first 01:10 of the night.
      "2024-10-27,01:10:00,2024-10-27,01:40:00,car1,vehicle,dwell,"
      "\"car1 dwell 30 min at ADDR1, unexplained; on duty PC1; flags revisit_after_closure:INC1\",51.5100000,"
      "-0.1200000,pings.csv:192-222,+01:00,+01:00,2024-10-27,00:10:00,2024-10-27,00:40:00,1800,dwell:car1#3\n"
      "2024-10-27,01:20:00,2024-10-27,01:21:00,car1,vehicle,claim,"
      "Claim C1: car1 did not go to ADDR1: contradicted (seen_there); decisive ping pings.csv:202,51.5100000,"
      "-0.1200000,claims.csv:2;pings.csv:202,+01:00,+01:00,2024-10-27,00:20:00,2024-10-27,00:21:00,60,claim:C1\n"
      // 01:00Z = 01:00 GMT: after the dwell at local 01:10 +01:00, although its wall-clock time is earlier.
      "2024-10-27,01:00:00,2024-10-27,01:20:00,car1,vehicle,gap,car1 no data for 20 min; moved 2225.17 m; not bridged,"
      "51.5500000,-0.1200000,pings.csv:242;pings.csv:243,+00:00,+00:00,2024-10-27,01:00:00,2024-10-27,01:20:00,1200,"
      "gap:pings.csv:242\n"
      // 01:10Z = 01:10 GMT: the second 01:10 of the night, an hour after car1#3 started.
      "2024-10-27,01:10:00,,,PC1,officer,records_lookup,"
      "PC1 records_lookup on Jane Doe (synthetic) about ADDR1: PNC check; flags the visit car1#4,51.5100000,"
      "-0.1200000,events.csv:2,+00:00,,2024-10-27,01:10:00,,,,records_lookup:events.csv:2\n"
      "2024-10-27,01:30:00,2024-10-27,02:00:00,car1,vehicle,dwell,"
      "\"car1 dwell 30 min at ADDR1, unexplained; on duty PC1; flags revisit_after_closure:INC1, "
      "lookup_then_visit:events.csv:2\",51.5100000,-0.1200000,pings.csv:253-283,+00:00,+00:00,2024-10-27,01:30:00,"
      "2024-10-27,02:00:00,1800,dwell:car1#4\n"
      "2024-10-27,06:30:00,2024-10-27,07:10:00,car1,vehicle,dwell,"
      "\"car1 dwell 40 min at STN, base; on duty PC1; flags partial_duty\",51.5000000,-0.1200000,pings.csv:553-593,"
      "+00:00,+00:00,2024-10-27,06:30:00,2024-10-27,07:10:00,2400,dwell:car1#5\n"
      // The end of the shift over the clock change: +00:00, where its start showed +01:00.
      "2024-10-27,07:00:00,,,PC1,officer,shift_end,\"PC1 off duty, end of shift S1; 2 unexplained dwells\",,,"
      "shifts.csv:2,+00:00,,2024-10-27,07:00:00,,,,shift_end:S1\n";
  EXPECT_EQ(run(), expected);
}

TEST_F(TimelineI2, SameBytesWhateverTheThreads) { EXPECT_EQ(run(1), run(4)); }

TEST_F(TimelineI2, WithoutZoneTimesAreUtc) {
  const auto config = config_for(m_dir.file("pings.csv"), m_dir.file(""), false, 1);
  const pipeline::Analysis a = pipeline::run_analyse(config);
  const std::string csv = report::timeline_i2_csv(a, nullptr);
  // The shift over the clock change: 21:00Z and 07:00Z, offset +00:00 on both rows.
  EXPECT_NE(csv.find("2024-10-26,21:00:00,,,PC1,officer,shift_start,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("2024-10-27,07:00:00,,,PC1,officer,shift_end,\"PC1 off duty, end of shift S1; 2 unexplained "
                     "dwells\",,,shifts.csv:2,+00:00,,2024-10-27,07:00:00,"),
            std::string::npos)
      << csv;
}

TEST_F(TimelineI2, LookupKindsChooseTheEventRows) {
  const auto config = config_for(m_dir.file("pings.csv"), m_dir.file(""), false, 1);
  const pipeline::Analysis a = pipeline::run_analyse(config);
  const TimeZone* zone = config.pipeline.ingest.zone;
  // Default: records_lookup only; the radio_status event (events.csv:3) is not on the timeline.
  EXPECT_EQ(report::timeline_i2_csv(a, zone).find("events.csv:3"), std::string::npos);
  const std::string both = report::timeline_i2_csv(a, zone, {"radio_status", "records_lookup"});
  // 05:00 GMT, written as a naive local time: a records_lookup row (the event type of every look-up
  // kind) with the event's own kind in the description.
  EXPECT_NE(both.find("2024-10-27,05:00:00,,,PC1,officer,records_lookup,PC1 radio_status: available,,,events.csv:3,"
                      "+00:00,,2024-10-27,05:00:00,,,,records_lookup:events.csv:3\n"),
            std::string::npos)
      << both;
}

TEST(TimelineI2Millis, EveryTimeGetsMillisecondsWhenOneHasThem) {
  test::TempDir dir("shiftline-timeline-i2-ms");
  std::string pings = "vehicle_id,timestamp,lat,lon\n";
  for (int m = 0; m <= 5; ++m) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "v1,2024-01-15T08:%02d:00%sZ,51.5000000,-0.1200000\n", m, m == 0 ? ".250" : "");
    pings += buf;
  }
  (void)dir.write("pings.csv", pings);
  (void)dir.write("shifts.csv", "shift_id,officer_id,start,end,vehicle_id\nS1,PC1,2024-01-15 08:00,2024-01-15 09:00,v1\n");
  pipeline::AnalyseConfig c;
  c.pipeline.ingest.paths = {dir.file("pings.csv")};
  c.pipeline.ingest.zone = find_zone("Europe/London");
  c.pipeline.threads = 1;
  const auto& in = c.pipeline.ingest;
  c.tables.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
  c.tables.shifts = dir.file("shifts.csv");
  const pipeline::Analysis a = pipeline::run_analyse(c);
  // The dwell 08:00:00.250-08:05:00 (4 min 59.75 s) and the shift rows: one time format in every row.
  EXPECT_EQ(report::timeline_i2_csv(a, in.zone),
            "date,time,end_date,end_time,entity,entity_type,event_type,description,lat,lon,source,utc_offset,"
            "end_utc_offset,utc_date,utc_time,end_utc_date,end_utc_time,duration_s,id\n"
            "2024-01-15,08:00:00.000,,,PC1,officer,shift_start,\"PC1 on duty, shift S1 (1 h) in v1\",,,shifts.csv:2,"
            "+00:00,,2024-01-15,08:00:00.000,,,,shift_start:S1\n"
            "2024-01-15,08:00:00.250,2024-01-15,08:05:00.000,v1,vehicle,dwell,"
            "\"v1 dwell 4 min 59 s at no known place, unexplained; on duty PC1\",51.5000000,-0.1200000,pings.csv:2-7,"
            "+00:00,+00:00,2024-01-15,08:00:00.250,2024-01-15,08:05:00.000,299.75,dwell:v1#1\n"
            "2024-01-15,09:00:00.000,,,PC1,officer,shift_end,\"PC1 off duty, end of shift S1; 1 unexplained dwell\",,,"
            "shifts.csv:2,+00:00,,2024-01-15,09:00:00.000,,,,shift_end:S1\n");
}

// ---------------------------------------------------------------------------------------------
// The bundled case.

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const std::string kData = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
const std::string kGolden = std::string(SHIFTLINE_GOLDEN_DIR) + "/timeline_i2.csv";

std::string bundled_timeline(unsigned threads) {
  const auto config = config_for(kData + "pings.csv", kData, true, threads);
  const pipeline::Analysis a = pipeline::run_analyse(config);
  return report::timeline_i2_csv(a, config.pipeline.ingest.zone);
}

TEST(TimelineI2Golden, BundledCaseMatchesGoldenFile) {
  const std::string actual = bundled_timeline(0);
  if (const char* update = std::getenv("SHIFTLINE_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(kGolden, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << kGolden << ": read `git diff` on it row by row before committing";
  }
  const std::string golden = read_file(kGolden);
  ASSERT_FALSE(golden.empty()) << kGolden << " is missing or empty";
  if (actual == golden) return;
  const auto want = lines_of(golden), got = lines_of(actual);
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  ADD_FAILURE() << "timeline_i2.csv of the bundled case differs from " << kGolden << " (" << want.size()
                << " lines expected, " << got.size() << " written); first difference at line " << i + 1
                << ":\n  expected: " << (i < want.size() ? want[i] : "<end of file>")
                << "\n  actual:   " << (i < got.size() ? got[i] : "<end of file>")
                << "\nIf the change is intended, regenerate with SHIFTLINE_UPDATE_GOLDEN=1 ctest -R TimelineI2Golden,"
                   " then review `git diff tests/golden/timeline_i2.csv`.";
}

TEST(TimelineI2Golden, BundledCaseSameBytesWhateverTheThreads) { EXPECT_EQ(bundled_timeline(1), bundled_timeline(3)); }

// The rows listed at the top of this file, checked by hand before the golden file was committed.
TEST(TimelineI2Golden, BundledCaseRowsCheckedByHand) {
  const auto rows = lines_of(read_file(kGolden));
  ASSERT_GT(rows.size(), 1U);
  const auto row_with = [&rows](const std::string& id) {
    for (const auto& r : rows)
      if (r.size() > id.size() && r.compare(r.size() - id.size() - 1, std::string::npos, "," + id) == 0) return r;
    return std::string("no row with id ") + id;
  };
  EXPECT_EQ(row_with("shift_start:S20241026N-PC4478"),
            "2024-10-26,22:00:00,,,PC4478,officer,shift_start,\"PC4478 on duty, shift S20241026N-PC4478 (10 h) in PV01; "
            "callsign NC01N\",,,shifts.csv:33,+01:00,,2024-10-26,21:00:00,,,,shift_start:S20241026N-PC4478");
  EXPECT_EQ(row_with("shift_end:S20241026N-PC4478"),
            "2024-10-27,07:00:00,,,PC4478,officer,shift_end,\"PC4478 off duty, end of shift S20241026N-PC4478; 13 "
            "unexplained dwells\",,,shifts.csv:33,+00:00,,2024-10-27,07:00:00,,,,shift_end:S20241026N-PC4478");
  EXPECT_EQ(row_with("dwell:PV01#91"),
            "2024-10-26,11:02:00,2024-10-26,12:04:00,PV01,vehicle,dwell,\"PV01 dwell 1 h 2 min at ADDR-A, unexplained; "
            "on duty PC4471; flags revisit_after_closure:INC-0004, lookup_then_visit:events.csv:100\",52.6232588,"
            "-1.1144387,pings.csv:6601-6632,+01:00,+01:00,2024-10-26,10:02:00,2024-10-26,11:04:00,3720,dwell:PV01#91");
  EXPECT_EQ(row_with("records_lookup:events.csv:100"),
            "2024-10-25,15:47:12,,,PC4471,officer,records_lookup,PC4471 records_lookup on Jordan Example (synthetic) "
            "about ADDR-A: PNC person check (synthetic); flags the visit PV01#91,52.6232616,-1.1144429,events.csv:100,"
            "+01:00,,2024-10-25,14:47:12,,,,records_lookup:events.csv:100");
  EXPECT_EQ(row_with("incident:INC-0004"),
            "2024-10-23,10:14:00,2024-10-23,11:32:00,INC-0004,incident,incident,\"INC-0004 domestic at ADDR-A; units "
            "PV01, PC4471, NC01D; explains PV01#15; revisited after closure by PV01#91\",52.6232616,-1.1144429,"
            "incidents.csv:6,+01:00,+01:00,2024-10-23,09:14:00,2024-10-23,10:32:00,4680,incident:INC-0004");
  EXPECT_EQ(row_with("dwell:PV01#15"),
            "2024-10-23,10:26:00,2024-10-23,11:21:00,PV01,vehicle,dwell,\"PV01 dwell 55 min at ADDR-A, incident "
            "INC-0004; on duty PC4471\",52.6232593,-1.1144797,pings.csv:1725-1753,+01:00,+01:00,2024-10-23,09:26:00,"
            "2024-10-23,10:21:00,3300,dwell:PV01#15");
  EXPECT_EQ(row_with("gap:pings.csv:64068"),
            "2024-10-28,18:00:00,2024-10-29,05:44:00,PV04,vehicle,gap,PV04 no data for 11 h 44 min; moved 3.70 m; "
            "bridged by dwell PV04#141,52.6079763,-1.1150720,pings.csv:64068;pings.csv:64069,+00:00,+00:00,2024-10-28,"
            "18:00:00,2024-10-29,05:44:00,42240,gap:pings.csv:64068");
  // PV04#141: 1,260 s of its 69,660 on duty (at the base), the rest nobody: off_duty (issue 11).
  EXPECT_EQ(row_with("dwell:PV04#141"),
            "2024-10-28,16:48:00,2024-10-29,12:09:00,PV04,vehicle,dwell,\"PV04 dwell 19 h 21 min at BASE-STN2, off_duty; "
            "on duty PC4485, PC4513; flags partial_duty\",52.6080022,-1.1150287,pings.csv:64050-64166,+00:00,+00:00,"
            "2024-10-28,16:48:00,2024-10-29,12:09:00,69660,dwell:PV04#141");
  EXPECT_EQ(row_with("dwell:PV02#209"),
            "2024-10-31,18:06:00,2024-10-31,18:52:00,PV02,vehicle,dwell,\"PV02 dwell 46 min at no known place, "
            "off_duty; nobody on duty\",52.6505537,-1.1115007,pings.csv:32494-32517,+00:00,+00:00,2024-10-31,18:06:00,"
            "2024-10-31,18:52:00,2760,dwell:PV02#209");
  // PV03#196: 19 min on duty, 23 min nobody: off_duty by the larger share (issue 11).
  EXPECT_EQ(row_with("dwell:PV03#196"),
            "2024-10-30,16:41:00,2024-10-30,17:23:00,PV03,vehicle,dwell,\"PV03 dwell 42 min at no known place, "
            "off_duty; on duty PC4499; flags partial_duty\",52.6171761,-1.0860666,pings.csv:49068-49089,+00:00,"
            "+00:00,2024-10-30,16:41:00,2024-10-30,17:23:00,2520,dwell:PV03#196");
  // C09 under docs/verify.md (issue 10): PV02's parked unit reports every 4 min, so it could have
  // been away up to 238.784 s at once, longest between pings.csv:26243 and 26244 (data/README.md,
  // "The claims"; checked by an independent oracle), more than the 60-s --presence-tolerance.
  EXPECT_EQ(row_with("claim:C09"),
            "2024-10-26,22:00:00,2024-10-27,07:00:00,PV02,vehicle,claim,Claim C09: PV02 was at BASE-STN2 throughout: "
            "inconclusive (could_have_left),52.6080000,-1.1150000,claims.csv:10;pings.csv:26243;pings.csv:26244,"
            "+01:00,+00:00,2024-10-26,21:00:00,2024-10-27,07:00:00,36000,claim:C09");
  EXPECT_EQ(row_with("claim:C01"),
            "2024-10-23,12:00:00,2024-11-04,08:00:00,PC4471,officer,claim,Claim C01: PC4471 did not go to ADDR-A: "
            "contradicted (seen_there); decisive ping pings.csv:6614,52.6232616,-1.1144429,claims.csv:2;pings.csv:6614,"
            "+01:00,+00:00,2024-10-23,11:00:00,2024-11-04,08:00:00,1026000,claim:C01");
  EXPECT_EQ(row_with("claim:C08"),
            "2024-10-30,03:00:00,2024-10-30,03:30:00,PV03,vehicle,claim,Claim C08: PV03 did not go to 52.7718000 "
            "-1.2063000 within 100.00 m: supported (unreachable); decisive ping pings.csv:47937,52.7718000,-1.2063000,"
            "claims.csv:9;pings.csv:47933;pings.csv:47934;pings.csv:47937,+00:00,+00:00,2024-10-30,03:00:00,2024-10-30,"
            "03:30:00,1800,claim:C08");
  // The counts by event type (column 7: the columns before it are never quoted).
  std::map<std::string, int> types;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::size_t pos = 0;
    for (int c = 0; c < 6; ++c) pos = rows[i].find(',', pos) + 1;
    ++types[rows[i].substr(pos, rows[i].find(',', pos) - pos)];
  }
  EXPECT_EQ(types, (std::map<std::string, int>{{"claim", 17}, {"dwell", 1023}, {"gap", 10}, {"incident", 25},
                                               {"records_lookup", 84}, {"shift_end", 80}, {"shift_start", 80}}));
  // Rows in UTC order: utc_date and utc_time are the 6th and 5th cells from the end (the
  // description may be quoted, the cells after it never are).
  std::string previous;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::vector<std::string> tail;
    std::string cell;
    for (auto it = rows[i].rbegin(); it != rows[i].rend() && tail.size() < 6; ++it) {
      if (*it == ',') {
        tail.push_back(cell);
        cell.clear();
      } else {
        cell.insert(cell.begin(), *it);
      }
    }
    ASSERT_EQ(tail.size(), 6U) << rows[i];
    const std::string utc = tail[5] + "T" + tail[4];
    EXPECT_LE(previous, utc) << "line " << i + 1 << " out of UTC order: " << rows[i];
    previous = utc;
  }
}

}  // namespace
