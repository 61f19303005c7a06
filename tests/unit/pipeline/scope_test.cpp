// The scope rule (docs/scope.md; include/shiftline/pipeline/scope.hpp) on a roster built in the
// test. Times are UTC on 2024-03-05; every expected span is the shift or assignment times written
// here, widened by the margin, worked out by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "shiftline/duty/duty.hpp"
#include "shiftline/pipeline/scope.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"

namespace shiftline {
void PrintTo(const Interval& i, std::ostream* os);
void PrintTo(const Interval& i, std::ostream* os) { *os << "[" << format_utc(i.start) << ", " << format_utc(i.end) << ")"; }
}  // namespace shiftline

namespace shiftline::pipeline {
namespace {

using ::testing::ElementsAre;
using test::at;
using test::shift;

Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }

// A: shift 08:00-16:00 in V2, assigned to V1 08:00-10:00. B: V1 04:00-08:00 (the crew before A).
// C: V2 12:00-20:00 (with A 12:00-16:00). D: V3 08:00-16:00 (nobody's colleague).
duty::Roster roster() {
  ProblemSink problems;
  return duty::build_roster({shift("SA", "A", t("08:00"), t("16:00"), "V2"), shift("SB", "B", t("04:00"), t("08:00"), "V1"),
                             shift("SC", "C", t("12:00"), t("20:00"), "V2"), shift("SD", "D", t("08:00"), t("16:00"), "V3")},
                            {ingest::AssignmentRow{"A", "V1", t("08:00"), t("10:00"), SourceRef{1, 2}}},
                            {"shifts.csv", "assignments.csv"}, problems);
}

ScopeConfig officer_a() {
  ScopeConfig c;
  c.officers = {"A"};
  return c;  // margin 1 h
}

TEST(Scope, OfficerWindowsPerVehicleWidenedByTheMargin) {
  const duty::Roster full = roster();
  const Scope s = resolve_scope(officer_a(), &full);
  // V1: A's assignment 08:00-10:00 +- 1 h; V2: the rest of A's shift, 10:00-16:00 +- 1 h.
  EXPECT_THAT(s.spans_of("V1"), ElementsAre(Interval{t("07:00"), t("11:00")}));
  EXPECT_THAT(s.spans_of("V2"), ElementsAre(Interval{t("09:00"), t("17:00")}));
  EXPECT_TRUE(s.spans_of("V3").empty());
  EXPECT_TRUE(s.keeps("V1", t("07:00")));
  EXPECT_FALSE(s.keeps("V1", t("11:00")));  // [start, end)
}

TEST(Scope, FiltersIntersect) {
  const duty::Roster full = roster();
  ScopeConfig c = officer_a();
  c.vehicles = {"V2"};
  c.from = t("12:00");
  const Scope s = resolve_scope(c, &full);
  EXPECT_TRUE(s.spans_of("V1").empty());
  EXPECT_THAT(s.spans_of("V2"), ElementsAre(Interval{t("12:00"), t("17:00")}));
  ScopeConfig v;  // no --officer: the vehicle over the range, no roster needed
  v.vehicles = {"V3"};
  v.to = t("09:00");
  const Scope w = resolve_scope(v, nullptr);
  EXPECT_THAT(w.spans_of("V3"), ElementsAre(Interval{kTimeRangeStart, t("09:00")}));
  EXPECT_TRUE(w.spans_of("V1").empty());
}

TEST(Scope, ColleagueInTheMarginIsUnknownDutyCoCrewCutToSharedTime) {
  const duty::Roster full = roster();
  const Scope s = resolve_scope(officer_a(), &full);
  ScopeCounts counts;
  const duty::Roster r = scope_roster(full, officer_a(), s, counts);
  // Kept: A's shift and C's (co-crew 12:00-16:00); B's and D's go.
  ASSERT_EQ(r.shifts.size(), 2U);
  EXPECT_EQ(r.shifts[0].officer_id, "A");
  EXPECT_EQ(r.shifts[1].officer_id, "C");
  EXPECT_EQ(r.shifts[1].start, t("12:00"));
  EXPECT_EQ(r.shifts[1].end, t("16:00"));
  EXPECT_EQ(counts.shifts, 2U);
  // 07:00-08:00 in V1: B's crew time, withheld: nobody on duty, but duty unknown (not off duty).
  const duty::CrewOnDuty before = duty::crew_during(r, "V1", t("07:00"), t("08:00"));
  EXPECT_TRUE(before.officer_ids.empty());
  EXPECT_THAT(before.unknown, ElementsAre(Interval{t("07:00"), t("08:00")}));
  // 15:00-17:00 in V2: A and C to 16:00; C alone after, withheld.
  const duty::CrewOnDuty after = duty::crew_during(r, "V2", t("15:00"), t("17:00"));
  EXPECT_THAT(after.officer_ids, ElementsAre("A", "C"));
  EXPECT_THAT(after.on_duty, ElementsAre(Interval{t("15:00"), t("16:00")}));
  EXPECT_THAT(after.unknown, ElementsAre(Interval{t("16:00"), t("17:00")}));
}

TEST(Scope, InactiveKeepsEverything) {
  const duty::Roster full = roster();
  const Scope s = resolve_scope(ScopeConfig{}, &full);
  EXPECT_FALSE(s.active);
  EXPECT_THAT(s.spans_of("V3"), ElementsAre(Interval{kTimeRangeStart, kTimeRangeEnd}));
  ScopeCounts counts;
  EXPECT_EQ(scope_roster(full, ScopeConfig{}, s, counts).shifts.size(), 4U);
}

}  // namespace
}  // namespace shiftline::pipeline
