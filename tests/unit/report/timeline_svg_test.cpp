// The officer-day timeline SVG (include/shiftline/report/timeline_svg.hpp) of a small case over the
// autumn clock change, analysed by pipeline::run_analyse and parsed back with libxml2.
//
// Europe/London: BST (+01:00) until 2024-10-27T01:00Z, GMT (+00:00) after, so local 2024-10-27
// runs from 2024-10-26T23:00Z to 2024-10-28T00:00Z: 25 real hours. One car, PV01, pings once a
// minute along the meridian 0.12 W from 21:00Z on the 26th (minute 0) to 12:00Z on the 27th
// (minute 900), silent between minutes 300 and 360. Minute m is on line m + 2 of pings.csv up to
// minute 300, line m - 57 from minute 360. Drives are at least 83 m a minute, so no dwell there.
//
//   minutes   UTC                   where                                      dwell
//   0-30      26th 21:00-21:30      parked at STN (base, 51.50 N)              PV01#1 base
//   60-100    26th 22:00-22:40      parked at ADDR1 (51.51 N); INC1 names PV01 PV01#2 incident
//   190-260   27th 00:10-01:20      parked at ADDR2 (51.52 N); PC1 looked ADDR2
//                                   up at 23:45Z (events.csv:3)                PV01#3 unexplained
//   300-360   27th 02:00-03:00      silent, 51.55 N -> 51.57 N: a gap, not bridged
//   570-630   27th 06:30-07:30      parked at STN; PC1 off duty at 07:00Z      PV01#4 base, partial
//   780-810   27th 10:00-10:30      parked at ADDR2; PC2 on duty, looked it up PV01#5 unexplained
//
// Roster: S1, PC1 in PV01, 2024-10-26 22:00 to 2024-10-27 07:00 local = 21:00Z to 07:00Z (10 h,
// BST to GMT), callsign NIGHT1; S2, PC2 in PV01, 2024-10-27 09:00-17:00 (GMT = UTC); S3, PC2 in
// no vehicle, 2024-10-25 16:00 to 2024-10-26 00:00 local (ends at midnight: touches only the 25th).
//
// So PC1's 2024-10-27 shows: S1 and its crewing (both clipped at the start), PV01#3 and PV01#4,
// the gap, INC2 (names PC1) and INC4 (names callsign NIGHT1), events.csv:3 (a look-up, local
// 00:45 +01:00) and events.csv:4 (local 01:30 +00:00), claims C1 (supported: PV01 at ADDR2
// throughout 00:15Z-01:15Z) and C3 (inconclusive: inside the gap, and STN was reachable in it).
// Not shown: PV01#5, INC3, C4 (PV01 while PC2 was in it), C5 and events.csv:5 (PC2's).
#include "shiftline/report/timeline_svg.hpp"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "support/temp_dir.hpp"

namespace shiftline::report {
namespace {

using std::chrono::year_month_day;
using namespace std::chrono_literals;

constexpr year_month_day kDay26{std::chrono::year{2024}, std::chrono::October, std::chrono::day{26}};
constexpr year_month_day kDay27{std::chrono::year{2024}, std::chrono::October, std::chrono::day{27}};

Instant utc(const std::string& text) {
  const CivilParse p = parse_iso8601(text);
  EXPECT_TRUE(p.ok() && p.time.has_offset) << text;
  return to_instant(p.time);
}

// ---- The case ----

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
    for (int m = from; m <= to; ++m) csv += ping(m, lat + (m % 2 ? 0.000004 : 0.0));  // 0.45 m scatter
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
    "place_id,label,kind,lat,lon\n"
    "STN,Station (synthetic),base,51.5,-0.12\n"
    "ADDR1,Address 1 (synthetic),address,51.51,-0.12\n"
    "ADDR2,Address 2 (synthetic),address,51.52,-0.12\n";
const char* const kIncidents =
    "incident_id,opened,closed,lat,lon,type,vehicle_id,officer_id,callsign\n"
    "INC1,2024-10-26T21:50:00Z,2024-10-26T22:30:00Z,51.51,-0.12,domestic,PV01,,\n"
    "INC2,2024-10-27T03:30:00Z,2024-10-27T04:00:00Z,51.40,-0.12,theft,,PC1,\n"
    "INC3,2024-10-27T10:40:00Z,2024-10-27T11:00:00Z,51.40,-0.12,alarm,PV01,,\n"
    "INC4,2024-10-27T05:00:00Z,2024-10-27T05:20:00Z,51.40,-0.12,alarm,,,NIGHT1\n";
const char* const kEvents =
    "timestamp,officer_id,kind,subject,place_id,detail\n"
    "2024-10-26T22:30:00+01:00,PC1,radio_status,,,on patrol\n"
    "2024-10-27T00:45:00+01:00,PC1,records_lookup,Jane Doe (synthetic),ADDR2,PNC check\n"
    "2024-10-27T01:30:00+00:00,PC1,radio_status,,,the second 01:30\n"
    "2024-10-27T09:30:00Z,PC2,records_lookup,John Roe (synthetic),ADDR2,PNC check\n";
const char* const kClaims =
    "claim_id,officer_id,vehicle_id,place_id,start,end,assertion\n"
    "C1,PC1,,ADDR2,2024-10-27T01:15:00+01:00,2024-10-27T01:15:00+00:00,present\n"
    "C2,,PV01,ADDR1,2024-10-26T22:10:00Z,2024-10-26T22:20:00Z,absent\n"
    "C3,PC1,,STN,2024-10-27T02:10:00Z,2024-10-27T02:50:00Z,present\n"
    "C4,,PV01,STN,2024-10-27T10:00:00Z,2024-10-27T10:20:00Z,present\n"
    "C5,PC2,,ADDR2,2024-10-27T09:00:00Z,2024-10-27T12:00:00Z,absent\n";

pipeline::Analysis analyse(unsigned threads) {
  const test::TempDir dir("timeline_svg");
  pipeline::AnalyseConfig c;
  auto& in = c.pipeline.ingest;
  in.paths = {dir.write("pings.csv", make_pings())};
  in.zone = find_zone("Europe/London");
  c.pipeline.threads = threads;
  auto& t = c.tables;
  t.shifts = dir.write("shifts.csv", kShifts);
  t.places = dir.write("places.csv", kPlaces);
  t.incidents = dir.write("incidents.csv", kIncidents);
  t.events = dir.write("events.csv", kEvents);
  t.claims = dir.write("claims.csv", kClaims);
  t.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
  return pipeline::run_analyse(c);
}

const pipeline::Analysis& analysis() {
  static const pipeline::Analysis a = analyse(1);
  return a;
}

const TimeZone* london() { return find_zone("Europe/London"); }

// ---- The SVG read back ----

struct XmlDocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

/// An element with its attributes, its <title> text and its first drawn child.
struct Element {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string title;
  std::string label;  ///< the text content of a <text>
  std::map<std::string, std::string> shape;  ///< attributes of the first rect/line/path child
  std::string shape_name;
  [[nodiscard]] std::string at(const std::string& key) const {
    const auto it = attrs.find(key);
    return it == attrs.end() ? std::string() : it->second;
  }
};

struct Parsed {
  bool well_formed = false;
  std::vector<Element> elements;  ///< every element, document order
  [[nodiscard]] std::vector<const Element*> kind(const std::string& k) const {
    std::vector<const Element*> out;
    for (const Element& e : elements)
      if (e.at("data-kind") == k) out.push_back(&e);
    return out;
  }
  [[nodiscard]] const Element* find(const std::string& k, const std::string& id) const {
    for (const Element& e : elements)
      if (e.at("data-kind") == k && e.at("data-id") == id) return &e;
    return nullptr;
  }
  [[nodiscard]] const Element& root() const { return elements.at(0); }
};

std::string content(xmlNode* n) {
  xmlChar* text = xmlNodeGetContent(n);
  std::string s = text ? reinterpret_cast<const char*>(text) : "";
  xmlFree(text);
  return s;
}

std::map<std::string, std::string> attributes(xmlNode* n) {
  std::map<std::string, std::string> out;
  for (xmlAttr* a = n->properties; a; a = a->next) {
    xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
    out[reinterpret_cast<const char*>(a->name)] = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
  }
  return out;
}

void collect(xmlNode* n, std::vector<Element>& out) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    Element e{reinterpret_cast<const char*>(n->name), attributes(n), {}, {}, {}, {}};
    if (e.name == "text") e.label = content(n);
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const std::string name = reinterpret_cast<const char*>(c->name);
      if (name == "title" && e.title.empty()) e.title = content(c);
      if ((name == "line" || name == "path" || (name == "rect" && attributes(c).count("fill-opacity") == 0)) &&
          e.shape_name.empty()) {
        e.shape_name = name;
        e.shape = attributes(c);
      }
    }
    out.push_back(std::move(e));
    collect(n->children, out);
  }
}

Parsed parse(const std::string& svg) {
  Parsed p;
  xmlParserCtxt* ctxt = xmlNewParserCtxt();
  std::unique_ptr<xmlDoc, XmlDocDeleter> doc(xmlCtxtReadMemory(
      ctxt, svg.data(), static_cast<int>(svg.size()), "timeline.svg", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR));
  p.well_formed = doc && ctxt->wellFormed;
  xmlFreeParserCtxt(ctxt);
  if (doc) collect(xmlDocGetRootElement(doc.get()), p.elements);
  return p;
}

// ---- Geometry ----

const TimelineStyle kStyle{};

double x_of(Instant day_start, Instant t) {
  return kStyle.label_width + static_cast<double>((t - day_start).count()) / 3'600'000.0 * kStyle.px_per_hour;
}

double number(const std::string& s) { return std::stod(s); }

// The x where an element's drawing starts: rect x, line x1, or the first coordinate of a path.
double drawn_x(const Element& e) {
  if (e.shape_name == "rect") return number(e.shape.at("x"));
  if (e.shape_name == "line") return number(e.shape.at("x1"));
  const std::string& d = e.shape.at("d");
  return number(d.substr(1, d.find(' ') - 1));
}

// ---- Tests ----

TEST(TimelineSvg, OfficerDaysAreEveryLocalDateAShiftTouches) {
  const std::vector<OfficerDay> days = officer_days(analysis(), london());
  const year_month_day day25{std::chrono::year{2024}, std::chrono::October, std::chrono::day{25}};
  // S3 ends at local midnight of the 26th: it does not touch the 26th.
  const std::vector<OfficerDay> expected{{"PC1", kDay26}, {"PC1", kDay27}, {"PC2", day25}, {"PC2", kDay27}};
  EXPECT_EQ(days, expected);
}

TEST(TimelineSvg, WellFormedWithRootAttributes) {
  const Parsed p = parse(officer_day_svg(analysis(), london(), "PC1", kDay27));
  ASSERT_TRUE(p.well_formed);
  const Element& root = p.root();
  EXPECT_EQ(root.name, "svg");
  EXPECT_EQ(root.at("data-officer"), "PC1");
  EXPECT_EQ(root.at("data-day"), "2024-10-27");
  EXPECT_EQ(root.at("data-zone"), "Europe/London");
  EXPECT_EQ(root.at("data-start-utc"), "2024-10-26T23:00:00Z");
  EXPECT_EQ(root.at("data-end-utc"), "2024-10-28T00:00:00Z");
  EXPECT_EQ(root.at("font-family"), "sans-serif");
}

struct Expected {
  std::string id, start, end;
};

void expect_kind(const Parsed& p, const std::string& kind, const std::vector<Expected>& expected) {
  const auto found = p.kind(kind);
  ASSERT_EQ(found.size(), expected.size()) << kind;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(found[i]->at("data-id"), expected[i].id) << kind;
    EXPECT_EQ(found[i]->at("data-start-utc"), expected[i].start) << kind << " " << expected[i].id;
    EXPECT_EQ(found[i]->at("data-end-utc"), expected[i].end) << kind << " " << expected[i].id;
  }
}

TEST(TimelineSvg, OneElementPerRecordOfTheDayWorkedByHand) {
  const Parsed p = parse(officer_day_svg(analysis(), london(), "PC1", kDay27));
  ASSERT_TRUE(p.well_formed);
  expect_kind(p, "shift", {{"S1", "2024-10-26T21:00:00Z", "2024-10-27T07:00:00Z"}});
  expect_kind(p, "crewing", {{"S1/PV01@2024-10-26T21:00:00Z", "2024-10-26T21:00:00Z", "2024-10-27T07:00:00Z"}});
  expect_kind(p, "dwell",
              {{"PV01#3", "2024-10-27T00:10:00Z", "2024-10-27T01:20:00Z"},
               {"PV01#4", "2024-10-27T06:30:00Z", "2024-10-27T07:30:00Z"}});
  expect_kind(p, "gap", {{"PV01@2024-10-27T02:00:00Z", "2024-10-27T02:00:00Z", "2024-10-27T03:00:00Z"}});
  expect_kind(p, "incident",
              {{"INC2", "2024-10-27T03:30:00Z", "2024-10-27T04:00:00Z"},
               {"INC4", "2024-10-27T05:00:00Z", "2024-10-27T05:20:00Z"}});
  expect_kind(p, "event",
              {{"events.csv:3", "2024-10-26T23:45:00Z", "2024-10-26T23:45:00Z"},
               {"events.csv:4", "2024-10-27T01:30:00Z", "2024-10-27T01:30:00Z"}});
  expect_kind(p, "claim",
              {{"C1", "2024-10-27T00:15:00Z", "2024-10-27T01:15:00Z"},
               {"C3", "2024-10-27T02:10:00Z", "2024-10-27T02:50:00Z"}});
  EXPECT_EQ(p.kind("clock-change").size(), 1u);

  const Element& d3 = *p.find("dwell", "PV01#3");
  EXPECT_EQ(d3.at("data-class"), "unexplained");
  EXPECT_EQ(d3.at("data-places"), "ADDR2");
  EXPECT_EQ(d3.at("data-flags"), "lookup_then_visit:events.csv:3");
  // Hover text: local times with their offsets either side of the change, duration, rows.
  EXPECT_NE(d3.title.find("from 2024-10-27 01:10:00 +01:00 to 2024-10-27 01:20:00 +00:00"), std::string::npos)
      << d3.title;
  EXPECT_NE(d3.title.find("Duration 1:10:00 (4200 s)"), std::string::npos) << d3.title;
  EXPECT_NE(d3.title.find("Source rows: pings.csv:192-262"), std::string::npos) << d3.title;
  EXPECT_NE(d3.title.find("ADDR2 (Address 2 (synthetic))"), std::string::npos) << d3.title;
  // A dwell block says where (its place) before what class it is: PV01#3 is the day's only dwell
  // at ADDR2, PV01#4 its only one at STN; the longest label that fits its block is drawn.
  const auto labelled = [&](const std::string& start) {
    return std::any_of(p.elements.begin(), p.elements.end(),
                       [&](const Element& e) { return e.name == "text" && e.label.rfind(start, 0) == 0; });
  };
  EXPECT_TRUE(labelled("ADDR2")) << "PV01#3";
  EXPECT_TRUE(labelled("STN")) << "PV01#4";
  const Element& d4 = *p.find("dwell", "PV01#4");
  EXPECT_EQ(d4.at("data-class"), "base");
  EXPECT_EQ(d4.at("data-partial-duty"), "yes");
  EXPECT_EQ(p.find("shift", "S1")->at("data-clipped"), "start");
  EXPECT_EQ(d3.at("data-clipped"), "");

  EXPECT_EQ(p.find("event", "events.csv:3")->at("data-lookup"), "yes");
  EXPECT_EQ(p.find("event", "events.csv:4")->at("data-lookup"), "no");
  EXPECT_NE(p.find("event", "events.csv:4")->title.find("at 2024-10-27 01:30:00 +00:00"), std::string::npos);
  EXPECT_NE(p.find("event", "events.csv:3")->title.find("Evidence of lookup_then_visit on PV01#3 at ADDR2"),
            std::string::npos);
  EXPECT_EQ(p.find("claim", "C1")->at("data-verdict"), "supported");
  EXPECT_EQ(p.find("claim", "C3")->at("data-verdict"), "inconclusive");
  EXPECT_NE(p.find("gap", "PV01@2024-10-27T02:00:00Z")->title.find("Pings either side: pings.csv:302, pings.csv:303"),
            std::string::npos);
}

TEST(TimelineSvg, TheNightBeforeAndTheOtherOfficer) {
  const Parsed night = parse(officer_day_svg(analysis(), london(), "PC1", kDay26));
  ASSERT_TRUE(night.well_formed);
  EXPECT_EQ(night.root().at("data-start-utc"), "2024-10-25T23:00:00Z");
  EXPECT_EQ(night.root().at("data-end-utc"), "2024-10-26T23:00:00Z");
  EXPECT_EQ(night.find("shift", "S1")->at("data-clipped"), "end");
  expect_kind(night, "dwell",
              {{"PV01#1", "2024-10-26T21:00:00Z", "2024-10-26T21:30:00Z"},
               {"PV01#2", "2024-10-26T22:00:00Z", "2024-10-26T22:40:00Z"}});
  EXPECT_EQ(night.find("dwell", "PV01#2")->at("data-class"), "incident");
  expect_kind(night, "gap", {});
  expect_kind(night, "incident", {{"INC1", "2024-10-26T21:50:00Z", "2024-10-26T22:30:00Z"}});
  expect_kind(night, "event", {{"events.csv:2", "2024-10-26T21:30:00Z", "2024-10-26T21:30:00Z"}});
  expect_kind(night, "claim", {{"C2", "2024-10-26T22:10:00Z", "2024-10-26T22:20:00Z"}});
  EXPECT_EQ(night.find("claim", "C2")->at("data-verdict"), "contradicted");
  EXPECT_TRUE(night.kind("clock-change").empty());

  // PC2 in PV01 from 09:00Z: PV01#4 (06:30-07:30Z) is not PC2's; PV01#5 is.
  const Parsed day = parse(officer_day_svg(analysis(), london(), "PC2", kDay27));
  ASSERT_TRUE(day.well_formed);
  expect_kind(day, "dwell", {{"PV01#5", "2024-10-27T10:00:00Z", "2024-10-27T10:30:00Z"}});
  expect_kind(day, "gap", {});
  expect_kind(day, "incident", {{"INC3", "2024-10-27T10:40:00Z", "2024-10-27T11:00:00Z"}});
  expect_kind(day, "event", {{"events.csv:5", "2024-10-27T09:30:00Z", "2024-10-27T09:30:00Z"}});
  expect_kind(day, "claim",
              {{"C5", "2024-10-27T09:00:00Z", "2024-10-27T12:00:00Z"},
               {"C4", "2024-10-27T10:00:00Z", "2024-10-27T10:20:00Z"}});
}

TEST(TimelineSvg, XIsProportionalToRealTimeAcrossTheClockChange) {
  const Parsed p = parse(officer_day_svg(analysis(), london(), "PC1", kDay27));
  ASSERT_TRUE(p.well_formed);
  const Instant start = utc(p.root().at("data-start-utc"));
  std::map<std::string, double> tick_x;
  for (const Element* t : p.kind("tick")) {
    EXPECT_NEAR(drawn_x(*t), x_of(start, utc(t->at("data-start-utc"))), 0.006) << t->at("data-local");
    tick_x[t->at("data-local")] = drawn_x(*t);
  }
  // 00:00 +01:00, 01:00 +01:00, 01:00 +00:00, 02:00 ... 23:00 +00:00, 00:00 +00:00 of the 28th.
  EXPECT_EQ(tick_x.size(), 26u);
  const double first = tick_x.at("2024-10-27T01:00:00+01:00");
  const double second = tick_x.at("2024-10-27T01:00:00+00:00");
  EXPECT_DOUBLE_EQ(second - first, kStyle.px_per_hour);
  EXPECT_DOUBLE_EQ(tick_x.at("2024-10-28T00:00:00+00:00") - tick_x.at("2024-10-27T00:00:00+01:00"),
                   25 * kStyle.px_per_hour);
  for (const Element* t : p.kind("tick")) EXPECT_NE(t->title.find(" +0"), std::string::npos) << t->title;

  for (const char* kind : {"dwell", "gap", "event", "claim", "incident"})
    for (const Element* e : p.kind(kind)) {
      const Instant s = utc(e->at("data-start-utc")), end = utc(e->at("data-end-utc"));
      EXPECT_NEAR(drawn_x(*e), x_of(start, s), 0.006) << kind << " " << e->at("data-id");
      if (e->shape_name == "rect") {
        EXPECT_NEAR(number(e->shape.at("width")), x_of(start, end) - x_of(start, s), 0.011) << e->at("data-id");
      }
    }
  // PV01#3: 00:10Z is 1 h 10 min after 23:00Z; 70 minutes long.
  const Element& d3 = *p.find("dwell", "PV01#3");
  EXPECT_EQ(d3.shape.at("x"), "244.00");
  EXPECT_EQ(d3.shape.at("width"), "84.00");
}

TEST(TimelineSvg, TickLabelsReadLocalTimeWithOffset) {
  const std::string svg = officer_day_svg(analysis(), london(), "PC1", kDay27);
  // A tick's <text> reads "HH:MM +hh:mm" (two lines: time over offset); both 01:00s are there, in
  // time order.
  const Parsed p = parse(svg);
  std::vector<std::string> labels;
  for (const Element& e : p.elements)
    if (e.name == "text" && e.label.size() == 12 && e.label[5] == ' ') labels.push_back(e.label);
  ASSERT_EQ(labels.size(), 26u);
  EXPECT_EQ(labels[0], "00:00 +01:00");
  EXPECT_EQ(labels[1], "01:00 +01:00");
  EXPECT_EQ(labels[2], "01:00 +00:00");
  EXPECT_EQ(labels[3], "02:00 +00:00");
  EXPECT_EQ(labels[25], "00:00 +00:00");
  EXPECT_NE(svg.find("clocks change: +01:00 to +00:00"), std::string::npos);
  EXPECT_NE(svg.find("25 h from 00:00 +01:00 to 24:00 +00:00"), std::string::npos);
}

TEST(TimelineSvg, SpringForwardDayIs23HoursWide) {
  const year_month_day spring{std::chrono::year{2024}, std::chrono::March, std::chrono::day{31}};
  const Parsed p = parse(officer_day_svg(analysis(), london(), "PC1", spring));
  ASSERT_TRUE(p.well_formed);
  EXPECT_EQ(p.root().at("data-start-utc"), "2024-03-31T00:00:00Z");
  EXPECT_EQ(p.root().at("data-end-utc"), "2024-03-31T23:00:00Z");
  const auto ticks = p.kind("tick");
  ASSERT_EQ(ticks.size(), 24u);  // 00:00 +00:00, 02:00 +01:00 ... 23:00 +01:00, 00:00 +01:00
  EXPECT_EQ(ticks[1]->at("data-local"), "2024-03-31T02:00:00+01:00");
  EXPECT_DOUBLE_EQ(drawn_x(*ticks.back()) - drawn_x(*ticks.front()), 23 * kStyle.px_per_hour);
  EXPECT_TRUE(p.kind("shift").empty());
}

TEST(TimelineSvg, WithoutAZoneTheDayIsUtc) {
  const Parsed p = parse(officer_day_svg(analysis(), nullptr, "PC1", kDay27));
  ASSERT_TRUE(p.well_formed);
  EXPECT_EQ(p.root().at("data-zone"), "UTC");
  EXPECT_EQ(p.root().at("data-start-utc"), "2024-10-27T00:00:00Z");
  EXPECT_EQ(p.root().at("data-end-utc"), "2024-10-28T00:00:00Z");
  EXPECT_EQ(p.kind("tick").size(), 25u);
  EXPECT_TRUE(p.kind("clock-change").empty());
  // 00:10Z-01:20Z is on the UTC 27th too; the event at 23:45Z on the 26th is not.
  EXPECT_NE(p.find("dwell", "PV01#3"), nullptr);
  EXPECT_EQ(p.find("event", "events.csv:3"), nullptr);
  bool utc_label = false;
  for (const Element& e : p.elements) utc_label = utc_label || e.label == "01:00 UTC";
  EXPECT_TRUE(utc_label);
}

TEST(TimelineSvg, NoExternalReferences) {
  std::string svg = officer_day_svg(analysis(), london(), "PC1", kDay27);
  // The SVG namespace name is an identifier, not a reference; it is the only "http" allowed.
  const std::string ns = "xmlns=\"http://www.w3.org/2000/svg\"";
  const std::size_t at = svg.find(ns);
  ASSERT_NE(at, std::string::npos);
  svg.erase(at, ns.size());
  EXPECT_EQ(svg.find("http"), std::string::npos);
  EXPECT_EQ(svg.find("//"), std::string::npos);
  for (const char* banned : {"<image", "<script", "<foreignObject", "<style", "@import", "<use", "<a "})
    EXPECT_EQ(svg.find(banned), std::string::npos) << banned;

  // Every href and url() points at an id of this document, and every id has the day's prefix.
  const Parsed p = parse(officer_day_svg(analysis(), london(), "PC1", kDay27));
  const std::string prefix = svg_id_prefix("PC1", kDay27);
  EXPECT_EQ(prefix, "tl-PC1-20241027");
  std::set<std::string> ids;
  for (const Element& e : p.elements)
    if (e.attrs.count("id")) {
      EXPECT_EQ(e.at("id").rfind(prefix, 0), 0u) << e.at("id");
      EXPECT_TRUE(ids.insert(e.at("id")).second) << "repeated id " << e.at("id");
    }
  for (std::size_t pos = svg.find("href="); pos != std::string::npos; pos = svg.find("href=", pos + 1))
    EXPECT_EQ(svg.substr(pos, 7), "href=\"#");
  std::size_t refs = 0;
  for (std::size_t pos = svg.find("url("); pos != std::string::npos; pos = svg.find("url(", pos + 1), ++refs) {
    ASSERT_EQ(svg[pos + 4], '#');
    const std::string id = svg.substr(pos + 5, svg.find(')', pos) - pos - 5);
    EXPECT_TRUE(ids.count(id)) << id;
  }
  EXPECT_GT(refs, 0u);
}

TEST(TimelineSvg, IdPrefixIsAnXmlNameAndDistinct) {
  EXPECT_EQ(svg_id_prefix("PC 1&<", kDay27), "tl-PC_201_26_3C-20241027");
  EXPECT_NE(svg_id_prefix("PC_1", kDay27), svg_id_prefix("PC-1", kDay27));
  // An officer id with markup and invalid UTF-8 still gives a well-formed document.
  const std::string svg = officer_day_svg(analysis(), london(), "<PC\"1&\xff>", kDay27);
  const Parsed p = parse(svg);
  ASSERT_TRUE(p.well_formed);
  EXPECT_EQ(p.root().at("data-officer"), "<PC\"1&\xEF\xBF\xBD>");
}

TEST(TimelineSvg, ByteIdenticalAcrossRunsAndThreadCounts) {
  const std::string once = officer_day_svg(analysis(), london(), "PC1", kDay27);
  EXPECT_EQ(once, officer_day_svg(analysis(), london(), "PC1", kDay27));
  const pipeline::Analysis threaded = analyse(4);
  EXPECT_EQ(once, officer_day_svg(threaded, london(), "PC1", kDay27));
  EXPECT_EQ(officer_day_svg(analysis(), london(), "PC2", kDay27), officer_day_svg(threaded, london(), "PC2", kDay27));
}

TEST(TimelineSvg, InvalidDayIsAUsageError) {
  const year_month_day bad{std::chrono::year{2024}, std::chrono::February, std::chrono::day{30}};
  EXPECT_THROW((void)officer_day_svg(analysis(), london(), "PC1", bad), UsageError);
  TimelineStyle flat;
  flat.px_per_hour = 0;
  EXPECT_THROW((void)officer_day_svg(analysis(), london(), "PC1", kDay27, flat), UsageError);
}

}  // namespace
}  // namespace shiftline::report
