// report.html (include/shiftline/report/html_report.hpp) of a small hand-made case over the autumn
// clock change and of the bundled case in data/, each analysed by pipeline::run_analyse with its
// tracks kept, parsed back with libxml2's HTML parser.
//
// The small case (as tests/unit/report/timeline_svg_test.cpp): one car, PV01, pings once a minute
// along the meridian 0.12 W from 2024-10-26T21:00Z (minute 0) to 2024-10-27T12:00Z (minute 900),
// silent from minute 300 to 360 (a gap). Dwells: PV01#1 base at STN (minutes 0-30), PV01#2
// incident at ADDR1 (60-100, INC1), PV01#3 unexplained at ADDR2 (190-260, 70 min, after PC1's
// look-up: a lookup_then_visit flag), PV01#4 base at STN (570-630, partial duty), PV01#5
// unexplained at ADDR2 (780-810, 30 min, after PC2's look-up: a second flag). Places: STN
// (51.50 N) and ADDR2 (51.52 N) on the meridian, 2.2 km apart; ADDR1's label has markup
// characters; PARK is a polygon. Claims C1-C5 name places; C6 is given by position.
//
// What is checked: one timeline per officer-day; one row per unexplained dwell, flag and claim, in
// the CSV tables' order; every #link resolves and every id is unique; nothing external is
// referenced; the map has a scale bar of a round length and a north arrow, its scale agrees with
// the geodesic distance between two places, dwell circle areas are proportional to durations;
// text is escaped; the bytes do not depend on the run or the thread count.
#include "shiftline/report/html_report.hpp"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "shiftline/core/time.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/timeline_svg.hpp"
#include "support/temp_dir.hpp"

namespace shiftline::report {
namespace {

using namespace std::chrono_literals;

Instant utc(const std::string& text) {
  const CivilParse p = parse_iso8601(text);
  EXPECT_TRUE(p.ok() && p.time.has_offset) << text;
  return to_instant(p.time);
}

const TimeZone* london() { return find_zone("Europe/London"); }

// ---- The small case ----

const Instant kMinute0 = utc("2024-10-26T21:00:00Z");

std::string ping(int minute, double lat) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "PV01,%s,%.7f,-0.1200000\n", format_utc(kMinute0 + std::chrono::minutes{minute}).c_str(),
                lat);
  return buf;
}

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
  const auto park = [&](int from, int to, double lat) {
    for (int m = from; m <= to; ++m) csv += ping(m, lat + (m % 2 ? 0.000004 : 0.0));
  };
  const auto drive = [&](int from, int to, const std::vector<double>& route) {
    for (int m = from + 1; m < to; ++m) csv += ping(m, along(route, static_cast<double>(m - from) / (to - from)));
  };
  park(0, 30, 51.50);
  drive(30, 60, {51.50, 51.53, 51.51});
  park(60, 100, 51.51);
  drive(100, 190, {51.51, 51.60, 51.52});
  park(190, 260, 51.52);
  drive(260, 300, {51.52, 51.55});
  csv += ping(300, 51.55);
  csv += ping(360, 51.57);
  drive(360, 570, {51.57, 51.70, 51.50});
  park(570, 630, 51.50);
  drive(630, 780, {51.50, 51.60, 51.52});
  park(780, 810, 51.52);
  drive(810, 900, {51.52, 51.62, 51.55});
  csv += ping(900, 51.55);
  return csv;
}

const char* const kShifts =
    "shift_id,officer_id,start,end,vehicle_id,callsign\n"
    "S1,PC1,2024-10-26 22:00,2024-10-27 07:00,PV01,NIGHT1\n"
    "S2,PC2,2024-10-27 09:00,2024-10-27 17:00,PV01,DAY1\n"
    "S3,PC2,2024-10-25 16:00,2024-10-26 00:00,,\n";
const char* const kPlaces =
    "place_id,label,kind,lat,lon,wkt\n"
    "STN,Station (synthetic),base,51.5,-0.12,\n"
    "ADDR1,\"Caf\xC3\xA9 \"\"Nine\"\" & <yard>\",address,51.51,-0.12,\n"
    "ADDR2,Address 2 (synthetic),address,51.52,-0.12,\n"
    "PARK,Park (synthetic),address,,,\"POLYGON((-0.13 51.53,-0.13 51.54,-0.11 51.54,-0.11 51.53,-0.13 51.53))\"\n";
const char* const kIncidents =
    "incident_id,opened,closed,lat,lon,type,vehicle_id,officer_id,callsign\n"
    "INC1,2024-10-26T21:50:00Z,2024-10-26T22:30:00Z,51.51,-0.12,domestic,PV01,,\n"
    "INC2,2024-10-27T03:30:00Z,2024-10-27T04:00:00Z,51.40,-0.12,theft,,PC1,\n"
    "INC3,2024-10-27T10:40:00Z,2024-10-27T11:00:00Z,51.40,-0.12,alarm,PV01,,\n";
const char* const kEvents =
    "timestamp,officer_id,kind,subject,place_id,detail\n"
    "2024-10-26T22:30:00+01:00,PC1,radio_status,,,on patrol\n"
    "2024-10-27T00:45:00+01:00,PC1,records_lookup,Jane Doe (synthetic),ADDR2,PNC check\n"
    "2024-10-27T09:30:00Z,PC2,records_lookup,John Roe (synthetic),ADDR2,PNC <check>\n";
const char* const kClaims =
    "claim_id,officer_id,vehicle_id,place_id,lat,lon,start,end,assertion\n"
    "C1,PC1,,ADDR2,,,2024-10-27T01:15:00+01:00,2024-10-27T01:15:00+00:00,present\n"
    "C2,,PV01,ADDR1,,,2024-10-26T22:10:00Z,2024-10-26T22:20:00Z,absent\n"
    "C3,PC1,,STN,,,2024-10-27T02:10:00Z,2024-10-27T02:50:00Z,present\n"
    "C4,,PV01,STN,,,2024-10-27T10:00:00Z,2024-10-27T10:20:00Z,present\n"
    "C5,PC2,,ADDR2,,,2024-10-27T09:00:00Z,2024-10-27T12:00:00Z,absent\n"
    "C6,,PV01,,51.6,-0.12,2024-10-27T11:00:00Z,2024-10-27T11:10:00Z,absent\n";

const Speed kReach = Speed::from_kmh(130.0);

class SmallCase {
 public:
  SmallCase() : m_dir("shiftline-html") {
    m_pings = m_dir.write("pings.csv", make_pings());
    m_shifts = m_dir.write("shifts.csv", kShifts);
    m_places = m_dir.write("places.csv", kPlaces);
    m_incidents = m_dir.write("incidents.csv", kIncidents);
    m_events = m_dir.write("events.csv", kEvents);
    m_claims = m_dir.write("claims.csv", kClaims);
  }
  [[nodiscard]] pipeline::Analysis analyse(unsigned threads, bool keep_tracks = true) const {
    pipeline::AnalyseConfig c;
    auto& in = c.pipeline.ingest;
    in.paths = {m_pings};
    in.zone = london();
    c.pipeline.threads = threads;
    c.pipeline.keep_tracks = keep_tracks;
    auto& t = c.tables;
    t.shifts = m_shifts;
    t.places = m_places;
    t.incidents = m_incidents;
    t.events = m_events;
    t.claims = m_claims;
    t.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
    c.verify.reach_speed = kReach;
    return pipeline::run_analyse(c);
  }

 private:
  test::TempDir m_dir;
  std::string m_pings, m_shifts, m_places, m_incidents, m_events, m_claims;
};

const SmallCase& small_case() {
  static const SmallCase c;
  return c;
}

const pipeline::Analysis& small() {
  static const pipeline::Analysis a = small_case().analyse(1);
  return a;
}

HtmlReportOptions small_options() {
  HtmlReportOptions o;
  o.title = "Case <42> & co";
  o.tool_version = "0.1.0-test";
  o.tool_commit = "abc123";
  o.parameters = {{"gap", Parameter{"300s", "default"}}, {"tz", Parameter{"Europe/London", "command line"}}};
  o.reach_speed = kReach;
  return o;
}

const std::string& small_html() {
  static const std::string html = html_report(small(), london(), small_options());
  return html;
}

// ---- The page read back ----

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

struct Element {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string text;  ///< the whole text content (only of elements with an id, <title> and <tr>)
  std::vector<std::size_t> ancestors;  ///< indices of the enclosing elements, outermost first
  [[nodiscard]] std::string at(const std::string& key) const {
    const auto it = attrs.find(key);
    return it == attrs.end() ? std::string() : it->second;
  }
  [[nodiscard]] bool has_class(const std::string& c) const {
    std::istringstream in(at("class"));
    for (std::string w; in >> w;)
      if (w == c) return true;
    return false;
  }
};

std::string content_of(xmlNode* n) {
  xmlChar* text = xmlNodeGetContent(n);
  std::string s = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return s;
}

struct Page {
  bool parsed = false;
  std::vector<Element> elements;  ///< document order

  [[nodiscard]] std::vector<std::size_t> all(const std::string& name, const std::string& cls = "") const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < elements.size(); ++i)
      if ((name.empty() || elements[i].name == name) && (cls.empty() || elements[i].has_class(cls))) out.push_back(i);
    return out;
  }
  [[nodiscard]] const Element* by_id(const std::string& id) const {
    for (const Element& e : elements)
      if (e.at("id") == id) return &e;
    return nullptr;
  }
  [[nodiscard]] std::size_t index_of(const std::string& id) const {
    for (std::size_t i = 0; i < elements.size(); ++i)
      if (elements[i].at("id") == id) return i;
    return elements.size();
  }
  [[nodiscard]] bool inside(std::size_t i, std::size_t ancestor) const {
    const auto& a = elements.at(i).ancestors;
    return std::find(a.begin(), a.end(), ancestor) != a.end();
  }
  /// The data rows of a table: <tr> inside its <tbody>.
  [[nodiscard]] std::vector<const Element*> rows(const std::string& table_id) const {
    std::vector<const Element*> out;
    const std::size_t table = index_of(table_id);
    for (std::size_t i = 0; i < elements.size(); ++i)
      if (elements[i].name == "tr" && inside(i, table)) {
        const bool in_body = std::any_of(elements[i].ancestors.begin(), elements[i].ancestors.end(),
                                         [&](std::size_t a) { return elements[a].name == "tbody"; });
        if (in_body) out.push_back(&elements[i]);
      }
    return out;
  }
};

void collect(xmlNode* n, std::vector<std::size_t>& path, Page& page) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    Element e;
    e.name = reinterpret_cast<const char*>(n->name);
    for (xmlAttr* a = n->properties; a; a = a->next) {
      xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
      std::string name = reinterpret_cast<const char*>(a->name);
      if (a->ns && a->ns->prefix) name = std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":" + name;
      e.attrs[name] = v ? reinterpret_cast<const char*>(v) : "";
      xmlFree(v);
    }
    if (e.attrs.count("id") || e.name == "title" || e.name == "tr") e.text = content_of(n);
    e.ancestors = path;
    page.elements.push_back(std::move(e));
    path.push_back(page.elements.size() - 1);
    collect(n->children, path, page);
    path.pop_back();
  }
}

Page parse(const std::string& html) {
  Page page;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8",
                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS));
  page.parsed = doc != nullptr;
  if (doc) {
    std::vector<std::size_t> path;
    collect(xmlDocGetRootElement(doc.get()), path, page);
  }
  return page;
}

std::size_t data_rows(const std::string& csv) { return static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1; }

// The first column of every data row of a CSV whose first column needs no quoting.
std::vector<std::string> first_column(const std::string& csv) {
  std::vector<std::string> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) out.push_back(line.substr(0, line.find(',')));
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// ---- Checks shared by both cases ----

void expect_timelines(const Page& page, const pipeline::Analysis& a) {
  const std::vector<OfficerDay> days = officer_days(a, london());
  const auto sections = page.all("section", "timeline");
  const auto svgs_of_page = page.all("svg");
  ASSERT_EQ(sections.size(), days.size());
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Element& s = page.elements[sections[i]];
    EXPECT_EQ(s.at("id"), svg_id_prefix(days[i].officer_id, days[i].day));
    EXPECT_EQ(s.at("data-officer"), days[i].officer_id);
    EXPECT_EQ(s.at("data-day"), format_day(days[i].day));
    std::size_t svgs = 0;
    for (const std::size_t e : svgs_of_page)
      if (page.inside(e, sections[i])) {
        ++svgs;
        EXPECT_EQ(page.elements[e].at("data-day"), format_day(days[i].day));
        EXPECT_EQ(page.elements[e].at("id"), s.at("id") + "-svg");
      }
    EXPECT_EQ(svgs, 1u) << s.at("id");
  }
  // Timeline SVGs are only in those sections: one per officer-day in the whole page.
  std::size_t timeline_svgs = 0;
  for (const std::size_t e : svgs_of_page)
    if (!page.elements[e].at("data-officer").empty()) ++timeline_svgs;
  EXPECT_EQ(timeline_svgs, days.size());
}

void expect_tables(const Page& page, const pipeline::Analysis& a, const std::string& unexplained, const std::string& flags,
                   const std::string& claims) {
  const auto u = page.rows("unexplained-table");
  ASSERT_EQ(u.size(), data_rows(unexplained));
  const auto ids = first_column(unexplained);
  for (std::size_t i = 0; i < u.size(); ++i) {
    EXPECT_EQ(u[i]->at("data-dwell-id"), ids[i]) << "row " << i + 1;
    // Links to a timeline and to the map.
    const std::string text = u[i]->text;
    EXPECT_NE(text.find("map"), std::string::npos);
  }
  EXPECT_EQ(page.rows("flags-table").size(), data_rows(flags));
  const auto c = page.rows("claims-table");
  ASSERT_EQ(c.size(), a.tables.claims.size());
  ASSERT_EQ(c.size(), data_rows(claims));
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(c[i]->at("data-claim-id"), a.tables.claims[i].claim_id);
    EXPECT_EQ(c[i]->at("data-verdict"), verify::name(a.claims[i].verdict));
  }
}

// Every id unique, every #fragment (href or url(#...)) names one.
void expect_links_resolve(const Page& page) {
  std::set<std::string> ids;
  for (const Element& e : page.elements) {
    const std::string id = e.at("id");
    if (id.empty()) continue;
    EXPECT_TRUE(ids.insert(id).second) << "id used twice: " << id;
  }
  std::size_t links = 0;
  for (const Element& e : page.elements)
    for (const auto& [name, value] : e.attrs) {
      if (name == "href" || name == "xlink:href") {
        ASSERT_FALSE(value.empty());
        ASSERT_EQ(value[0], '#') << "external link " << value;
        EXPECT_TRUE(ids.count(value.substr(1))) << "link to a missing id: " << value;
        ++links;
      }
      for (std::size_t p = value.find("url("); p != std::string::npos; p = value.find("url(", p + 1)) {
        const std::size_t end = value.find(')', p);
        ASSERT_NE(end, std::string::npos);
        const std::string target = value.substr(p + 4, end - p - 4);
        ASSERT_FALSE(target.empty());
        ASSERT_EQ(target[0], '#') << "external url " << target;
        EXPECT_TRUE(ids.count(target.substr(1))) << "url to a missing id: " << target;
      }
    }
  EXPECT_GT(links, 0u);
}

void expect_self_contained(const std::string& html, const Page& page) {
  std::string text = lower(html);
  for (const std::string ns : {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"})
    for (std::size_t p = text.find(ns); p != std::string::npos; p = text.find(ns, p)) text.erase(p, ns.size());
  EXPECT_EQ(text.find("http:"), std::string::npos);
  EXPECT_EQ(text.find("https:"), std::string::npos);
  EXPECT_EQ(text.find("src="), std::string::npos);
  EXPECT_EQ(text.find("@import"), std::string::npos);
  for (std::size_t p = text.find("url("); p != std::string::npos; p = text.find("url(", p + 1))
    EXPECT_EQ(text.compare(p, 5, "url(#"), 0) << text.substr(p, 40);
  // Elements and attributes that fetch or run something (the HTML parser lowercases names).
  const std::set<std::string> tags{"script", "link", "img",  "image", "iframe", "frame", "object",
                                   "embed",  "audio", "video", "source", "use",  "base",  "form", "foreignobject"};
  const std::set<std::string> attributes{"src", "srcset", "action", "data", "poster", "background", "xlink:href"};
  for (const Element& e : page.elements) {
    EXPECT_EQ(tags.count(lower(e.name)), 0u) << "element <" << e.name << ">";
    for (const auto& [name, value] : e.attrs)
      if (attributes.count(lower(name))) {
        EXPECT_EQ(value.rfind('#', 0), 0u) << name << "=" << value;
      }
  }
}

// The scale bar is a round length, drawn at the map's scale; a north arrow is there.
void expect_scale_and_north(const Page& page) {
  const std::size_t map = page.index_of("map");
  ASSERT_LT(map, page.elements.size()) << "no map";
  const std::size_t bar = page.index_of("map-scale-bar");
  const std::size_t north = page.index_of("map-north-arrow");
  ASSERT_LT(bar, page.elements.size());
  ASSERT_LT(north, page.elements.size());
  EXPECT_TRUE(page.inside(bar, map));
  EXPECT_TRUE(page.inside(north, map));
  EXPECT_NE(page.elements[north].text.find('N'), std::string::npos);
  const long long metres = std::stoll(page.elements[bar].at("data-metres"));
  long long m = metres;
  while (m % 10 == 0) m /= 10;
  EXPECT_TRUE(m == 1 || m == 2 || m == 5) << metres;
  const double px_per_m = std::stod(page.elements[map].at("data-px-per-m"));
  // The two halves of the bar: filled rects of height 4.
  double width = 0;
  for (std::size_t i = bar + 1; i < page.elements.size() && page.inside(i, bar); ++i)
    if (page.elements[i].name == "rect" && page.elements[i].at("height") == "4") width += std::stod(page.elements[i].at("width"));
  EXPECT_NEAR(width, static_cast<double>(metres) * px_per_m, 0.02);
  EXPECT_LE(width, 250.0 + 1e-9);
  EXPECT_GT(width, 250.0 / 2.5 - 1e-9);
}

// ---- The small case ----

TEST(HtmlReport, ParsesAndHasEverySection) {
  const Page page = parse(small_html());
  ASSERT_TRUE(page.parsed);
  for (const char* id : {"case", "summary", "map-section", "map", "unexplained", "flags", "claims", "timelines",
                         "unexplained-table", "flags-table", "claims-table"})
    EXPECT_NE(page.by_id(id), nullptr) << id;
  EXPECT_EQ(small_html().rfind("<!DOCTYPE html>\n", 0), 0u);
}

TEST(HtmlReport, OneTimelinePerOfficerDay) {
  const Page page = parse(small_html());
  // PC1 on 26 and 27 October, PC2 on 25 (S3 ends at midnight) and 27.
  ASSERT_EQ(officer_days(small(), london()).size(), 4u);
  expect_timelines(page, small());
  EXPECT_NE(page.by_id("tl-PC1-20241027"), nullptr);
}

TEST(HtmlReport, OneRowPerUnexplainedDwellFlagAndClaim) {
  const pipeline::Analysis& a = small();
  const std::string unexplained = unexplained_csv(a, analysed_dwells_table(a, london()));
  const std::string flags = flags_csv(a, london());
  const std::string claims = claims_csv(a, london(), kReach);
  const Page page = parse(small_html());
  expect_tables(page, a, unexplained, flags, claims);
  // PV01#3 (70 min) before PV01#5 (30 min); both flagged by a look-up; six claims.
  const auto u = page.rows("unexplained-table");
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(u[0]->at("data-dwell-id"), "PV01#3");
  EXPECT_EQ(u[1]->at("data-dwell-id"), "PV01#5");
  EXPECT_EQ(page.rows("flags-table").size(), 2u);
  EXPECT_EQ(page.rows("claims-table").size(), 6u);
}

TEST(HtmlReport, RowsLinkToTheirTimelineMapMarkAndSourceRows) {
  const Page page = parse(small_html());
  const Element* row = page.by_id("row-u-PV01_233");
  ASSERT_NE(row, nullptr);
  std::set<std::string> hrefs;
  for (std::size_t i = 0; i < page.elements.size(); ++i)
    if (page.elements[i].name == "a" && page.inside(i, page.index_of("row-u-PV01_233")))
      hrefs.insert(page.elements[i].at("href"));
  // PV01#3 (00:10Z-01:20Z on the 27th) is on PC1's timeline of the 27th only.
  EXPECT_EQ(hrefs, (std::set<std::string>{"#tl-PC1-20241027", "#map-dw-PV01_233"}));
  // Minutes 190 to 260 are lines 192 to 262 of pings.csv.
  EXPECT_NE(row->text.find("pings.csv:192-262"), std::string::npos) << row->text;
  // The map mark links back to the row.
  const std::size_t mark = page.index_of("map-dw-PV01_233");
  ASSERT_LT(mark, page.elements.size());
  EXPECT_EQ(page.elements[page.elements[mark].ancestors.back()].at("href"), "#row-u-PV01_233");
  // Claim C6 is given by position: its own mark; C1 links to ADDR2's mark.
  const Element* c6 = page.by_id("row-c-6");
  ASSERT_NE(c6, nullptr);
  EXPECT_NE(page.by_id("map-cl-6"), nullptr);
  std::set<std::string> c1_links;
  for (std::size_t i = 0; i < page.elements.size(); ++i)
    if (page.elements[i].name == "a" && page.inside(i, page.index_of("row-c-1"))) c1_links.insert(page.elements[i].at("href"));
  EXPECT_TRUE(c1_links.count("#map-pl-ADDR2"));
  EXPECT_TRUE(c1_links.count("#tl-PC1-20241027"));
}

TEST(HtmlReport, SourceRowsOfPV01_3AreTheCsvs) {
  const pipeline::Analysis& a = small();
  const std::string unexplained = unexplained_csv(a, analysed_dwells_table(a, london()));
  // The source_rows cell of PV01#3 in unexplained.csv is in its row of the page.
  const std::size_t at = unexplained.find("PV01#3,");
  ASSERT_NE(at, std::string::npos);
  const std::string line = unexplained.substr(at, unexplained.find('\n', at) - at);
  const std::size_t rows = line.find("pings.csv:");
  ASSERT_NE(rows, std::string::npos);
  const std::string cell = line.substr(rows, line.find(',', rows) - rows);
  const Page page = parse(small_html());
  EXPECT_NE(page.by_id("row-u-PV01_233")->text.find(cell), std::string::npos) << cell;
}

TEST(HtmlReport, LinksResolveAndIdsAreUnique) { expect_links_resolve(parse(small_html())); }

TEST(HtmlReport, NothingExternal) { expect_self_contained(small_html(), parse(small_html())); }

TEST(HtmlReport, MapHasScaleBarNorthArrowAndTrueScale) {
  const Page page = parse(small_html());
  expect_scale_and_north(page);
  const double px_per_m = std::stod(page.by_id("map")->at("data-px-per-m"));
  // STN and ADDR2 lie on the central meridian: their distance on the map is the geodesic one.
  const auto centre = [&](const std::string& id) {
    const std::size_t g = page.index_of(id);
    for (std::size_t i = g + 1; i < page.elements.size() && page.inside(i, g); ++i)
      if (page.elements[i].name == "rect")
        return std::pair{std::stod(page.elements[i].at("x")) + 4.0, std::stod(page.elements[i].at("y")) + 4.0};
    ADD_FAILURE() << "no square in " << id;
    return std::pair{0.0, 0.0};
  };
  const auto [x1, y1] = centre("map-pl-STN");
  const auto [x2, y2] = centre("map-pl-ADDR2");
  const double metres = geodesic_distance(LatLon::from_degrees(51.50, -0.12), LatLon::from_degrees(51.52, -0.12)).value;
  EXPECT_NEAR(std::hypot(x2 - x1, y2 - y1) / px_per_m, metres, metres * 1e-4 + 0.2 / px_per_m);
  EXPECT_LT(y2, y1) << "north is up";
  EXPECT_NEAR(x1, x2, 0.11);
}

TEST(HtmlReport, DwellMarksHaveAreaProportionalToDuration) {
  const Page page = parse(small_html());
  const auto marks = page.all("g", "dwell");
  std::size_t dwells = 0;
  for (const auto& v : small().run.vehicles) dwells += v.dwells.size();
  ASSERT_EQ(marks.size(), dwells);
  std::map<std::string, std::pair<double, double>> radius_and_seconds;
  for (const std::size_t g : marks) {
    const Element& e = page.elements[g];
    for (std::size_t i = g + 1; i < page.elements.size() && page.inside(i, g); ++i)
      if (page.elements[i].name == "circle")
        radius_and_seconds[e.at("data-dwell-id")] = {std::stod(page.elements[i].at("r")), std::stod(e.at("data-duration-s"))};
    EXPECT_FALSE(e.at("data-class").empty());
  }
  // PV01#3 (70 min) and PV01#5 (30 min): r^2 in the ratio of the durations.
  const auto [r3, s3] = radius_and_seconds.at("PV01#3");
  const auto [r5, s5] = radius_and_seconds.at("PV01#5");
  EXPECT_DOUBLE_EQ(s3, 4200.0);
  EXPECT_DOUBLE_EQ(s5, 1800.0);
  EXPECT_NEAR(r3 * r3 / (r5 * r5), s3 / s5, 0.01);
  EXPECT_NEAR(r3, 8.0 * std::sqrt(70.0 / 60.0), 0.01);
}

TEST(HtmlReport, TracksDrawnWhenKeptElseSaidSo) {
  const Page page = parse(small_html());
  EXPECT_EQ(page.all("g", "track").size(), 1u);
  const pipeline::Analysis without = small_case().analyse(1, false);
  const std::string html = html_report(without, london(), small_options());
  const Page bare = parse(html);
  EXPECT_TRUE(bare.all("g", "track").empty());
  EXPECT_NE(html.find("Tracks are not drawn: the run did not keep them"), std::string::npos);
  EXPECT_FALSE(bare.all("g", "gap").empty());
  expect_scale_and_north(bare);
  expect_links_resolve(bare);
}

TEST(HtmlReport, HeaderListsInputsParametersAndTool) {
  const pipeline::Analysis& a = small();
  const Page page = parse(small_html());
  const Element* header = page.by_id("case");
  ASSERT_NE(header, nullptr);
  for (const auto& in : a.run.ingest.inputs) {
    EXPECT_NE(header->text.find(in.sha256_before), std::string::npos) << in.path;
    EXPECT_NE(header->text.find(in.path), std::string::npos);
    EXPECT_NE(header->text.find(in.role), std::string::npos);
  }
  EXPECT_EQ(a.run.ingest.inputs.size(), 6u);
  EXPECT_NE(header->text.find("0.1.0-test (commit abc123)"), std::string::npos);
  EXPECT_NE(header->text.find("Europe/London"), std::string::npos);
  EXPECT_NE(header->text.find("command line"), std::string::npos);
}

TEST(HtmlReport, TextIsEscaped) {
  const std::string& html = small_html();
  EXPECT_EQ(html.find("<yard>"), std::string::npos);
  EXPECT_EQ(html.find("<42>"), std::string::npos);
  const Page page = parse(html);
  for (const Element& e : page.elements) EXPECT_NE(e.name, "yard");
  const Element* place = page.by_id("map-pl-ADDR1");
  ASSERT_NE(place, nullptr);
  EXPECT_NE(place->text.find("Caf\xC3\xA9 \"Nine\" & <yard>"), std::string::npos) << place->text;
  EXPECT_NE(page.all("title").empty(), true);
  EXPECT_EQ(page.elements[page.all("title").front()].text, "Case <42> & co");
}

TEST(HtmlReport, SummaryCountsAndPrintCss) {
  const std::string& html = small_html();
  EXPECT_NE(html.find("@page { size: A4 landscape"), std::string::npos);
  EXPECT_NE(html.find("break-before: page"), std::string::npos);
  const Page page = parse(html);
  const Element* summary = page.by_id("summary");
  ASSERT_NE(summary, nullptr);
  EXPECT_NE(summary->text.find("2 base"), std::string::npos) << summary->text;
  EXPECT_NE(summary->text.find("2 unexplained"), std::string::npos);
  EXPECT_NE(summary->text.find("0 revisit_after_closure, 2 lookup_then_visit"), std::string::npos);
  // S1 is 10 h over the clock change; S2 8 h; S3 8 h (BST).
  EXPECT_NE(summary->text.find("10:00:00"), std::string::npos);
  EXPECT_NE(summary->text.find("16:00:00"), std::string::npos);
}

TEST(HtmlReport, SameBytesAcrossRunsAndThreads) {
  const std::string again = html_report(small(), london(), small_options());
  EXPECT_TRUE(again == small_html());
  const pipeline::Analysis two = small_case().analyse(2);
  EXPECT_TRUE(html_report(two, london(), small_options()) == small_html());
}

// ---- The bundled case (data/, with the flags of scripts/demo) ----

const std::string kData = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";

pipeline::Analysis bundled(unsigned threads) {
  pipeline::AnalyseConfig c;
  auto& in = c.pipeline.ingest;
  in.paths = {kData + "pings.csv"};
  in.zone = london();
  c.pipeline.threads = threads;
  c.pipeline.keep_tracks = true;
  auto& t = c.tables;
  t.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
  t.shifts = kData + "shifts.csv";
  t.assignments = kData + "assignments.csv";
  t.places = kData + "places.csv";
  t.incidents = kData + "incidents.csv";
  t.events = kData + "events.csv";
  t.claims = kData + "claims.csv";
  return pipeline::run_analyse(c);
}

TEST(HtmlReportBundled, EveryCheckAndSameBytesForOneAndTwoThreads) {
  const pipeline::Analysis one = bundled(1);
  HtmlReportOptions options;
  options.tool_version = "test";
  const std::string html = html_report(one, london(), options);
  const Page page = parse(html);
  ASSERT_TRUE(page.parsed);
  expect_timelines(page, one);
  expect_tables(page, one, unexplained_csv(one, analysed_dwells_table(one, london())), flags_csv(one, london()),
                claims_csv(one, london(), options.reach_speed));
  expect_links_resolve(page);
  expect_self_contained(html, page);
  expect_scale_and_north(page);
  // The story's flagged visit (data/README.md): PV01's dwell at ADDR-A with both flags, linked to
  // PC4471's timeline of Saturday 2024-10-26.
  const auto flags = page.rows("flags-table");
  ASSERT_EQ(flags.size(), 2u);
  for (const Element* f : flags) EXPECT_NE(f->text.find("ADDR-A"), std::string::npos);
  EXPECT_NE(html.find("href=\"#tl-PC4471-20241026\""), std::string::npos);
  EXPECT_EQ(page.all("g", "track").size(), one.run.vehicles.size());
  // C08 claims a position 16 km away (Loughborough): drawn at the map's edge, saying so; C10's
  // position is on the map.
  const Element* c08 = page.by_id("map-cl-8");
  ASSERT_NE(c08, nullptr);
  EXPECT_EQ(c08->at("data-claim-id"), "C08");
  EXPECT_EQ(c08->at("data-off-map"), "yes");
  EXPECT_NE(c08->text.find("off the map"), std::string::npos);
  ASSERT_NE(page.by_id("map-cl-10"), nullptr);
  EXPECT_EQ(page.by_id("map-cl-10")->at("data-off-map"), "");

  // Two runs (the small case also renders one pipeline::Analysis twice), one and two threads.
  const pipeline::Analysis two = bundled(2);
  EXPECT_TRUE(html_report(two, london(), options) == html);
}

}  // namespace
}  // namespace shiftline::report
