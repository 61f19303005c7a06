// Places, incidents, classes and flags against docs/analyse.md ("Places", "Incidents", "Class of
// a dwell", "Flags on unexplained visits").
//
// Distances are checked against PROJ's geod (WGS84), run by hand, not against the engine:
//   echo "52.63 -1.14 52.6304484 -1.14"  | geod +ellps=WGS84 -I +units=m -f %.6f  ->  49.898
//   echo "52.63 -1.14 52.6304502 -1.14"  | geod ...                               ->  50.098
//   echo "52.63 -1.14 52.63 -1.1392636"  | geod ...                               ->  49.861
//   echo "52.63 -1.14 52.63 -1.1392610"  | geod ...                               ->  50.038
//   echo "52.63 -1.14 52.6310775 -1.14"  | geod ...                               -> 119.903
//   echo "52.63 -1.14 52.6310793 -1.14"  | geod ...                               -> 120.104
//   echo "52.6305 -1.1385 52.6305 -1.1382045" | geod ...                          ->  20.008
//   echo "52.63 -1.14 52.6327 -1.14"     | geod ...                               -> 300.454
//   echo "52.63 -1.14 52.6345 -1.14"     | geod ...                               -> 500.757
//   echo "52.63 -1.14 52.90 -1.14"       | geod ...                               -> 30046.097
//   echo "52.63 -1.14 52.6303595 -1.14"  | geod ...                               ->  40.005
//   echo "52.63 -1.14 52.6304 -1.14"     | geod ...                               ->  44.512
// Times are UTC on 2024-03-05 unless written in full.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <ostream>
#include <tuple>
#include <variant>
#include <vector>

#include "shiftline/match/match.hpp"
#include "support/case_rows.hpp"
#include "support/track_builder.hpp"
#include "support/uniform.hpp"

namespace shiftline {
// Failure messages show a tagged index as its number (found by gtest through ADL).
template <class Tag>
void PrintTo(Index<Tag> i, std::ostream* os) {
  *os << i.value;
}
}  // namespace shiftline

namespace shiftline::match {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using test::at;
using test::shift;
using test::Uniform;

const LatLon kX = LatLon::from_degrees(52.63, -1.14);
LatLon ll(double lat, double lon) { return LatLon::from_degrees(lat, lon); }

Instant t(const char* clock) { return at(std::string("2024-03-05T") + clock + "Z"); }

ingest::PlaceRow point_place(std::string id, LatLon p, double radius, ingest::PlaceKind kind = ingest::PlaceKind::address) {
  ingest::PlaceRow row;
  row.place_id = std::move(id);
  row.label = row.place_id;
  row.kind = kind;
  row.point = p;
  row.radius = Meters{radius};
  return row;
}

// The square lat 52.630..52.631, lon -1.1400..-1.1385 (about 111 m x 101 m), closed ring.
ingest::PlaceRow square_place(std::string id, double radius) {
  ingest::PlaceRow row = point_place(std::move(id), ll(52.6305, -1.13925), radius);
  row.polygon = {ll(52.630, -1.1400), ll(52.630, -1.1385), ll(52.631, -1.1385), ll(52.631, -1.1400), ll(52.630, -1.1400)};
  return row;
}

// The square above with a hole, lat 52.6303..52.6307, lon -1.1396..-1.1389 (issue 11, A1). From
// the hole's middle (52.6305, -1.13925) its north and south edges are 22.256 m away and its east
// and west edges 23.698 m (geod -I "52.6305 -1.13925 52.6307 -1.13925", "... 52.6305 -1.1389").
ingest::PlaceRow square_with_hole(std::string id, double radius) {
  ingest::PlaceRow row = square_place(std::move(id), radius);
  row.holes = {{ll(52.6303, -1.1396), ll(52.6303, -1.1389), ll(52.6307, -1.1389), ll(52.6307, -1.1396), ll(52.6303, -1.1396)}};
  return row;
}

struct Units {
  std::vector<std::string> vehicles, officers, callsigns;
};

ingest::IncidentRow incident(std::string id, Instant opened, Instant closed, LatLon where, double radius = 100.0,
                             Units units = {}, std::string place_id = {}, std::uint32_t line = 2) {
  ingest::IncidentRow row;
  row.incident_id = std::move(id);
  row.opened = opened;
  row.closed = closed;
  row.closed_given = true;
  row.location = where;
  row.place_id = std::move(place_id);
  row.radius = Meters{radius};
  row.vehicle_ids = std::move(units.vehicles);
  row.officer_ids = std::move(units.officers);
  row.callsigns = std::move(units.callsigns);
  row.sources = {SourceRef{3, line}};
  // Every unit on the one row, with the row's closing (as read_case_tables merges them).
  for (const auto& [kind, ids] : {std::pair{ingest::UnitKind::vehicle, &row.vehicle_ids},
                                  std::pair{ingest::UnitKind::officer, &row.officer_ids},
                                  std::pair{ingest::UnitKind::callsign, &row.callsigns}})
    for (const auto& unit : *ids) row.units.push_back(ingest::IncidentUnit{kind, unit, closed, true, row.sources.front()});
  std::sort(row.units.begin(), row.units.end(),
            [](const auto& x, const auto& y) { return std::tie(x.kind, x.id) < std::tie(y.kind, y.id); });
  return row;
}


ingest::EventRow event(std::string officer, Instant when, std::string kind, std::string place_id, std::uint32_t line) {
  ingest::EventRow e;
  e.at = when;
  e.officer_id = std::move(officer);
  e.kind = std::move(kind);
  e.place_id = std::move(place_id);
  e.source = SourceRef{4, line};
  return e;
}

// One case: tables, roster and index. Rows may be added in any order; build() sorts them as
// read_case_tables does (places by id, incidents by (opened, id), events by (officer, at, row)),
// unless `keep_order` (for the order-independence test).
struct World {
  ingest::CaseTables tables;
  MatchConfig config;
  duty::Roster roster;
  ProblemSink problems;
  std::unique_ptr<CaseIndex> index;

  World() = default;
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  void build(bool keep_order = false) {
    std::sort(tables.places.begin(), tables.places.end(),
              [](const auto& a, const auto& b) { return a.place_id < b.place_id; });
    if (!keep_order) {
      std::sort(tables.incidents.begin(), tables.incidents.end(), [](const auto& a, const auto& b) {
        return std::tie(a.opened, a.incident_id) < std::tie(b.opened, b.incident_id);
      });
      std::sort(tables.events.begin(), tables.events.end(), [](const auto& a, const auto& b) {
        return std::tie(a.officer_id, a.at, a.source) < std::tie(b.officer_id, b.at, b.source);
      });
    }
    roster = duty::build_roster(tables.shifts, tables.assignments, {"shifts.csv", "assignments.csv"}, problems);
    index = std::make_unique<CaseIndex>(tables, config);
  }

  [[nodiscard]] DwellMatch classify(const DwellFacts& d) const { return match::classify(*index, roster, d); }

  // Both passes over every dwell, as the pipeline runs them.
  [[nodiscard]] std::vector<DwellMatch> run(const std::vector<DwellFacts>& dwells) const {
    std::vector<DwellMatch> out;
    for (const auto& d : dwells) out.push_back(classify(d));
    const Attendance attended = attendance(*index, roster, dwells, out);
    for (std::size_t i = 0; i < dwells.size(); ++i) add_flags(*index, attended, dwells[i], out[i]);
    return out;
  }

  [[nodiscard]] std::vector<std::string> incident_ids(const DwellMatch& m) const {
    std::vector<std::string> ids;
    for (const auto i : m.incidents) ids.push_back(tables.incident(i).incident_id);
    return ids;
  }
  [[nodiscard]] std::string nearest_id(const DwellMatch& m) const {
    return m.nearest_incident ? tables.incident(*m.nearest_incident).incident_id : std::string("<none>");
  }
  // "kind:evidence@place/officer", evidence as incident_id or events.csv line.
  [[nodiscard]] std::vector<std::string> flag_texts(const DwellMatch& m) const {
    std::vector<std::string> out;
    for (const auto& f : m.flags) {
      std::string text(name(f.kind));
      text += ":";
      text += f.kind == FlagKind::revisit_after_closure
                  ? tables.incident(std::get<IncidentIndex>(f.evidence)).incident_id
                  : "events.csv:" + std::to_string(tables.event(std::get<EventIndex>(f.evidence)).source.line);
      text += "@" + tables.place(f.place).place_id + "/" + f.officer_id;
      out.push_back(text);
    }
    return out;
  }
};

DwellFacts dwell(std::string_view vehicle, Instant start, Instant end, LatLon centre, double radius = 5.0) {
  return DwellFacts{vehicle, start, end, centre, Meters{radius}};
}

// --- Places ---------------------------------------------------------------------------------

TEST(PlaceHolds, PointPlaceHoldsWithinItsRadiusByGeodesicDistance) {
  const auto p = point_place("P", kX, 50.0);
  EXPECT_TRUE(place_holds(p, kX));
  EXPECT_TRUE(place_holds(p, ll(52.6304484, -1.14)));    // 49.898 m north
  EXPECT_FALSE(place_holds(p, ll(52.6304502, -1.14)));   // 50.098 m north
  EXPECT_TRUE(place_holds(p, ll(52.63, -1.1392636)));    // 49.861 m east
  EXPECT_FALSE(place_holds(p, ll(52.63, -1.1392610)));   // 50.038 m east
  // The radius is the place's own: 49.8 m leaves the 49.898 m point out.
  EXPECT_FALSE(place_holds(point_place("P", kX, 49.8), ll(52.6304484, -1.14)));
}

TEST(PlaceHolds, PolygonHoldsItsInteriorAndItsBoundary) {
  const auto sq = square_place("S", 0.0);
  EXPECT_TRUE(place_holds(sq, ll(52.6305, -1.13925)));  // centre
  EXPECT_TRUE(place_holds(sq, ll(52.6309, -1.1399)));   // near a corner, inside
  EXPECT_TRUE(place_holds(sq, ll(52.6305, -1.1385)));   // on the east edge
  EXPECT_FALSE(place_holds(sq, ll(52.6311, -1.13925))); // ~11 m north of the north edge
  EXPECT_FALSE(place_holds(sq, ll(52.6305, -1.1382045)));  // 20.008 m east of the east edge
}

TEST(PlaceHolds, PolygonHoldsPositionsWithinItsRadiusOfTheBoundary) {
  // 20.008 m east of the east edge (a meridian): the foot of the perpendicular lies at the
  // point's latitude to well under a millimetre, so the distance to the edge is geod's 20.008 m.
  const LatLon p = ll(52.6305, -1.1382045);
  EXPECT_FALSE(place_holds(square_place("S", 19.9), p));
  EXPECT_TRUE(place_holds(square_place("S", 20.1), p));
}

TEST(PlaceHolds, APointInAHoleIsOutsideUnlessWithinTheRadiusOfARing) {
  const LatLon middle = ll(52.6305, -1.13925);
  EXPECT_FALSE(place_holds(square_with_hole("H", 0.0), middle));
  EXPECT_NEAR(distance_to_place(square_with_hole("H", 0.0), middle).value, 22.256, 0.01);
  EXPECT_FALSE(place_holds(square_with_hole("H", 22.2), middle));
  EXPECT_TRUE(place_holds(square_with_hole("H", 22.3), middle));
  EXPECT_TRUE(place_holds(square_with_hole("H", 0.0), ll(52.6307, -1.13925)));  // on the hole's ring
  EXPECT_TRUE(place_holds(square_with_hole("H", 0.0), ll(52.6309, -1.1399)));   // in the solid part
  // The same place without its hole holds the middle: the hole is what leaves it out.
  EXPECT_TRUE(place_holds(square_place("S", 0.0), middle));
  // PlaceShape (as verify uses it) is the same shape.
  const auto holed = square_with_hole("H", 0.0);
  EXPECT_NEAR(PlaceShape(holed).distance(middle).value, 22.256, 0.01);
}

TEST(CaseIndex, PlacesAreTestedWithTheDwellsRadius) {
  // B at kX, 50 m. A centre 50.098 m north is outside it, unless the dwell's own radius reaches in.
  World w;
  w.tables.places = {point_place("B", kX, 50.0)};
  w.build();
  EXPECT_THAT(w.index->places_at(ll(52.6304502, -1.14)), IsEmpty());
  EXPECT_THAT(w.index->places_at(ll(52.6304502, -1.14), Meters{0.09}), IsEmpty());
  EXPECT_THAT(w.index->places_at(ll(52.6304502, -1.14), Meters{0.1}), ElementsAre(PlaceIndex{0}));
}

TEST(CaseIndex, PlacesAtFindsEveryPlaceHoldingThePoint) {
  World w;
  w.tables.places = {point_place("B", kX, 50.0), square_place("A", 0.0), point_place("C", ll(52.64, -1.14), 50.0)};
  w.build();
  // kX is the square's south-west corner (on its boundary) and B's centre.
  std::vector<std::string> ids;
  for (const auto i : w.index->places_at(kX)) ids.push_back(w.tables.place(i).place_id);
  EXPECT_THAT(ids, ElementsAre("A", "B"));
  EXPECT_THAT(w.index->places_at(ll(52.6304502, -1.14)), ElementsAre(PlaceIndex{0}));  // in A, 50.098 m from B
  EXPECT_THAT(w.index->places_at(ll(52.62, -1.14)), IsEmpty());
}

// --- Incidents: space and time ----------------------------------------------------------------

// O1 on duty in V1 all day: a dwell that no incident explains is unexplained.
void on_duty_all_day(World& w) { w.tables.shifts = {shift("S1", "O1", t("06:00"), t("22:00"), "V1", "CS1")}; }

TEST(Classify, IncidentSpaceRuleIsIncidentRadiusPlusDwellRadius) {
  World w;
  on_duty_all_day(w);
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX, 100.0)};
  w.build();
  // 100 m + 20 m = 120 m.
  const auto in = w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.6310775, -1.14), 20.0));  // 119.903 m
  EXPECT_EQ(in.dwell_class, DwellClass::incident);
  EXPECT_THAT(w.incident_ids(in), ElementsAre("I1"));
  const auto out = w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.6310793, -1.14), 20.0));  // 120.104 m
  EXPECT_EQ(out.dwell_class, DwellClass::unexplained);
  EXPECT_THAT(out.incidents, IsEmpty());
  // ... but it is still the nearest incident (a near miss shows there).
  EXPECT_EQ(w.nearest_id(out), "I1");
  EXPECT_NEAR(out.nearest_incident_distance.value, 120.104, 0.01);
  // A smaller dwell radius moves the edge in: 119.903 m > 100 + 19.8.
  EXPECT_EQ(w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.6310775, -1.14), 19.8)).dwell_class,
            DwellClass::unexplained);
}

TEST(Classify, IncidentTimeWindowEdgesAreClosed) {
  World w;
  on_duty_all_day(w);
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX)};
  w.build();
  // Window [09:45, 11:30]: a dwell inside it up to either edge is all incident time.
  const auto from_edge = w.classify(dwell("V1", t("09:45"), t("10:00"), kX));
  EXPECT_EQ(from_edge.dwell_class, DwellClass::incident);
  EXPECT_EQ(from_edge.split.incident, Millis{15 * 60'000});
  const auto to_edge = w.classify(dwell("V1", t("11:15"), t("11:30"), kX));
  EXPECT_EQ(to_edge.split.incident, Millis{15 * 60'000});
  EXPECT_EQ(to_edge.split.unexplained, Millis{0});
  // A dwell that only touches the window shares an instant with it, no time: nothing explained,
  // the incident not listed; it still shows as the nearest (a near miss in time).
  const auto ends_at_edge = w.classify(dwell("V1", t("09:30"), t("09:45"), kX));
  EXPECT_EQ(ends_at_edge.dwell_class, DwellClass::unexplained);
  EXPECT_THAT(ends_at_edge.incidents, IsEmpty());
  EXPECT_EQ(w.nearest_id(ends_at_edge), "I1");
  // Just outside the window: not explained, but the nearest incident is named within
  // --nearest-incident-within's 2 h of its open time 10:00-11:00 (15 min and 30 min away here).
  const auto ends_before = w.classify(dwell("V1", t("09:30"), t("09:44:59.999"), kX));
  EXPECT_EQ(ends_before.dwell_class, DwellClass::unexplained);
  EXPECT_EQ(w.nearest_id(ends_before), "I1");
  const auto starts_at_edge = w.classify(dwell("V1", t("11:30"), t("11:45"), kX));
  EXPECT_EQ(starts_at_edge.dwell_class, DwellClass::unexplained);
  EXPECT_EQ(w.nearest_id(starts_at_edge), "I1");
  const auto starts_after = w.classify(dwell("V1", t("11:30:00.001"), t("11:45"), kX));
  EXPECT_EQ(starts_after.dwell_class, DwellClass::unexplained);
  EXPECT_EQ(w.nearest_id(starts_after), "I1");
  // Spanning the whole window: 09:45-11:30 (105 min) incident, 09:00-09:45 and 11:30-12:00
  // (75 min) unexplained; the class is the larger share.
  const auto spanning = w.classify(dwell("V1", t("09:00"), t("12:00"), kX));
  EXPECT_EQ(spanning.split.incident, Millis{105 * 60'000});
  EXPECT_EQ(spanning.split.unexplained, Millis{75 * 60'000});
  EXPECT_EQ(spanning.dwell_class, DwellClass::incident);
  EXPECT_THAT(w.incident_ids(spanning), ElementsAre("I1"));
}

TEST(Classify, IncidentTimeWindowFollowsTheConfiguration) {
  World w;
  on_duty_all_day(w);
  w.config.incident_before = Millis{5 * 60'000};
  w.config.incident_after = Millis{0};
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX)};
  w.build();
  // Window [09:55, 11:00].
  const auto early = w.classify(dwell("V1", t("09:40"), t("10:00"), kX));
  EXPECT_EQ(early.split.incident, Millis{5 * 60'000});
  EXPECT_EQ(early.split.unexplained, Millis{15 * 60'000});
  const auto late = w.classify(dwell("V1", t("10:50"), t("11:10"), kX));
  EXPECT_EQ(late.split.incident, Millis{10 * 60'000});
  EXPECT_EQ(late.split.unexplained, Millis{10 * 60'000});
  EXPECT_EQ(w.classify(dwell("V1", t("11:00:00.001"), t("11:10"), kX)).split.incident, Millis{0});
}

// --- Incidents: units ------------------------------------------------------------------------

// O1 in V1 (CS1) and O2 in V2 (CS2) all day; O3 in V1 (CS3) only 06:00-09:00. The dwell of V1 is
// at kX, 10:10-10:30: its crew is O1 alone.
DwellClass class_with(Units units, bool any_unit = false) {
  World w;
  w.tables.shifts = {shift("S1", "O1", t("06:00"), t("22:00"), "V1", "CS1"),
                     shift("S2", "O2", t("06:00"), t("22:00"), "V2", "CS2"),
                     shift("S3", "O3", t("06:00"), t("09:00"), "V1", "CS3")};
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX, 100.0, std::move(units))};
  w.config.any_unit = any_unit;
  w.build();
  return w.classify(dwell("V1", t("10:10"), t("10:30"), kX)).dwell_class;
}

TEST(Classify, IncidentNamingTheVehicleOfficerOrCallsignExplainsTheDwell) {
  EXPECT_EQ(class_with({{"V1"}, {}, {}}), DwellClass::incident);
  EXPECT_EQ(class_with({{}, {"O1"}, {}}), DwellClass::incident);
  EXPECT_EQ(class_with({{}, {}, {"CS1"}}), DwellClass::incident);
  EXPECT_EQ(class_with({{"V1", "V9"}, {"O0", "O9"}, {}}), DwellClass::incident);  // one of several
}

TEST(Classify, IncidentNamingOtherUnitsDoesNotExplainTheDwell) {
  EXPECT_EQ(class_with({{"V2"}, {"O2"}, {"CS2"}}), DwellClass::unexplained);
  // O3 and CS3 were in V1 earlier that day, not during the dwell.
  EXPECT_EQ(class_with({{}, {"O3"}, {}}), DwellClass::unexplained);
  EXPECT_EQ(class_with({{}, {}, {"CS3"}}), DwellClass::unexplained);
}

TEST(Classify, AnyUnitDropsTheUnitCondition) {
  EXPECT_EQ(class_with({{"V2"}, {"O2"}, {"CS2"}}, true), DwellClass::incident);
}

TEST(Classify, IncidentNamingNoUnitExplainsAnyUnit) {
  EXPECT_EQ(class_with({}), DwellClass::incident);
  // But a vehicle nobody is on duty in is off_duty even at the scene (issue 11, finding 11): no
  // one attended; the incident is named.
  World w;
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX)};
  w.build();
  const auto m = w.classify(dwell("V7", t("10:10"), t("10:30"), kX));
  EXPECT_EQ(m.dwell_class, DwellClass::off_duty);
  EXPECT_EQ(m.split.off_duty, Millis{20 * 60'000});
  EXPECT_THAT(w.incident_ids(m), ElementsAre("I1"));
  EXPECT_THAT(m.crew.officer_ids, IsEmpty());
}

// --- Class precedence and partial duty --------------------------------------------------------

TEST(Classify, OnDutyTimeIsBaseThenIncidentThenUnexplained) {
  World w;
  w.tables.shifts = {shift("S1", "O1", t("08:00"), t("16:00"), "V1")};
  w.tables.places = {point_place("STN", kX, 50.0, ingest::PlaceKind::base),
                     point_place("HOME", ll(52.64, -1.14), 50.0)};
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX), incident("I2", t("10:00"), t("11:00"), ll(52.64, -1.14))};
  w.build();
  // Base and incident both apply: base. The incident is still listed.
  const auto base = w.classify(dwell("V1", t("10:10"), t("10:30"), kX));
  EXPECT_EQ(base.dwell_class, DwellClass::base);
  EXPECT_THAT(w.incident_ids(base), ElementsAre("I1"));
  // At the base with nobody on duty: off_duty (duty comes first; the base is still listed).
  const auto parked = w.classify(dwell("V1", t("18:10"), t("18:30"), kX));
  EXPECT_EQ(parked.dwell_class, DwellClass::off_duty);
  EXPECT_EQ(parked.split.off_duty, Millis{20 * 60'000});
  EXPECT_EQ(parked.places.size(), 1U);
  // An address with an incident: incident.
  EXPECT_EQ(w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.64, -1.14))).dwell_class, DwellClass::incident);
  // Same address later, on duty: unexplained; off duty: off_duty.
  EXPECT_EQ(w.classify(dwell("V1", t("13:10"), t("13:30"), ll(52.64, -1.14))).dwell_class, DwellClass::unexplained);
  EXPECT_EQ(w.classify(dwell("V1", t("17:10"), t("17:30"), ll(52.64, -1.14))).dwell_class, DwellClass::off_duty);
}

TEST(Classify, DwellStraddlingTheEndOfDutyIsSplitAndPartial) {
  World w;
  w.tables.shifts = {shift("S1", "O1", t("08:00"), t("16:00"), "V1")};
  w.tables.places = {point_place("STN", ll(52.64, -1.14), 50.0, ingest::PlaceKind::base)};
  w.build();
  // 15:30-16:00 on duty with nothing explaining it, 16:00-16:30 nobody on duty: 30 min each, a
  // tie, which goes to off_duty (the label that accuses less).
  const auto straddle = w.classify(dwell("V1", t("15:30"), t("16:30"), kX));
  EXPECT_EQ(straddle.split.unexplained, Millis{30 * 60'000});
  EXPECT_EQ(straddle.split.off_duty, Millis{30 * 60'000});
  EXPECT_EQ(straddle.dwell_class, DwellClass::off_duty);
  EXPECT_TRUE(straddle.partial_duty);
  EXPECT_EQ(straddle.crew.on_duty_length(), Millis{30 * 60'000});
  // One millisecond more on duty and the unexplained part is the larger.
  EXPECT_EQ(w.classify(dwell("V1", t("15:29:59.999"), t("16:30"), kX)).dwell_class, DwellClass::unexplained);
  const auto inside = w.classify(dwell("V1", t("15:00"), t("15:30"), kX));
  EXPECT_EQ(inside.dwell_class, DwellClass::unexplained);
  EXPECT_FALSE(inside.partial_duty);
  // Starting exactly at the end of the shift: off duty, not partial.
  const auto after = w.classify(dwell("V1", t("16:00"), t("16:30"), kX));
  EXPECT_EQ(after.dwell_class, DwellClass::off_duty);
  EXPECT_FALSE(after.partial_duty);
  // Straddling the start, at a base: 10 min off duty, 10 min base; the tie goes to base.
  const auto at_base = w.classify(dwell("V1", t("07:50"), t("08:10"), ll(52.64, -1.14)));
  EXPECT_EQ(at_base.split.base, Millis{10 * 60'000});
  EXPECT_EQ(at_base.split.off_duty, Millis{10 * 60'000});
  EXPECT_EQ(at_base.dwell_class, DwellClass::base);
  EXPECT_TRUE(at_base.partial_duty);
}

TEST(Classify, EachNamedUnitIsExplainedUntilItsOwnClosing) {
  // I1 opened 10:00; V1's row closes 10:30, V2's 11:30 (issue 11, finding 8). Windows to 11:00 and
  // 12:00. Both cars stand at kX 10:00-11:20 with their officers on duty.
  World w;
  w.tables.shifts = {shift("S1", "O1", t("06:00"), t("22:00"), "V1"), shift("S2", "O2", t("06:00"), t("22:00"), "V2")};
  auto inc = incident("I1", t("10:00"), t("11:30"), kX, 100.0, {{"V1", "V2"}, {}, {}});
  inc.units[0].closed = t("10:30");  // units are sorted: V1, V2
  w.tables.incidents = {inc};
  w.build();
  const auto v1 = w.classify(dwell("V1", t("10:00"), t("11:20"), kX));
  EXPECT_EQ(v1.split.incident, Millis{60 * 60'000});
  EXPECT_EQ(v1.split.unexplained, Millis{20 * 60'000});
  const auto v2 = w.classify(dwell("V2", t("10:00"), t("11:20"), kX));
  EXPECT_EQ(v2.split.incident, Millis{80 * 60'000});
}

TEST(Classify, AnIncidentLocatedByAPolygonPlaceHasThePolygonsArea) {
  // I1 is located by the square S (no position of its own), radius 10 m. Its centroid is
  // (52.6305, -1.13925); a dwell in the square's north-west corner (52.6309, -1.1399) is about
  // 63 m from it but inside the area; one 20.008 m east of the east edge is 10 m too far.
  World w;
  on_duty_all_day(w);
  w.tables.places = {square_place("S", 0.0)};
  auto inc = incident("I1", t("10:00"), t("11:00"), ll(52.6305, -1.13925), 10.0, {}, "S");
  inc.located_by_place = true;
  w.tables.incidents = {inc};
  w.build();
  const auto inside = w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.6309, -1.1399), 0.0));
  EXPECT_EQ(inside.dwell_class, DwellClass::incident);
  EXPECT_EQ(inside.nearest_incident_distance, Meters{0.0});
  const auto east = w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.6305, -1.1382045), 0.0));
  EXPECT_EQ(east.dwell_class, DwellClass::unexplained);
  EXPECT_NEAR(east.nearest_incident_distance.value, 20.008, 0.01);
  // With the dwell's radius the area reaches it: 20.008 <= 10 + 10.1.
  EXPECT_EQ(w.classify(dwell("V1", t("10:10"), t("10:30"), ll(52.6305, -1.1382045), 10.1)).dwell_class,
            DwellClass::incident);
}

TEST(Classify, TimeTheRosterCannotAttributeIsDutyUnknown) {
  // O1 is put in V1 08:00-16:00 and in V2 12:00-20:00 (issue 11, finding 7): 12:00-16:00 is no one's.
  World w;
  w.tables.shifts = {shift("S1", "O1", t("08:00"), t("16:00"), "V1"), shift("S2", "O1", t("12:00"), t("20:00"), "V2", {}, 3)};
  w.build();
  const auto m = w.classify(dwell("V1", t("11:50"), t("12:20"), kX));
  EXPECT_EQ(m.split.unexplained, Millis{10 * 60'000});
  EXPECT_EQ(m.split.duty_unknown, Millis{20 * 60'000});
  EXPECT_EQ(m.dwell_class, DwellClass::duty_unknown);
  ASSERT_EQ(m.officers.size(), 1U);
  EXPECT_EQ(m.officers[0].on_duty_length, Millis{10 * 60'000});  // only 11:50-12:00 is O1's
}

// --- Nearest incident ------------------------------------------------------------------------

TEST(Classify, NearestIncidentAmongThoseOverlappingInTime) {
  World w;
  on_duty_all_day(w);
  w.tables.incidents = {
      incident("N500", t("10:00"), t("11:00"), ll(52.6345, -1.14), 100.0, {{"V9"}, {}, {}}),  // 500.757 m
      incident("N300", t("10:00"), t("11:00"), ll(52.6327, -1.14), 100.0, {{"V9"}, {}, {}}),  // 300.454 m
      incident("N44", t("14:00"), t("15:00"), ll(52.6304, -1.14)),                            // 44.512 m, later
  };
  w.build();
  const auto m = w.classify(dwell("V1", t("10:10"), t("10:30"), kX));
  EXPECT_EQ(m.dwell_class, DwellClass::unexplained);
  EXPECT_EQ(w.nearest_id(m), "N300");
  EXPECT_NEAR(m.nearest_incident_distance.value, 300.454, 0.01);
  // At 14:10 only N44 overlaps, and it explains the dwell (names no units).
  const auto later = w.classify(dwell("V1", t("14:10"), t("14:30"), kX));
  EXPECT_EQ(w.nearest_id(later), "N44");
  EXPECT_NEAR(later.nearest_incident_distance.value, 44.512, 0.01);
}

// --nearest-incident-within: 1000 m and 2 h by default, both inclusive. FAR is 30,046.097 m away
// (geod, as above): named only with a limit beyond that.
TEST(Classify, NearestIncidentOnlyWithinTheDistanceLimit) {
  World w;
  on_duty_all_day(w);
  w.tables.incidents = {incident("FAR", t("10:00"), t("11:00"), ll(52.90, -1.14))};
  w.build();
  EXPECT_FALSE(w.classify(dwell("V1", t("10:10"), t("10:30"), kX)).nearest_incident.has_value());
  World wide;
  on_duty_all_day(wide);
  wide.tables.incidents = w.tables.incidents;
  wide.config.nearest_incident_within = Meters{30'050.0};
  wide.build();
  const auto m = wide.classify(dwell("V1", t("10:10"), t("10:30"), kX));
  EXPECT_EQ(wide.nearest_id(m), "FAR");
  EXPECT_NEAR(m.nearest_incident_distance.value, 30046.097, 0.05);
}

// The time limit is measured from the incident's open time [opened, closed], not its window: I1
// (10:00-11:00) is 2 h from a dwell starting 13:00 (in) and 2 h 0.001 s from one starting
// 13:00:00.001 (out); at 3 h, in.
TEST(Classify, NearestIncidentOnlyWithinTheTimeLimit) {
  World w;
  on_duty_all_day(w);
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX)};
  w.build();
  EXPECT_EQ(w.nearest_id(w.classify(dwell("V1", t("13:00"), t("13:20"), kX))), "I1");
  EXPECT_FALSE(w.classify(dwell("V1", t("13:00:00.001"), t("13:20"), kX)).nearest_incident.has_value());
  EXPECT_EQ(w.nearest_id(w.classify(dwell("V1", t("07:30"), t("07:59:59.999"), kX))), "<none>");
  EXPECT_EQ(w.nearest_id(w.classify(dwell("V1", t("07:30"), t("08:00"), kX))), "I1");
  World later;
  on_duty_all_day(later);
  later.tables.incidents = w.tables.incidents;
  later.config.nearest_incident_time = Millis{3 * 3600'000};
  later.build();
  EXPECT_EQ(later.nearest_id(later.classify(dwell("V1", t("13:00:00.001"), t("13:20"), kX))), "I1");
}

TEST(Classify, NearestIncidentTieGoesToTheSmallerId) {
  World w;
  on_duty_all_day(w);
  // Same place; I-B opened first, so it has the smaller index.
  w.tables.incidents = {incident("I-B", t("10:00"), t("11:00"), ll(52.6327, -1.14)),
                        incident("I-A", t("10:05"), t("11:00"), ll(52.6327, -1.14))};
  w.build();
  ASSERT_EQ(w.tables.incidents[0].incident_id, "I-B");
  const auto m = w.classify(dwell("V1", t("10:10"), t("10:30"), kX));
  EXPECT_EQ(w.nearest_id(m), "I-A");
}

// --- revisit_after_closure -------------------------------------------------------------------

// P is an address at kX (50 m). O1 in V1 (CS1), O2 in V2 (CS2), O3 in V3 all day. Incidents are
// over by 09:00; the dwells at 12:00 are unexplained.
void revisit_world(World& w) {
  w.tables.shifts = {shift("S1", "O1", t("06:00"), t("22:00"), "V1", "CS1"),
                     shift("S2", "O2", t("06:00"), t("22:00"), "V2", "CS2"),
                     shift("S3", "O3", t("06:00"), t("22:00"), "V3")};
  w.tables.places = {point_place("P", kX, 50.0), point_place("Q", ll(52.64, -1.14), 50.0)};
}

TEST(Flags, RevisitByAnOfficerOnDutyInTheNamedVehicle) {
  World w;
  revisit_world(w);
  w.tables.incidents = {incident("I1", t("08:00"), t("09:00"), kX, 100.0, {{"V1"}, {}, {}}, "P")};
  w.build();
  // O1 was on duty in V1, which I1 names, while I1 was open: O1 attended.
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  ASSERT_EQ(m[0].dwell_class, DwellClass::unexplained);
  EXPECT_THAT(w.flag_texts(m[0]), ElementsAre("revisit_after_closure:I1@P/O1"));
  const Flag& f = m[0].flags.at(0);
  EXPECT_EQ(f.before_visit, Millis{3 * 3600'000});
  ASSERT_TRUE(f.attended.has_value());
  EXPECT_EQ(f.attended->how, AttendedBy::named_vehicle);
  EXPECT_EQ(f.attended->via, "V1");
  EXPECT_EQ(f.attended->shift_id, "S1");
  EXPECT_EQ(f.on_duty, Millis{20 * 60'000});
}

TEST(Flags, RevisitIsFlaggedOnlyWithinRevisitWithin) {
  // O1 was on duty in V1 (named) on 2023-12-06 while NEAR (closed 12:00, exactly 90 days, 7,776,000
  // s, before the visit at 2024-03-05 12:00) and OLD (closed 11:59:59.999, 1 ms more) were open.
  World w;
  revisit_world(w);
  w.tables.shifts.push_back(shift("S0", "O1", at("2023-12-06T06:00:00Z"), at("2023-12-06T22:00:00Z"), "V1"));
  w.tables.incidents = {
      incident("NEAR", at("2023-12-06T11:00:00Z"), at("2023-12-06T12:00:00Z"), kX, 100.0, {{"V1"}, {}, {}}, "P"),
      incident("OLD", at("2023-12-06T11:00:00Z"), at("2023-12-06T11:59:59.999Z"), kX, 100.0, {{"V1"}, {}, {}}, "P")};
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  EXPECT_THAT(w.flag_texts(m[0]), ElementsAre("revisit_after_closure:NEAR@P/O1"));
  EXPECT_EQ(m[0].flags.at(0).before_visit, Millis{7'776'000'000});
  ASSERT_EQ(m[0].notes.size(), 1U);
  EXPECT_EQ(m[0].notes[0].kind, NoteKind::beyond_revisit_within);
  EXPECT_EQ(w.tables.incident(std::get<IncidentIndex>(m[0].notes[0].evidence)).incident_id, "OLD");
  // --revisit-within 100d flags both.
  World wide;
  revisit_world(wide);
  wide.config.revisit_within = Millis{100LL * 86'400'000};
  wide.tables.shifts = w.tables.shifts;
  wide.tables.incidents = w.tables.incidents;
  wide.build();
  EXPECT_EQ(wide.run({dwell("V1", t("12:00"), t("12:20"), kX)})[0].flags.size(), 2U);
}

TEST(Flags, RevisitByAnOfficerWhoAttendedByNameOrByCallsign) {
  World w;
  revisit_world(w);
  w.tables.incidents = {incident("I-O", t("08:00"), t("09:00"), kX, 100.0, {{}, {"O2"}, {}}, "P"),
                        incident("I-C", t("08:00"), t("09:00"), kX, 100.0, {{}, {}, {"CS1"}}, "P")};
  w.build();
  const auto m = w.run({dwell("V2", t("12:00"), t("12:20"), kX), dwell("V1", t("12:00"), t("12:20"), kX)});
  EXPECT_THAT(w.flag_texts(m[0]), ElementsAre("revisit_after_closure:I-O@P/O2"));
  // CS1 stands for O1, who worked a shift with that callsign while I-C was open.
  EXPECT_THAT(w.flag_texts(m[1]), ElementsAre("revisit_after_closure:I-C@P/O1"));
}

TEST(Flags, CallsignStandsOnlyForShiftsWhileTheIncidentWasOpen) {
  World w;
  // O4 worked CS4 on the day before; O5 works CS4 today, after the incident closed.
  w.tables.shifts = {shift("S4", "O4", at("2024-03-04T06:00:00Z"), at("2024-03-04T14:00:00Z"), "V4", "CS4"),
                     shift("S5", "O5", t("10:00"), t("18:00"), "V5", "CS4")};
  w.tables.places = {point_place("P", kX, 50.0)};
  w.tables.incidents = {incident("I1", at("2024-03-04T08:00:00Z"), at("2024-03-04T09:00:00Z"), kX, 100.0,
                                 {{}, {}, {"CS4"}}, "P")};
  w.build();
  const auto m = w.run({dwell("V5", t("12:00"), t("12:20"), kX)});
  ASSERT_EQ(m[0].dwell_class, DwellClass::unexplained);
  EXPECT_THAT(m[0].flags, IsEmpty());
}

TEST(Flags, NoRevisitWhenAnotherUnitAttended) {
  World w;
  revisit_world(w);
  w.tables.incidents = {incident("I1", t("08:00"), t("09:00"), kX, 100.0, {{"V1"}, {"O1"}, {"CS1"}}, "P")};
  w.build();
  const auto m = w.run({dwell("V3", t("12:00"), t("12:20"), kX), dwell("V2", t("12:00"), t("12:20"), kX)});
  EXPECT_EQ(m[0].dwell_class, DwellClass::unexplained);
  EXPECT_THAT(m[0].flags, IsEmpty());
  EXPECT_THAT(m[1].flags, IsEmpty());
}

TEST(Flags, NoRevisitWhenTheIncidentClosedAfterTheDwellStarted) {
  // The incident's own radius is 10 m and the dwell is 40.005 m north of it (radius 3 m): inside
  // P (50 m) but not explained by the incident, so it is unexplained and the closure rule decides.
  const auto run_with_close = [](Instant closed) {
    World w;
    revisit_world(w);
    w.tables.incidents = {incident("I1", t("11:00"), closed, kX, 10.0, {{"V1"}, {}, {}}, "P")};
    w.build();
    const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), ll(52.6303595, -1.14), 3.0)});
    EXPECT_EQ(m[0].dwell_class, DwellClass::unexplained);
    return w.flag_texts(m[0]);
  };
  EXPECT_THAT(run_with_close(t("12:00:00.001")), IsEmpty());
  EXPECT_THAT(run_with_close(t("12:05")), IsEmpty());
  EXPECT_THAT(run_with_close(t("12:00")), ElementsAre("revisit_after_closure:I1@P/O1"));  // at the start: yes
}

TEST(Flags, NoFlagOffDutyAtAnIncidentOrAtABase) {
  World w;
  revisit_world(w);
  w.tables.shifts = {shift("S1", "O1", t("06:00"), t("11:00"), "V1", "CS1")};
  w.tables.places.push_back(point_place("STN", ll(52.64, -1.14), 50.0, ingest::PlaceKind::base));
  w.tables.places.erase(std::remove_if(w.tables.places.begin(), w.tables.places.end(),
                                       [](const auto& p) { return p.place_id == "Q"; }),
                        w.tables.places.end());
  w.tables.incidents = {incident("I1", t("08:00"), t("09:00"), kX, 100.0, {{"V1"}, {}, {}}, "P"),
                        incident("I2", t("08:00"), t("09:00"), ll(52.64, -1.14), 100.0, {{"V1"}, {}, {}}, "STN"),
                        incident("I3", t("10:00"), t("10:10"), kX, 100.0, {{"V1"}, {}, {}}, "P")};
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX),                  // off duty
                        dwell("V1", t("10:20"), t("10:30"), kX),                  // explained by I3
                        dwell("V1", t("10:40"), t("10:50"), ll(52.64, -1.14))});  // base
  EXPECT_EQ(m[0].dwell_class, DwellClass::off_duty);
  EXPECT_EQ(m[1].dwell_class, DwellClass::incident);
  EXPECT_EQ(m[2].dwell_class, DwellClass::base);
  for (const auto& d : m) EXPECT_THAT(d.flags, IsEmpty());
}

TEST(Flags, ProximityIsNoAttendanceUnlessAnyUnit) {
  // I6 names no units, lies 44.512 m north of kX without a place_id: in P by area. V1 (O1) stops
  // there 08:30-08:50, which I6 explains. At 12:00 V1 stops again; at 13:10 O1 is in V4
  // (assignment) and stops there; V2 (O2), who was never near, stops there too.
  const auto run = [](bool any_unit) {
    World w;
    revisit_world(w);
    w.config.any_unit = any_unit;
    w.tables.assignments = {ingest::AssignmentRow{"O1", "V4", t("13:00"), t("14:00"), SourceRef{1, 2}}};
    w.tables.incidents = {incident("I6", t("08:00"), t("09:00"), ll(52.6304, -1.14))};
    w.build();
    const auto m = w.run({dwell("V1", t("08:30"), t("08:50"), kX), dwell("V1", t("12:00"), t("12:20"), kX),
                          dwell("V4", t("13:10"), t("13:30"), kX), dwell("V2", t("12:00"), t("12:20"), kX)});
    EXPECT_EQ(m[0].dwell_class, DwellClass::incident);
    EXPECT_THAT(m[0].flags, IsEmpty());
    std::vector<std::vector<std::string>> texts;
    for (const auto& d : m) texts.push_back(w.flag_texts(d));
    return texts;
  };
  // assigned: being explained by an incident that names nobody is no evidence of attending it.
  const auto assigned = run(false);
  for (const auto& texts : assigned) EXPECT_THAT(texts, IsEmpty());
  // any-unit: O1 was on duty in V1, which stayed in I6's area while I6 was open: O1 attended, in
  // whatever vehicle O1 comes back.
  const auto any = run(true);
  EXPECT_THAT(any[1], ElementsAre("revisit_after_closure:I6@P/O1"));
  EXPECT_THAT(any[2], ElementsAre("revisit_after_closure:I6@P/O1"));
  EXPECT_THAT(any[3], IsEmpty());
}

TEST(Flags, SeveralRevisitsAreSortedByIncidentId) {
  // docs/analyse.md: flags "sorted by kind and evidence". I-Z opened first (smaller index),
  // I-A later: the evidence order is I-A, I-Z.
  World w;
  revisit_world(w);
  w.tables.incidents = {incident("I-Z", t("07:00"), t("07:30"), kX, 100.0, {{"V1"}, {}, {}}, "P"),
                        incident("I-A", t("08:00"), t("08:30"), kX, 100.0, {{"V1"}, {}, {}}, "P")};
  w.tables.events = {event("O1", t("11:00"), "records_lookup", "P", 7)};
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  EXPECT_THAT(w.flag_texts(m[0]), ElementsAre("revisit_after_closure:I-A@P/O1", "revisit_after_closure:I-Z@P/O1",
                                              "lookup_then_visit:events.csv:7@P/O1"));
}

TEST(Attendance, NeedsPositiveTimeWhileTheIncidentWasOpen) {
  // I1 is open 08:00-09:00 and names V1 and callsign CS. O1 comes on duty in V1 at 09:00 exactly,
  // O2 at 08:59:59.999; O3's CS shift starts at 09:00, O4's ends at 08:00, O5's starts at
  // 08:59:59.999. Only O2 and O5 were on duty for some time while it was open (issue 11, finding 3).
  World w;
  w.tables.shifts = {shift("S1", "O1", t("09:00"), t("17:00"), "V1"), shift("S2", "O2", t("08:59:59.999"), t("17:00"), "V1"),
                     shift("S3", "O3", t("09:00"), t("17:00"), "V3", "CS"), shift("S4", "O4", t("00:00"), t("08:00"), "V4", "CS"),
                     shift("S5", "O5", t("08:59:59.999"), t("17:00"), "V5", "CS")};
  w.tables.incidents = {incident("I1", t("08:00"), t("09:00"), kX, 100.0, {{"V1"}, {}, {"CS"}})};
  w.build();
  const Attendance a = attendance(*w.index, w.roster, {}, {});
  std::vector<std::string> who;
  for (const auto& x : a.officers.at(0)) who.push_back(x.officer_id + "/" + std::string(name(x.how)));
  EXPECT_THAT(who, ElementsAre("O2/named_vehicle", "O5/named_callsign"));
  EXPECT_THAT(a.vehicles.at(0), ElementsAre("V1"));
}

TEST(Classify, ACallsignExplainsOnlyWhileItsHolderIsOnDuty) {
  // Issue 11, minor finding: I1 (open 08:00-09:00, window to 09:30) names callsign CS, which O6
  // holds from 09:00, the closing instant. The unit rule and attendance now read the roster alike:
  // a dwell ending at 09:00 has no CS holder on duty and is not explained (off duty); one to 09:20
  // is explained for 09:00-09:20 only; O6 did not attend (no time on duty while I1 was open).
  World w;
  w.tables.shifts = {shift("S6", "O6", t("09:00"), t("17:00"), "V6", "CS")};
  w.tables.incidents = {incident("I1", t("08:00"), t("09:00"), kX, 100.0, {{}, {}, {"CS"}})};
  w.build();
  const auto ends_at_closing = w.classify(dwell("V6", t("08:40"), t("09:00"), kX));
  EXPECT_THAT(ends_at_closing.incidents, IsEmpty());
  EXPECT_EQ(ends_at_closing.dwell_class, DwellClass::off_duty);
  const auto after = w.classify(dwell("V6", t("08:40"), t("09:20"), kX));
  EXPECT_THAT(w.incident_ids(after), ElementsAre("I1"));
  EXPECT_EQ(after.split.incident, Millis{20 * 60'000});
  EXPECT_EQ(after.split.off_duty, Millis{20 * 60'000});
  EXPECT_THAT(attendance(*w.index, w.roster, {}, {}).officers.at(0), IsEmpty());
}

TEST(Attendance, ACarAtABaseNearTheIncidentDidNotAttendEvenWithAnyUnit) {
  // The base STN and I1 (no units) are both at kX. V1 (O1) stands at the base while I1 is open:
  // base time, I1 listed, and no attendance (issue 11, finding 1).
  World w;
  on_duty_all_day(w);
  w.config.any_unit = true;
  w.tables.places = {point_place("STN", kX, 50.0, ingest::PlaceKind::base)};
  w.tables.incidents = {incident("I1", t("10:00"), t("11:00"), kX)};
  w.build();
  const std::vector<DwellFacts> dwells{dwell("V1", t("10:10"), t("10:30"), kX)};
  std::vector<DwellMatch> m{w.classify(dwells[0])};
  EXPECT_EQ(m[0].dwell_class, DwellClass::base);
  EXPECT_THAT(w.incident_ids(m[0]), ElementsAre("I1"));
  const Attendance a = attendance(*w.index, w.roster, dwells, m);
  EXPECT_THAT(a.officers.at(0), IsEmpty());
  EXPECT_THAT(a.vehicles.at(0), IsEmpty());
}

TEST(Flags, AFlagNeedsMinDutyOverlapOfTheOfficersUnexplainedTime) {
  // O1 looked P up the day before and is on duty in V1 at P from 12:00 until the shift ends:
  // exactly 5 min (--min-duty-overlap) is enough, 1 ms less is not (a note says why).
  const auto run = [](Instant shift_end) {
    World w;
    w.tables.shifts = {shift("S1", "O1", t("06:00"), shift_end, "V1")};
    w.tables.places = {point_place("P", kX, 50.0)};
    w.tables.events = {event("O1", at("2024-03-04T12:00:00Z"), "records_lookup", "P", 2)};
    w.build();
    return w.run({dwell("V1", t("12:00"), t("12:20"), kX)}).at(0);
  };
  const auto enough = run(t("12:05"));
  ASSERT_EQ(enough.flags.size(), 1U);
  EXPECT_EQ(enough.flags[0].on_duty, Millis{5 * 60'000});
  EXPECT_EQ(enough.flags[0].before_visit, Millis{86'400'000});
  const auto short_of = run(t("12:04:59.999"));
  EXPECT_THAT(short_of.flags, IsEmpty());
  ASSERT_EQ(short_of.notes.size(), 1U);
  EXPECT_EQ(short_of.notes[0].kind, NoteKind::too_little_duty);
  EXPECT_EQ(short_of.notes[0].amount, Millis{5 * 60'000 - 1});
}

TEST(Flags, ALookupFlagNamesOnlyTheOfficerWhoLookedUp) {
  World w;
  revisit_world(w);
  w.tables.shifts.push_back(shift("S9", "O9", t("06:00"), t("22:00"), "V1"));  // O9 rides with O1
  w.tables.events = {event("O1", at("2024-03-04T12:00:00Z"), "records_lookup", "P", 2)};
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  EXPECT_THAT(w.flag_texts(m[0]), ElementsAre("lookup_then_visit:events.csv:2@P/O1"));
  EXPECT_THAT(m[0].flags[0].shift_ids, ElementsAre("S1"));
  EXPECT_THAT(m[0].crew.officer_ids, ElementsAre("O1", "O9"));
}

// --- lookup_then_visit -----------------------------------------------------------------------

TEST(Flags, LookupThenVisitWithinTheWindow) {
  World w;
  revisit_world(w);
  w.tables.events = {
      event("O1", at("2024-03-02T12:00:00Z"), "records_lookup", "P", 2),      // 3 days before: yes
      event("O1", at("2024-02-27T12:00:00Z"), "records_lookup", "P", 3),      // exactly 7 days: yes
      event("O1", at("2024-02-27T11:59:59.999Z"), "records_lookup", "P", 4),  // 1 ms more: no
      event("O9", at("2024-03-04T12:00:00Z"), "records_lookup", "P", 5),      // not in the crew: no
      event("O1", at("2024-03-04T12:00:00Z"), "radio", "P", 6),               // not a look-up kind: no
      event("O1", t("12:00"), "records_lookup", "P", 7),                      // at the dwell start: yes
      event("O1", t("12:00:00.001"), "records_lookup", "P", 8),               // after it: no
      event("O1", at("2024-03-04T12:00:00Z"), "records_lookup", "Q", 9),      // another place: no
  };
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  ASSERT_EQ(m[0].dwell_class, DwellClass::unexplained);
  std::vector<std::string> texts = w.flag_texts(m[0]);
  std::sort(texts.begin(), texts.end());
  EXPECT_THAT(texts, ElementsAre("lookup_then_visit:events.csv:2@P/O1", "lookup_then_visit:events.csv:3@P/O1",
                                 "lookup_then_visit:events.csv:7@P/O1"));
  const std::map<std::uint32_t, Millis> before{{2, Millis{3LL * 86'400'000}}, {3, Millis{7LL * 86'400'000}}, {7, Millis{0}}};
  for (const auto& f : m[0].flags) {
    const auto line = w.tables.event(std::get<EventIndex>(f.evidence)).source.line;
    EXPECT_EQ(f.before_visit, before.at(line)) << "events.csv:" << line;
  }
}

TEST(Flags, LookupKindsAndWindowFollowTheConfiguration) {
  World w;
  revisit_world(w);
  w.config.lookup_kinds = {"records_lookup", "radio"};
  w.config.lookup_window = Millis{2LL * 86'400'000};
  w.tables.events = {event("O1", at("2024-03-04T12:00:00Z"), "radio", "P", 6),            // 1 day: yes
                     event("O1", at("2024-03-02T12:00:00Z"), "records_lookup", "P", 2)};  // 3 days: no
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  EXPECT_THAT(w.flag_texts(m[0]), ElementsAre("lookup_then_visit:events.csv:6@P/O1"));
}

TEST(Flags, LookupDoesNotFlagADwellThatIsNotUnexplained) {
  World w;
  revisit_world(w);
  w.tables.events = {event("O1", at("2024-03-04T12:00:00Z"), "records_lookup", "P", 2)};
  w.tables.incidents = {incident("I1", t("11:50"), t("12:30"), kX)};
  w.build();
  const auto m = w.run({dwell("V1", t("12:00"), t("12:20"), kX)});
  EXPECT_EQ(m[0].dwell_class, DwellClass::incident);
  EXPECT_THAT(m[0].flags, IsEmpty());
}

// --- Unseen units ----------------------------------------------------------------------------

TEST(ReportUnseenUnits, WarnsForEachUnitThatNeverAppears) {
  World w;
  w.tables.shifts = {shift("S1", "O1", t("06:00"), t("22:00"), "V1", "CS1")};
  auto inc = incident("I1", t("10:00"), t("11:00"), kX, 100.0, {{"V1", "V9"}, {"O1", "O9"}, {"CS1", "CS9"}});
  inc.sources = {SourceRef{3, 5}, SourceRef{3, 8}};
  w.tables.incidents = {inc, incident("I2", t("10:00"), t("11:00"), kX, 100.0, {{"V2"}, {"O1"}, {}})};
  w.build();
  ProblemSink problems;
  report_unseen_units(w.tables, w.roster, {"V1", "V2"}, problems);
  ASSERT_EQ(problems.problems().size(), 3U);
  std::vector<std::string> fields;
  for (const auto& p : problems.problems()) {
    EXPECT_EQ(p.code, ProblemCode::unit_not_seen);
    EXPECT_EQ(severity(p.code), Severity::warning);
    EXPECT_EQ(p.where, (SourceRef{3, 5}));  // the incident's first row
    EXPECT_THAT(p.detail, HasSubstr("I1"));
    fields.push_back(p.field + "=" + (p.detail.find("'V9'") != std::string::npos   ? "V9"
                                      : p.detail.find("'O9'") != std::string::npos ? "O9"
                                      : p.detail.find("'CS9'") != std::string::npos ? "CS9"
                                                                                    : "?"));
  }
  std::sort(fields.begin(), fields.end());
  EXPECT_THAT(fields, ElementsAre("callsign=CS9", "officer_id=O9", "vehicle_id=V9"));
}

// --- Independence from row order -------------------------------------------------------------

TEST(CaseIndex, ResultsDoNotDependOnTheOrderOfTheRows) {
  const auto fill = [](World& w) {
    revisit_world(w);
    w.tables.incidents = {
        incident("I-B", t("10:00"), t("11:00"), ll(52.6327, -1.14)),                       // tie with I-A
        incident("I-A", t("10:05"), t("11:00"), ll(52.6327, -1.14)),
        incident("I-N", t("10:00"), t("10:30"), kX, 100.0, {{"V2"}, {}, {}}),              // other unit
        incident("I-E", t("10:00"), t("10:30"), ll(52.6304, -1.14), 100.0, {{"V1"}, {}, {}}),
        incident("R-2", t("07:00"), t("07:30"), kX, 100.0, {{"V3"}, {}, {}}, "P"),
        incident("R-1", t("06:00"), t("06:30"), kX, 100.0, {{"V3"}, {}, {}}, "P"),
    };
    w.tables.events = {event("O3", t("09:00"), "records_lookup", "P", 4),
                       event("O1", t("09:00"), "records_lookup", "P", 3),
                       event("O3", t("08:00"), "records_lookup", "P", 2)};
  };
  // `sorted` as read_case_tables orders rows; `shuffled` keeps the order written above.
  World sorted, shuffled;
  fill(sorted);
  sorted.build();
  fill(shuffled);
  shuffled.build(/*keep_order=*/true);
  ASSERT_NE(sorted.tables.incidents.front().incident_id, shuffled.tables.incidents.front().incident_id);
  ASSERT_NE(sorted.tables.events.front().source, shuffled.tables.events.front().source);

  const std::vector<DwellFacts> dwells{dwell("V1", t("10:10"), t("10:20"), kX), dwell("V3", t("12:00"), t("12:20"), kX),
                                       dwell("V2", t("10:40"), t("10:50"), ll(52.6327, -1.14))};
  const auto a = sorted.run(dwells);
  const auto b = shuffled.run(dwells);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("dwell " + std::to_string(i));
    EXPECT_EQ(a[i].dwell_class, b[i].dwell_class);
    EXPECT_EQ(sorted.incident_ids(a[i]), shuffled.incident_ids(b[i]));
    EXPECT_EQ(sorted.nearest_id(a[i]), shuffled.nearest_id(b[i]));
    EXPECT_EQ(a[i].nearest_incident_distance, b[i].nearest_incident_distance);
    EXPECT_EQ(sorted.flag_texts(a[i]), shuffled.flag_texts(b[i]));
  }
  // And the values themselves (worked by hand). Dwell 0 (V1, O1): explained by I-E (V1 named,
  // 44.512 m), not by I-N (names V2) nor I-A/I-B (300.454 m > 105 m); nearest is I-N (0 m).
  // Dwell 1 (V3, O3, unexplained): revisits R-1 and R-2 (O3 was on duty in V3, which they name,
  // while they were open; I-N and I-E at P name V2 and V1) and follows O3's two look-ups (O1's is
  // not the crew's). Dwell 2 (V2
  // at I-A/I-B): explained by both, nearest I-A by the tie rule.
  EXPECT_THAT(sorted.incident_ids(a[0]), ElementsAre("I-E"));
  EXPECT_EQ(sorted.nearest_id(a[0]), "I-N");
  EXPECT_EQ(a[0].dwell_class, DwellClass::incident);
  EXPECT_EQ(a[1].dwell_class, DwellClass::unexplained);
  EXPECT_THAT(sorted.flag_texts(a[1]),
              ElementsAre("revisit_after_closure:R-1@P/O3", "revisit_after_closure:R-2@P/O3",
                          "lookup_then_visit:events.csv:2@P/O3", "lookup_then_visit:events.csv:4@P/O3"));
  EXPECT_THAT(sorted.incident_ids(a[2]), ElementsAre("I-A", "I-B"));
  EXPECT_EQ(sorted.nearest_id(a[2]), "I-A");
}


// --- The index's shortcuts against brute force ------------------------------------------------
// incidents_around (one tree query), a derived index (the robustness grid's points) and the
// geodesic_within pruning must give exactly the answers of the plain rules, worked out here by
// measuring every incident (geodesic_distance, no tree).

struct Brute {
  const ingest::CaseTables& tables;
  double factor = 1.0;
  std::vector<IncidentIndex> near(const DwellFacts& d, Millis before, Millis after) const {
    std::vector<IncidentIndex> out;
    for (std::uint32_t i = 0; i < tables.incidents.size(); ++i) {
      const auto& inc = tables.incidents[i];
      if (inc.closed + after < d.start || inc.opened - before > d.end) continue;
      if (geodesic_distance(d.centre, inc.location).value <= inc.radius.value * factor + d.radius.value)
        out.push_back(IncidentIndex{i});
    }
    return out;
  }
  std::optional<std::pair<IncidentIndex, Meters>> nearest(const DwellFacts& d, Meters within, Millis time) const {
    std::optional<std::pair<IncidentIndex, Meters>> best;
    for (std::uint32_t i = 0; i < tables.incidents.size(); ++i) {
      const auto& inc = tables.incidents[i];
      if (inc.opened > d.end + time || inc.closed < d.start - time) continue;
      const Meters m = geodesic_distance(d.centre, inc.location);
      if (m > within) continue;
      if (!best || m < best->second || (m == best->second && inc.incident_id < tables.incidents[best->first.value].incident_id))
        best = std::pair{IncidentIndex{i}, m};
    }
    return best;
  }
};

std::string text(const std::optional<std::pair<IncidentIndex, Meters>>& n) {
  return n ? std::to_string(n->first.value) + "@" + std::to_string(n->second.value) : "none";
}

TEST(CaseIndex, ShortcutsGiveThePlainRulesAnswers) {
  World w;
  Uniform u(4471);
  const Instant day = t("00:00");
  const auto minutes = [](double m) { return Millis{static_cast<std::int64_t>(m * 60'000)}; };
  // 400 incidents over two days within about 3 km of kX, radii 20-300 m; some at one spot, so
  // that equal distances (ties) occur.
  for (int i = 0; i < 400; ++i) {
    const LatLon at = i % 10 == 0 ? ll(52.64, -1.13) : ll(52.63 + u(-0.027, 0.027), -1.14 + u(-0.044, 0.044));
    const Instant opened = day + minutes(u(0, 2 * 24 * 60));
    w.tables.incidents.push_back(incident("I" + std::to_string(1000 + i), opened, opened + minutes(u(5, 240)), at,
                                          u(20, 300), {}, {}, static_cast<std::uint32_t>(i + 2)));
  }
  w.build();
  const MatchConfig& c = w.config;
  const Brute brute{w.tables};
  std::vector<ingest::IncidentRow> scaled_rows = w.tables.incidents;
  int near_hits = 0, nearest_hits = 0;
  for (int k = 0; k < 3000; ++k) {
    const LatLon centre = k % 7 == 0 ? ll(52.64 + u(-0.001, 0.001), -1.13 + u(-0.001, 0.001))
                                     : ll(52.63 + u(-0.03, 0.03), -1.14 + u(-0.05, 0.05));
    const Instant start = day + minutes(u(0, 2 * 24 * 60));
    const DwellFacts d = dwell("V1", start, start + minutes(u(0, 120)), centre, u(0, 60));
    const auto around = w.index->incidents_around(d.centre, d.radius, d.start, d.end);
    const auto near = brute.near(d, c.incident_before, c.incident_after);
    const auto nearest = brute.nearest(d, c.nearest_incident_within, c.nearest_incident_time);
    ASSERT_EQ(around.near, near) << k;
    ASSERT_EQ(w.index->incidents_near(d.centre, d.radius, d.start, d.end), near) << k;
    ASSERT_EQ(text(around.nearest), text(nearest)) << k;
    ASSERT_EQ(text(w.index->nearest_incident_within(d.centre, d.start, d.end, c.nearest_incident_within,
                                                    c.nearest_incident_time)),
              text(nearest))
        << k;
    near_hits += !near.empty();
    nearest_hits += nearest.has_value();
  }
  EXPECT_GT(near_hits, 300);  // the dwells do meet incidents, and miss them
  EXPECT_GT(nearest_hits, 1000);
  EXPECT_LT(nearest_hits, 2900);

  // A derived index answers as an index built afresh over rows with the radii scaled, with its own
  // windows; its places are the base's.
  for (const double factor : {0.5, 2.0}) {
    MatchConfig wide = c;
    wide.incident_before = c.incident_before * 2;
    wide.incident_after = c.incident_after / 2;
    const CaseIndex derived(*w.index, wide, factor);
    ingest::CaseTables scaled = w.tables;
    for (auto& inc : scaled.incidents) inc.radius = Meters{inc.radius.value * factor};
    const CaseIndex fresh(scaled, wide);
    const Brute scaled_brute{w.tables, factor};
    for (int k = 0; k < 1000; ++k) {
      const Instant start = day + minutes(u(0, 2 * 24 * 60));
      const DwellFacts d = dwell("V1", start, start + minutes(u(0, 90)), ll(52.63 + u(-0.03, 0.03), -1.14 + u(-0.05, 0.05)),
                                 u(0, 60));
      const auto expected = scaled_brute.near(d, wide.incident_before, wide.incident_after);
      ASSERT_EQ(derived.incidents_near(d.centre, d.radius, d.start, d.end), expected) << factor << ' ' << k;
      ASSERT_EQ(fresh.incidents_near(d.centre, d.radius, d.start, d.end), expected) << factor << ' ' << k;
      ASSERT_EQ(derived.incidents_around(d.centre, d.radius, d.start, d.end).near, expected) << factor << ' ' << k;
      ASSERT_EQ(derived.places_at(d.centre, d.radius), w.index->places_at(d.centre, d.radius));
    }
  }
  MatchConfig other_kinds = c;
  other_kinds.lookup_kinds = {"pnc_check"};
  EXPECT_THROW(CaseIndex(*w.index, other_kinds, 1.0), std::logic_error);
}

}  // namespace
}  // namespace shiftline::match
