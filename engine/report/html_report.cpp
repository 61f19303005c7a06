#include "shiftline/report/html_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/proj_internal.hpp"
#include "shiftline/build_info.hpp"
#include "report/xml_text_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/basemap.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/findings_table.hpp"
#include "shiftline/report/tables.hpp"
#include "shiftline/report/timeline_svg.hpp"

namespace shiftline::report {
namespace {

// Okabe and Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
// deficiency; the same colours as the timelines and report.gpkg.
constexpr const char* kBlack = "#000000";
constexpr const char* kSkyBlue = "#56B4E9";
constexpr const char* kBluishGreen = "#009E73";
constexpr const char* kYellow = "#F0E442";
constexpr const char* kBlue = "#0072B2";
constexpr const char* kVermillion = "#D55E00";
constexpr const char* kReddishPurple = "#CC79A7";
constexpr const char* kUnknownGrey = "#999999";  ///< duty_unknown: no hue, so it reads as "no answer"
constexpr const char* kWhite = "#FFFFFF";

// ---- Text --------------------------------------------------------------------------------------

// The timelines' escaping rules (xml_text_internal.hpp), so an id escaped here equals the attribute
// text of officer_day_svg.
std::string esc(std::string_view s, bool attribute = false) { return xml_escaped(s, attribute); }

std::string attr(std::string_view s) { return esc(s, true); }

std::string joined(const std::vector<std::string>& items, const char* separator = ";") {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : separator) + i;
  return s;
}

std::string num(double v, int decimals = 1) { return format_fixed(v, decimals); }

std::string or_none(const std::string& s) { return s.empty() ? std::string("none") : s; }

// "1:02:00" (hours:minutes:seconds of elapsed time), with ".mmm" when the milliseconds are not zero.
std::string hms(Millis d) {
  const bool negative = d.count() < 0;
  const long long ms = negative ? -d.count() : d.count();
  const long long s = ms / 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%lld:%02lld:%02lld", negative ? "-" : "", s / 3600, s % 3600 / 60, s % 60);
  std::string out = buf;
  if (ms % 1000) {
    std::snprintf(buf, sizeof buf, ".%03lld", ms % 1000);
    out += buf;
  }
  return out;
}

// "2024-10-26 11:02:00 +01:00", or "... UTC" without a zone.
std::string when(const TimeZone* zone, Instant t) {
  std::string s = format_local(zone, t);
  s[10] = ' ';
  if (s.back() == 'Z') return s.substr(0, s.size() - 1) + " UTC";
  return s.insert(s.find_last_of("+-"), " ");
}

std::string zone_name(const TimeZone* zone) { return zone ? std::string(zone->name()) : std::string("UTC"); }

std::string weekday_name(std::chrono::year_month_day day) {
  static constexpr std::array<const char*, 7> kNames{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return kNames.at(std::chrono::weekday{std::chrono::sys_days{day}}.c_encoding());
}

std::string class_letter(match::DwellClass k) {
  switch (k) {
    case match::DwellClass::base: return "B";
    case match::DwellClass::incident: return "I";
    case match::DwellClass::unexplained: return "U";
    case match::DwellClass::off_duty: return "O";
    case match::DwellClass::duty_unknown: return "?";
  }
  return "O";
}

constexpr std::array<match::DwellClass, 5> kClasses{match::DwellClass::base, match::DwellClass::incident,
                                                    match::DwellClass::unexplained, match::DwellClass::off_duty,
                                                    match::DwellClass::duty_unknown};

// ---- CSV read back -------------------------------------------------------------------------------

// A CSV table as the writers of this stage produce it (RFC 4180, LF line ends).
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  [[nodiscard]] std::size_t column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw std::logic_error("report.html: the CSV table has no column " + std::string(name));
  }
};

CsvTable parse_csv(std::string_view text) {
  CsvTable t;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  const auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    if (t.header.empty()) t.header = std::move(row);
    else t.rows.push_back(std::move(row));
    row.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"') quoted = true;
    else if (c == ',') row.push_back(std::exchange(field, {}));
    else if (c == '\n') end_row();
    else if (c != '\r') field += c;
  }
  if (any) end_row();
  return t;
}

// A row of a CSV table with its cells by column name.
struct CsvRow {
  const CsvTable& table;
  const std::vector<std::string>& cells;
  [[nodiscard]] const std::string& operator[](std::string_view name) const { return cells.at(table.column(name)); }
};

// ---- Page writer ---------------------------------------------------------------------------------

using Attrs = XmlAttrs;

/// Appends markup; attributes with empty values are left out, values escaped.
class Out {
 public:
  void open(std::string_view tag, const Attrs& attrs = {}) {
    start(tag, attrs);
    m_s += '>';
  }
  void leaf(std::string_view tag, const Attrs& attrs) {
    start(tag, attrs);
    m_s += "/>";
  }
  void close(std::string_view tag) {
    m_s += "</";
    m_s += tag;
    m_s += '>';
  }
  /// <tag attrs>escaped text</tag>
  void text(std::string_view tag, const Attrs& attrs, std::string_view content) {
    open(tag, attrs);
    m_s += esc(content);
    close(tag);
  }
  void raw(std::string_view markup) { m_s += markup; }
  void escaped(std::string_view content) { m_s += esc(content); }
  void nl() { m_s += '\n'; }
  [[nodiscard]] std::string take() { return std::move(m_s); }

 private:
  void start(std::string_view tag, const Attrs& attrs) { append_start_tag(m_s, tag, attrs); }

  std::string m_s;
};

// A same-page link.
void link(Out& o, const std::string& id, std::string_view text) { o.text("a", {{"href", "#" + id}}, text); }

// ---- What the page links to -----------------------------------------------------------------------

/// The timelines: one per officer-day, with the records each one shows.
struct Timelines {
  std::vector<OfficerDay> days;
  std::vector<std::string> prefixes;  ///< svg_id_prefix per day
  std::vector<std::string> svgs;      ///< officer_day_svg per day, root id renamed to prefix + "-svg"
  /// (data-kind, data-id as escaped in the SVG) -> indices into days of the timelines that draw it.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> shown;

  [[nodiscard]] const std::vector<std::size_t>& showing(const std::string& kind, const std::string& id) const {
    static const std::vector<std::size_t> kNone;
    const auto it = shown.find({kind, attr(id)});
    return it == shown.end() ? kNone : it->second;
  }
};

// The value of attribute `name` in the start tag text `tag`, or empty.
std::string attribute_in(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const std::size_t from = at + key.size();
  const std::size_t to = tag.find('"', from);
  return to == std::string_view::npos ? std::string() : std::string(tag.substr(from, to - from));
}

Timelines make_timelines(const pipeline::Analysis& a, const TimeZone* zone, const HtmlReportOptions& options) {
  Timelines t;
  t.days = officer_days(a, zone);
  TimelineStyle style;
  style.lookup_kinds = options.lookup_kinds;
  style.reach_speed = options.reach_speed;
  for (std::size_t i = 0; i < t.days.size(); ++i) {
    const OfficerDay& d = t.days[i];
    const std::string prefix = svg_id_prefix(d.officer_id, d.day);
    std::string svg = officer_day_svg(a, zone, d.officer_id, d.day, style);
    // The section holds the prefix as its id; the <svg> keeps a distinct one.
    const std::string root_id = " id=\"" + prefix + "\"";
    const std::size_t root_end = svg.find('>');
    const std::size_t at = svg.find(root_id);
    if (at != std::string::npos && at < root_end) svg.insert(at + root_id.size() - 1, "-svg");
    // Every drawn record is a <g data-kind=... data-id=...> (timeline_svg.hpp).
    for (std::size_t p = svg.find("<g "); p != std::string::npos; p = svg.find("<g ", p + 1)) {
      const std::size_t e = svg.find('>', p);
      const std::string_view tag = std::string_view(svg).substr(p, e - p);
      const std::string kind = attribute_in(tag, "data-kind");
      const std::string id = attribute_in(tag, "data-id");
      if (kind.empty() || id.empty()) continue;
      auto& list = t.shown[{kind, id}];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
    t.prefixes.push_back(prefix);
    t.svgs.push_back(std::move(svg));
  }
  return t;
}

std::string day_label(const OfficerDay& d) {
  return d.officer_id + " " + format_day(d.day) + " (" + weekday_name(d.day) + ")";
}

std::string dwell_anchor(const std::string& dwell_id) { return "map-dw-" + id_part(dwell_id); }
std::string place_anchor(const std::string& place_id) { return "map-pl-" + id_part(place_id); }
std::string incident_anchor(const std::string& incident_id) { return "map-in-" + id_part(incident_id); }
std::string claim_anchor(std::size_t index) { return "map-cl-" + std::to_string(index + 1); }
std::string unexplained_row(const std::string& dwell_id) { return "row-u-" + id_part(dwell_id); }

/// Shared by the sections.
struct Page {
  const pipeline::Analysis& a;
  const TimeZone* zone;
  const HtmlReportOptions& options;
  std::vector<std::string> names;  ///< display names of the inputs
  std::map<std::string, DwellRef> dwells_by_id;
  Timelines timelines;
  std::set<std::string> map_ids;   ///< ids of the marks drawn on the map (filled by map_section)
  bool tracks_kept = false;

  [[nodiscard]] std::string row(SourceRef ref) const { return names.at(ref.file) + ":" + std::to_string(ref.line); }
};

// Links to the timelines in `days` (indices), or "none".
void timeline_links(Out& o, const Page& p, const std::vector<std::size_t>& days) {
  if (days.empty()) {
    o.escaped("none");
    return;
  }
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (i) o.raw(", ");
    link(o, p.timelines.prefixes.at(days[i]), day_label(p.timelines.days.at(days[i])));
  }
}

void map_link(Out& o, const Page& p, const std::string& id, std::string_view text) {
  if (p.map_ids.count(id)) link(o, id, text);
  else o.escaped(std::string(text) + " (not on the map)");
}

// ---- Map -----------------------------------------------------------------------------------------

struct XY {
  double x = 0, y = 0;
};

/// The definition of a transverse Mercator centred on `centre`, datum WGS84.
std::string tmerc_definition(LatLon centre) {
  return "+proj=tmerc +lat_0=" + format_fixed(centre.lat, 7) + " +lon_0=" + format_fixed(centre.lon, 7) +
         " +k=1 +x_0=0 +y_0=0 +datum=WGS84";
}

/// EPSG:4326 -> a transverse Mercator centred on the case, through PROJ (ProjTransform: its own
/// context, so it is safe on any thread). Axis order normalised: in longitude, latitude; out
/// easting, northing.
class Projection {
 public:
  explicit Projection(LatLon centre)
      : m_definition(tmerc_definition(centre)),
        m_crs(m_definition + " +units=m +no_defs +type=crs"),
        m_transform("EPSG:4326", m_crs, ProjTransform::Choice::proj_default) {
    if (m_transform.outcome() != ProjTransform::Outcome::ok)
      throw OutputError("report.html: PROJ cannot build the map projection " + m_definition + ": " + m_transform.error());
  }

  /// Projected positions; a position PROJ cannot project is (NaN, NaN).
  [[nodiscard]] std::vector<XY> forward(const std::vector<LatLon>& in) const {
    std::vector<double> x(in.size()), y(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      x[i] = in[i].lon;
      y[i] = in[i].lat;
    }
    m_transform.forward(x, y);
    std::vector<XY> out(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      const bool ok = std::isfinite(x[i]) && std::isfinite(y[i]) && std::abs(x[i]) < 1e12 && std::abs(y[i]) < 1e12;
      out[i] = ok ? XY{x[i], y[i]} : XY{std::nan(""), std::nan("")};
    }
    return out;
  }
  [[nodiscard]] XY forward(LatLon p) const { return forward(std::vector<LatLon>{p}).front(); }
  [[nodiscard]] const std::string& definition() const noexcept { return m_definition; }
  /// The projected CRS as PROJ and GDAL take it. Its datum is WGS84, so that GDAL warps a basemap
  /// in another datum (OSGB36, ETRS89 ...) with a datum shift, not with PROJ's "ballpark" one.
  [[nodiscard]] const std::string& crs_definition() const noexcept { return m_crs; }

 private:
  std::string m_definition;
  std::string m_crs;
  ProjTransform m_transform;  // after m_crs, from which it is made
};

bool finite(XY p) { return std::isfinite(p.x) && std::isfinite(p.y); }

constexpr double kMapWidth = 1000.0;     ///< px, the drawing's user units
constexpr double kMapMaxHeight = 720.0;  ///< px, the map area at most
constexpr double kMapMargin = 36.0;      ///< px around the case's extent
constexpr double kMinExtent = 200.0;     ///< m: a case smaller than this is drawn at this size
constexpr double kLegendHeight = 96.0;   ///< px below the map area
/// A dwell of one hour is a circle of this radius; area is proportional to duration.
constexpr double kHourRadius = 8.0;
constexpr double kMinRadius = 1.5;  ///< px: shorter dwells are drawn this size, to stay visible
constexpr double kTrackStep = 0.5;  ///< px: a track vertex closer than this to the last one drawn is left out
constexpr double kBasemapPixelsPerPx = 2.0;  ///< image pixels per map px: sharp on an A4 print
constexpr double kBasemapOpacity = 0.5;      ///< the marks stay legible over any raster, also in greyscale

/// Projected metres -> px.
struct Frame {
  double min_x = 0, max_y = 0;  ///< projected extent (m): left and top
  double scale = 1;             ///< px per m
  double left = 0, top = 0;     ///< px of (min_x, max_y)
  double height = 0;            ///< px of the map area
  LatLon centre;                ///< the projection's centre
  [[nodiscard]] XY px(XY p) const { return {left + (p.x - min_x) * scale, top + (max_y - p.y) * scale}; }
};

double dwell_radius(Millis d) {
  const double hours = static_cast<double>(d.count()) / 3'600'000.0;
  return std::max(kMinRadius, kHourRadius * std::sqrt(std::max(0.0, hours)));
}

// The largest 1, 2 or 5 times a power of ten not above `limit` metres (limit >= 1).
long long round_metres(double limit) {
  long long best = 1;
  for (long long p = 1; p <= 1'000'000'000LL; p *= 10)
    for (const long long k : {1LL, 2LL, 5LL})
      if (static_cast<double>(k * p) <= limit) best = k * p;
  return best;
}

std::string metres_label(long long m) {
  return m >= 1000 && m % 1000 == 0 ? std::to_string(m / 1000) + " km" : std::to_string(m) + " m";
}

void pattern_defs(Out& o) {
  const auto pattern = [&](const char* name, const char* rotate) {
    o.open("pattern", {{"id", std::string("map-pat-") + name},
                       {"width", "6"},
                       {"height", "6"},
                       {"patternUnits", "userSpaceOnUse"},
                       {"patternTransform", rotate}});
  };
  o.open("defs");
  pattern("base", "");
  o.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kBlue}});
  o.close("pattern");
  pattern("incident", "rotate(45)");
  o.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kBluishGreen}});
  o.leaf("rect", {{"width", "2"}, {"height", "6"}, {"fill", kWhite}});
  o.close("pattern");
  pattern("unexplained", "");
  o.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kVermillion}});
  o.leaf("path", {{"d", "M0 0L6 6M6 0L0 6"}, {"stroke", kBlack}, {"stroke-width", "1"}});
  o.close("pattern");
  pattern("off_duty", "");
  o.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kReddishPurple}});
  o.leaf("circle", {{"cx", "3"}, {"cy", "3"}, {"r", "1.2"}, {"fill", kWhite}});
  o.close("pattern");
  pattern("duty_unknown", "");
  o.leaf("rect", {{"width", "6"}, {"height", "6"}, {"fill", kUnknownGrey}});
  o.leaf("rect", {{"y", "2.5"}, {"width", "6"}, {"height", "1"}, {"fill", kWhite}});
  o.close("pattern");
  o.close("defs");
}

// A label with a white halo.
Attrs label_attrs(double x, double y, double size, const char* anchor = "") {
  return {{"x", num(x)},      {"y", num(y)},           {"font-size", num(size)},    {"text-anchor", anchor},
          {"fill", kBlack},   {"stroke", kWhite},      {"stroke-width", "2.5"},     {"stroke-linejoin", "round"},
          {"paint-order", "stroke"}};
}

void dwell_symbol(Out& o, XY c, double r, match::DwellClass k) {
  const bool unexplained = k == match::DwellClass::unexplained;
  o.leaf("circle", {{"cx", num(c.x)},
                    {"cy", num(c.y)},
                    {"r", num(r, 2)},
                    {"fill", "url(#map-pat-" + std::string(match::name(k)) + ")"},
                    {"fill-opacity", "0.85"},
                    {"stroke", kBlack},
                    {"stroke-width", unexplained ? "1.5" : "0.75"},
                    {"stroke-dasharray", k == match::DwellClass::off_duty || k == match::DwellClass::duty_unknown ? "2 1" : ""}});
  if (r >= 7.0)
    o.text("text", {{"x", num(c.x)}, {"y", num(c.y + 3.5)}, {"font-size", "10"}, {"font-weight", "bold"},
                    {"text-anchor", "middle"}, {"fill", kBlack}, {"stroke", kWhite}, {"stroke-width", "2.5"},
                    {"paint-order", "stroke"}},
           class_letter(k));
}

void place_symbol(Out& o, XY c, bool base) {
  o.leaf("rect", {{"x", num(c.x - 4.0)}, {"y", num(c.y - 4.0)}, {"width", "8"}, {"height", "8"},
                  {"fill", base ? kBlack : kWhite}, {"stroke", kBlack}, {"stroke-width", "1.5"}});
}

void incident_symbol(Out& o, XY c) {
  o.leaf("path", {{"d", "M" + num(c.x) + " " + num(c.y - 6.0) + "L" + num(c.x + 5.5) + " " + num(c.y + 4.0) + "L" +
                            num(c.x - 5.5) + " " + num(c.y + 4.0) + "Z"},
                  {"fill", kYellow}, {"stroke", kBlack}, {"stroke-width", "1.2"}});
}

void claim_symbol(Out& o, XY c) {
  o.leaf("path", {{"d", "M" + num(c.x - 5.0) + " " + num(c.y - 5.0) + "L" + num(c.x + 5.0) + " " + num(c.y + 5.0) + "M" +
                            num(c.x + 5.0) + " " + num(c.y - 5.0) + "L" + num(c.x - 5.0) + " " + num(c.y + 5.0)},
                  {"stroke", kBlack}, {"stroke-width", "2.5"}});
}

// What the map must cover: the vehicles' movements, places and incidents. A position claimed
// elsewhere is drawn at the edge, with its distance and direction (draw_claims), so that one far
// statement does not shrink the case to a corner of the map.
void add_extent(std::vector<LatLon>& all, const pipeline::Analysis& a, bool tracks) {
  for (const pipeline::VehicleResult& v : a.run.vehicles) {
    if (tracks) all.insert(all.end(), v.track.position.begin(), v.track.position.end());
    for (const pipeline::DwellRecord& d : v.dwells) all.push_back(d.location);
    for (const pipeline::GapRecord& g : v.gaps) {
      all.push_back(g.from);
      all.push_back(g.to);
    }
  }
  for (const auto& pl : a.tables.places) {
    all.push_back(pl.point);
    all.insert(all.end(), pl.polygon.begin(), pl.polygon.end());
  }
  for (const auto& inc : a.tables.incidents) all.push_back(inc.location);
}

void draw_tracks(Out& o, const Page& p, const Projection& proj, const Frame& f) {
  o.open("g", {{"class", "tracks"}, {"fill", "none"}, {"stroke", kSkyBlue}, {"stroke-width", "1"},
               {"stroke-opacity", "0.8"}, {"stroke-linejoin", "round"}, {"stroke-linecap", "round"}});
  for (const pipeline::VehicleResult& v : p.a.run.vehicles) {
    if (v.track.empty()) continue;
    const std::string& vehicle = p.a.run.vehicle_name(v);
    const std::vector<XY> xy = proj.forward(v.track.position);
    std::set<Instant> breaks;  // a stretch ends at the ping before each gap
    for (const pipeline::GapRecord& g : v.gaps) breaks.insert(g.start);
    o.open("g", {{"class", "track"}, {"data-vehicle", vehicle}});
    o.text("title", {},
           "Track of " + vehicle + ": " + std::to_string(v.track.size()) + " pings used, " + when(p.zone, v.track.time.front()) +
               " to " + when(p.zone, v.track.time.back()) + "; broken at each of its " + std::to_string(v.gaps.size()) +
               " data gaps" + (p.options.smoothed ? "; smoothed positions (--smooth)" : ""));
    // One subpath per stretch between gaps; a stretch of one ping is a dot (a zero-length line
    // with round caps).
    std::string path;
    std::vector<XY> stretch;
    const auto flush = [&] {
      if (stretch.empty()) return;
      path += "M" + num(stretch.front().x) + " " + num(stretch.front().y);
      if (stretch.size() == 1) path += "h0";
      for (std::size_t j = 1; j < stretch.size(); ++j) path += (j == 1 ? "L" : " ") + num(stretch[j].x) + " " + num(stretch[j].y);
      stretch.clear();
    };
    for (std::size_t i = 0; i < xy.size(); ++i) {
      const bool last_of_stretch = breaks.count(v.track.time[i]) > 0 || i + 1 == xy.size();
      if (finite(xy[i])) {
        const XY q = f.px(xy[i]);
        if (stretch.empty() || last_of_stretch || std::hypot(q.x - stretch.back().x, q.y - stretch.back().y) >= kTrackStep)
          stretch.push_back(q);
      }
      if (last_of_stretch) flush();
    }
    if (!path.empty()) o.leaf("path", {{"d", path}});
    o.close("g");
    o.nl();
  }
  o.close("g");
  o.nl();
}

void draw_gaps(Out& o, const Page& p, const Projection& proj, const Frame& f) {
  o.open("g", {{"class", "gaps"}, {"stroke", kBlack}, {"stroke-width", "1.2"}, {"stroke-dasharray", "4 3"}});
  for (const pipeline::VehicleResult& v : p.a.run.vehicles) {
    const std::string& vehicle = p.a.run.vehicle_name(v);
    for (const pipeline::GapRecord& g : v.gaps) {
      const XY a = proj.forward(g.from), b = proj.forward(g.to);
      if (!finite(a) || !finite(b)) continue;
      const XY pa = f.px(a), pb = f.px(b);
      o.open("g", {{"class", "gap"}, {"data-vehicle", vehicle}, {"data-start-utc", format_utc(g.start)}});
      o.text("title", {},
             "No data from " + vehicle + " " + when(p.zone, g.start) + " to " + when(p.zone, g.end) + " (" +
                 format_seconds(g.end - g.start) + " s); moved " + num(g.moved.value, 2) +
                 " m between the pings either side, " + p.row(g.from_row) + " and " + p.row(g.to_row) +
                 (g.bridged_by ? "; bridged by dwell " + dwell_id(vehicle, *g.bridged_by) : ""));
      o.leaf("line", {{"x1", num(pa.x)}, {"y1", num(pa.y)}, {"x2", num(pb.x)}, {"y2", num(pb.y)}});
      o.close("g");
      o.nl();
    }
  }
  o.close("g");
  o.nl();
}

std::string dwell_title(const Page& p, const std::string& id, const pipeline::DwellRecord& d, const match::DwellMatch& m) {
  std::vector<std::string> places, flags, incidents;
  for (const PlaceIndex i : m.places) places.push_back(p.a.tables.place(i).place_id);
  for (const IncidentIndex i : m.incidents) incidents.push_back(p.a.tables.incident(i).incident_id);
  if (m.partial_duty) flags.emplace_back("partial_duty");
  for (auto& text : flag_texts(p.a, m)) flags.push_back(std::move(text));
  return "Dwell " + id + ": " + std::string(match::name(m.dwell_class)) + "\n" + when(p.zone, d.start) + " to " +
         when(p.zone, d.end) + ", " + format_seconds(d.end - d.start) + " s (" + hms(d.end - d.start) + ")\nAt " +
         format_fixed(d.location.lat, 7) + ", " + format_fixed(d.location.lon, 7) + ", radius " +
         num(d.radius.value, 2) + " m, " + std::to_string(d.n_pings) + " pings\nPlaces: " + or_none(joined(places)) +
         "\nTime: " + time_split_text(m.split) + "\nCrew on duty: " + or_none(joined(m.crew.officer_ids)) +
         "\nIncidents explaining it: " + or_none(joined(incidents)) + "\nFlags: " + or_none(joined(flags)) +
         "\nSource rows: " + source_rows_text(p.names, d);
}

void draw_dwells(Out& o, Page& p, const Projection& proj, const Frame& f) {
  struct Mark {
    DwellRef ref;
    Millis length;
  };
  std::vector<Mark> marks;
  for (std::size_t k = 0; k < p.a.run.vehicles.size(); ++k)
    for (std::size_t d = 0; d < p.a.run.vehicles[k].dwells.size(); ++d) {
      const pipeline::DwellRecord& dw = p.a.run.vehicles[k].dwells[d];
      marks.push_back({{k, d}, dw.end - dw.start});
    }
  // Longest first, so that short dwells are drawn over long ones; ties in vehicle, then time order.
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) { return x.length > y.length; });
  o.open("g", {{"class", "dwells"}});
  for (const Mark& mk : marks) {
    const pipeline::VehicleResult& v = p.a.run.vehicles[mk.ref.vehicle];
    const pipeline::DwellRecord& d = v.dwells[mk.ref.dwell];
    const match::DwellMatch& m = p.a.matches.at(mk.ref.vehicle).at(mk.ref.dwell);
    const XY xy = proj.forward(d.location);
    if (!finite(xy)) continue;
    const std::string id = dwell_id(p.a.run.vehicle_name(v), d.sequence);
    const bool unexplained = has_unexplained_time(m);  // it has a row in unexplained.csv
    if (unexplained) o.open("a", {{"href", "#" + unexplained_row(id)}});
    p.map_ids.insert(dwell_anchor(id));
    o.open("g", {{"id", dwell_anchor(id)},
                 {"class", "dwell c-" + std::string(match::name(m.dwell_class))},
                 {"data-dwell-id", id},
                 {"data-class", std::string(match::name(m.dwell_class))},
                 {"data-duration-s", format_seconds(mk.length)}});
    o.text("title", {}, dwell_title(p, id, d, m));
    dwell_symbol(o, f.px(xy), dwell_radius(mk.length), m.dwell_class);
    o.close("g");
    if (unexplained) o.close("a");
    o.nl();
  }
  o.close("g");
  o.nl();
}

void draw_places(Out& o, Page& p, const Projection& proj, const Frame& f) {
  o.open("g", {{"class", "places"}});
  for (const auto& pl : p.a.tables.places) {
    const XY xy = proj.forward(pl.point);
    if (!finite(xy)) continue;
    const XY c = f.px(xy);
    const bool base = pl.kind == ingest::PlaceKind::base;
    p.map_ids.insert(place_anchor(pl.place_id));
    o.open("g", {{"id", place_anchor(pl.place_id)}, {"class", "place"}, {"data-place-id", pl.place_id},
                 {"data-kind", base ? "base" : "address"}});
    o.text("title", {},
           "Place " + pl.place_id + (pl.label.empty() ? "" : " (" + pl.label + ")") + ", " + (base ? "base" : "address") +
               "\nAt " + format_fixed(pl.point.lat, 7) + ", " + format_fixed(pl.point.lon, 7) + ", radius " +
               num(pl.radius.value, 2) + " m" + (pl.polygon.empty() ? "" : ", polygon") + "\nSource row: " + p.row(pl.source));
    // The area that counts as the place: the polygon, and its radius drawn around the point.
    if (!pl.polygon.empty()) {
      // The outer ring and each hole, one sub-path each: a hole is not part of the place.
      std::string d;
      const auto ring = [&](const std::vector<LatLon>& vertices) {
        bool first = true;
        for (const XY q : proj.forward(vertices))
          if (finite(q)) {
            d += (first ? "M" : "L") + num(f.px(q).x) + " " + num(f.px(q).y);
            first = false;
          }
        if (!first) d += "Z";
      };
      ring(pl.polygon);
      for (const auto& hole : pl.holes) ring(hole);
      if (!d.empty())
        o.leaf("path", {{"d", d}, {"fill", "none"}, {"stroke", kBlack}, {"stroke-width", "1"},
                        {"stroke-dasharray", "1 2"}});
    }
    const double r = pl.radius.value * f.scale;
    if (r >= 2.0)
      o.leaf("circle", {{"cx", num(c.x)}, {"cy", num(c.y)}, {"r", num(r, 2)}, {"fill", "none"}, {"stroke", kBlack},
                        {"stroke-width", "0.8"}, {"stroke-dasharray", "1 2"}});
    place_symbol(o, c, base);
    o.text("text", label_attrs(c.x + 7.0, c.y - 6.0, 10.0), pl.place_id);
    o.close("g");
    o.nl();
  }
  o.close("g");
  o.nl();
}

void draw_incidents(Out& o, Page& p, const Projection& proj, const Frame& f) {
  o.open("g", {{"class", "incidents"}});
  for (const auto& inc : p.a.tables.incidents) {
    const XY xy = proj.forward(inc.location);
    if (!finite(xy)) continue;
    std::vector<std::string> rows;
    for (const SourceRef& r : inc.sources) rows.push_back(p.row(r));
    p.map_ids.insert(incident_anchor(inc.incident_id));
    o.open("g", {{"id", incident_anchor(inc.incident_id)}, {"class", "incident"}, {"data-incident-id", inc.incident_id}});
    o.text("title", {},
           "Incident " + inc.incident_id + (inc.type.empty() ? "" : " (" + inc.type + ")") + "\nOpen " +
               when(p.zone, inc.opened) + " to " + when(p.zone, inc.closed) +
               (inc.closed_given ? "" : " (closing time not given: default length)") + "\nPlace: " +
               (inc.place_id.empty() ? std::string("none") : inc.place_id) + "\nUnits: vehicles " +
               or_none(joined(inc.vehicle_ids)) + "; officers " + or_none(joined(inc.officer_ids)) + "; callsigns " +
               or_none(joined(inc.callsigns)) +
               "\nSource rows: " + joined(rows));
    incident_symbol(o, f.px(xy));
    o.close("g");
    o.nl();
  }
  o.close("g");
  o.nl();
}

// Claims given by position (no place_id); a claim about a place links to the place's mark.
// "NNW": the 16-point compass direction of a vector on the map (x east, y down).
std::string compass(double dx, double dy) {
  static constexpr std::array<const char*, 16> kPoints{"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                                                       "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
  const double degrees = std::atan2(dx, -dy) * 180.0 / 3.14159265358979323846;
  const auto sector = static_cast<long>(std::lround((degrees < 0 ? degrees + 360.0 : degrees) / 22.5)) % 16;
  return kPoints.at(static_cast<std::size_t>(sector));
}

void draw_claims(Out& o, Page& p, const Projection& proj, const Frame& f) {
  constexpr double kInset = 14.0;  // px: a claimed position off the map is drawn this far inside its edge
  o.open("g", {{"class", "claims"}});
  for (std::size_t i = 0; i < p.a.tables.claims.size(); ++i) {
    const ingest::ClaimRow& c = p.a.tables.claims[i];
    if (!c.place.place_id.empty()) continue;
    const XY xy = proj.forward(c.place.point);
    if (!finite(xy)) continue;
    XY q = f.px(xy);
    const XY mid{kMapWidth / 2.0, f.height / 2.0};
    const bool off = q.x < kInset || q.x > kMapWidth - kInset || q.y < kInset || q.y > f.height - kInset;
    std::string label = c.claim_id;
    if (off) {
      // On the line from the map's centre, at the edge.
      const double dx = q.x - mid.x, dy = q.y - mid.y;
      double t = 1.0;
      if (dx != 0.0) t = std::min(t, ((dx > 0 ? kMapWidth - kInset : kInset) - mid.x) / dx);
      if (dy != 0.0) t = std::min(t, ((dy > 0 ? f.height - kInset : kInset) - mid.y) / dy);
      q = XY{mid.x + dx * t, mid.y + dy * t};
      label += ": off the map, " + format_fixed(geodesic_distance(f.centre, c.place.point).value / 1000.0, 1) + " km " +
               compass(dx, dy) + " of the map's centre";
    }
    p.map_ids.insert(claim_anchor(i));
    o.open("g", {{"id", claim_anchor(i)}, {"class", "claim"}, {"data-claim-id", c.claim_id}, {"data-off-map", off ? "yes" : ""}});
    o.text("title", {},
           "Claimed position of " + c.claim_id + ": " + format_fixed(c.place.point.lat, 7) + ", " +
               format_fixed(c.place.point.lon, 7) + ", radius " + num(c.place.radius.value, 2) + " m" +
               (off ? " (off the map: drawn at its edge, in its direction from the centre)" : "") + "\nSource row: " +
               p.row(c.source));
    const double r = c.place.radius.value * f.scale;
    if (r >= 2.0 && !off)
      o.leaf("circle", {{"cx", num(q.x)}, {"cy", num(q.y)}, {"r", num(r, 2)}, {"fill", "none"}, {"stroke", kBlack},
                        {"stroke-width", "0.8"}, {"stroke-dasharray", "1 2"}});
    claim_symbol(o, q);
    const bool right_half = q.x > kMapWidth / 2.0;
    o.text("text", label_attrs(q.x + (right_half ? -8.0 : 8.0), q.y < 30.0 ? q.y + 18.0 : q.y - 7.0, 10.0, right_half ? "end" : ""),
           label);
    o.close("g");
    o.nl();
  }
  o.close("g");
  o.nl();
}

void draw_scale_and_north(Out& o, const Frame& f) {
  const long long metres = round_metres(kMapWidth / 4.0 / f.scale);
  const double w = static_cast<double>(metres) * f.scale;
  const double x = 16.0, y = f.height - 16.0;
  o.open("g", {{"id", "map-scale-bar"}, {"class", "scale-bar"}, {"data-metres", std::to_string(metres)}});
  o.text("title", {}, "Scale bar: " + metres_label(metres) + " (true along the map's central meridian)");
  o.leaf("rect", {{"x", num(x - 4.0)}, {"y", num(y - 20.0)}, {"width", num(w + 8.0 + 40.0)}, {"height", "26"},
                  {"fill", kWhite}, {"fill-opacity", "0.85"}});
  o.leaf("rect", {{"x", num(x)}, {"y", num(y - 4.0)}, {"width", num(w / 2.0, 2)}, {"height", "4"}, {"fill", kBlack},
                  {"stroke", kBlack}, {"stroke-width", "0.8"}});
  o.leaf("rect", {{"x", num(x + w / 2.0, 2)}, {"y", num(y - 4.0)}, {"width", num(w / 2.0, 2)}, {"height", "4"},
                  {"fill", kWhite}, {"stroke", kBlack}, {"stroke-width", "0.8"}});
  o.text("text", {{"x", num(x)}, {"y", num(y - 8.0)}, {"font-size", "10"}, {"fill", kBlack}}, "0");
  o.text("text", {{"x", num(x + w, 2)}, {"y", num(y - 8.0)}, {"font-size", "10"}, {"text-anchor", "middle"}, {"fill", kBlack}},
         metres_label(metres));
  o.close("g");
  o.nl();
  // Grid north is true north along the central meridian, which runs through the middle of the map.
  const double nx = kMapWidth - 28.0, ny = 18.0;
  o.open("g", {{"id", "map-north-arrow"}, {"class", "north-arrow"}});
  o.text("title", {}, "North is up (the projection's central meridian runs through the centre of the map)");
  o.leaf("path", {{"d", "M" + num(nx) + " " + num(ny) + "L" + num(nx + 8.0) + " " + num(ny + 26.0) + "L" + num(nx) + " " +
                            num(ny + 20.0) + "Z"},
                  {"fill", kBlack}, {"stroke", kBlack}, {"stroke-width", "1"}});
  o.leaf("path", {{"d", "M" + num(nx) + " " + num(ny) + "L" + num(nx - 8.0) + " " + num(ny + 26.0) + "L" + num(nx) + " " +
                            num(ny + 20.0) + "Z"},
                  {"fill", kWhite}, {"stroke", kBlack}, {"stroke-width", "1"}});
  o.text("text", {{"x", num(nx)}, {"y", num(ny + 40.0)}, {"font-size", "13"}, {"font-weight", "bold"},
                  {"text-anchor", "middle"}, {"fill", kBlack}},
         "N");
  o.close("g");
  o.nl();
}

void draw_legend(Out& o, const Frame& f) {
  const double top = f.height + 8.0;
  o.open("g", {{"class", "legend"}, {"font-size", "11"}});
  o.leaf("line", {{"x1", "0"}, {"y1", num(f.height)}, {"x2", num(kMapWidth)}, {"y2", num(f.height)}, {"stroke", "#999999"}});
  double x = 12.0;
  const auto label = [&](double at, double y, const std::string& text) {
    o.text("text", {{"x", num(at)}, {"y", num(y + 4.0)}, {"fill", kBlack}}, text);
  };
  // Row 1: the classes.
  double y = top + 14.0;
  o.text("text", {{"x", num(x)}, {"y", num(y + 4.0)}, {"font-weight", "bold"}, {"fill", kBlack}}, "Dwells");
  x = 70.0;
  for (const auto k : kClasses) {
    dwell_symbol(o, {x + 7.0, y}, 7.0, k);
    label(x + 18.0, y, std::string(match::name(k)) + " (" + class_letter(k) + ")");
    x += 122.0;
  }
  // Sizes: area proportional to duration.
  x += 10.0;
  for (const auto& [minutes, text] : std::vector<std::pair<int, std::string>>{{10, "10 min"}, {60, "1 h"}, {240, "4 h"}}) {
    const double r = dwell_radius(Millis{static_cast<long long>(minutes) * 60'000});
    o.leaf("circle", {{"cx", num(x + r)}, {"cy", num(y + 8.0 - r)}, {"r", num(r, 2)}, {"fill", "none"}, {"stroke", kBlack},
                      {"stroke-width", "0.8"}});
    label(x + 2.0 * r + 4.0, y, text);
    x += 2.0 * r + 50.0;
  }
  // Row 2: the other symbols.
  y = top + 52.0;
  x = 12.0;
  place_symbol(o, {x + 4.0, y}, false);
  label(x + 14.0, y, "address");
  x += 80.0;
  place_symbol(o, {x + 4.0, y}, true);
  label(x + 14.0, y, "base");
  x += 60.0;
  incident_symbol(o, {x + 5.0, y});
  label(x + 16.0, y, "incident");
  x += 90.0;
  claim_symbol(o, {x + 5.0, y});
  label(x + 16.0, y, "claimed position");
  x += 130.0;
  o.leaf("line", {{"x1", num(x)}, {"y1", num(y)}, {"x2", num(x + 30.0)}, {"y2", num(y)}, {"stroke", kSkyBlue},
                  {"stroke-width", "2"}});
  label(x + 36.0, y, "track");
  x += 80.0;
  o.leaf("line", {{"x1", num(x)}, {"y1", num(y)}, {"x2", num(x + 30.0)}, {"y2", num(y)}, {"stroke", kBlack},
                  {"stroke-width", "1.2"}, {"stroke-dasharray", "4 3"}});
  label(x + 36.0, y, "data gap (no pings)");
  x += 160.0;
  o.leaf("circle", {{"cx", num(x + 8.0)}, {"cy", num(y)}, {"r", "8"}, {"fill", "none"}, {"stroke", kBlack},
                    {"stroke-width", "0.8"}, {"stroke-dasharray", "1 2"}});
  label(x + 22.0, y, "place radius");
  o.close("g");
  o.nl();
}

// The analyst's raster under the marks, covering the map area (not the legend). Returns the
// caption's sentence about it.
std::string draw_basemap(Out& o, const Page& p, const Projection& proj, const Frame& f) {
  MapWindow window;
  window.crs = proj.crs_definition();
  window.width_px = static_cast<int>(std::lround(kMapWidth * kBasemapPixelsPerPx));
  window.height_px = static_cast<int>(std::lround(f.height * kBasemapPixelsPerPx));
  window.min_x = Meters{f.min_x - f.left / f.scale};
  window.max_x = Meters{window.min_x.value + kMapWidth / f.scale};
  window.max_y = Meters{f.max_y + f.top / f.scale};
  window.min_y = Meters{window.max_y.value - window.height_px / kBasemapPixelsPerPx / f.scale};
  const BasemapImage image = warp_basemap(p.options.basemap, window);
  const double shown_height = window.height_px / kBasemapPixelsPerPx;
  o.leaf("image", {{"id", "map-basemap"},
                   {"x", "0"},
                   {"y", "0"},
                   {"width", num(kMapWidth)},
                   {"height", num(shown_height, 3)},
                   {"preserveAspectRatio", "none"},
                   {"opacity", num(kBasemapOpacity, 2)},
                   {"data-extent", format_fixed(window.min_x.value, 3) + " " + format_fixed(window.min_y.value, 3) +
                                       " " + format_fixed(window.max_x.value, 3) + " " +
                                       format_fixed(window.max_y.value, 3)},
                   {"data-covered", format_fixed(image.covered, 4)},
                   {"href", png_data_uri(image.png)}});
  o.nl();
  const std::string name = std::filesystem::path(p.options.basemap).filename().string();
  if (image.covered == 0.0)
    return "Basemap " + name + ": it does not cover any of the map's area, so nothing of it is drawn.";
  return "Basemap: " + name + " (listed with its SHA-256 among the inputs), warped by GDAL to this projection (" +
         image.resampling + " resampling) and drawn at " + num(kBasemapOpacity * 100.0, 0) + "% opacity; it covers " +
         num(image.covered * 100.0, 1) + "% of the map's area. It is the analyst's and only drawn, never measured.";
}

void map_section(Out& o, Page& p) {
  const pipeline::Analysis& a = p.a;
  o.open("section", {{"id", "map-section"}, {"class", "part"}});
  o.text("h2", {}, "Map");
  std::vector<LatLon> all;
  add_extent(all, a, p.tracks_kept);
  if (all.empty()) {
    o.text("p", {}, "There is no position to draw: no ping, place, incident or claim has one.");
    o.close("section");
    o.nl();
    return;
  }
  double min_lat = all.front().lat, max_lat = min_lat, min_lon = all.front().lon, max_lon = min_lon;
  for (const LatLon q : all) {
    min_lat = std::min(min_lat, q.lat);
    max_lat = std::max(max_lat, q.lat);
    min_lon = std::min(min_lon, q.lon);
    max_lon = std::max(max_lon, q.lon);
  }
  const Projection proj(LatLon{(min_lat + max_lat) / 2.0, (min_lon + max_lon) / 2.0});
  Frame f;
  double min_x = std::numeric_limits<double>::infinity(), max_x = -min_x, min_y = min_x, max_y = -min_x;
  for (const XY q : proj.forward(all)) {
    if (!finite(q)) continue;
    min_x = std::min(min_x, q.x);
    max_x = std::max(max_x, q.x);
    min_y = std::min(min_y, q.y);
    max_y = std::max(max_y, q.y);
  }
  if (!(min_x <= max_x)) min_x = max_x = min_y = max_y = 0.0;
  // At least kMinExtent across, centred on the case.
  const double grow_x = std::max(0.0, kMinExtent - (max_x - min_x)) / 2.0;
  const double grow_y = std::max(0.0, kMinExtent - (max_y - min_y)) / 2.0;
  min_x -= grow_x;
  max_x += grow_x;
  min_y -= grow_y;
  max_y += grow_y;
  f.scale = std::min((kMapWidth - 2.0 * kMapMargin) / (max_x - min_x), (kMapMaxHeight - 2.0 * kMapMargin) / (max_y - min_y));
  f.min_x = min_x;
  f.max_y = max_y;
  f.left = (kMapWidth - (max_x - min_x) * f.scale) / 2.0;
  f.top = kMapMargin;
  f.height = (max_y - min_y) * f.scale + 2.0 * kMapMargin;
  f.centre = LatLon{(min_lat + max_lat) / 2.0, (min_lon + max_lon) / 2.0};
  const double height = f.height + kLegendHeight;

  o.raw("\n");
  o.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                 {"id", "map"},
                 {"width", num(kMapWidth)},
                 {"height", num(height)},
                 {"viewBox", "0 0 " + num(kMapWidth) + " " + num(height)},
                 {"font-family", "sans-serif"},
                 {"role", "img"},
                 {"aria-labelledby", "map-title"},
                 {"data-projection", proj.definition()},
                 {"data-px-per-m", format_fixed(f.scale, 6)}});
  o.nl();
  o.text("title", {{"id", "map-title"}},
         "Map of the case: tracks, data gaps, dwells by class, places, incidents and claimed positions");
  o.nl();
  pattern_defs(o);
  o.nl();
  o.leaf("rect", {{"width", num(kMapWidth)}, {"height", num(height)}, {"fill", kWhite}});
  o.nl();
  std::string basemap_note;
  if (!p.options.basemap.empty()) basemap_note = draw_basemap(o, p, proj, f);
  if (p.tracks_kept) draw_tracks(o, p, proj, f);
  draw_gaps(o, p, proj, f);
  draw_dwells(o, p, proj, f);
  draw_places(o, p, proj, f);
  draw_incidents(o, p, proj, f);
  draw_claims(o, p, proj, f);
  draw_scale_and_north(o, f);
  draw_legend(o, f);
  o.close("svg");
  o.nl();
  const long long metres = round_metres(kMapWidth / 4.0 / f.scale);
  std::string caption =
      "Projection: " + proj.definition() + " (transverse Mercator centred on the case; PROJ, from EPSG:4326). "
      "The scale bar (" + metres_label(metres) + ") is true along the central meridian, within 0.01% up to 90 km "
      "from it. Dwell circles: area proportional to duration, radius " + num(kHourRadius) + " px for 1 h (at least " +
      num(kMinRadius) + " px); colour, pattern and letter give the class; dwells with unexplained time link to their row in unexplained.csv. "
      "A claimed position outside the area of the case is drawn at the map's edge, in its direction from the centre, "
      "with its distance. Hover a mark for its times and source rows. ";
  if (p.tracks_kept)
    caption += std::string("Tracks are the cleaned") + (p.options.smoothed ? ", smoothed" : "") +
               " pings of each vehicle, broken at every data gap (vertices closer than " + num(kTrackStep) +
               " px to the previous one are left out of the drawing only).";
  else
    caption += "Tracks are not drawn: the run did not keep them (PipelineConfig::keep_tracks). Gaps, dwells, places, "
               "incidents and claims are drawn.";
  o.text("p", {{"class", "caption"}}, caption + basemap_note);
  o.close("section");
  o.nl();
}

// ---- Header --------------------------------------------------------------------------------------

void header_section(Out& o, const Page& p) {
  const pipeline::Analysis& a = p.a;
  const HtmlReportOptions& opt = p.options;
  o.open("header", {{"id", "case"}});
  o.text("h1", {}, opt.title);
  if (!opt.scope.empty()) {  // a scoped run says so before anything else (docs/scope.md)
    o.open("p", {{"class", "scope"}});
    o.escaped("Scope: " + opt.scope);
    o.close("p");
    o.nl();
  }
  const std::string version = opt.tool_version.empty() ? build_info::version : opt.tool_version;
  const std::string commit = opt.tool_commit.empty() && opt.tool_version.empty() ? build_info::git_commit : opt.tool_commit;
  o.open("p");
  o.escaped("Written by Shiftline " + version + (commit.empty() ? "" : " (commit " + commit + ")") +
            " from one `analyse` run. Times are local in " + zone_name(p.zone) + " with their UTC offset (tz database " +
            tzdata_version() + "); durations in seconds are exact. The CSV tables, report.gpkg and manifest.json of "
            "the same run hold the same values; manifest.json also records when the run took place. This page "
            "needs no network: every drawing is inline.");
  o.close("p");
  o.nl();
  o.text("h2", {}, "Inputs");
  o.open("table", {{"class", "inputs"}});
  o.raw("<thead><tr><th>role</th><th>path as given</th><th>named in rows as</th><th class=\"n\">rows read</th>"
        "<th class=\"n\">rows rejected</th><th>SHA-256 (before the run)</th></tr></thead><tbody>");
  for (std::size_t i = 0; i < a.run.ingest.inputs.size(); ++i) {
    const ingest::InputReport& in = a.run.ingest.inputs[i];
    o.open("tr");
    o.text("td", {}, in.role);
    o.text("td", {{"class", "path"}}, in.path);
    o.text("td", {}, p.names.at(i));
    o.text("td", {{"class", "n"}}, std::to_string(in.rows_read));
    o.text("td", {{"class", "n"}}, std::to_string(a.run.problems.rejected_in_file(static_cast<std::uint16_t>(i))));
    o.text("td", {{"class", "hash"}}, in.sha256_before);
    o.close("tr");
    o.nl();
  }
  o.raw("</tbody></table>\n");
  o.text("h2", {}, "Parameters");
  if (opt.parameters.empty()) {
    o.text("p", {}, "The run's parameters were not given to the page; manifest.json lists them.");
  } else {
    o.open("table", {{"class", "parameters"}});
    o.raw("<thead><tr><th>parameter</th><th>value</th><th>source</th></tr></thead><tbody>");
    for (const auto& [name, param] : opt.parameters) {
      o.open("tr");
      o.text("td", {}, name);
      o.text("td", {}, param.value);
      o.text("td", {}, param.source);
      o.close("tr");
      o.nl();
    }
    o.raw("</tbody></table>\n");
  }
  o.close("header");
  o.nl();
}

void contents(Out& o, const Page& p) {
  o.open("nav", {{"aria-label", "Contents"}});
  o.raw("<p>");
  const std::vector<std::pair<std::string, std::string>> parts{
      {"case", "Case"}, {"findings", "Findings"}, {"summary", "Summary"}, {"map-section", "Map"}, {"unexplained", "Unexplained dwells"},
      {"flags", "Flags"}, {"claims", "Claims"}, {"timelines", "Timelines"}};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) o.raw(" | ");
    link(o, parts[i].first, parts[i].second);
  }
  o.escaped(" (" + std::to_string(p.timelines.days.size()) + " officer-days)");
  o.raw("</p>");
  o.close("nav");
  o.nl();
}

// ---- Findings ------------------------------------------------------------------------------------

void rows_cell(Out& o, const std::vector<std::pair<std::string, std::string>>& parts);

// The rows of findings.csv in rank order, each with its sentence: what to read first
// (docs/findings.md). Values are read from the CSV text, as the other tables' are.
void findings_section(Out& o, const Page& p) {
  o.open("section", {{"id", "findings"}, {"class", "part"}});
  if (!p.options.findings) {
    o.text("h2", {}, "Findings");
    o.text("p", {}, "The findings were not given to the page; findings.csv lists them.");
    o.close("section");
    o.nl();
    return;
  }
  const CsvTable t = parse_csv(findings_csv(p.a, *p.options.findings, p.zone, {p.options.reach_speed, p.options.smoothed}));
  o.text("h2", {}, "Findings (" + std::to_string(t.rows.size()) + ")");
  o.text("p", {},
         "The rows of findings.csv, ranked by kind (revisit_after_closure, lookup_then_visit, recurring_place, "
         "listed_address_visit, off_duty_use, claim_contradicted, long_unexplained), then longest first; "
         "docs/findings.md states every rule. Durations in the sentences are rounded down; the CSV holds them "
         "exact.");
  o.open("table", {{"id", "findings-table"}, {"class", "data"}});
  o.raw("<thead><tr><th class=\"n\">rank</th><th>finding</th><th>kind</th><th>officer</th><th>vehicles</th>"
        "<th>place</th><th class=\"n\">duration</th><th>robust</th><th>sentence</th><th>evidence rows</th>"
        "<th>dwells</th></tr></thead><tbody>");
  o.nl();
  for (const auto& cells : t.rows) {
    const CsvRow r{t, cells};
    o.open("tr", {{"id", "row-" + r["finding_id"]}, {"data-finding-id", r["finding_id"]}, {"data-kind", r["kind"]}});
    o.text("td", {{"class", "n"}}, r["rank"]);
    o.text("td", {}, r["finding_id"]);
    o.text("td", {}, r["kind"]);
    o.text("td", {}, r["officer_id"]);
    o.text("td", {}, r["vehicle_ids"]);
    o.text("td", {}, r["place_id"] + (r["place_label"].empty() ? "" : " (" + r["place_label"] + ")"));
    o.text("td", {{"class", "n"}}, r["duration_s"] + " s");
    o.text("td", {}, r["robust"].empty() ? r["robustness"] : r["robust"] + (r["robustness"].empty() ? "" : ": " + r["robustness"]));
    o.text("td", {{"class", "explanation"}}, r["sentence"]);
    rows_cell(o, {{"", r["evidence_rows"]}});
    o.open("td", {{"class", "links"}});
    const std::string& ids = r["dwell_ids"];
    bool first = true;
    for (std::size_t from = 0; from < ids.size();) {
      const std::size_t to = std::min(ids.find(';', from), ids.size());
      const std::string id = ids.substr(from, to - from);
      if (!first) o.raw("<br>");
      first = false;
      // The map is drawn after this section, so a dwell links to its row of unexplained dwells
      // (when it has one) and to its timelines.
      const auto ref = p.dwells_by_id.find(id);
      if (ref != p.dwells_by_id.end() && has_unexplained_time(p.a.matches.at(ref->second.vehicle).at(ref->second.dwell)))
        link(o, unexplained_row(id), id);
      else
        o.escaped(id);
      o.escaped(": ");
      timeline_links(o, p, p.timelines.showing("dwell", id));
      from = to + 1;
    }
    o.close("td");
    o.close("tr");
    o.nl();
  }
  o.raw("</tbody></table>\n");
  if (t.rows.empty()) o.text("p", {}, "No finding.");
  o.close("section");
  o.nl();
}

// ---- Summary -------------------------------------------------------------------------------------

void summary_section(Out& o, const Page& p) {
  const pipeline::Analysis& a = p.a;
  o.open("section", {{"id", "summary"}, {"class", "part"}});
  o.text("h2", {}, "Summary");

  // Counts.
  std::array<std::size_t, kClasses.size()> class_n{};
  std::array<Millis, kClasses.size()> class_time{};
  std::size_t partial = 0, revisits = 0, lookups = 0;
  for (std::size_t k = 0; k < a.matches.size(); ++k)
    for (std::size_t d = 0; d < a.matches[k].size(); ++d) {
      const match::DwellMatch& m = a.matches[k][d];
      const pipeline::DwellRecord& dw = a.run.vehicles.at(k).dwells.at(d);
      const auto c = static_cast<std::size_t>(m.dwell_class);
      ++class_n.at(c);
      class_time.at(c) += dw.end - dw.start;
      partial += m.partial_duty ? 1 : 0;
      for (const auto& fl : m.flags) (fl.kind == match::FlagKind::revisit_after_closure ? revisits : lookups) += 1;
    }
  std::map<std::string, std::size_t> verdicts{{"supported", 0}, {"contradicted", 0}, {"inconclusive", 0}};
  for (const auto& c : a.claims) ++verdicts[std::string(verify::name(c.verdict))];
  std::size_t gaps = 0;
  for (const auto& v : a.run.vehicles) gaps += v.gaps.size();

  o.open("ul", {{"class", "counts"}});
  o.open("li");
  o.escaped("Dwells: ");
  for (const auto k : kClasses) {
    const auto c = static_cast<std::size_t>(k);
    o.escaped((k == kClasses.front() ? "" : ", ") + std::to_string(class_n[c]) + " " + std::string(match::name(k)) + " (" +
              hms(class_time[c]) + ")");
  }
  o.escaped("; " + std::to_string(partial) + " partly off duty (partial_duty).");
  o.close("li");
  o.open("li");
  o.escaped("Flags: " + std::to_string(revisits) + " revisit_after_closure, " +
            std::to_string(lookups) + " lookup_then_visit (");
  link(o, "flags", "table");
  o.escaped(").");
  o.close("li");
  o.open("li");
  if (a.tables.claims.empty()) {
    o.escaped("Claims: no claims table was given.");
  } else {
    o.escaped("Claims: " + std::to_string(a.claims.size()) + ", of which " + std::to_string(verdicts["supported"]) +
              " supported, " + std::to_string(verdicts["contradicted"]) + " contradicted, " +
              std::to_string(verdicts["inconclusive"]) + " inconclusive (");
    link(o, "claims", "table");
    o.escaped(").");
  }
  o.close("li");
  o.open("li");
  o.escaped("Data: " + std::to_string(a.run.vehicles.size()) + " vehicles, " + std::to_string(gaps) +
            " data gaps; " + std::to_string(a.run.problems.count(Severity::rejected)) + " input rows rejected and " +
            std::to_string(a.run.problems.count(Severity::warning)) +
            " warnings (rejected.csv and warnings.csv list each with file, line and reason).");
  o.close("li");
  o.close("ul");
  o.nl();

  // Per officer: the shift figures summed.
  struct Sum {
    std::size_t shifts = 0, unexplained_n = 0, events_n = 0;
    Millis on_duty{0}, crewed{0}, covered{0}, gap{0}, unassigned{0}, moving{0}, base{0}, incident{0}, unexplained{0};
    double distance_m = 0.0;
  };
  std::map<std::string, Sum> officers;
  for (std::size_t i = 0; i < a.roster.shifts.size() && i < a.shifts.size(); ++i) {
    const match::ShiftFigures& f = a.shifts[i];
    Sum& s = officers[a.roster.shifts[i].officer_id];
    ++s.shifts;
    s.on_duty += f.on_duty;
    s.crewed += f.crewed;
    s.covered += f.covered;
    s.gap += f.gap;
    s.unassigned += f.unassigned;
    s.moving += f.moving;
    s.base += f.base;
    s.incident += f.incident;
    s.unexplained += f.unexplained;
    s.distance_m += f.distance.value;
    s.unexplained_n += f.unexplained_n;
    s.events_n += f.events_n;
  }
  std::map<std::string, std::vector<std::size_t>> days_of;
  for (std::size_t i = 0; i < p.timelines.days.size(); ++i) days_of[p.timelines.days[i].officer_id].push_back(i);

  o.text("h3", {}, "Officers: time on duty, data coverage and time at dwells by class");
  o.text("p", {},
         "Sums of shifts.csv over each officer's shifts (h:mm:ss). Coverage is covered time over on-duty time: crewed "
         "time when the vehicle's track has data. Gap time is crewed time without data; it is never counted as time at "
         "a place. Dwell time counts only the on-duty part of each dwell.");
  o.open("table", {{"class", "officers"}});
  o.raw("<thead><tr><th>officer</th><th class=\"n\">shifts</th><th class=\"n\">on duty</th><th class=\"n\">crewed</th>"
        "<th class=\"n\">unassigned</th><th class=\"n\">covered</th><th class=\"n\">coverage</th><th class=\"n\">gap</th>"
        "<th class=\"n\">moving</th><th class=\"n\">km</th><th class=\"n\">base</th><th class=\"n\">incident</th>"
        "<th class=\"n\">unexplained</th><th class=\"n\">unexplained dwells</th><th class=\"n\">events</th>"
        "<th>timelines</th></tr></thead><tbody>");
  Sum total;
  for (const auto& [officer, s] : officers) {
    const double coverage = s.on_duty.count() > 0 ? static_cast<double>(s.covered.count()) / static_cast<double>(s.on_duty.count()) : 0.0;
    o.open("tr");
    o.text("td", {}, officer);
    for (const std::string& cell :
         {std::to_string(s.shifts), hms(s.on_duty), hms(s.crewed), hms(s.unassigned), hms(s.covered), format_fixed(coverage, 4),
          hms(s.gap), hms(s.moving), format_fixed(s.distance_m / 1000.0, 3), hms(s.base), hms(s.incident),
          hms(s.unexplained), std::to_string(s.unexplained_n), std::to_string(s.events_n)})
      o.text("td", {{"class", "n"}}, cell);
    o.open("td");
    const auto it = days_of.find(officer);
    if (it != days_of.end() && !it->second.empty()) {
      link(o, p.timelines.prefixes[it->second.front()], format_day(p.timelines.days[it->second.front()].day));
      o.escaped(" (" + std::to_string(it->second.size()) + " days)");
    }
    o.close("td");
    o.close("tr");
    o.nl();
    total.shifts += s.shifts;
    total.on_duty += s.on_duty;
    total.crewed += s.crewed;
    total.unassigned += s.unassigned;
    total.covered += s.covered;
    total.gap += s.gap;
    total.moving += s.moving;
    total.distance_m += s.distance_m;
    total.base += s.base;
    total.incident += s.incident;
    total.unexplained += s.unexplained;
    total.unexplained_n += s.unexplained_n;
    total.events_n += s.events_n;
  }
  o.raw("</tbody>");
  if (!officers.empty()) {
    const double coverage = total.on_duty.count() > 0
                                ? static_cast<double>(total.covered.count()) / static_cast<double>(total.on_duty.count())
                                : 0.0;
    o.raw("<tfoot><tr><th>all</th>");
    for (const std::string& cell :
         {std::to_string(total.shifts), hms(total.on_duty), hms(total.crewed), hms(total.unassigned), hms(total.covered),
          format_fixed(coverage, 4), hms(total.gap), hms(total.moving), format_fixed(total.distance_m / 1000.0, 3),
          hms(total.base), hms(total.incident), hms(total.unexplained), std::to_string(total.unexplained_n),
          std::to_string(total.events_n)})
      o.text("td", {{"class", "n"}}, cell);
    o.raw("<td></td></tr></tfoot>");
  }
  o.raw("</table>\n");

  // Per vehicle: dwells by class, off duty included, and gaps.
  o.text("h3", {}, "Vehicles: dwells by class and data gaps");
  o.open("table", {{"class", "vehicles"}});
  o.raw("<thead><tr><th>vehicle</th><th class=\"n\">pings used</th><th>first ping</th><th>last ping</th>");
  for (const auto k : kClasses) o.text("th", {{"class", "n"}}, std::string(match::name(k)) + " dwells (time)");
  o.raw("<th class=\"n\">data gaps (silence; bridged by a dwell)</th></tr></thead><tbody>");
  for (std::size_t k = 0; k < a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = a.run.vehicles[k];
    std::array<std::size_t, kClasses.size()> n{};
    std::array<Millis, kClasses.size()> t{};
    for (std::size_t d = 0; d < v.dwells.size(); ++d) {
      const auto c = static_cast<std::size_t>(a.matches.at(k).at(d).dwell_class);
      ++n.at(c);
      t.at(c) += v.dwells[d].end - v.dwells[d].start;
    }
    Millis silence{0};
    std::size_t bridged = 0;
    for (const pipeline::GapRecord& g : v.gaps) {
      silence += g.end - g.start;
      bridged += g.bridged_by ? 1U : 0U;
    }
    o.open("tr");
    o.text("td", {}, a.run.vehicle_name(v));
    o.text("td", {{"class", "n"}}, std::to_string(v.pings_used));
    o.text("td", {}, v.pings_used ? when(p.zone, v.first_ping) : "");
    o.text("td", {}, v.pings_used ? when(p.zone, v.last_ping) : "");
    for (std::size_t c = 0; c < kClasses.size(); ++c) o.text("td", {{"class", "n"}}, std::to_string(n[c]) + " (" + hms(t[c]) + ")");
    o.text("td", {{"class", "n"}},
           std::to_string(v.gaps.size()) + " (" + hms(silence) + "; " + std::to_string(bridged) + " bridged)");
    o.close("tr");
    o.nl();
  }
  o.raw("</tbody></table>\n");
  o.close("section");
  o.nl();
}

// ---- Tables --------------------------------------------------------------------------------------

void rows_cell(Out& o, const std::vector<std::pair<std::string, std::string>>& parts) {
  o.open("td", {{"class", "rows"}});
  bool first = true;
  for (const auto& [what, rows] : parts) {
    if (rows.empty()) continue;
    if (!first) o.raw("<br>");
    first = false;
    if (!what.empty()) o.escaped(what + ": ");
    o.text("code", {}, rows);
  }
  o.close("td");
}

void unexplained_section(Out& o, const Page& p) {
  const pipeline::Analysis& a = p.a;
  const DwellsTable dwells = analysed_dwells_table(a, p.zone);
  const CsvTable t = parse_csv(unexplained_csv(a, dwells));
  o.open("section", {{"id", "unexplained"}, {"class", "part"}});
  o.text("h2", {}, "Unexplained dwells (" + std::to_string(t.rows.size()) + ")");
  o.text("p", {},
         "The rows of unexplained.csv, most unexplained time first: dwells with time while someone was on duty in the "
         "vehicle that no base or incident explains, whatever their class. Times are local with their UTC offset.");
  o.open("table", {{"id", "unexplained-table"}, {"class", "data"}});
  o.raw("<thead><tr><th class=\"n\">#</th><th>dwell</th><th>start</th><th>end</th><th class=\"n\">duration</th>"
        "<th class=\"n\">unexplained</th><th>class</th>"
        "<th>on duty (shifts)</th><th>places</th><th>nearest incident</th><th>flags</th><th>source rows</th>"
        "<th>timeline, map</th></tr></thead><tbody>");
  o.nl();
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const CsvRow r{t, t.rows[i]};
    const std::string& id = r["dwell_id"];
    o.open("tr", {{"id", unexplained_row(id)}, {"data-dwell-id", id}});
    o.text("td", {{"class", "n"}}, std::to_string(i + 1));
    o.text("td", {}, id);
    o.text("td", {}, r["start_local"]);
    o.text("td", {}, r["end_local"]);
    const auto ref = p.dwells_by_id.find(id);
    const Millis length = ref == p.dwells_by_id.end()
                              ? Millis{0}
                              : a.run.vehicles[ref->second.vehicle].dwells[ref->second.dwell].end -
                                    a.run.vehicles[ref->second.vehicle].dwells[ref->second.dwell].start;
    o.text("td", {{"class", "n"}}, r["duration_s"] + " s (" + hms(length) + ")");
    o.text("td", {{"class", "n"}}, r["unexplained_s"] + " s");
    o.text("td", {}, r["class"]);
    o.text("td", {}, r["officer_ids"] + (r["shift_ids"].empty() ? "" : " (" + r["shift_ids"] + ")"));
    o.text("td", {}, r["place_ids"]);
    o.open("td");
    if (!r["nearest_incident_id"].empty()) {
      map_link(o, p, incident_anchor(r["nearest_incident_id"]), r["nearest_incident_id"]);
      o.escaped(" at " + r["nearest_incident_m"] + " m");
    }
    o.close("td");
    o.text("td", {{"class", "flags"}}, r["flags"]);
    rows_cell(o, {{"", r["source_rows"]}});
    o.open("td", {{"class", "links"}});
    timeline_links(o, p, p.timelines.showing("dwell", id));
    o.raw("<br>");
    map_link(o, p, dwell_anchor(id), "map");
    o.close("td");
    o.close("tr");
    o.nl();
  }
  o.raw("</tbody></table>\n");
  if (t.rows.empty()) o.text("p", {}, "No dwell is unexplained.");
  o.close("section");
  o.nl();
}

void flags_section(Out& o, const Page& p) {
  const CsvTable t = parse_csv(flags_csv(p.a, p.zone));
  o.open("section", {{"id", "flags"}, {"class", "part"}});
  o.text("h2", {}, "Flags (" + std::to_string(t.rows.size()) + ")");
  o.text("p", {},
         "The rows of flags.csv, each against one officer: their visit to an address after an incident there that "
         "they attended closed (revisit_after_closure), or after they looked the address up (lookup_then_visit), "
         "with the evidence and the time they were on duty there.");
  o.open("table", {{"id", "flags-table"}, {"class", "data"}});
  o.raw("<thead><tr><th class=\"n\">#</th><th>flag</th><th>dwell</th><th>against (shifts, time on duty there)</th><th>place</th><th>visit</th>"
        "<th>evidence</th><th class=\"n\">before the visit</th><th>source rows</th><th>timeline, map</th></tr></thead><tbody>");
  o.nl();
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const CsvRow r{t, t.rows[i]};
    const std::string& id = r["dwell_id"];
    const bool revisit = r["kind"] == "revisit_after_closure";
    o.open("tr", {{"id", "row-f-" + std::to_string(i + 1)}, {"data-dwell-id", id}, {"data-flag", r["flag"]}});
    o.text("td", {{"class", "n"}}, std::to_string(i + 1));
    o.text("td", {{"class", "flags"}}, r["flag"]);
    o.open("td");
    // A flagged dwell is in unexplained.csv when some of its time is unexplained (a visit within a
    // base is flagged too, and has none).
    const auto ref = p.dwells_by_id.find(id);
    if (ref != p.dwells_by_id.end() &&
        has_unexplained_time(p.a.matches.at(ref->second.vehicle).at(ref->second.dwell)))
      link(o, unexplained_row(id), id);
    else
      o.escaped(id);
    o.close("td");
    o.text("td", {}, r["officer_ids"] + (r["shift_ids"].empty() ? "" : " (" + r["shift_ids"] + ")") + ", " +
                         r["officer_on_duty_s"] + " s");
    o.text("td", {}, r["place_id"] + (r["label"].empty() ? "" : " (" + r["label"] + ")"));
    o.text("td", {}, r["visit_start_local"] + " to " + r["visit_end_local"] + ", " + r["duration_s"] + " s");
    o.text("td", {},
           r["evidence_id"] + " at " + r["evidence_time_local"] + ": " + r["evidence_detail"] +
               (r["evidence_officer_id"].empty() ? "" : "; officer " + r["evidence_officer_id"]) +
               (r["evidence_subject"].empty() ? "" : "; subject " + r["evidence_subject"]));
    o.text("td", {{"class", "n"}}, r["before_visit_s"] + " s");
    rows_cell(o, {{"evidence", r["evidence_rows"]}, {"dwell", r["dwell_source_rows"]}});
    o.open("td", {{"class", "links"}});
    timeline_links(o, p, p.timelines.showing("dwell", id));
    const auto& evidence_days = p.timelines.showing(revisit ? "incident" : "event", r["evidence_id"]);
    if (!evidence_days.empty()) {
      o.raw("<br>");
      o.escaped(revisit ? "incident: " : "look-up: ");
      timeline_links(o, p, evidence_days);
    }
    o.raw("<br>");
    map_link(o, p, dwell_anchor(id), "map");
    if (revisit) {
      o.escaped(", ");
      map_link(o, p, incident_anchor(r["evidence_id"]), r["evidence_id"]);
    }
    o.close("td");
    o.close("tr");
    o.nl();
  }
  o.raw("</tbody></table>\n");
  if (t.rows.empty()) o.text("p", {}, "No visit is flagged.");
  o.close("section");
  o.nl();
}

void claims_section(Out& o, const Page& p) {
  const pipeline::Analysis& a = p.a;
  o.open("section", {{"id", "claims"}, {"class", "part"}});
  if (a.tables.claims.empty()) {
    o.text("h2", {}, "Claims");
    o.text("p", {}, "No claims table was given (analyse --claims).");
    o.close("section");
    o.nl();
    return;
  }
  const CsvTable t = parse_csv(claims_csv(a, p.zone, p.options.reach_speed, p.options.smoothed));
  o.text("h2", {}, "Claims (" + std::to_string(t.rows.size()) + ")");
  o.text("p", {},
         "The rows of claims.csv, in the claims table's order: each statement tested against the tracks, with the "
         "sentence that states the verdict and the pings it rests on (docs/verify.md). Reach speed " +
             format_fixed(p.options.reach_speed.kmh(), 3) + " km/h.");
  o.open("table", {{"id", "claims-table"}, {"class", "data"}});
  o.raw("<thead><tr><th>claim</th><th>verdict</th><th>claim as read</th><th class=\"n\">inside / outside / "
        "unobserved</th><th>explanation</th><th>source rows</th><th>timeline, map</th></tr></thead><tbody>");
  o.nl();
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const CsvRow r{t, t.rows[i]};
    const std::string& verdict = r["verdict"];
    o.open("tr", {{"id", "row-c-" + std::to_string(i + 1)}, {"class", "verdict-" + verdict},
                  {"data-claim-id", r["claim_id"]}, {"data-verdict", verdict}});
    o.text("td", {}, r["claim_id"]);
    o.open("td", {{"class", "verdict"}});
    o.text("strong", {}, verdict);
    o.escaped(" (" + r["basis"] + ")");
    o.close("td");
    const std::string place = r["place_id"].empty() ? "the position " + r["place_lat"] + ", " + r["place_lon"] : r["place_id"];
    o.text("td", {},
           r["subject"] + " " + r["subject_id"] + " " + r["assertion"] + " at " + place + " (radius " + r["radius_m"] +
               " m) from " + r["start_local"] + " to " + r["end_local"] +
               (r["vehicles"].empty() ? "" : "; vehicles tested: " + r["vehicles"]) +
               (r["note"].empty() ? "" : "; note: " + r["note"]));
    o.text("td", {{"class", "n"}}, r["inside_s"] + " / " + r["outside_s"] + " / " + r["unobserved_s"] + " s");
    o.text("td", {{"class", "explanation"}}, r["explanation"]);
    rows_cell(o, {{"claim", r["source"]}, {"pings", r["evidence_rows"]}});
    o.open("td", {{"class", "links"}});
    timeline_links(o, p, p.timelines.showing("claim", r["claim_id"]));
    o.raw("<br>");
    if (i < a.tables.claims.size() && a.tables.claims[i].place.place_id.empty())
      map_link(o, p, claim_anchor(i), "map");
    else
      map_link(o, p, place_anchor(r["place_id"]), "map: " + r["place_id"]);
    o.close("td");
    o.close("tr");
    o.nl();
  }
  o.raw("</tbody></table>\n");
  o.close("section");
  o.nl();
}

// ---- Timelines -----------------------------------------------------------------------------------

void timelines_section(Out& o, const Page& p) {
  const Timelines& t = p.timelines;
  o.open("section", {{"id", "timelines"}, {"class", "part"}});
  o.text("h2", {}, "Timelines (" + std::to_string(t.days.size()) + " officer-days)");
  o.text("p", {},
         "One per officer and local calendar day: shifts, the vehicles the roster puts the officer in, their dwells by "
         "class and data gaps, incidents, the officer's events (records look-ups marked) and claims. The axis is real "
         "time, so a day with a clock change is 23 or 25 hours wide. Hover a bar for its times and source rows.");
  // An index: each officer's days.
  o.open("ul", {{"class", "index"}});
  for (std::size_t i = 0; i < t.days.size();) {
    std::size_t j = i;
    while (j < t.days.size() && t.days[j].officer_id == t.days[i].officer_id) ++j;
    o.open("li");
    o.text("strong", {}, t.days[i].officer_id);
    o.escaped(": ");
    for (std::size_t k = i; k < j; ++k) {
      if (k > i) o.raw(" ");
      link(o, t.prefixes[k], format_day(t.days[k].day));
    }
    o.close("li");
    o.nl();
    i = j;
  }
  o.close("ul");
  o.nl();
  for (std::size_t i = 0; i < t.days.size(); ++i) {
    const OfficerDay& d = t.days[i];
    o.open("section", {{"id", t.prefixes[i]}, {"class", "timeline"}, {"data-officer", d.officer_id},
                       {"data-day", format_day(d.day)}});
    o.text("h3", {}, day_label(d));
    o.nl();
    o.raw(t.svgs[i]);
    o.close("section");
    o.nl();
  }
  o.close("section");
  o.nl();
}

// ---- Page ----------------------------------------------------------------------------------------

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.35; color: #000; background: #fff; margin: 1.2em 1.6em; }
h1 { font-size: 17pt; margin: 0 0 .3em; }
h2 { font-size: 14pt; margin: 1.2em 0 .4em; border-bottom: 2px solid #000; }
h3 { font-size: 11.5pt; margin: 1em 0 .3em; }
nav p { margin: .6em 0; }
table { border-collapse: collapse; margin: .4em 0 1em; }
table.data { width: 100%; }
th, td { border: 1px solid #888; padding: 2px 4px; text-align: left; vertical-align: top; }
thead th, tfoot th { background: #eee; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.hash, td.path, td.rows, td.flags { font-family: monospace; font-size: 9pt; word-break: break-all; }
td.rows code { font-size: 9pt; }
td.links { white-space: nowrap; font-size: 9pt; }
td.explanation { min-width: 22em; }
tr.verdict-supported td.verdict { border-left: 6px solid #009E73; }
tr.verdict-contradicted td.verdict { border-left: 6px double #D55E00; }
tr.verdict-inconclusive td.verdict { border-left: 6px dashed #000; }
a { color: #0072B2; }
tr:target { outline: 3px solid #000; background: #FFF5C0; }
section.timeline:target > h3 { background: #FFF5C0; outline: 3px solid #000; }
.dwell:target circle, .place:target rect, .incident:target path, .claim:target path { stroke: #000; stroke-width: 4; }
.dwell:hover circle { stroke-width: 3; }
svg { max-width: 100%; height: auto; }
#map { width: 100%; border: 1px solid #888; }
section.timeline svg { width: 100%; }
p.caption { font-size: 9pt; }
ul.index li { margin: .2em 0; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 8.5pt; }
  nav { display: none; }
  section.part { break-before: page; }
  section.timeline { break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: #000; text-decoration: none; }
  tr:target, section.timeline:target > h3 { outline: none; background: none; }
  #map { max-height: 180mm; }
}
)css";

}  // namespace

std::string html_report(const pipeline::Analysis& a, const TimeZone* zone, const HtmlReportOptions& options) {
  std::vector<std::string> paths;
  for (const auto& input : a.run.ingest.inputs) paths.push_back(input.path);
  Page p{a, zone, options, display_names(paths), {}, make_timelines(a, zone, options), {}, false};
  for (std::size_t k = 0; k < a.run.vehicles.size(); ++k) {
    const pipeline::VehicleResult& v = a.run.vehicles[k];
    for (std::size_t d = 0; d < v.dwells.size(); ++d) p.dwells_by_id[dwell_id(a.run.vehicle_name(v), v.dwells[d].sequence)] = {k, d};
    if (!v.track.empty()) p.tracks_kept = true;
  }

  Out o;
  o.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  o.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  o.raw("<meta name=\"generator\" content=\"");
  o.raw(attr("Shiftline " + std::string(options.tool_version.empty() ? build_info::version : options.tool_version)));
  o.raw("\">\n");
  o.text("title", {}, options.title);
  o.raw("\n<style>");
  o.raw(kStyle);
  o.raw("</style>\n</head>\n<body>\n");
  header_section(o, p);
  contents(o, p);
  findings_section(o, p);  // first after the case: what to read first (docs/findings.md)
  summary_section(o, p);
  map_section(o, p);
  unexplained_section(o, p);
  flags_section(o, p);
  claims_section(o, p);
  timelines_section(o, p);
  o.raw("</body>\n</html>\n");
  return o.take();
}

}  // namespace shiftline::report
