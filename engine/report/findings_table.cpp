#include "shiftline/report/findings_table.hpp"

#include <cstdio>
#include <variant>

#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/tables.hpp"
#include "shiftline/report/wording.hpp"

namespace shiftline::report {
namespace {

using findings::Finding;
using findings::FindingKind;

std::string joined(const std::vector<std::string>& items, const char* separator = ";") {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : separator) + i;
  return s;
}

std::string row_text(const std::vector<std::string>& names, SourceRef ref) {
  return names.at(ref.file) + ":" + std::to_string(ref.line);
}

std::string position_text(LatLon p) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.7f, %.7f", p.lat, p.lon);
  return buf;
}

const pipeline::DwellRecord& dwell_of(const pipeline::Analysis& a, findings::DwellRef d) {
  return a.run.vehicles.at(d.vehicle).dwells.at(d.dwell);
}

std::string dwell_ids_text(const pipeline::Analysis& a, const Finding& f) {
  std::vector<std::string> ids;
  for (const auto& d : f.dwells) ids.push_back(dwell_id(a.run.vehicle_name(a.run.vehicles.at(d.vehicle)), dwell_of(a, d).sequence));
  return joined(ids);
}

// The place columns: a known place's id and label; a recurring spot's spot_id (recurring.csv).
std::pair<std::string, std::string> place_cells(const pipeline::Analysis& a, const findings::Findings& found,
                                                const Finding& f) {
  if (f.place) {
    const auto& p = a.tables.place(*f.place);
    return {p.place_id, p.label};
  }
  if (f.spot && *f.spot < found.spots.size()) return {found.spots[*f.spot].spot_id, {}};
  return {};
}

// "PC4471, on duty in PV01," or "PV01" when no officer is named.
std::string subject(const Finding& f) {
  const std::string vehicles = listed(f.vehicle_ids);
  if (f.officer_id.empty()) return vehicles;
  return f.officer_id + (vehicles.empty() ? "" : ", on duty in " + vehicles + ",");
}

std::string at_place(const pipeline::Analysis& a, const Finding& f) {
  if (!f.place) return "at " + position_text(f.location);
  const auto& p = a.tables.place(*f.place);
  return "at " + place_text(p.label, p.place_id);
}

std::string flag_sentence(const pipeline::Analysis& a, const Finding& f, const TimeZone* zone,
                          const std::vector<std::string>& names) {
  const auto& d = f.dwells.front();
  const match::Flag& flag = a.matches.at(d.vehicle).at(d.dwell).flags.at(f.flag.value_or(0));
  std::string s = subject(f) + " was " + at_place(a, f) + " " + span_text(zone, f.start, f.end) + " (" +
                  duration_text(f.duration) + " on duty there), ";
  if (flag.kind == match::FlagKind::revisit_after_closure) {
    const auto& inc = a.tables.incident(std::get<IncidentIndex>(flag.evidence));
    s += duration_text(flag.before_visit) + " after incident " + inc.incident_id +
         (inc.type.empty() ? "" : " (" + inc.type + ")") + " there closed at " + time_text(zone, inc.closed) +
         (inc.closed_given ? "" : " (assumed: no closed time recorded)") + "; " + f.officer_id + " attended it (" +
         (flag.attended ? attendance_text(a, *flag.attended) : std::string("attendance recorded")) + ")";
  } else {
    const auto& e = a.tables.event(std::get<EventIndex>(flag.evidence));
    s += duration_text(flag.before_visit) + " after " + e.officer_id + "'s records look-up of the address at " +
         time_text(zone, e.at) + " (" + e.kind + ", " + row_text(names, e.source) + ")";
  }
  return s + ".";
}

std::string spot_sentence(const pipeline::Analysis& a, const findings::Findings& found, const Finding& f,
                          const TimeZone* zone) {
  const findings::Spot& spot = found.spots.at(f.spot.value_or(0));
  std::string s = spot.officer_id + " stopped " + std::to_string(spot.visits) + " times on " +
                  std::to_string(spot.shifts) + " shifts (" + std::to_string(spot.days) + " days) at one spot " +
                  spot.spot_id + " (" + position_text(spot.centre) + ", within " + metres_text(spot.radius) +
                  "), in " + listed(spot.vehicle_ids) + ", " + span_text(zone, spot.first, spot.last) + ", " +
                  duration_text(spot.total) + " in all that no base or incident explains";
  // Visits with no one on duty are the officer's only by the roster's bracketing (attributed_officer):
  // the sentence must say so, or "stopped" reads as the officer seen there on duty.
  std::size_t attributed = 0;
  Millis attributed_time{0};
  for (const findings::DwellRef& d : spot.dwells)
    if (findings::attributed_officer(a, d) == spot.officer_id) {
      ++attributed;
      const auto& rec = a.run.vehicles.at(d.vehicle).dwells.at(d.dwell);
      attributed_time += rec.end - rec.start;
    }
  if (attributed > 0)
    s += "; " + std::to_string(attributed) + " of the " + std::to_string(spot.visits) + " visits (" +
         duration_text(attributed_time) + ") had no one on duty in the vehicle and are " + spot.officer_id +
         "'s only because the roster has " + spot.officer_id + " alone in it last before and next after";
  if (spot.nearest_place) {
    const auto& p = a.tables.place(*spot.nearest_place);
    s += "; the nearest listed place is " + place_text(p.label, p.place_id) + ", " +
         metres_text(spot.nearest_place_distance) + " away";
  } else {
    s += "; no listed place is near";
  }
  if (spot.explained_visits > 0)
    s += "; " + std::to_string(spot.explained_visits) + " other visits there were explained";
  if (spot.other_officers > 0)
    s += "; " + std::to_string(spot.other_officers) + " other officer" + (spot.other_officers == 1 ? "" : "s") +
         " also stopped there" + (spot.shared ? " (a shared spot: ranked below every unshared one)" : "");
  return s + ".";
}

std::string claim_sentence(const pipeline::Analysis& a, const Finding& f, const TimeZone* zone,
                           const std::vector<std::string>& names, const FindingWords& words) {
  const std::size_t c = f.claim.value_or(0);
  const ingest::ClaimRow& claim = a.tables.claims.at(c);
  std::string why =
      claim_explanation(claim, a.claims.at(c), a.run.ingest.pings, names, zone, words.reach_speed, words.smoothed);
  // The explanation opens with its verdict ("Contradicted: ..."), which the finding says already.
  constexpr std::string_view kVerdict = "Contradicted: ";
  if (why.starts_with(kVerdict)) why.erase(0, kVerdict.size());
  return "Claim " + claim.claim_id + (f.officer_id.empty() ? "" : " of " + f.officer_id) + " (" +
         row_text(names, claim.source) + ") is contradicted: " + why + observed_stay_text(a, c, zone);
}

}  // namespace

std::string finding_id(std::size_t rank) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "F%03zu", rank);
  return buf;
}

std::string robustness_text(const findings::Robustness& r) {
  if (!r.assessed) return "not assessed";
  if (r.robust || r.lost_at.empty()) return {};
  return "not found with " + joined(r.lost_at, "; ");
}

std::string finding_rows(const pipeline::Analysis& a, const Finding& f, const std::vector<std::string>& names) {
  std::vector<std::string> rows;
  for (const SourceRef& ref : f.evidence) rows.push_back(row_text(names, ref));
  for (const auto& d : f.dwells) rows.push_back(source_rows_text(names, dwell_of(a, d)));
  return joined(rows);
}

std::string finding_sentence(const pipeline::Analysis& a, const findings::Findings& found, const Finding& f,
                             const TimeZone* zone, const std::vector<std::string>& names, const FindingWords& words) {
  std::string s;
  switch (f.kind) {
    case FindingKind::revisit_after_closure:
    case FindingKind::lookup_then_visit: s = flag_sentence(a, f, zone, names); break;
    case FindingKind::recurring_place: s = spot_sentence(a, found, f, zone); break;
    case FindingKind::listed_address_visit:
      s = subject(f) + " was " + at_place(a, f) + " " + span_text(zone, f.start, f.end) + ", " +
          duration_text(f.duration) + " of it on duty with no base or incident to explain it; no flag was raised.";
      break;
    case FindingKind::off_duty_use: {
      // The whole stay, then its off-duty part: a car that stood there on duty before its crew's
      // shift ended did not arrive when the shift ended.
      Instant from = f.start, to = f.end;
      if (!f.dwells.empty()) {
        const pipeline::DwellRecord& d = a.run.vehicles[f.dwells.front().vehicle].dwells[f.dwells.front().dwell];
        from = d.start;
        to = d.end;
      }
      s = subject(f) + " stood " + at_place(a, f) + " " + span_text(zone, from, to) + " outside every base, " +
          duration_text(f.duration) + " of it with no one on duty in it";
      if (from != f.start || to != f.end) s += " (" + span_text(zone, f.start, f.end) + ")";
      s += ".";
      break;
    }
    case FindingKind::claim_contradicted: s = claim_sentence(a, f, zone, names, words); break;
    case FindingKind::long_unexplained:
      s = subject(f) + " stopped " + at_place(a, f) + " " + span_text(zone, f.start, f.end) + ", " +
          duration_text(f.duration) + " of it on duty with no base, incident or listed place to explain it.";
      break;
  }
  // A stay the scope cut (docs/scope.md) is not said to have begun or ended where the cut is: "was
  // at Address A from 11:30" when the car was there from 11:02 is wrong, and so is the time since a
  // look-up measured from the cut.
  bool cut_start = false, cut_end = false;
  for (const auto& d : f.dwells) {
    const pipeline::DwellRecord& rec = a.run.vehicles.at(d.vehicle).dwells.at(d.dwell);
    cut_start = cut_start || rec.cut_by_scope_start;
    cut_end = cut_end || rec.cut_by_scope_end;
  }
  if (cut_start)
    s += " The run's scope cut this stay at its start: it may have begun earlier than said, and a time said "
         "to be before it may be shorter.";
  if (cut_end) s += " The run's scope cut this stay at its end: it may have lasted longer than said.";
  std::vector<std::string> rows;
  for (const SourceRef& ref : f.evidence) rows.push_back(row_text(names, ref));
  for (const auto& d : f.dwells) rows.push_back(source_rows_text(names, dwell_of(a, d)));
  if (!rows.empty()) s += " Evidence rows: " + joined(rows, ", ") + ".";
  return s;
}

std::string findings_csv(const pipeline::Analysis& a, const findings::Findings& found, const TimeZone* zone,
                         const FindingWords& words) {
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  const std::vector<std::string> names = display_names(paths);
  std::string out;
  CsvWriter csv(out);
  csv.header({"finding_id", "rank", "kind", "officer_id", "vehicle_ids", "place_id", "place_label", "lat", "lon",
              "start", "end", "start_local", "end_local", "duration_s", "visits", "robust", "robustness", "sentence",
              "evidence_rows", "dwell_ids"});
  for (std::size_t i = 0; i < found.findings.size(); ++i) {
    const Finding& f = found.findings[i];
    const auto [place_id, place_label] = place_cells(a, found, f);
    csv.text(finding_id(i + 1)).integer(static_cast<std::int64_t>(i + 1)).text(findings::name(f.kind));
    csv.text(f.officer_id).text(joined(f.vehicle_ids)).text(place_id).text(place_label);
    csv.fixed(f.location.lat, 7).fixed(f.location.lon, 7);
    csv.text(format_utc(f.start)).text(format_utc(f.end)).text(format_local(zone, f.start)).text(format_local(zone, f.end));
    csv.seconds(f.duration).integer(static_cast<std::int64_t>(f.visits));
    csv.text(!f.robustness.assessed ? "" : f.robustness.robust ? "yes" : "no").text(robustness_text(f.robustness));
    csv.text(finding_sentence(a, found, f, zone, names, words)).text(finding_rows(a, f, names));
    csv.text(dwell_ids_text(a, f));
    csv.end_row();
  }
  return out;
}

}  // namespace shiftline::report
