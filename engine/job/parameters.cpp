#include "shiftline/job/parameters.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "core/text_internal.hpp"
#include "job/job_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/job/job.hpp"
#include "shiftline/report/csv_writer.hpp"

namespace shiftline {

std::string_view name(Command c) noexcept {
  switch (c) {
    case Command::dwells: return "dwells";
    case Command::analyse: return "analyse";
    case Command::verify: return "verify";
    case Command::near: return "near";
  }
  return "unknown";
}

std::optional<Command> command_named(std::string_view text) noexcept {
  for (const Command c : {Command::dwells, Command::analyse, Command::verify, Command::near})
    if (name(c) == text) return c;
  return std::nullopt;
}

namespace {

// The tables --map can rename fields of, and the outputs --formats can choose.
constexpr std::array<std::string_view, 7> kTables{"pings", "shifts", "assignments", "places", "incidents", "events",
                                                  "claims"};
constexpr std::array<std::string_view, 5> kFormats{"geojson", "gpkg", "html", "i2", "kml"};

// Durations that move instants: at most 100 years, so that no instant arithmetic can overflow.
constexpr double kCenturySeconds = 100 * 365.2425 * 86'400;
// Speeds: 100,000 km/h is beyond anything with a vehicle tracker (a satellite in low orbit does
// 28,000 km/h); a larger bound only disables the check it tunes.
constexpr double kMaxSpeedKmh = 100'000;
// Worker threads: a bound that stops `--threads 99999999` asking the OS for that many threads.
constexpr double kMaxThreads = 1024;

[[noreturn]] void refuse(const ParameterSpec& s, std::string_view text, const std::string& why) {
  throw UsageError(s.flag() + " '" + std::string(text) + "': " + why);
}

std::string number_text(double v) {
  std::string s = report::format_fixed(v, 3);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

// "> 0 and <= 1000000 m^2/s^3": the accepted range as messages and docs/cli.md say it. Every
// number of the table has both bounds (a test checks it), so that a value beyond any meaning
// (1e200, or a speed limit of 1e300 km/h that disables cleaning) is refused, not computed with.
std::string range_text(const ParameterSpec& s) {
  if (!s.range.empty()) return std::string(s.range);
  if (s.min <= -1e308 && s.max >= 1e308) return "-";
  const std::string unit = s.unit.empty() ? "" : " " + std::string(s.unit);
  std::string text = (s.min_exclusive ? "> " : ">= ") + number_text(s.min) + " and <= " + number_text(s.max) + unit;
  if (s.unit == "s" && s.max == kCenturySeconds) text += " (100 years)";
  return text;
}

namespace {

void check_range(const ParameterSpec& s, double v, std::string_view text) {
  if (!std::isfinite(v)) refuse(s, text, "not a finite number; must be " + range_text(s));
  if (v < s.min || (s.min_exclusive && v <= s.min) || v > s.max) refuse(s, text, "must be " + range_text(s));
}

double number(const ParameterSpec& s, std::string_view text) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size()) refuse(s, text, "not a number");
  check_range(s, v, text);
  return v;
}

Millis duration(const ParameterSpec& s, std::string_view text) {
  const auto d = parse_duration(text);
  if (!d) refuse(s, text, "not a duration (90, 90s, 15min, 2h, 7d)");
  check_range(s, std::chrono::duration<double>(*d).count(), text);
  return *d;
}

std::string seconds_text(Millis d) { return format_seconds(d) + "s"; }
std::string fixed(double v) { return report::format_fixed(v, 3); }
std::string truth(bool b) { return b ? "true" : "false"; }

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : std::string(separator)) + i;
  return s;
}

// Field accessors by pointer to member: one template per field type, instantiated per parameter.
template <auto M>
void set_metres(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.*M = Meters{number(s, t)};
}
template <auto M>
std::string get_metres(const Job& j) {
  return fixed((j.params.*M).value);
}
template <auto M>
void check_metres(const ParameterSpec& s, const Job& j) {
  check_range(s, (j.params.*M).value, fixed((j.params.*M).value));
}

template <auto M>
void set_number(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.*M = number(s, t);
}
template <auto M>
std::string get_number(const Job& j) {
  return fixed(j.params.*M);
}
template <auto M>
void check_number(const ParameterSpec& s, const Job& j) {
  check_range(s, j.params.*M, fixed(j.params.*M));
}

template <auto M>
void set_duration(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.*M = duration(s, t);
}
template <auto M>
std::string get_duration(const Job& j) {
  return seconds_text(j.params.*M);
}
template <auto M>
void check_duration(const ParameterSpec& s, const Job& j) {
  check_range(s, std::chrono::duration<double>(j.params.*M).count(), seconds_text(j.params.*M));
}

template <auto M>
void set_flag(const ParameterSpec&, std::string_view, Job& j) {
  j.params.*M = true;
}
template <auto M>
std::string get_flag(const Job& j) {
  return truth(j.params.*M);
}

template <auto M>
void set_text(const ParameterSpec&, std::string_view t, Job& j) {
  j.params.*M = std::string(t);
}
template <auto M>
std::string get_text(const Job& j) {
  return j.params.*M;
}

// Inputs and controls live in Job itself.
template <auto M>
void set_job_text(const ParameterSpec&, std::string_view t, Job& j) {
  j.*M = std::string(t);
}
template <auto M>
std::string get_job_text(const Job& j) {
  return j.*M;
}
template <auto M>
void set_job_flag(const ParameterSpec&, std::string_view, Job& j) {
  j.*M = true;
}
template <auto M>
std::string get_job_flag(const Job& j) {
  return truth(j.*M);
}

// Choices: the names, in enum order.
template <class E, std::size_t N>
E choice(const ParameterSpec& s, std::string_view t, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == t) return static_cast<E>(i);
  std::string all;
  for (const auto n : names) all += (all.empty() ? "" : ", ") + std::string(n);
  refuse(s, t, "expected one of " + all);
}

constexpr std::array<std::string_view, 3> kTimeFormats{"iso8601", "epoch-s", "epoch-ms"};
constexpr std::array<std::string_view, 3> kAmbiguous{"reject", "earliest", "latest"};
constexpr std::array<std::string_view, 4> kDateOrders{"none", "dmy", "mdy", "ymd"};
constexpr std::array<std::string_view, 2> kDwellMethods{"stay-point", "diameter"};
constexpr std::array<std::string_view, 2> kIncidentMatch{"assigned", "any-unit"};

// --- the parameters whose text or manifest value needs more than a field --------------------

void set_pings(const ParameterSpec&, std::string_view t, Job& j) { j.pings.emplace_back(t); }
std::string get_pings(const Job& j) { return joined(j.pings, ";"); }

void set_map(const ParameterSpec& s, std::string_view t, Job& j) {
  const auto eq = t.find('=');
  const auto dot = t.find('.');
  const std::string_view table = dot == std::string_view::npos ? std::string_view{} : t.substr(0, dot);
  const bool known = std::find(kTables.begin(), kTables.end(), table) != kTables.end();
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot > eq || !known || dot + 1 == eq ||
      eq + 1 == t.size())
    refuse(s, t, "expected TABLE.FIELD=COLUMN with TABLE one of pings, shifts, assignments, places, incidents, "
                 "events, claims");
  // A field the table does not have would be read by nobody: the column meant for it is silently
  // ignored (a typo, `pings.timestmap=...`, leaves the default column in use).
  const std::string field(t.substr(dot + 1, eq - dot - 1));
  const std::vector<std::string> fields = ingest::mappable_fields(table);
  if (std::find(fields.begin(), fields.end(), field) == fields.end())
    refuse(s, t, std::string(table) + " has no field '" + field + "' (known: " + joined(fields, ", ") + ")");
  // Two columns for one field: keeping either (the last, as a map would) reads the other field's
  // values without a word, e.g. longitudes as latitudes.
  const std::string prefix = std::string(t.substr(0, eq + 1));
  for (const std::string& given : j.params.map)
    if (given.starts_with(prefix))
      refuse(s, t, "a second --map for " + std::string(t.substr(0, eq)) + " (the first was " + given + ")");
  j.params.map.emplace_back(t);
}
std::string get_map(const Job& j) {
  const std::set<std::string> sorted(j.params.map.begin(), j.params.map.end());
  return joined({sorted.begin(), sorted.end()}, ";");
}

// --crs CRS (every table's x,y) or --crs TABLE=CRS (one table's). A CRS text may hold '=' itself
// (a PROJ string), so TABLE= is only taken as such when TABLE names a table.
void set_crs(const ParameterSpec& s, std::string_view t, Job& j) {
  const auto eq = t.find('=');
  const std::string_view table = eq == std::string_view::npos ? std::string_view{} : t.substr(0, eq);
  if (std::find(kTables.begin(), kTables.end(), table) != kTables.end()) {
    if (table == "shifts" || table == "assignments" || table == "events")
      refuse(s, t, std::string(table) + " has no positions; TABLE is one of pings, places, incidents, claims");
    if (eq + 1 == t.size()) refuse(s, t, "expected TABLE=CRS, e.g. places=EPSG:27700");
    if (!j.params.crs_by_table.emplace(std::string(table), std::string(t.substr(eq + 1))).second)
      refuse(s, t, "a second CRS for " + std::string(table));
    return;
  }
  if (!j.params.crs.empty()) refuse(s, t, "a second CRS for every table (the first was " + j.params.crs + ")");
  j.params.crs = std::string(t);
}
std::string get_crs(const Job& j) {
  std::string text = j.params.crs.empty() ? "EPSG:4326 (lat,lon)" : j.params.crs;
  for (const auto& [table, crs] : j.params.crs_by_table) text += ";" + table + "=" + crs;
  return text;
}

void set_time_format(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.time_format = choice<ingest::TimeFormat>(s, t, kTimeFormats);
}
std::string get_time_format(const Job& j) {
  return std::string(kTimeFormats.at(static_cast<std::size_t>(j.params.time_format)));
}

void check_zone_name(const ParameterSpec& s, std::string_view t) {
  if (!find_zone(t)) refuse(s, t, "unknown time zone (use an IANA name such as Europe/London)");
}
void set_tz(const ParameterSpec& s, std::string_view t, Job& j) {
  check_zone_name(s, t);
  j.params.tz = std::string(t);
}
std::string get_tz(const Job& j) {
  const TimeZone* zone = j.params.tz.empty() ? nullptr : find_zone(j.params.tz);
  return zone ? std::string(zone->name()) : j.params.tz;
}
void check_tz(const ParameterSpec& s, const Job& j) {
  if (!j.params.tz.empty()) check_zone_name(s, j.params.tz);
}

void set_ambiguous(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.ambiguous = choice<AmbiguityPolicy>(s, t, kAmbiguous);
}
std::string get_ambiguous(const Job& j) {
  return std::string(kAmbiguous.at(static_cast<std::size_t>(j.params.ambiguous)));
}

void set_date_order(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.date_order = choice<ingest::DateOrder>(s, t, kDateOrders);
}
std::string get_date_order(const Job& j) {
  return std::string(kDateOrders.at(static_cast<std::size_t>(j.params.date_order)));
}

void set_time_window(const ParameterSpec& s, std::string_view t, Job& j) {
  if (t.find('/') == std::string_view::npos) refuse(s, t, "expected START/END");
  j.params.time_window = std::string(t);
}
std::string get_time_window(const Job& j) {
  // The window as resolved (naive times need --tz), as the run uses it.
  const auto [start, end] = job_internal::time_window(j);
  return format_utc(start) + "/" + format_utc(end);
}
void check_time_window(const ParameterSpec&, const Job& j) { (void)job_internal::time_window(j); }

void set_delimiter(const ParameterSpec& s, std::string_view t, Job& j) {
  if (t.size() != 1 && t != "\\t" && t != "tab") refuse(s, t, "one character (or \\t, tab)");
  j.params.csv_delimiter = std::string(t);
}
std::string get_delimiter(const Job& j) {
  const std::string& d = j.params.csv_delimiter;
  if (d.empty()) return "auto";
  return d.size() == 1 ? d : std::string("\t");
}

void set_dwell_method(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.dwell_method = choice<dwell::Method>(s, t, kDwellMethods);
}
std::string get_dwell_method(const Job& j) {
  return std::string(kDwellMethods.at(static_cast<std::size_t>(j.params.dwell_method)));
}

// --max-rejected: "N" rows (a whole number) or "P%" of rows read (0 to 100); a NaN would compare
// false with every count and silently disable the limit.
void check_reject_limit_text(const ParameterSpec& s, std::string_view t) {
  const bool percent = !t.empty() && t.back() == '%';
  const std::string_view n = percent ? t.substr(0, t.size() - 1) : t;
  double v = 0.0;
  const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
  const bool in_range = std::isfinite(v) && v >= 0 && (percent ? v <= 100 : v == std::floor(v) && v <= 1e15);
  if (n.empty() || ec != std::errc{} || end != n.data() + n.size() || !in_range)
    refuse(s, t, "expected " + range_text(s));
}
void set_max_rejected(const ParameterSpec& s, std::string_view t, Job& j) {
  check_reject_limit_text(s, t);
  j.params.max_rejected = std::string(t);
}
std::string get_max_rejected(const Job& j) { return j.params.max_rejected.empty() ? "none" : j.params.max_rejected; }
void check_max_rejected(const ParameterSpec& s, const Job& j) {
  if (!j.params.max_rejected.empty()) check_reject_limit_text(s, j.params.max_rejected);
}

void set_incident_match(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.incident_match_any_unit = choice<std::uint8_t>(s, t, kIncidentMatch) == 1;
}
std::string get_incident_match(const Job& j) {
  return std::string(kIncidentMatch[j.params.incident_match_any_unit ? 1 : 0]);
}

// Comma-separated, trimmed (event kinds are read trimmed, so the names given here are too).
std::vector<std::string> comma_list(std::string_view t) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos <= t.size();) {
    const auto comma = std::min(t.find(',', pos), t.size());
    const std::string_view item = trim(t.substr(pos, comma - pos), " \t");
    if (!item.empty()) out.emplace_back(item);
    pos = comma + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void set_lookup_kinds(const ParameterSpec& s, std::string_view t, Job& j) {
  auto kinds = comma_list(t);
  if (kinds.empty()) refuse(s, t, "name at least one event kind");
  j.params.lookup_kinds = std::move(kinds);
}
std::string get_lookup_kinds(const Job& j) { return joined(j.params.lookup_kinds, ","); }
void check_lookup_kinds(const ParameterSpec& s, const Job& j) {
  if (j.params.lookup_kinds.empty()) refuse(s, "", "name at least one event kind");
}

void set_formats(const ParameterSpec& s, std::string_view t, Job& j) {
  std::set<std::string> out;
  for (const auto& item : comma_list(t)) {
    if (item == "all") out.insert(kFormats.begin(), kFormats.end());
    else if (item == "none") continue;
    else if (std::find(kFormats.begin(), kFormats.end(), item) != kFormats.end()) out.insert(item);
    else refuse(s, t, "unknown format '" + item + "' (known: geojson, gpkg, html, i2, kml, all, none)");
  }
  j.params.formats.assign(out.begin(), out.end());
}
std::string get_formats(const Job& j) { return joined(j.params.formats, ","); }
void check_formats(const ParameterSpec& s, const Job& j) {
  for (const auto& f : j.params.formats)
    if (std::find(kFormats.begin(), kFormats.end(), f) == kFormats.end()) refuse(s, f, "unknown format");
}

void set_basemap(const ParameterSpec&, std::string_view t, Job& j) { j.basemap = std::string(t); }
std::string get_basemap(const Job& j) { return j.basemap.empty() ? "none" : j.basemap; }

constexpr std::array<std::string_view, 2> kOnOff{"off", "on"};
void set_robustness(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.robustness = choice<std::uint8_t>(s, t, kOnOff) == 1;
}
std::string get_robustness(const Job& j) { return std::string(kOnOff[j.params.robustness ? 1 : 0]); }
void set_track_steps(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.track_steps = choice<std::uint8_t>(s, t, kOnOff) == 1;
}
std::string get_track_steps(const Job& j) { return std::string(kOnOff[j.params.track_steps ? 1 : 0]); }

void set_reach_speed(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.reach_speed = Speed::from_kmh(number(s, t));
}
std::string get_reach_speed(const Job& j) { return fixed(j.params.reach_speed.kmh()); }
void check_reach_speed(const ParameterSpec& s, const Job& j) {
  check_range(s, j.params.reach_speed.kmh(), fixed(j.params.reach_speed.kmh()));
}

void set_position_margin(const ParameterSpec& s, std::string_view t, Job& j) {
  j.params.position_margin = Meters{number(s, t)};
}
std::string get_position_margin(const Job& j) {
  if (j.params.position_margin) return fixed(j.params.position_margin->value);
  return "each ping's accuracy_m, else " + fixed(verify::VerifyConfig{}.fallback_margin.value);
}
void check_position_margin(const ParameterSpec& s, const Job& j) {
  if (j.params.position_margin) check_range(s, j.params.position_margin->value, fixed(j.params.position_margin->value));
}

void set_threads(const ParameterSpec& s, std::string_view t, Job& j) {
  unsigned v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc{} || end != t.data() + t.size()) refuse(s, t, "a whole number, " + range_text(s) + " (0: all cores)");
  check_range(s, v, t);
  j.threads = v;
}
void check_threads(const ParameterSpec& s, const Job& j) { check_range(s, j.threads, std::to_string(j.threads)); }
std::string get_threads(const Job& j) { return j.threads == 0 ? "all cores" : std::to_string(j.threads); }

// --nearest-incident-within M,D: metres, then a duration, e.g. 1000,2h.
void set_nearest_incident(const ParameterSpec& s, std::string_view t, Job& j) {
  const auto comma = t.find(',');
  if (comma == std::string_view::npos) refuse(s, t, "expected M,D: metres and a duration, e.g. 1000,2h");
  const std::string_view m = trim(t.substr(0, comma), " \t"), d = trim(t.substr(comma + 1), " \t");
  double metres = 0.0;
  const auto [end, ec] = std::from_chars(m.data(), m.data() + m.size(), metres);
  if (m.empty() || ec != std::errc{} || end != m.data() + m.size() || !std::isfinite(metres) || metres < 0 ||
      metres > 1e7)
    refuse(s, t, "the distance must be metres, >= 0 and <= 10000000");
  const auto time = parse_duration(d);
  if (!time || *time < Millis{0} || std::chrono::duration<double>(*time).count() > kCenturySeconds)
    refuse(s, t, "the time must be a duration (90, 90s, 15min, 2h, 7d), >= 0 and <= 100 years");
  j.params.nearest_incident_within = Meters{metres};
  j.params.nearest_incident_time = *time;
}
std::string get_nearest_incident(const Job& j) {
  return fixed(j.params.nearest_incident_within.value) + "," + seconds_text(j.params.nearest_incident_time);
}
void check_nearest_incident(const ParameterSpec& s, const Job& j) {
  const double metres = j.params.nearest_incident_within.value;
  const double seconds = std::chrono::duration<double>(j.params.nearest_incident_time).count();
  if (!std::isfinite(metres) || metres < 0 || metres > 1e7 || seconds < 0 || seconds > kCenturySeconds)
    refuse(s, get_nearest_incident(j), "must be " + range_text(s));
}

// Whole numbers (counts), range-checked.
template <auto M>
void set_count(const ParameterSpec& s, std::string_view t, Job& j) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc{} || end != t.data() + t.size()) refuse(s, t, "a whole number, " + range_text(s));
  check_range(s, static_cast<double>(v), t);
  j.params.*M = v;
}
template <auto M>
std::string get_count(const Job& j) {
  return std::to_string(j.params.*M);
}
template <auto M>
void check_count(const ParameterSpec& s, const Job& j) {
  check_range(s, static_cast<double>(j.params.*M), std::to_string(j.params.*M));
}

// --at LAT,LON: decimal degrees, WGS84, range-checked as every input position is (core/geo.hpp).
void set_near_at(const ParameterSpec& s, std::string_view t, Job& j) {
  const auto comma = t.find(',');
  if (comma == std::string_view::npos) refuse(s, t, "expected LAT,LON in decimal degrees (WGS84)");
  const auto read = [&](std::string_view part, double& v) {
    part = trim(part, " \t");
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    return !part.empty() && ec == std::errc{} && end == part.data() + part.size();
  };
  RawLatLon raw;
  if (!read(t.substr(0, comma), raw.lat) || !read(t.substr(comma + 1), raw.lon))
    refuse(s, t, "expected LAT,LON in decimal degrees (WGS84)");
  switch (check(raw)) {
    case CoordinateProblem::none: break;
    case CoordinateProblem::not_finite: refuse(s, t, "not a finite position");
    case CoordinateProblem::out_of_range: refuse(s, t, "latitude must be in [-90, 90] and longitude in [-180, 180]");
    case CoordinateProblem::null_island: refuse(s, t, "0,0 is what receivers without a fix report, not a place");
  }
  j.params.near_at = LatLon::from_degrees(raw.lat, raw.lon);
}
std::string get_near_at(const Job& j) {
  if (!j.params.near_at) return "";
  return report::format_fixed(j.params.near_at->lat, 7) + "," + report::format_fixed(j.params.near_at->lon, 7);
}

// --- scope (docs/scope.md) ----------------------------------------------------------------------

// --officer and --vehicle: repeatable, and each value may list ids separated by commas; kept sorted
// and unique, so that the order given changes nothing.
void add_ids(const ParameterSpec& s, std::string_view t, std::vector<std::string>& ids) {
  const std::vector<std::string> items = comma_list(t);
  if (items.empty()) refuse(s, t, "name at least one id");
  ids.insert(ids.end(), items.begin(), items.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}
void set_officer(const ParameterSpec& s, std::string_view t, Job& j) { add_ids(s, t, j.params.officers); }
std::string get_officer(const Job& j) { return joined(j.params.officers, ","); }
void set_vehicle(const ParameterSpec& s, std::string_view t, Job& j) { add_ids(s, t, j.params.vehicles); }
std::string get_vehicle(const Job& j) { return joined(j.params.vehicles, ","); }

// --from and --to: kept as given, resolved (naive times in --tz) when read, as --time-window. One
// pair of flags for two uses: the scope of dwells/analyse/verify (docs/scope.md: [from, to), each
// end open when not given) and the search window of near (docs/near.md: [from, to], both needed).
template <auto M>
void set_instant_text(const ParameterSpec&, std::string_view t, Job& j) {
  j.params.*M = std::string(t);
}
template <auto M>
std::string get_instant_text(const Job& j) {
  if ((j.params.*M).empty()) return "open";
  return format_utc(job_internal::instant_parameter(M == &Params::from ? "--from" : "--to", j.params.*M, j));
}
void check_from_to(const ParameterSpec& s, const Job& j) {
  if (j.command == Command::near && (s.name == "from" ? j.params.from : j.params.to).empty())
    throw UsageError(s.flag() + " is required for `near`");
  const auto from = job_internal::scope_instant(j, "from"), to = job_internal::scope_instant(j, "to");
  if (from && to && *to <= *from)
    throw UsageError("--to '" + j.params.to + "' must be after --from '" + j.params.from + "'");
}

// --- the table ----------------------------------------------------------------------------------

using K = ParameterKind;
constexpr CommandSet kAll = kDwellsAnalyseVerify;  // the run commands that detect dwells

#define SHIFTLINE_METRES(member) &set_metres<member>, &get_metres<member>, &check_metres<member>
#define SHIFTLINE_NUMBER(member) &set_number<member>, &get_number<member>, &check_number<member>
#define SHIFTLINE_DURATION(member) &set_duration<member>, &get_duration<member>, &check_duration<member>
#define SHIFTLINE_FLAG(member) &set_flag<member>, &get_flag<member>, nullptr
#define SHIFTLINE_TEXT(member) &set_text<member>, &get_text<member>, nullptr
#define SHIFTLINE_INPUT(member) &set_job_text<member>, &get_job_text<member>, nullptr

const std::array kTable = {
    // Inputs.
    ParameterSpec{"pings", "FILE...", "", "ping inputs, repeatable; CSV natively, anything else through GDAL",
                  kReading, kReading, K::input, &set_pings, &get_pings, nullptr},
    ParameterSpec{"shifts", "FILE", "",
                  "duty shifts: officer_id,start,end[,shift_id,vehicle_id,callsign]; verify needs them for claims "
                  "about officers",
                  kAnalyseVerifyNear, kAnalyse, K::input, SHIFTLINE_INPUT(&Job::shifts)},
    ParameterSpec{"assignments", "FILE", "",
                  "officer in a vehicle over [start, end): officer_id,vehicle_id,start,end; overrides the shift's "
                  "vehicle_id there",
                  kAnalyseVerifyNear, kNone, K::input, SHIFTLINE_INPUT(&Job::assignments)},
    ParameterSpec{"places", "FILE", "",
                  "places: place_id and lat,lon, or x,y with --crs, or wkt; optional label, radius_m, kind "
                  "(address or base)",
                  kAnalyseVerifyNear, kNone, K::input, SHIFTLINE_INPUT(&Job::places)},
    ParameterSpec{"incidents", "FILE", "",
                  "incidents: incident_id,opened and lat,lon, x,y or place_id; optional closed, radius_m, type, units "
                  "vehicle_id, officer_id, callsign",
                  kAnalyse, kNone, K::input, SHIFTLINE_INPUT(&Job::incidents)},
    ParameterSpec{"events", "FILE", "",
                  "records-system events: timestamp,officer_id,kind; optional subject, place_id, detail", kAnalyse,
                  kNone, K::input, SHIFTLINE_INPUT(&Job::events)},
    ParameterSpec{"claims", "FILE", "",
                  "claims: claim_id; vehicle_id or officer_id; place_id or a position (lat,lon, x,y with --crs, wkt) "
                  "with optional radius_m; start,end; assertion present or absent; optional note (docs/verify.md)",
                  kAnalyseVerify, kVerify, K::input, SHIFTLINE_INPUT(&Job::claims)},
    // Reading.
    ParameterSpec{"map", "TABLE.FIELD=COLUMN", "",
                  "read FIELD of TABLE from COLUMN (repeatable); TABLE is pings (dwells), or also shifts, "
                  "assignments, places, incidents, events or claims (analyse, verify)",
                  kReading, kNone, K::list, &set_map, &get_map, nullptr},
    ParameterSpec{"crs", "[TABLE=]CODE", "",
                  "x,y columns are in CODE (e.g. EPSG:27700), transformed to WGS84 with PROJ; TABLE=CODE for one "
                  "table only (pings, places, incidents, claims; repeatable); lat,lon columns are always WGS84",
                  kReading, kNone, K::list, &set_crs, &get_crs, nullptr},
    ParameterSpec{"time-format", "F", "", "iso8601, epoch-s (optionally .sss) or epoch-ms", kReading, kNone, K::value,
                  &set_time_format, &get_time_format, nullptr},
    ParameterSpec{"tz", "ZONE", "",
                  "IANA zone: reads naive input times, and writes *_local columns with their UTC offset", kReading, kNone,
                  K::value, &set_tz, &get_tz, &check_tz},
    ParameterSpec{"ambiguous", "P", "", "repeated local hour at the autumn change: reject, earliest or latest", kReading,
                  kNone, K::value, &set_ambiguous, &get_ambiguous, nullptr},
    ParameterSpec{"date-order", "O", "",
                  "numeric dates that are not ISO 8601 (21/10/2024 07:00): dmy, mdy or ymd; none: rejected "
                  "(ambiguous_date), never guessed",
                  kReading, kNone, K::value, &set_date_order, &get_date_order, nullptr},
    ParameterSpec{"time-window", "START/END", "", "plausible times (ISO 8601); times outside are rejected", kReading,
                  kNone, K::value, &set_time_window, &get_time_window, &check_time_window, -1e308, 1e308, false,
                  "START < END, both in [1800-01-01T00:00:00Z, 9999-01-01T00:00:00Z) (docs/time.md)"},
    ParameterSpec{"csv-delimiter", "C", "", "CSV delimiter; auto: one of , ; TAB | detected from each header", kReading,
                  kNone, K::value, &set_delimiter, &get_delimiter, nullptr},
    ParameterSpec{"default-vehicle", "ID", "", "vehicle id for inputs with no vehicle column (a GPX file of one car)",
                  kReading, kNone, K::value, SHIFTLINE_TEXT(&Params::default_vehicle)},
    ParameterSpec{"layer", "NAME", "", "OGR layer to read (empty: track_points if present, else the first with features)",
                  kReading, kNone, K::value, SHIFTLINE_TEXT(&Params::layer)},
    // Cleaning, smoothing, gaps and dwells.
    ParameterSpec{"gap", "D", "s", "a silence strictly longer than this is a gap", kReading, kNone, K::value,
                  SHIFTLINE_DURATION(&Params::gap), 0.0, kCenturySeconds, true},
    ParameterSpec{"max-speed-kmh", "V", "km/h", "speed-spike threshold", kReading, kNone, K::value,
                  SHIFTLINE_NUMBER(&Params::max_speed_kmh), 0.0, kMaxSpeedKmh, true},
    ParameterSpec{"no-rollover-check", "", "", "keep times that look like a GPS week rollover", kReading, kNone, K::flag,
                  SHIFTLINE_FLAG(&Params::no_rollover_check)},
    ParameterSpec{"smooth", "", "", "Kalman/RTS smoothing of positions before dwell detection", kReading, kNone, K::flag,
                  SHIFTLINE_FLAG(&Params::smooth)},
    ParameterSpec{"smooth-accuracy-m", "M", "m", "fix standard deviation when a ping has no accuracy_m", kReading, kNone,
                  K::value, SHIFTLINE_METRES(&Params::smooth_accuracy), 0.0, 1e7, true},
    ParameterSpec{"smooth-accel", "Q", "m^2/s^3", "white-noise acceleration spectral density of the smoother", kReading,
                  kNone, K::value, SHIFTLINE_NUMBER(&Params::smooth_accel), 0.0, 1e6, true},
    ParameterSpec{"dwell-method", "M", "", "stay-point or diameter (docs/dwells.md)", kAll, kNone, K::value,
                  &set_dwell_method, &get_dwell_method, nullptr},
    ParameterSpec{"dwell-radius", "M", "m", "stay-point radius", kAll, kNone, K::value,
                  SHIFTLINE_METRES(&Params::dwell_radius), 0.0, 1e7, true},
    ParameterSpec{"min-dwell", "D", "s", "shortest dwell, inclusive", kAll, kNone, K::value,
                  SHIFTLINE_DURATION(&Params::min_dwell), 0.0, kCenturySeconds},
    ParameterSpec{"max-diameter", "M", "m", "diameter method: the stop's largest diameter", kAll, kNone, K::value,
                  SHIFTLINE_METRES(&Params::max_diameter), 0.0, 1e7, true},
    ParameterSpec{"max-bridge", "D", "s", "longest silence that a dwell can bridge", kAll, kNone, K::value,
                  SHIFTLINE_DURATION(&Params::max_bridge), 0.0, kCenturySeconds},
    ParameterSpec{"max-rejected", "N|P%", "",
                  "exit 3 before anything is written when more rows of any one table than N (or P% of that "
                  "table's rows) are rejected; without it, any rejected claim; a table with every row rejected "
                  "is exit 3 too",
                  kRunCommands, kNone, K::value, &set_max_rejected, &get_max_rejected, &check_max_rejected, 0.0, 1e15, false,
                  "N >= 0 rows (a whole number) or P% of the table's rows read, 0 <= P <= 100"},
    ParameterSpec{"dwell-pings", "", "", "also write dwell_pings.csv: every ping of every dwell", kAll, kNone, K::flag,
                  SHIFTLINE_FLAG(&Params::dwell_pings)},
    // analyse.
    ParameterSpec{"place-radius", "M", "m",
                  "radius of a point place (or claimed position) without radius_m; polygon places default to 0",
                  kAnalyseVerify, kNone, K::value, SHIFTLINE_METRES(&Params::place_radius), 0.0, 1e7},
    ParameterSpec{"incident-radius", "M", "m",
                  "radius of an incident without radius_m; the dwell's own radius_m is added", kAnalyse, kNone,
                  K::value, SHIFTLINE_METRES(&Params::incident_radius), 0.0, 1e7},
    ParameterSpec{"incident-default-length", "D", "s", "an incident without closed closes this long after opened",
                  kAnalyse, kNone, K::value, SHIFTLINE_DURATION(&Params::incident_default_length), 0.0, kCenturySeconds},
    ParameterSpec{"incident-before", "D", "s", "an incident explains dwells from this long before opened ...",
                  kAnalyse, kNone, K::value, SHIFTLINE_DURATION(&Params::incident_before), 0.0, kCenturySeconds},
    ParameterSpec{"incident-after", "D", "s", "... until this long after closed (both ends inclusive)", kAnalyse,
                  kNone, K::value, SHIFTLINE_DURATION(&Params::incident_after), 0.0, kCenturySeconds},
    ParameterSpec{"incident-match", "M", "",
                  "assigned: an incident that names units explains only dwells of those units (vehicle, on-duty "
                  "officer or callsign), and only naming makes an officer an attender; any-unit: any vehicle's dwell "
                  "near it in space and time, and officers on duty in a vehicle that stayed in its area (not at a "
                  "base) while it was open attended it too",
                  kAnalyse, kNone, K::value, &set_incident_match, &get_incident_match, nullptr},
    ParameterSpec{"lookup-kinds", "K,K...", "",
                  "event kinds that count as records look-ups, comma-separated, exact (case-sensitive)", kAnalyse,
                  kNone, K::value, &set_lookup_kinds, &get_lookup_kinds, &check_lookup_kinds},
    ParameterSpec{"lookup-window", "D", "s", "a look-up at most this long before the officer's visit start flags the visit",
                  kAnalyse, kNone, K::value, SHIFTLINE_DURATION(&Params::lookup_window), 0.0, kCenturySeconds},
    ParameterSpec{"revisit-within", "D", "s",
                  "a revisit is flagged against an officer who attended the incident only this long after it closed, "
                  "at most (inclusive); older ones are said as context",
                  kAnalyse, kNone, K::value, SHIFTLINE_DURATION(&Params::revisit_within), 0.0, kCenturySeconds},
    ParameterSpec{"min-duty-overlap", "D", "s",
                  "a flag against an officer needs at least this much of their on-duty time in the visit that no "
                  "incident explains; less is said as context; also the least time of a listed_address_visit or "
                  "off_duty_use finding (docs/findings.md)",
                  kAnalyse, kNone, K::value, SHIFTLINE_DURATION(&Params::min_duty_overlap), 0.0, kCenturySeconds},
    ParameterSpec{"nearest-incident-within", "M,D", "",
                  "dwells.csv names a dwell's nearest incident only when its area is within M metres of the dwell's "
                  "centre and its open time within D of the dwell (e.g. 1000,2h)",
                  kAnalyse, kNone, K::value, &set_nearest_incident, &get_nearest_incident, &check_nearest_incident,
                  -1e308, 1e308, false, "0 <= M <= 10000000 m, 0 <= D <= 100 years"},
    // Recurring spots (docs/findings.md).
    ParameterSpec{"spot-radius", "M", "m",
                  "an officer's unexplained and off-duty dwells within this distance of a spot's leading dwell "
                  "form one spot (recurring.csv)",
                  kAnalyse, kNone, K::value, SHIFTLINE_METRES(&Params::spot_radius), 0.0, 1e7},
    ParameterSpec{"spot-min-visits", "N", "", "a spot visited on at least this many distinct shifts is recurring",
                  kAnalyse, kNone, K::value, &set_count<&Params::spot_min_visits>,
                  &get_count<&Params::spot_min_visits>, &check_count<&Params::spot_min_visits>, 1.0, 1e9},
    ParameterSpec{"shared-spot-officers", "N", "",
                  "a spot where at least this many officers (its own included) have dwells is shared (a canteen, a "
                  "lay-by)",
                  kAnalyse, kNone, K::value, &set_count<&Params::shared_spot_officers>,
                  &get_count<&Params::shared_spot_officers>, &check_count<&Params::shared_spot_officers>, 1.0, 1e9},
    ParameterSpec{"long-dwell", "D", "s",
                  "an officer's unexplained time in one dwell this long or longer is a long_unexplained finding "
                  "(docs/findings.md)",
                  kAnalyse, kNone, K::value, SHIFTLINE_DURATION(&Params::long_dwell), 0.0, kCenturySeconds},
    ParameterSpec{"formats", "LIST", "",
                  "outputs beyond the CSV tables, comma-separated: gpkg (report.gpkg), geojson (report.geojson and "
                  "geojson/LAYER.geojson), kml (report.kml and report.kmz), i2 (timeline_i2.csv), html (report.html); "
                  "all or none",
                  kAnalyse, kNone, K::value, &set_formats, &get_formats, &check_formats},
    ParameterSpec{"basemap", "FILE", "",
                  "a raster GDAL reads with a CRS, drawn under report.html's map (needs html in --formats); hashed "
                  "and listed among the inputs",
                  kAnalyse, kNone, K::input, &set_basemap, &get_basemap, nullptr},
    // Off by default: it is a feature per ping, as many again as the pings layer.
    ParameterSpec{"track-steps", "on|off", "",
                  "on: report.gpkg gets a track_steps layer, a line per step between pings with its start and end "
                  "(for a moving-dot animation; needs gpkg in --formats)",
                  kAnalyse, kNone, K::value, &set_track_steps, &get_track_steps, nullptr},
    ParameterSpec{"robustness", "on|off", "",
                  "on: each finding is found again with every grid parameter at each end of its range, or says where "
                  "it is lost (docs/findings.md, \"Robustness\"); off: not assessed",
                  kAnalyse, kNone, K::value, &set_robustness, &get_robustness, nullptr},
    // verify, and analyse --claims.
    ParameterSpec{"reach-speed-kmh", "V", "km/h",
                  "least speed bound between pings, over straight-line distance (the space-time prism); raised per "
                  "vehicle to the fastest it was seen to move",
                  kAnalyseVerifyNear, kNone, K::value, &set_reach_speed, &get_reach_speed, &check_reach_speed, 0.0,
                  kMaxSpeedKmh, true},
    ParameterSpec{"position-margin", "M", "m",
                  "a ping's position uncertainty: inside when distance + margin <= radius, outside when distance - "
                  "margin > radius, else uncertain",
                  kAnalyseVerifyNear, kNone, K::value, &set_position_margin, &get_position_margin, &check_position_margin,
                  0.0, 1e7},
    ParameterSpec{"min-visit", "D", "s", "a possible stay shorter than this does not keep an absence claim open",
                  kAnalyseVerify, kNone, K::value, SHIFTLINE_DURATION(&Params::min_visit), 0.0, kCenturySeconds},
    ParameterSpec{"presence-tolerance", "D", "s",
                  "the longest possible absence from the place that still lets a presence claim be supported",
                  kAnalyseVerify, kNone, K::value, SHIFTLINE_DURATION(&Params::presence_tolerance), 0.0,
                  kCenturySeconds},
    ParameterSpec{"roster-tolerance", "D", "s",
                  "either side of an instant at which the roster moves an officer between vehicles, the officer may "
                  "be in either: that time decides nothing by itself",
                  kAnalyseVerify, kNone, K::value, SHIFTLINE_DURATION(&Params::roster_tolerance), 0.0,
                  kCenturySeconds},
    // near.
    ParameterSpec{"at", "LAT,LON", "",
                  "near: the point to look around, decimal degrees WGS84 (e.g. 52.6232616,-1.1144429); or --place",
                  kNear, kNone, K::value, &set_near_at, &get_near_at, nullptr},
    ParameterSpec{"place", "ID", "", "near: the place_id of a place in --places to look around; or --at", kNear, kNone,
                  K::value, SHIFTLINE_TEXT(&Params::near_place)},
    ParameterSpec{"radius", "M", "m",
                  "near: a ping is inside when its distance to the point, or to the place (0 inside its polygon), is "
                  "at most this; replaces the place's own radius_m",
                  kNear, kNone, K::value, SHIFTLINE_METRES(&Params::near_radius), 0.0, 1e7},
    // Scope (data minimisation).
    ParameterSpec{"officer", "ID", "",
                  "keep each vehicle only while this officer was in it by the roster (needs --shifts), widened by "
                  "--scope-margin; repeatable or comma-separated (united); docs/scope.md",
                  kAll, kNone, K::list, &set_officer, &get_officer, nullptr},
    ParameterSpec{"vehicle", "ID", "", "keep only this vehicle; repeatable or comma-separated (united)", kAll, kNone,
                  K::list, &set_vehicle, &get_vehicle, nullptr},
    ParameterSpec{"from", "T", "",
                  "start of the time range, inclusive (ISO 8601; naive with --tz): dwells, analyse and verify keep "
                  "only time from T (open when not given); near looks from T (required)",
                  kRunCommands, kNear, K::value, &set_instant_text<&Params::from>, &get_instant_text<&Params::from>,
                  &check_from_to},
    ParameterSpec{"to", "T", "",
                  "end of the time range: dwells, analyse and verify keep only time before T (exclusive; open when "
                  "not given); near looks up to T inclusive (required)",
                  kRunCommands, kNear, K::value, &set_instant_text<&Params::to>, &get_instant_text<&Params::to>,
                  &check_from_to},
    ParameterSpec{"scope-margin", "D", "s", "--officer: the officer's time in a vehicle is widened by this on each side",
                  kAll, kNone, K::value, SHIFTLINE_DURATION(&Params::scope_margin), 0.0, kCenturySeconds},
    // How the run is carried out.
    ParameterSpec{"threads", "N", "", "worker threads; the output never depends on it", kReading, kNone, K::control,
                  &set_threads, &get_threads, &check_threads, 0.0, kMaxThreads},
    ParameterSpec{"out", "DIR", "", "output folder, written whole or not at all (docs/outputs.md); must not exist unless --force", kRunCommands, kRunCommands, K::control,
                  SHIFTLINE_INPUT(&Job::out)},
    ParameterSpec{"force", "", "", "replace an existing output folder (an earlier run's, or empty) as a whole", kRunCommands, kNone, K::control,
                  &set_job_flag<&Job::force>, &get_job_flag<&Job::force>, nullptr},
    ParameterSpec{"quiet", "", "", "no progress line and no summary on stderr", kRunCommands, kNone, K::control,
                  &set_job_flag<&Job::quiet>, &get_job_flag<&Job::quiet>, nullptr},
};

#undef SHIFTLINE_METRES
#undef SHIFTLINE_NUMBER
#undef SHIFTLINE_DURATION
#undef SHIFTLINE_FLAG
#undef SHIFTLINE_TEXT
#undef SHIFTLINE_INPUT

}  // namespace

std::string ParameterSpec::default_text() const { return format(Job{}); }

std::span<const ParameterSpec> parameter_table() { return kTable; }

const ParameterSpec* find_parameter(std::string_view name) {
  for (const auto& s : kTable)
    if (s.name == name) return &s;
  return nullptr;
}

std::string flag_table_markdown(Command command) {
  const auto listed_before = [&](const ParameterSpec& s) {
    return command != Command::dwells && s.commands.has(Command::dwells);
  };
  std::string md = "| flag | default | range | meaning |\n|---|---|---|---|\n";
  for (const auto& s : kTable) {
    if (!s.commands.has(command) || listed_before(s)) continue;
    std::string flag = "`" + s.flag() + (s.value_name.empty() ? "" : " " + std::string(s.value_name)) + "`";
    std::string def;
    if (s.required.has(command)) def = "required";
    else if (s.kind == K::flag || (s.kind == K::control && s.value_name.empty())) def = "off";
    else if (const std::string d = s.default_text(); d.empty()) def = "-";
    else def = "`" + d + "`";
    std::string meaning(s.help);
    if (!s.unit.empty()) meaning += " (" + std::string(s.unit) + ")";
    // A table cell cannot hold a bare `|`.
    for (std::size_t at = flag.find('|'); at != std::string::npos; at = flag.find('|', at + 2)) flag.insert(at, "\\");
    for (std::size_t at = meaning.find('|'); at != std::string::npos; at = meaning.find('|', at + 2))
      meaning.insert(at, "\\");
    std::string range = range_text(s);
    for (std::size_t at = range.find('|'); at != std::string::npos; at = range.find('|', at + 2)) range.insert(at, "\\");
    md += "| " + flag + " | " + def + " | " + range + " | " + meaning + " |\n";
  }
  return md;
}

}  // namespace shiftline
