// Duty alignment against docs/analyse.md, "Intervals and instants" and "Duty". Every expected
// value is worked out by hand from the times written in the test (UTC unless stated).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/duty/duty.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"

namespace shiftline {

// Readable failure messages for intervals (found by gtest through ADL).
void PrintTo(const Interval& i, std::ostream* os);
void PrintTo(const Interval& i, std::ostream* os) { *os << "[" << format_utc(i.start) << ", " << format_utc(i.end) << ")"; }

}  // namespace shiftline

namespace shiftline::duty {

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using test::at;
using test::shift;

const std::vector<std::string> kPaths{"shifts.csv", "assignments.csv"};

// A time on 2024-03-05 (no clock change that day in any zone used here), UTC.
Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }
constexpr Millis mins(long long m) { return Millis{m * 60'000}; }


ingest::AssignmentRow assignment(std::string officer, std::string vehicle, Instant start, Instant end,
                                 std::uint32_t line) {
  return ingest::AssignmentRow{std::move(officer), std::move(vehicle), start, end, SourceRef{1, line}};
}

// Wall-clock time in Europe/London, through the project's own parser and zone rules.
Instant london(const char* text) {
  const CivilParse p = parse_iso8601(text);
  // A naive wall-clock time parses with error missing_offset and its fields filled in.
  EXPECT_EQ(p.error, TimeParseError::missing_offset) << text;
  EXPECT_FALSE(p.time.has_offset) << text;
  const TimeZone* zone = find_zone("Europe/London");
  EXPECT_NE(zone, nullptr);
  const LocalResolution r = resolve_local(*zone, to_local(p.time), AmbiguityPolicy::reject);
  EXPECT_EQ(r.error, LocalTimeError::none) << text;
  return r.instant;
}

std::vector<const Problem*> with_code(const ProblemSink& sink, ProblemCode code) {
  std::vector<const Problem*> out;
  for (const auto& p : sink.problems())
    if (p.code == code) out.push_back(&p);
  return out;
}

// --- Shift arithmetic -----------------------------------------------------------------------

TEST(Duty, ShiftOverAutumnClockChangeLastsTenHours) {
  // 22:00 BST (UTC+1) on 26 Oct = 21:00Z; 07:00 GMT (UTC+0) on 27 Oct = 07:00Z: 10 h, not 9.
  const Instant start = london("2024-10-26 22:00");
  const Instant end = london("2024-10-27 07:00");
  EXPECT_EQ(start, at("2024-10-26T21:00:00Z"));
  EXPECT_EQ(end, at("2024-10-27T07:00:00Z"));
  ProblemSink problems;
  const Roster r = build_roster({shift("N1", "O1", start, end, "V1")}, {}, kPaths, problems);
  ASSERT_EQ(r.crewings_of_shift.size(), 1U);
  ASSERT_EQ(r.crewings_of_shift[0].size(), 1U);
  EXPECT_EQ(r.crewings_of_shift[0][0].span.length(), Millis{10LL * 3600 * 1000});
  // The crew of V1 over the whole night is on duty for 10 h.
  const CrewOnDuty crew = crew_during(r, "V1", start, end);
  EXPECT_EQ(crew.on_duty_length(), Millis{10LL * 3600 * 1000});
  EXPECT_TRUE(problems.problems().empty());
}

TEST(Duty, ShiftOverSpringClockChangeLastsEightHours) {
  // 22:00 GMT on 30 Mar 2024 = 22:00Z; 07:00 BST on 31 Mar = 06:00Z: 8 h.
  const Instant start = london("2024-03-30 22:00");
  const Instant end = london("2024-03-31 07:00");
  ProblemSink problems;
  const Roster r = build_roster({shift("N1", "O1", start, end, "V1")}, {}, kPaths, problems);
  ASSERT_EQ(r.crewings_of_shift[0].size(), 1U);
  EXPECT_EQ(r.crewings_of_shift[0][0].span.length(), Millis{8LL * 3600 * 1000});
}

// --- Crewings -------------------------------------------------------------------------------

TEST(Duty, AssignmentInTheMiddleOfAShiftSplitsTheShiftVehicle) {
  // Shift 08:00-16:00 in V1; assignment to V2 10:00-12:00. Expected: V1 08-10, V2 10-12, V1 12-16.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                                {assignment("O1", "V2", t("10:00"), t("12:00"), 2)}, kPaths, problems);
  ASSERT_EQ(r.crewings_of_shift.size(), 1U);
  const auto& c = r.crewings_of_shift[0];
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c[0].vehicle_id, "V1");
  EXPECT_EQ(c[0].span, (Interval{t("08:00"), t("10:00")}));
  EXPECT_EQ(c[1].vehicle_id, "V2");
  EXPECT_EQ(c[1].span, (Interval{t("10:00"), t("12:00")}));
  EXPECT_EQ(c[2].vehicle_id, "V1");
  EXPECT_EQ(c[2].span, (Interval{t("12:00"), t("16:00")}));
  ASSERT_EQ(r.crewings_of_vehicle.at("V1").size(), 2U);
  ASSERT_EQ(r.crewings_of_vehicle.at("V2").size(), 1U);
  EXPECT_TRUE(problems.problems().empty());

  // A dwell of V1 09:50-10:10: O1 is in V1 only until 10:00 -> 10 min on duty there.
  const CrewOnDuty v1 = crew_during(r, "V1", t("09:50"), t("10:10"));
  EXPECT_THAT(v1.officer_ids, ElementsAre("O1"));
  EXPECT_THAT(v1.on_duty, ElementsAre(Interval{t("09:50"), t("10:00")}));
  // ... and V2 the other 10 min.
  const CrewOnDuty v2 = crew_during(r, "V2", t("09:50"), t("10:10"));
  EXPECT_THAT(v2.on_duty, ElementsAre(Interval{t("10:00"), t("10:10")}));
  // A dwell of V1 11:00-11:30 has nobody: O1 is in V2.
  EXPECT_TRUE(crew_during(r, "V1", t("11:00"), t("11:30")).officer_ids.empty());
}

TEST(Duty, AssignmentIsClippedToTheShiftAndTheRestIsAWarningWithItsLength) {
  // Shift 08:00-16:00, no vehicle of its own. V2 06:30-09:00 -> crewed 08-09, 1.5 h (5400 s)
  // outside. V3 15:00-18:00 -> crewed 15-16, 2 h (7200 s) outside. 09-15: in no vehicle.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("16:00"))},
                                {assignment("O1", "V2", t("06:30"), t("09:00"), 4),
                                 assignment("O1", "V3", t("15:00"), t("18:00"), 7)},
                                kPaths, problems);
  const auto& c = r.crewings_of_shift.at(0);
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(c[0].vehicle_id, "V2");
  EXPECT_EQ(c[0].span, (Interval{t("08:00"), t("09:00")}));
  EXPECT_EQ(c[1].vehicle_id, "V3");
  EXPECT_EQ(c[1].span, (Interval{t("15:00"), t("16:00")}));
  // Before the shift V2 has nobody in it.
  EXPECT_TRUE(crew_during(r, "V2", t("07:00"), t("07:59")).officer_ids.empty());

  const auto warnings = with_code(problems, ProblemCode::assignment_outside_shift);
  ASSERT_EQ(warnings.size(), 2U);
  const auto on_line = [&](std::uint32_t line) {
    const auto it = std::find_if(warnings.begin(), warnings.end(),
                                 [&](const Problem* p) { return p->where == SourceRef{1, line}; });
    return it == warnings.end() ? std::string("<none>") : (*it)->detail;
  };
  EXPECT_THAT(on_line(4), HasSubstr("5400 s"));
  EXPECT_THAT(on_line(7), HasSubstr("7200 s"));
  EXPECT_EQ(problems.count(Severity::warning), 2U);
}

TEST(Duty, AssignmentOutsideEveryShiftPlacesNobodyAndWarnsWithItsLength) {
  // Shifts 08-12 and 13-17; assignment 11:00-14:00 to V2 lies outside for 12-13 (3600 s).
  // Assignment 18:00-19:30 to V3 lies wholly outside (5400 s). Another officer's shift at 18-20
  // does not cover it.
  ProblemSink problems;
  const Roster r = build_roster(
      {shift("S1", "O1", t("08:00"), t("12:00"), "V1", {}, 2), shift("S2", "O1", t("13:00"), t("17:00"), "V1", {}, 3),
       shift("S9", "O9", t("18:00"), t("20:00"), "V9", {}, 4)},
      {assignment("O1", "V2", t("11:00"), t("14:00"), 2), assignment("O1", "V3", t("18:00"), t("19:30"), 3)}, kPaths,
      problems);
  EXPECT_EQ(r.crewings_of_vehicle.count("V3"), 0U);
  EXPECT_TRUE(crew_during(r, "V2", t("12:00"), t("13:00")).officer_ids.empty());
  EXPECT_EQ(crew_during(r, "V2", t("11:00"), t("14:00")).on_duty_length(), mins(120));
  const auto warnings = with_code(problems, ProblemCode::assignment_outside_shift);
  ASSERT_EQ(warnings.size(), 2U);
  for (const auto* w : warnings) {
    if (w->where == SourceRef{1, 2}) EXPECT_THAT(w->detail, HasSubstr("3600 s"));
    else if (w->where == SourceRef{1, 3}) EXPECT_THAT(w->detail, HasSubstr("5400 s"));
    else ADD_FAILURE() << "warning on an unexpected row: " << w->detail;
  }
}

TEST(Duty, AssignmentInsideTheShiftIsNoWarning) {
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                                {assignment("O1", "V2", t("08:00"), t("16:00"), 2)}, kPaths, problems);
  EXPECT_TRUE(problems.problems().empty());
  ASSERT_EQ(r.crewings_of_shift[0].size(), 1U);  // the assignment covers the whole shift
  EXPECT_EQ(r.crewings_of_shift[0][0].vehicle_id, "V2");
}

// --- Overlaps --------------------------------------------------------------------------------

TEST(Duty, ShiftsOverlappingInTwoVehiclesAttributeTheOverlapToNoOne) {
  // O1: S1 08-16 in V1 (shifts.csv:2), S2 15-20 in V2 (shifts.csv:5): 15-16 in two vehicles at
  // once (issue 11, finding 7). S3 20-22 only touches S2: no warning.
  ProblemSink problems;
  const Roster r = build_roster({shift("S2", "O1", t("15:00"), t("20:00"), "V2", "CS2", 5),
                                 shift("S1", "O1", t("08:00"), t("16:00"), "V1", "CS1", 2),
                                 shift("S3", "O1", t("20:00"), t("22:00"), "V1", {}, 7)},
                                {}, kPaths, problems);
  ASSERT_EQ(r.shifts.size(), 3U);
  EXPECT_EQ(r.shifts[0].shift_id, "S1");  // by (officer, start)
  EXPECT_EQ(r.shifts[1].shift_id, "S2");
  const auto warnings = with_code(problems, ProblemCode::overlapping_shift);
  ASSERT_EQ(warnings.size(), 2U);
  EXPECT_EQ(problems.problems().size(), 2U);
  for (const auto* w : warnings) {
    EXPECT_THAT(w->detail, HasSubstr("3600 s"));
    EXPECT_THAT(w->detail, HasSubstr("attributed to no one"));
    if (w->where == SourceRef{0, 2}) {
      EXPECT_THAT(w->detail, HasSubstr("shifts.csv:5"));
    } else if (w->where == SourceRef{0, 5}) {
      EXPECT_THAT(w->detail, HasSubstr("shifts.csv:2"));
    } else {
      ADD_FAILURE() << "warning on an unexpected row: " << w->detail;
    }
  }
  // Both shifts keep their crewings, the overlap marked unattributed in each.
  const auto& s1 = r.crewings_of_shift[0];
  ASSERT_EQ(s1.size(), 2U);
  EXPECT_EQ(s1[0].span, (Interval{t("08:00"), t("15:00")}));
  EXPECT_FALSE(s1[0].unattributed);
  EXPECT_EQ(s1[1].span, (Interval{t("15:00"), t("16:00")}));
  EXPECT_TRUE(s1[1].unattributed);
  const auto& s2 = r.crewings_of_shift[1];
  ASSERT_EQ(s2.size(), 2U);
  EXPECT_TRUE(s2[0].unattributed);
  EXPECT_EQ(s2[1].span, (Interval{t("16:00"), t("20:00")}));
  EXPECT_FALSE(s2[1].unattributed);
  // Neither car has O1 in it then; both cars' duty is unknown then.
  const CrewOnDuty v1 = crew_during(r, "V1", t("14:30"), t("15:30"));
  EXPECT_THAT(v1.officer_ids, ElementsAre("O1"));
  EXPECT_THAT(v1.on_duty, ElementsAre(Interval{t("14:30"), t("15:00")}));
  EXPECT_THAT(v1.unknown, ElementsAre(Interval{t("15:00"), t("15:30")}));
  EXPECT_TRUE(crew_during(r, "V2", t("15:00"), t("16:00")).officer_ids.empty());
  EXPECT_THAT(r.unknown_of_vehicle.at("V2"), ElementsAre(Interval{t("15:00"), t("16:00")}));
}

TEST(Duty, ShiftsOverlappingInOneVehicleAreNoConflict) {
  // O1: S1 08-16 and S2 15-20, both in V1: the overlap is O1's in V1, and counts in both shifts.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("16:00"), "V1", {}, 2),
                                 shift("S2", "O1", t("15:00"), t("20:00"), "V1", {}, 3)},
                                {}, kPaths, problems);
  EXPECT_EQ(r.crewings_of_shift[0].at(0).span, (Interval{t("08:00"), t("16:00")}));
  EXPECT_EQ(r.crewings_of_shift[1].at(0).span, (Interval{t("15:00"), t("20:00")}));
  EXPECT_FALSE(r.crewings_of_shift[0].at(0).unattributed);
  EXPECT_FALSE(r.crewings_of_shift[1].at(0).unattributed);
  EXPECT_EQ(r.unknown_of_vehicle.count("V1"), 0U);
  EXPECT_THAT(crew_during(r, "V1", t("15:10"), t("15:20")).shift_ids, ElementsAre("S1", "S2"));
  const auto warnings = with_code(problems, ProblemCode::overlapping_shift);
  ASSERT_EQ(warnings.size(), 2U);
  EXPECT_THAT(warnings[0]->detail, HasSubstr("never put O1 in two vehicles at once"));
}

TEST(Duty, OverlappingShiftsFarApartInTheListAreStillFound) {
  // A long shift 06-23 and two short ones after it: both short ones overlap the long one, not
  // each other (they are sorted by start, so the check must not stop at the first non-overlap).
  // One warning per row (issue 13, defect 6): L names A (no earlier row; the next) and 1 other;
  // A and B each name L, the earlier row reaching furthest.
  ProblemSink problems;
  const Roster r = build_roster({shift("L", "O1", t("06:00"), t("23:00"), {}, {}, 2),
                                 shift("A", "O1", t("07:00"), t("08:00"), {}, {}, 3),
                                 shift("B", "O1", t("20:00"), t("21:00"), {}, {}, 4)},
                                {}, kPaths, problems);
  const auto warnings = with_code(problems, ProblemCode::overlapping_shift);
  ASSERT_EQ(warnings.size(), 3U);
  EXPECT_THAT(warnings[0]->detail, HasSubstr("shift L of O1 overlaps shift A (shifts.csv:3) and 1 other shift(s) of O1"));
  EXPECT_THAT(warnings[1]->detail, HasSubstr("shift A of O1 overlaps shift L (shifts.csv:2);"));
  EXPECT_THAT(warnings[2]->detail, HasSubstr("shift B of O1 overlaps shift L (shifts.csv:2);"));
  EXPECT_EQ(r.shifts.size(), 3U);
}

TEST(Duty, AssignmentsOverlappingInTwoVehiclesAttributeTheOverlapToNoOne) {
  // The same rule as for shifts: O1 in V2 10-12 (assignments.csv:3) and in V3 11:30-13
  // (assignments.csv:9) within one shift: 11:30-12:00 is no one's. The run goes on.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("16:00"), "V1")},
                                {assignment("O1", "V2", t("10:00"), t("12:00"), 3),
                                 assignment("O1", "V3", t("11:30"), t("13:00"), 9)},
                                kPaths, problems);
  const auto warnings = with_code(problems, ProblemCode::overlapping_assignment);
  ASSERT_EQ(warnings.size(), 2U);
  for (const auto* w : warnings) {
    EXPECT_EQ(severity(w->code), Severity::warning);
    EXPECT_THAT(w->detail, HasSubstr("1800 s"));
    EXPECT_THAT(w->detail, HasSubstr(w->where.line == 3 ? "assignments.csv:9" : "assignments.csv:3"));
  }
  // V1 08-10, V2 10-11:30, V2 and V3 11:30-12 (no one's), V3 12-13, V1 13-16.
  std::vector<std::string> pieces;
  for (const auto& c : r.crewings_of_shift.at(0))
    pieces.push_back(c.vehicle_id + " " + format_utc(c.span.start).substr(11, 5) + "-" +
                     format_utc(c.span.end).substr(11, 5) + (c.unattributed ? " ?" : ""));
  EXPECT_THAT(pieces, ElementsAre("V1 08:00-10:00", "V2 10:00-11:30", "V2 11:30-12:00 ?", "V3 11:30-12:00 ?",
                                  "V3 12:00-13:00", "V1 13:00-16:00"));
  EXPECT_TRUE(crew_during(r, "V2", t("11:40"), t("11:50")).officer_ids.empty());
  EXPECT_THAT(crew_during(r, "V3", t("11:40"), t("11:50")).unknown, ElementsAre(Interval{t("11:40"), t("11:50")}));
}

TEST(Duty, EveryOverlappingAssignmentRowIsWarnedOnce) {
  // A 10-14 overlaps B 11-12 and C 13-15; B and C do not overlap: one warning per row (issue 13,
  // defect 6), three. A names B (no earlier row; the next) and 1 other; B and C name A.
  ProblemSink problems;
  (void)build_roster({}, {assignment("O1", "V2", t("10:00"), t("14:00"), 2),
                          assignment("O1", "V3", t("11:00"), t("12:00"), 3),
                          assignment("O1", "V4", t("13:00"), t("15:00"), 4)},
                     kPaths, problems);
  const auto warnings = with_code(problems, ProblemCode::overlapping_assignment);
  ASSERT_EQ(warnings.size(), 3U);
  std::vector<std::string> pairs;
  for (const auto* w : warnings) {
    for (const std::uint32_t other : {2U, 3U, 4U})
      if (w->detail.find("assignments.csv:" + std::to_string(other)) != std::string::npos)
        pairs.push_back(std::to_string(w->where.line) + "-" + std::to_string(other));
  }
  std::sort(pairs.begin(), pairs.end());
  EXPECT_THAT(pairs, ElementsAre("2-3", "3-2", "4-2"));
  EXPECT_THAT(warnings[0]->detail, HasSubstr("and 1 other assignment(s) of O1"));
}

TEST(Duty, ARejectedRosterRowMakesItsOfficersAndVehiclesDutyUnknown) {
  // A rejected shift row of O1 in V1 may cover 00:30-09:00 (issue 11, finding 12). O1's accepted
  // shift in V2 06:00-10:00 is then attributed to no one until 09:00, and V1's duty is unknown.
  // O2 is on duty in V1 01:00-02:30.
  ProblemSink problems;
  const ingest::RejectedRosterRow rejected{"shifts", "O1", "V1", t("00:30"), t("09:00"), SourceRef{0, 7}};
  const Roster r = build_roster({shift("S1", "O1", t("06:00"), t("10:00"), "V2"), shift("S2", "O2", t("01:00"), t("02:30"), "V1")},
                                {}, kPaths, problems, {rejected});
  const auto warnings = with_code(problems, ProblemCode::duty_unknown);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0]->where, (SourceRef{0, 7}));
  EXPECT_THAT(warnings[0]->detail, HasSubstr("V1"));
  EXPECT_THAT(warnings[0]->detail, HasSubstr("O1"));
  EXPECT_THAT(r.unknown_of_vehicle.at("V1"), ElementsAre(Interval{t("00:30"), t("09:00")}));
  EXPECT_THAT(r.unknown_of_vehicle.at("V2"), ElementsAre(Interval{t("06:00"), t("09:00")}));
  // V1 02:00-03:00: O2 is on duty until 02:30, then unknown (not off duty).
  const CrewOnDuty v1 = crew_during(r, "V1", t("02:00"), t("03:00"));
  EXPECT_THAT(v1.officer_ids, ElementsAre("O2"));
  EXPECT_THAT(v1.unknown, ElementsAre(Interval{t("02:30"), t("03:00")}));
  // V2 08:30-09:30: O1 only from 09:00.
  EXPECT_THAT(crew_during(r, "V2", t("08:30"), t("09:30")).on_duty, ElementsAre(Interval{t("09:00"), t("09:30")}));
  // And a vehicle after the row's span is off duty, not unknown.
  EXPECT_TRUE(crew_during(r, "V1", t("09:00"), t("09:30")).unknown.empty());
}

TEST(Duty, TouchingAssignmentsAndOtherOfficersDoNotClash) {
  ProblemSink problems;
  EXPECT_NO_THROW((void)build_roster({shift("S1", "O1", t("08:00"), t("16:00"))},
                                     {assignment("O1", "V2", t("10:00"), t("12:00"), 2),
                                      assignment("O1", "V3", t("12:00"), t("13:00"), 3),
                                      assignment("O2", "V4", t("10:30"), t("11:00"), 4)},
                                     kPaths, problems));
}

// --- crew_during ------------------------------------------------------------------------------

TEST(Duty, CrewDuringListsOfficersShiftsAndCallsignsSortedAndUnique) {
  // V1 between 09:00 and 10:00 has: O3 (shift S-c, callsign CS1), O1 (S-a, callsign CS1), O2
  // (S-b, no callsign). O1 leaves V1 for V2 at 09:20-09:40 and comes back: two crewings, one
  // officer. O4 is in V1 only from 10:00: touching the end, so not crew.
  ProblemSink problems;
  const Roster r = build_roster({shift("S-c", "O3", t("08:00"), t("12:00"), "V1", "CS1", 4),
                                 shift("S-a", "O1", t("08:00"), t("12:00"), "V1", "CS1", 2),
                                 shift("S-b", "O2", t("09:30"), t("12:00"), "V1", "", 3),
                                 shift("S-d", "O4", t("10:00"), t("12:00"), "V1", "CS4", 5)},
                                {assignment("O1", "V2", t("09:20"), t("09:40"), 2)}, kPaths, problems);
  const CrewOnDuty crew = crew_during(r, "V1", t("09:00"), t("10:00"));
  EXPECT_THAT(crew.officer_ids, ElementsAre("O1", "O2", "O3"));
  EXPECT_THAT(crew.shift_ids, ElementsAre("S-a", "S-b", "S-c"));
  EXPECT_THAT(crew.callsigns, ElementsAre("CS1"));
  EXPECT_THAT(crew.on_duty, ElementsAre(Interval{t("09:00"), t("10:00")}));
  EXPECT_EQ(crew.on_duty_length(), mins(60));
}

TEST(Duty, CrewDuringADwellStraddlingTheEndOfAShiftIsPartial) {
  // Shift 08:00-16:00 in V1; dwell 15:30-16:30: on duty 15:30-16:00 only.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("16:00"), "V1")}, {}, kPaths, problems);
  const CrewOnDuty crew = crew_during(r, "V1", t("15:30"), t("16:30"));
  EXPECT_THAT(crew.officer_ids, ElementsAre("O1"));
  EXPECT_THAT(crew.on_duty, ElementsAre(Interval{t("15:30"), t("16:00")}));
  EXPECT_EQ(crew.on_duty_length(), mins(30));
  // Straddling the start: 07:45-08:05 -> 5 min.
  EXPECT_EQ(crew_during(r, "V1", t("07:45"), t("08:05")).on_duty_length(), mins(5));
}

TEST(Duty, CrewDuringGapsBetweenCrewingsAreNotOnDuty) {
  // O1 in V1 08-10, O2 in V1 11-13: a dwell 09:30-11:30 is on duty 09:30-10:00 and 11:00-11:30.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("10:00"), "V1"),
                                 shift("S2", "O2", t("11:00"), t("13:00"), "V1")},
                                {}, kPaths, problems);
  const CrewOnDuty crew = crew_during(r, "V1", t("09:30"), t("11:30"));
  EXPECT_THAT(crew.on_duty,
              ElementsAre(Interval{t("09:30"), t("10:00")}, Interval{t("11:00"), t("11:30")}));
  EXPECT_EQ(crew.on_duty_length(), mins(60));
  EXPECT_THAT(crew.officer_ids, ElementsAre("O1", "O2"));
}

TEST(Duty, TouchingCrewingsAreNotCrew) {
  // The dwell is [12:00, 12:30]. A crewing ending at 12:00, and one starting at 12:30, overlap
  // it for no time: neither counts.
  ProblemSink problems;
  const Roster r = build_roster({shift("S1", "O1", t("08:00"), t("12:00"), "V1"),
                                 shift("S2", "O2", t("12:30"), t("16:00"), "V1")},
                                {}, kPaths, problems);
  const CrewOnDuty crew = crew_during(r, "V1", t("12:00"), t("12:30"));
  EXPECT_TRUE(crew.officer_ids.empty());
  EXPECT_TRUE(crew.shift_ids.empty());
  EXPECT_TRUE(crew.on_duty.empty());
  // One millisecond more on either side and they do.
  EXPECT_THAT(crew_during(r, "V1", t("11:59:59.999"), t("12:30")).officer_ids, ElementsAre("O1"));
  EXPECT_THAT(crew_during(r, "V1", t("12:00"), t("12:30:00.001")).officer_ids, ElementsAre("O2"));
  EXPECT_EQ(crew_during(r, "V1", t("12:00"), t("12:30:00.001")).on_duty_length(), Millis{1});
}

TEST(Duty, CrewDuringFindsALongCrewingThatStartedLongBefore) {
  // O1 in V1 for 20 h from 00:00; O2 in V1 10:00-10:30. A dwell at 19:00 must still find O1.
  ProblemSink problems;
  const Roster r = build_roster({shift("L", "O1", t("00:00"), t("20:00"), "V1"),
                                 shift("S", "O2", t("10:00"), t("10:30"), "V1")},
                                {}, kPaths, problems);
  EXPECT_THAT(crew_during(r, "V1", t("19:00"), t("19:10")).officer_ids, ElementsAre("O1"));
  EXPECT_THAT(crew_during(r, "V1", t("10:10"), t("10:20")).officer_ids, ElementsAre("O1", "O2"));
  EXPECT_TRUE(crew_during(r, "V-unknown", t("10:10"), t("10:20")).officer_ids.empty());
}

// --- overlap_length / merge_intervals --------------------------------------------------------

TEST(Duty, OverlapLengthEdgeCases) {
  const std::vector<Interval> spans{{t("08:00"), t("09:00")}, {t("10:00"), t("11:00")}, {t("12:00"), t("12:10")}};
  EXPECT_EQ(overlap_length({}, {t("08:00"), t("09:00")}), Millis{0});
  EXPECT_EQ(overlap_length(spans, {t("09:00"), t("10:00")}), Millis{0});      // touches both sides
  EXPECT_EQ(overlap_length(spans, {t("08:15"), t("08:45")}), mins(30));    // inside one span
  EXPECT_EQ(overlap_length(spans, {t("07:00"), t("13:00")}), mins(130));   // covers all
  EXPECT_EQ(overlap_length(spans, {t("08:30"), t("10:30")}), mins(60));    // two partial parts
  EXPECT_EQ(overlap_length(spans, {t("12:05"), t("12:05")}), Millis{0});      // empty window
  EXPECT_EQ(overlap_length(spans, {t("10:59:59.999"), t("12:00:00.001")}), Millis{2});
  EXPECT_EQ(overlap_length(spans, {t("13:00"), t("14:00")}), Millis{0});      // after all
}

TEST(Duty, MergeIntervalsSortsMergesTouchingAndDropsEmpty) {
  EXPECT_TRUE(merge_intervals({}).empty());
  const auto merged = merge_intervals({{t("10:00"), t("11:00")},
                                       {t("08:00"), t("09:00")},
                                       {t("09:00"), t("09:30")},   // touches the first: merged
                                       {t("08:10"), t("08:20")},   // nested
                                       {t("12:00"), t("12:00")},   // empty: dropped
                                       {t("13:00"), t("12:30")},   // backwards: dropped
                                       {t("10:30"), t("11:15")}}); // overlaps the 10-11 span
  EXPECT_THAT(merged, ElementsAre(Interval{t("08:00"), t("09:30")}, Interval{t("10:00"), t("11:15")}));
  // One millisecond apart is not touching.
  EXPECT_THAT(merge_intervals({{t("08:00"), t("09:00")}, {t("09:00:00.001"), t("10:00")}}),
              ElementsAre(Interval{t("08:00"), t("09:00")}, Interval{t("09:00:00.001"), t("10:00")}));
}

}  // namespace
}  // namespace shiftline::duty
