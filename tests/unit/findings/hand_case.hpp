// The hand-made analysis of tests/unit/findings/findings_test.cpp (described there), shared with
// tests/unit/report/findings_table_test.cpp.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "shiftline/findings/findings.hpp"

namespace shiftline::findings::hand_case {

using namespace std::chrono_literals;

inline const Instant kT0 = Instant{std::chrono::sys_days{std::chrono::year{2024} / 10 / 26}} + 9h;
inline Instant at(int minute) { return kT0 + std::chrono::minutes{minute}; }

constexpr std::uint16_t kPings = 0, kShifts = 1, kIncidents = 3, kEvents = 4, kClaims = 5;

inline ingest::PlaceRow place(const char* id, const char* label, ingest::PlaceKind kind, double lat) {
  ingest::PlaceRow p;
  p.place_id = id;
  p.label = label;
  p.kind = kind;
  p.point = LatLon::from_degrees(lat, -1.0);
  p.radius = Meters{50.0};
  return p;
}

struct Built {
  pipeline::Analysis a;
  std::vector<Spot> spots;
};

// Adds dwell #n (sequence n) of PV01 from minute `from` to `to` with one piece of class `c`, the
// officer (if any) on duty throughout, and the places given.
inline match::DwellMatch& add_dwell(pipeline::Analysis& a, int from, int to, match::DwellClass c, const std::string& officer,
                             const std::string& shift, std::vector<PlaceIndex> places, double lat = 52.0) {
  auto& v = a.run.vehicles.front();
  pipeline::DwellRecord d;
  d.sequence = v.dwells.size() + 1;
  d.start = at(from);
  d.end = at(to);
  d.location = LatLon::from_degrees(lat, -1.0);
  d.source_lines = {{kPings, static_cast<std::uint32_t>(100 * d.sequence), static_cast<std::uint32_t>(100 * d.sequence + 9)}};
  v.dwells.push_back(d);
  match::DwellMatch m;
  m.dwell_class = c;
  m.places = std::move(places);
  m.pieces = {{{d.start, d.end}, c}};
  m.split.add(c, d.end - d.start);
  if (!officer.empty()) {
    match::OfficerTime o;
    o.officer_id = officer;
    o.shift_ids = {shift};
    o.on_duty = {{d.start, d.end}};
    o.on_duty_length = d.end - d.start;
    o.unexplained_or_base = c == match::DwellClass::unexplained ? d.end - d.start : Millis{0};
    m.officers.push_back(o);
    m.crew.officer_ids = {officer};
    m.crew.shift_ids = {shift};
  }
  a.matches.front().push_back(m);
  return a.matches.front().back();
}

inline Spot spot(const char* id, const char* officer, bool recurring, bool shared, Millis total, std::vector<DwellRef> dwells) {
  Spot s;
  s.spot_id = id;
  s.officer_id = officer;
  s.recurring = recurring;
  s.shared = shared;
  s.total = total;
  s.visits = 3;
  s.shifts = 3;
  s.first = at(0);
  s.last = at(600);
  s.vehicle_ids = {"PV01"};
  s.dwells = std::move(dwells);
  return s;
}

inline Built build() {
  Built b;
  pipeline::Analysis& a = b.a;
  for (const char* path : {"pings.csv", "shifts.csv", "places.csv", "incidents.csv", "events.csv", "claims.csv"}) {
    ingest::InputReport in;
    in.path = path;
    a.run.ingest.inputs.push_back(in);
  }
  pipeline::VehicleResult v;
  v.vehicle = a.run.ingest.pings.vehicles.intern("PV01");
  a.run.vehicles.push_back(v);
  a.matches.emplace_back();
  a.tables.places = {place("ADDR-A", "Address A", ingest::PlaceKind::address, 52.0),
                     place("ADDR-B", "Address B", ingest::PlaceKind::address, 52.1),
                     place("STN", "Station", ingest::PlaceKind::base, 52.2)};
  const PlaceIndex addr_a{0}, addr_b{1}, stn{2};
  ingest::ShiftRow s1{"S1", false, "PC1", at(0), at(700), "PV01", "", {kShifts, 2}};
  ingest::ShiftRow s2{"S2", false, "PC2", at(0), at(700), "PV01", "", {kShifts, 3}};
  a.tables.shifts = {s1, s2};
  a.roster.shifts = {s1, s2};
  ingest::IncidentRow inc;
  inc.incident_id = "INC1";
  inc.opened = at(-3000);
  inc.closed = at(-2900);
  inc.closed_given = true;
  inc.sources = {{kIncidents, 2}};
  a.tables.incidents = {inc};
  ingest::EventRow e;
  e.at = at(-100);
  e.officer_id = "PC1";
  e.kind = "records_lookup";
  e.place_id = "ADDR-A";
  e.source = {kEvents, 2};
  a.tables.events = {e};

  using match::DwellClass;
  match::DwellMatch& d1 = add_dwell(a, 60, 122, DwellClass::unexplained, "PC1", "S1", {addr_a});
  for (const auto kind : {match::FlagKind::revisit_after_closure, match::FlagKind::lookup_then_visit}) {
    match::Flag f;
    f.kind = kind;
    f.place = addr_a;
    f.evidence = kind == match::FlagKind::revisit_after_closure ? match::Evidence{IncidentIndex{0}} : match::Evidence{EventIndex{0}};
    f.officer_id = "PC1";
    f.shift_ids = {"S1"};
    f.visit_start = at(60);
    f.on_duty = 62min;
    f.unexplained_or_base = 62min;
    d1.flags.push_back(f);
  }
  add_dwell(a, 180, 200, DwellClass::unexplained, "PC1", "S1", {addr_b});        // #2
  add_dwell(a, 240, 290, DwellClass::unexplained, "PC1", "S1", {});              // #3
  add_dwell(a, 300, 330, DwellClass::unexplained, "PC1", "S1", {});              // #4
  add_dwell(a, 360, 400, DwellClass::off_duty, "", "", {});                      // #5
  add_dwell(a, 420, 480, DwellClass::off_duty, "", "", {stn});                   // #6
  add_dwell(a, 500, 546, DwellClass::unexplained, "PC2", "S2", {});              // #7
  add_dwell(a, 490, 536, DwellClass::unexplained, "PC1", "S1", {});              // #8 (PV01 in two places at
                                                                                 // once is fine for the rules)
  add_dwell(a, 550, 553, DwellClass::unexplained, "PC2", "S2", {addr_b});        // #9

  ingest::ClaimRow c1;
  c1.claim_id = "C1";
  c1.subject_kind = ingest::SubjectKind::officer;
  c1.subject_id = "PC1";
  c1.place = a.tables.places[0];
  c1.start = at(0);
  c1.end = at(30);
  c1.source = {kClaims, 2};
  ingest::ClaimRow c2 = c1;
  c2.claim_id = "C2";
  c2.source = {kClaims, 3};
  a.tables.claims = {c1, c2};
  verify::ClaimResult r1;
  r1.verdict = verify::Verdict::contradicted;
  r1.vehicles = {"PV01"};
  verify::ClaimResult r2 = r1;
  r2.verdict = verify::Verdict::supported;
  a.claims = {r1, r2};

  b.spots = {spot("SP1", "PC1", true, false, 2h, {{0, 2}}), spot("SP2", "PC2", true, true, 5h, {}),
             spot("SP3", "PC1", false, false, 9h, {})};
  return b;
}

}  // namespace shiftline::findings::hand_case
