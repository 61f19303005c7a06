#include "shiftline/report/near_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/wording.hpp"

namespace shiftline::report {
namespace {

constexpr int kMetreDecimals = 2;

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

// A local time in parts, exact to the second as every sentence says times (wording.hpp):
// "2024-10-26", "21:02:33", "+01:00" (or "UTC" without --tz).
struct Clock {
  std::string date, clock, offset;
  Clock(const TimeZone* zone, Instant t) {
    const std::string s = format_local(zone, t);  // 2024-10-26T21:02:33[.mmm](Z|+01:00)
    date = s.substr(0, 10);
    clock = s.substr(11, 8);
    std::size_t at = 19;
    if (at < s.size() && s[at] == '.') at += 4;
    offset = s.substr(at) == "Z" ? "UTC" : s.substr(at);
  }
  [[nodiscard]] std::string full() const { return date + " " + clock + " " + offset; }
};

std::string place_text(const ingest::PlaceRow& p) {
  if (!p.place_id.empty()) return report::place_text(p.label, p.place_id);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.7f, %.7f", p.point.lat, p.point.lon);
  return buf;
}

std::string speed_text(Speed s) {
  char buf[32];
  // Cut to the km/h; 1e-9 absorbs 200 / 3.6 * 3.6 coming back as 199.99999999999997.
  std::snprintf(buf, sizeof buf, "%.0f km/h", std::floor(s.kmh() + 1e-9));
  return buf;
}

struct Citer {
  const ingest::PingTable& pings;
  const std::vector<std::string>& names;
  [[nodiscard]] std::string operator()(const verify::Sighting& s) const {
    const SourceRef ref = pings.source(s.ping);
    return names.at(ref.file) + ":" + std::to_string(ref.line);
  }
};

// The step with the longest possible stay (ties: the earlier), quoted in a prism-only sentence.
const verify::PossibleStay& longest(const verify::NearVehicle& v) {
  return *std::max_element(v.possible.begin(), v.possible.end(), [](const auto& a, const auto& b) {
    return a.reach.longest_stay() < b.reach.longest_stay();
  });
}

// The rows a row rests on: first and last inside pings and the closest ping (observed), or the
// pings around the longest possible stay and the closest ping; by time, each once.
std::vector<const verify::Sighting*> evidence(const verify::NearVehicle& v) {
  std::vector<const verify::Sighting*> rows;
  if (v.observed()) {
    rows = {&*v.first_in, &*v.last_in};
  } else if (!v.possible.empty()) {
    const auto& p = longest(v);
    rows = {&p.from, &p.to};
  }
  if (v.closest) rows.push_back(&*v.closest);
  std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return std::tie(a->at, a->ping) < std::tie(b->at, b->ping); });
  rows.erase(std::unique(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->ping == b->ping; }),
             rows.end());
  return rows;
}

}  // namespace

std::string near_sentence(const verify::NearQuery& query, const verify::NearVehicle& v,
                          const std::vector<std::string>& officers, bool roster_given, const ingest::PingTable& pings,
                          const std::vector<std::string>& names, const TimeZone* zone) {
  const Citer cite{pings, names};
  std::string who = v.vehicle_id;
  if (!officers.empty()) {
    std::string list;
    for (std::size_t i = 0; i < officers.size(); ++i) list += (i == 0 ? "" : ", ") + officers[i];
    who += " (" + list + ")";
  } else if (roster_given) {
    who += " (no officer on duty in it)";
  }
  const std::string within = "within " + metres_text(query.place.radius) + " of " + place_text(query.place);
  std::string s;
  if (v.observed()) {
    s = who + " was " + within + " ";
    s += v.first_in->ping == v.last_in->ping ? "at " + Clock(zone, v.first_in->at).full()
                                              : span_text(zone, v.first_in->at, v.last_in->at);
    s += " (" + duration_text(v.inside) + " inside, " + std::to_string(v.entries) +
         (v.entries == 1 ? " entry" : " entries") + ")";
    if (v.closest)
      s += "; closest " + metres_text(v.closest->distance) + " at " + Clock(zone, v.closest->at).clock + " (" +
           cite(*v.closest) + ")";
    if (v.could_have_been > Millis{0})
      s += "; between pings it could also have been there unobserved for up to " + duration_text(v.could_have_been) +
           " in all (at " + speed_text(v.speed) + ")";
    return s + ".";
  }
  const auto& p = longest(v);
  const Clock c1(zone, p.from.at), c2(zone, p.to.at);
  const bool same_day = c1.date == c2.date && c1.offset == c2.offset;
  s = who + " was not seen " + within + ", but could have been there unobserved for up to " +
      duration_text(p.reach.longest_stay()) + " between pings at " + (same_day ? c1.date + " " + c1.clock : c1.full()) +
      " (" + cite(p.from) + ", " + metres_text(p.from.distance) + " away) and " + (same_day ? c2.clock + " " + c2.offset : c2.full()) +
      " (" + cite(p.to) + ", " + metres_text(p.to.distance) + " away), at " + speed_text(v.speed);
  // The sum over many silences is no stay: a car seen parked 1.7 km away every 4 min "could have
  // been there" 3 min in each, which read as "up to 3 h in all" alone sounds like three hours there.
  if (v.possible.size() > 1)
    s += "; up to " + duration_text(v.could_have_been) + " in all over " + std::to_string(v.possible.size()) +
         " separate silences between pings, none longer than the one above";
  if (v.closest)
    s += "; closest seen " + metres_text(v.closest->distance) + " at " + Clock(zone, v.closest->at).full() + " (" +
         cite(*v.closest) + ")";
  return s + ".";
}

std::string near_csv(const pipeline::NearFound& found, const pipeline::Analysis& a, const TimeZone* zone,
                     bool roster_given) {
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  const std::vector<std::string> names = display_names(paths);
  const auto& pings = a.run.ingest.pings;
  const Citer cite{pings, names};
  std::string out;
  CsvWriter csv(out);
  csv.header({"vehicle_id", "officer_ids", "first_in", "last_in", "inside_s", "closest_m", "closest_at", "entries",
              "could_have_been_s", "evidence_rows", "sentence"});
  for (std::size_t i = 0; i < found.vehicles.size(); ++i) {
    const verify::NearVehicle& v = found.vehicles[i];
    csv.text(v.vehicle_id).text(joined(found.officers[i]));
    if (v.first_in) csv.text(format_local(zone, v.first_in->at)).text(format_local(zone, v.last_in->at));
    else csv.empty().empty();
    csv.seconds(v.inside);
    if (v.closest) csv.fixed(v.closest->distance.value, kMetreDecimals).text(format_local(zone, v.closest->at));
    else csv.empty().empty();
    csv.integer(static_cast<std::int64_t>(v.entries)).seconds(v.could_have_been);
    std::vector<std::string> rows;
    for (const auto* s : evidence(v)) rows.push_back(cite(*s));
    csv.text(joined(rows));
    csv.text(near_sentence(found.query, v, found.officers[i], roster_given, pings, names, zone));
    csv.end_row();
  }
  return out;
}

}  // namespace shiftline::report
