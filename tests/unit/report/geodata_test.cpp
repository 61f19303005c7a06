// report.gpkg, report.geojson and report.kml on a small case run through `analyse`, read back with
// OGR (and the KML with libxml2), every count and value below worked out by hand.
//
// 2024-07-15, Europe/London (BST: local = UTC + 1 h). Times below are UTC; pings every minute.
//
//   car1 (lon -0.12)  08:00-08:10 parked at STN (51.500)             -> car1#1 base
//                     08:11-08:29 drives north 111 m a minute
//                     08:30-08:50 parked at ADDR1 (51.520); INC1      -> car1#2 incident
//                     08:51-08:59 drives north to 51.529
//                     no ping 08:59-09:20 (21 min > --gap 5 min)      -> gap 1, moved 1.2 km
//                     09:20-09:40 parked at 51.540, PC1 and PC2 on duty -> car1#3 unexplained
//                     81 pings (file lines 2-82), 2 track segments (60 and 21 pings)
//   car2 (lon -0.15)  08:00-08:20 parked at 51.600, inside PARK, no crew -> car2#1 off_duty
//                     08:21-08:30 drives north; 31 pings (lines 83-113), 1 segment
//   car3 (lon -0.18)  pings at 08:00, 08:10, 08:20 only (lines 114-116): 2 gaps, 3 one-ping segments
//
// Shifts: PC1 in car1 07:30-10:00, PC2 in car1 08:30-10:00. INC1 at ADDR1 08:25-08:55, car1.
// Claims: C1 car1 present at STN 08:01-08:09 (supported); C2 car1 absent from ADDR1 09:05-09:15,
// inside the gap and reachable (inconclusive).
//
// Totals: pings 115; tracks 2 + 1 + 3 = 6; dwells 4; gaps 1 + 0 + 2 = 3; places 3 (PARK a
// polygon with a hole in its south-west, away from car2); incidents 1; visits 3 (car1#1 STN,
// car1#2 ADDR1, car2#1 PARK); claims 2.
#include "shiftline/report/geodata.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/tables.hpp"
#include "support/temp_dir.hpp"

namespace shiftline::report {
namespace {

const TimeZone* london() { return find_zone("Europe/London"); }
constexpr Speed kReach = Speed::from_kmh(130.0);

std::string hhmm(int minutes_after_8) {
  char buf[64];
  const int m = 8 * 60 + minutes_after_8;
  std::snprintf(buf, sizeof buf, "2024-07-15T%02d:%02d:00Z", m / 60, m % 60);
  return buf;
}

std::string row(const char* vehicle, int minute, double lat, double lon) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s,%s,%.7f,%.7f\n", vehicle, hhmm(minute).c_str(), lat, lon);
  return buf;
}

std::string make_pings() {
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  const auto park = [&](const char* v, int from, int to, double lat, double lon) {
    for (int m = from; m <= to; ++m) csv += row(v, m, lat + (m % 2 ? 0.000004 : 0.0), lon);  // 0.45 m scatter
  };
  park("car1", 0, 10, 51.500, -0.12);
  for (int m = 11; m <= 29; ++m) csv += row("car1", m, 51.500 + 0.001 * (m - 10), -0.12);
  park("car1", 30, 50, 51.520, -0.12);
  for (int m = 51; m <= 59; ++m) csv += row("car1", m, 51.520 + 0.001 * (m - 50), -0.12);
  park("car1", 80, 100, 51.540, -0.12);
  park("car2", 0, 20, 51.600, -0.15);
  for (int m = 21; m <= 30; ++m) csv += row("car2", m, 51.600 + 0.001 * (m - 20), -0.15);
  for (int m : {0, 10, 20}) csv += row("car3", m, 51.700 + 0.001 * m, -0.18);
  return csv;
}

const char* kShifts =
    "shift_id,officer_id,start,end,vehicle_id,callsign\n"
    "S1,PC1,2024-07-15 08:30,2024-07-15 11:00,car1,ALPHA1\n"
    "S2,PC2,2024-07-15 09:30,2024-07-15 11:00,car1,ALPHA1\n";
// A clockwise ring (GeoJSON must write it anticlockwise), and text that XML must escape.
const char* kPlaces =
    "place_id,label,kind,lat,lon,wkt\n"
    "STN,Station & yard <north>,base,51.5,-0.12,\n"
    "ADDR1,\"Caf\xC3\xA9 \"\"Nine\"\"\",address,51.52,-0.12,\n"
    "PARK,Park (synthetic),address,,,\"POLYGON((-0.16 51.59,-0.16 51.61,-0.14 51.61,-0.14 51.59,-0.16 51.59),"
    "(-0.158 51.592,-0.152 51.592,-0.152 51.596,-0.158 51.596,-0.158 51.592))\"\n";
const char* kIncidents =
    "incident_id,opened,closed,place_id,type,vehicle_id\n"
    "INC1,2024-07-15 09:25,2024-07-15 09:55,ADDR1,domestic,car1\n";
const char* kClaims =
    "claim_id,vehicle_id,place_id,start,end,assertion\n"
    "C1,car1,STN,2024-07-15 09:01,2024-07-15 09:09,present\n"
    "C2,car1,ADDR1,2024-07-15 10:05,2024-07-15 10:15,absent\n";

class GeodataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<test::TempDir>("shiftline-geodata");
    s_first = std::make_unique<pipeline::Analysis>(analyse(1));
    s_gpkg = s_first->run.vehicles.empty() ? "" : geopackage_bytes(*s_first, london(), kReach, false, nullptr, nullptr, true);
    s_gpkg_path = s_dir->write("report.gpkg", s_gpkg);
    GDALAllRegister();
  }
  static void TearDownTestSuite() {
    s_first.reset();
    s_dir.reset();
  }

  static pipeline::Analysis analyse(unsigned threads) {
    pipeline::AnalyseConfig c;
    c.pipeline.ingest.paths = {s_dir->write("pings.csv", make_pings())};
    c.pipeline.ingest.zone = london();
    c.pipeline.keep_tracks = true;
    c.pipeline.threads = threads;
    const auto& in = c.pipeline.ingest;
    c.tables.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
    c.tables.shifts = s_dir->write("shifts.csv", kShifts);
    c.tables.places = s_dir->write("places.csv", kPlaces);
    c.tables.incidents = s_dir->write("incidents.csv", kIncidents);
    c.tables.claims = s_dir->write("claims.csv", kClaims);
    c.verify.reach_speed = kReach;
    return pipeline::run_analyse(c);
  }

  struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
  };
  using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;
  static Dataset open(const std::string& path, const char* driver = nullptr) {
    const char* drivers[] = {driver, nullptr};
    return Dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, driver ? drivers : nullptr));
  }

  // The features of a layer, by fid order.
  static std::vector<std::unique_ptr<OGRFeature>> features(OGRLayer& layer) {
    std::vector<std::unique_ptr<OGRFeature>> out;
    layer.ResetReading();
    while (OGRFeature* f = layer.GetNextFeature()) out.emplace_back(f);
    return out;
  }
  static const OGRFeature* find(const std::vector<std::unique_ptr<OGRFeature>>& fs, const char* field,
                                const std::string& value) {
    for (const auto& f : fs)
      if (value == f->GetFieldAsString(field)) return f.get();
    return nullptr;
  }
  static std::string utc(const OGRFeature& f, const char* field) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float s = 0;
    if (!f.GetFieldAsDateTime(f.GetFieldIndex(field), &y, &mo, &d, &h, &mi, &s, &tz)) return "unset";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%06.3f tz%d", y, mo, d, h, mi, static_cast<double>(s), tz);
    return buf;
  }

  static std::unique_ptr<test::TempDir> s_dir;
  static std::unique_ptr<pipeline::Analysis> s_first;
  static std::string s_gpkg, s_gpkg_path;
};

std::unique_ptr<test::TempDir> GeodataTest::s_dir;
std::unique_ptr<pipeline::Analysis> GeodataTest::s_first;
std::string GeodataTest::s_gpkg;
std::string GeodataTest::s_gpkg_path;

TEST_F(GeodataTest, GeoPackageLayersGeometriesAndCounts) {
  const Dataset ds = open(s_gpkg_path, "GPKG");
  ASSERT_TRUE(ds);
  const std::map<std::string, std::pair<OGRwkbGeometryType, GIntBig>> expected{
      {"pings", {wkbPoint, 115}},       {"tracks", {wkbLineString, 6}}, {"dwells", {wkbPoint, 4}},
      {"track_steps", {wkbLineString, 109}},  // 115 pings in 6 pieces between gaps, none across midnight
      {"gaps", {wkbLineString, 3}},     {"places", {wkbPoint, 3}},      {"place_areas", {wkbPolygon, 1}},
      {"incidents", {wkbPoint, 1}},     {"visits", {wkbPoint, 3}},      {"claims", {wkbPoint, 2}},
      {"layer_styles", {wkbNone, 8}}};
  std::map<std::string, std::pair<OGRwkbGeometryType, GIntBig>> got;
  for (OGRLayer* layer : ds->GetLayers())
    got[layer->GetName()] = {wkbFlatten(layer->GetGeomType()), layer->GetFeatureCount(TRUE)};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(ds->GetLayerByName("tracks")->GetGeomType(), wkbLineStringM);
  EXPECT_EQ(ds->GetLayerByName("track_steps")->GetGeomType(), wkbLineStringM);

  // EPSG:4326 with x = longitude: a point's x is the lon field.
  OGRLayer* dwells = ds->GetLayerByName("dwells");
  const OGRSpatialReference* srs = dwells->GetSpatialRef();
  ASSERT_NE(srs, nullptr);
  EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4326");
  for (const auto& f : features(*dwells)) {
    const auto* p = f->GetGeometryRef()->toPoint();
    EXPECT_DOUBLE_EQ(p->getX(), f->GetFieldAsDouble("lon"));
    EXPECT_DOUBLE_EQ(p->getY(), f->GetFieldAsDouble("lat"));
  }
}

TEST_F(GeodataTest, GeoPackageFieldsAndTypes) {
  const Dataset ds = open(s_gpkg_path, "GPKG");
  ASSERT_TRUE(ds);
  const auto fields = [&](const char* layer) {
    std::vector<std::pair<std::string, OGRFieldType>> out;
    OGRFeatureDefn* defn = ds->GetLayerByName(layer)->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      out.emplace_back(defn->GetFieldDefn(i)->GetNameRef(), defn->GetFieldDefn(i)->GetType());
    return out;
  };
  using P = std::vector<std::pair<std::string, OGRFieldType>>;
  EXPECT_EQ(fields("pings"), (P{{"vehicle_id", OFTString}, {"time", OFTDateTime}, {"time_local", OFTString},
                                {"source", OFTString}, {"officer_ids", OFTString}, {"segment", OFTInteger64}}));
  EXPECT_EQ(fields("tracks"),
            (P{{"vehicle_id", OFTString}, {"segment", OFTInteger64}, {"start", OFTDateTime}, {"end", OFTDateTime},
               {"start_local", OFTString}, {"end_local", OFTString}, {"duration_s", OFTReal},
               {"n_pings", OFTInteger64}, {"first_row", OFTString}, {"last_row", OFTString},
               {"officer_ids", OFTString}, {"local_day", OFTString}}));
  EXPECT_EQ(fields("track_steps"),
            (P{{"vehicle_id", OFTString}, {"segment", OFTInteger64}, {"start", OFTDateTime}, {"end", OFTDateTime},
               {"start_local", OFTString}, {"end_local", OFTString}, {"duration_s", OFTReal},
               {"from_row", OFTString}, {"to_row", OFTString}}));
  EXPECT_EQ(fields("dwells"),
            (P{{"dwell_id", OFTString},     {"vehicle_id", OFTString},   {"start", OFTDateTime},
               {"end", OFTDateTime},        {"start_local", OFTString},  {"end_local", OFTString},
               {"duration_s", OFTReal},     {"lat", OFTReal},            {"lon", OFTReal},
               {"radius_m", OFTReal},       {"n_pings", OFTInteger64},   {"bridged_gap_s", OFTReal},
               {"source_rows", OFTString},  {"class", OFTString},        {"officer_ids", OFTString},
               {"shift_ids", OFTString},    {"place_ids", OFTString},    {"incident_ids", OFTString},
               {"nearest_incident_id", OFTString}, {"nearest_incident_m", OFTReal}, {"flags", OFTString},
               {"incident_s", OFTReal},     {"base_s", OFTReal},         {"unexplained_s", OFTReal},
               {"off_duty_s", OFTReal},     {"duty_unknown_s", OFTReal}, {"officer_on_duty_s", OFTString},
               {"context", OFTString}}));
  EXPECT_EQ(fields("gaps"),
            (P{{"vehicle_id", OFTString}, {"start", OFTDateTime}, {"end", OFTDateTime}, {"duration_s", OFTReal},
               {"from_lat", OFTReal}, {"from_lon", OFTReal}, {"to_lat", OFTReal}, {"to_lon", OFTReal},
               {"moved_m", OFTReal}, {"start_local", OFTString}, {"end_local", OFTString}, {"from_row", OFTString},
               {"to_row", OFTString}, {"bridged_by_dwell", OFTString}, {"officer_ids", OFTString}}));
  const P place{{"place_id", OFTString}, {"label", OFTString}, {"kind", OFTString}, {"shape", OFTString},
                {"lat", OFTReal},        {"lon", OFTReal},     {"radius_m", OFTReal}, {"source", OFTString}};
  EXPECT_EQ(fields("places"), place);
  EXPECT_EQ(fields("place_areas"), place);
  for (const char* layer : {"incidents", "visits", "claims"})
    for (const auto& [name, type] : fields(layer)) {
      const bool time =
          name == "opened" || name == "closed" || name == "start" || name == "end" || name == "nearest_at";
      EXPECT_EQ(type == OFTDateTime, time) << layer << "." << name;
    }
  EXPECT_EQ(fields("visits").size(), 19U);  // the columns of visits.csv
}

TEST_F(GeodataTest, GeoPackageValues) {
  const Dataset ds = open(s_gpkg_path, "GPKG");
  ASSERT_TRUE(ds);
  const auto dwells = features(*ds->GetLayerByName("dwells"));
  const std::map<std::string, std::string> classes{
      {"car1#1", "base"}, {"car1#2", "incident"}, {"car1#3", "unexplained"}, {"car2#1", "off_duty"}};
  for (const auto& [id, cls] : classes) {
    const OGRFeature* f = find(dwells, "dwell_id", id);
    ASSERT_NE(f, nullptr) << id;
    EXPECT_EQ(f->GetFieldAsString("class"), cls) << id;
  }
  const OGRFeature* d2 = find(dwells, "dwell_id", "car1#2");
  EXPECT_EQ(utc(*d2, "start"), "2024-07-15T08:30:00.000 tz100");
  EXPECT_EQ(utc(*d2, "end"), "2024-07-15T08:50:00.000 tz100");
  EXPECT_STREQ(d2->GetFieldAsString("start_local"), "2024-07-15T09:30:00+01:00");
  EXPECT_DOUBLE_EQ(d2->GetFieldAsDouble("duration_s"), 1200.0);
  EXPECT_STREQ(d2->GetFieldAsString("incident_ids"), "INC1");
  EXPECT_STREQ(d2->GetFieldAsString("officer_ids"), "PC1;PC2");
  EXPECT_STREQ(d2->GetFieldAsString("source_rows"), "pings.csv:32-52");
  EXPECT_STREQ(find(dwells, "dwell_id", "car1#1")->GetFieldAsString("officer_ids"), "PC1");

  // The gap of car1: a line from the last ping before (line 61, 51.529 N) to the first after.
  const auto gaps = features(*ds->GetLayerByName("gaps"));
  const OGRFeature* gap = find(gaps, "vehicle_id", "car1");
  ASSERT_NE(gap, nullptr);
  const auto* line = gap->GetGeometryRef()->toLineString();
  ASSERT_EQ(line->getNumPoints(), 2);
  EXPECT_DOUBLE_EQ(line->getX(0), -0.12);
  EXPECT_DOUBLE_EQ(line->getY(0), 51.529);
  EXPECT_DOUBLE_EQ(line->getX(1), -0.12);
  EXPECT_DOUBLE_EQ(line->getY(1), 51.54);
  EXPECT_EQ(utc(*gap, "start"), "2024-07-15T08:59:00.000 tz100");
  EXPECT_EQ(utc(*gap, "end"), "2024-07-15T09:20:00.000 tz100");
  EXPECT_STREQ(gap->GetFieldAsString("from_row"), "pings.csv:61");
  EXPECT_STREQ(gap->GetFieldAsString("to_row"), "pings.csv:62");
  EXPECT_STREQ(gap->GetFieldAsString("officer_ids"), "PC1;PC2");

  // Tracks: one line per stretch between gaps; a lone ping is a line of two equal points.
  const auto tracks = features(*ds->GetLayerByName("tracks"));
  std::map<std::string, std::vector<GIntBig>> pings_per_segment;
  for (const auto& t : tracks)
    pings_per_segment[t->GetFieldAsString("vehicle_id")].push_back(t->GetFieldAsInteger64("n_pings"));
  EXPECT_EQ(pings_per_segment, (std::map<std::string, std::vector<GIntBig>>{
                                   {"car1", {60, 21}}, {"car2", {31}}, {"car3", {1, 1, 1}}}));
  for (const auto& t : tracks) {
    const auto* l = t->GetGeometryRef()->toLineString();
    EXPECT_EQ(l->getNumPoints(), std::max<int>(2, static_cast<int>(t->GetFieldAsInteger64("n_pings"))));
  }
  const OGRFeature* t1 = tracks.at(0).get();
  EXPECT_STREQ(t1->GetFieldAsString("first_row"), "pings.csv:2");
  EXPECT_STREQ(t1->GetFieldAsString("last_row"), "pings.csv:61");
  EXPECT_STREQ(t1->GetFieldAsString("officer_ids"), "PC1;PC2");
  EXPECT_EQ(utc(*t1, "end"), "2024-07-15T08:59:00.000 tz100");

  // Pings: the crew at the ping's instant (PC2 from 08:30), the source row, the segment.
  const auto pings = features(*ds->GetLayerByName("pings"));
  EXPECT_STREQ(find(pings, "source", "pings.csv:2")->GetFieldAsString("officer_ids"), "PC1");
  EXPECT_STREQ(find(pings, "source", "pings.csv:31")->GetFieldAsString("officer_ids"), "PC1");
  EXPECT_STREQ(find(pings, "source", "pings.csv:32")->GetFieldAsString("officer_ids"), "PC1;PC2");
  EXPECT_STREQ(find(pings, "source", "pings.csv:83")->GetFieldAsString("officer_ids"), "");
  EXPECT_EQ(find(pings, "source", "pings.csv:62")->GetFieldAsInteger64("segment"), 2);
  EXPECT_EQ(utc(*find(pings, "source", "pings.csv:62"), "time"), "2024-07-15T09:20:00.000 tz100");
  EXPECT_STREQ(find(pings, "source", "pings.csv:62")->GetFieldAsString("time_local"), "2024-07-15T10:20:00+01:00");

  const auto claims = features(*ds->GetLayerByName("claims"));
  EXPECT_STREQ(find(claims, "claim_id", "C1")->GetFieldAsString("verdict"), "supported");
  EXPECT_STREQ(find(claims, "claim_id", "C2")->GetFieldAsString("verdict"), "inconclusive");
  EXPECT_STREQ(find(claims, "claim_id", "C2")->GetFieldAsString("basis"), "could_have_been");
  EXPECT_EQ(std::string(find(claims, "claim_id", "C1")->GetFieldAsString("explanation")).rfind("Supported: ", 0), 0U);
  // C1 has no unobserved time: no longest possible stay (NULL, as the empty cell of claims.csv).
  const OGRFeature* c1 = find(claims, "claim_id", "C1");
  EXPECT_TRUE(c1->IsFieldNull(c1->GetFieldIndex("max_possible_stay_s")));
  EXPECT_FALSE(c1->IsFieldNull(c1->GetFieldIndex("nearest_at")));

  const auto places = features(*ds->GetLayerByName("places"));
  EXPECT_STREQ(find(places, "place_id", "STN")->GetFieldAsString("label"), "Station & yard <north>");
  EXPECT_STREQ(find(places, "place_id", "PARK")->GetFieldAsString("shape"), "polygon");
  // The hole is drawn (issue 11, A1): an outer ring and one inner ring.
  const auto areas = features(*ds->GetLayerByName("place_areas"));
  const OGRGeometry* park = find(areas, "place_id", "PARK")->GetGeometryRef();
  ASSERT_EQ(wkbFlatten(park->getGeometryType()), wkbPolygon);
  EXPECT_EQ(park->toPolygon()->getNumInteriorRings(), 1);
}

double number(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// RFC 4180 rows (quoted cells may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += text[++i];
      else if (ch == '"') quoted = false;
      else rows.back().back() += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().emplace_back();
    } else if (ch == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += ch;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// Every column of a CSV table (or, with `shared_only`, those the layer has), row by row, against
// the field of the same name of the layer's features in fid order: the map shows exactly what the
// table says. With `shared_only`, every field of the layer must still be a column of the table.
void expect_layer_matches_csv(OGRLayer& layer, const std::string& csv, bool shared_only = false) {
  const auto rows = parse_csv(csv);
  ASSERT_FALSE(rows.empty());
  const auto& header = rows[0];
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; shared_only && i < defn->GetFieldCount(); ++i)
    EXPECT_NE(std::find(header.begin(), header.end(), defn->GetFieldDefn(i)->GetNameRef()), header.end())
        << layer.GetName() << "." << defn->GetFieldDefn(i)->GetNameRef() << " is not a column of the table";
  std::vector<std::unique_ptr<OGRFeature>> fs;
  layer.ResetReading();
  while (OGRFeature* f = layer.GetNextFeature()) fs.emplace_back(f);
  ASSERT_EQ(fs.size() + 1, rows.size()) << layer.GetName();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const OGRFeature& f = *fs[r - 1];
    for (std::size_t col = 0; col < header.size(); ++col) {
      const std::string& want = rows[r].at(col);
      const int i = f.GetFieldIndex(header[col].c_str());
      if (shared_only && i < 0) continue;
      ASSERT_GE(i, 0) << layer.GetName() << " has no field " << header[col];
      const auto where = std::string(layer.GetName()) + " row " + std::to_string(r) + " " + header[col];
      switch (f.GetFieldDefnRef(i)->GetType()) {
        case OFTReal:
          if (want.empty()) EXPECT_TRUE(f.IsFieldNull(i)) << where;
          else EXPECT_EQ(f.GetFieldAsDouble(i), number(want)) << where;
          break;
        case OFTInteger64: EXPECT_EQ(std::to_string(f.GetFieldAsInteger64(i)), want) << where; break;
        case OFTDateTime: {
          if (want.empty()) {
            EXPECT_TRUE(f.IsFieldNull(i)) << where;
            break;
          }
          int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
          float sec = 0;
          ASSERT_TRUE(f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz)) << where;
          const long ms = std::lround(static_cast<double>(sec) * 1000.0);
          char buf[64];
          std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02ld", y, mo, d, h, mi, ms / 1000);
          std::string text = buf;
          if (ms % 1000) {
            std::snprintf(buf, sizeof buf, ".%03ld", ms % 1000);
            text += buf;
          }
          EXPECT_EQ(text + "Z", want) << where;
          EXPECT_EQ(tz, 100) << where;  // UTC
          break;
        }
        default: EXPECT_EQ(f.GetFieldAsString(i), want) << where;
      }
    }
  }
}

TEST_F(GeodataTest, GeoPackageAgreesWithTheCsvTables) {
  const Dataset ds = open(s_gpkg_path, "GPKG");
  ASSERT_TRUE(ds);
  expect_layer_matches_csv(*ds->GetLayerByName("dwells"), analysed_dwells_table(*s_first, london()).text);
  expect_layer_matches_csv(*ds->GetLayerByName("gaps"), gaps_csv(s_first->run, london()));
  expect_layer_matches_csv(*ds->GetLayerByName("visits"), visits_csv(*s_first, london()));
  // claims holds the claim, its verdict and the figures behind it, not every column of claims.csv.
  expect_layer_matches_csv(*ds->GetLayerByName("claims"), claims_csv(*s_first, london(), kReach), true);
  // With --smooth the explanations say so, in both.
  const std::string smoothed = s_dir->write("smoothed.gpkg", geopackage_bytes(*s_first, london(), kReach, true));
  const Dataset ds2 = open(smoothed, "GPKG");
  ASSERT_TRUE(ds2);
  expect_layer_matches_csv(*ds2->GetLayerByName("claims"), claims_csv(*s_first, london(), kReach, true), true);
}

TEST_F(GeodataTest, GeoPackageStylesAndTimestamps) {
  const Dataset ds = open(s_gpkg_path, "GPKG");
  ASSERT_TRUE(ds);
  // last_change is the last ping (car1 at 09:40), not the time of writing.
  OGRLayer* contents = ds->ExecuteSQL("SELECT DISTINCT last_change || '' FROM gpkg_contents", nullptr, nullptr);
  ASSERT_NE(contents, nullptr);
  std::set<std::string> stamps;
  for (const auto& f : features(*contents)) stamps.insert(f->GetFieldAsString(0));
  ds->ReleaseResultSet(contents);
  EXPECT_EQ(stamps, std::set<std::string>{"2024-07-15T09:40:00.000Z"});
  EXPECT_EQ(CPLGetConfigOption("OGR_CURRENT_DATE", nullptr), nullptr);  // set for the writing only

  // layer_styles as QGIS reads it: schema '', the geometry column, a default QML per layer.
  const auto styles = features(*ds->GetLayerByName("layer_styles"));
  std::set<std::string> styled;
  for (const auto& s : styles) {
    styled.insert(s->GetFieldAsString("f_table_name"));
    EXPECT_STREQ(s->GetFieldAsString("f_table_schema"), "");
    EXPECT_STREQ(s->GetFieldAsString("f_geometry_column"), "geom");
    EXPECT_EQ(s->GetFieldAsInteger("useAsDefault"), 1);
    EXPECT_EQ(utc(*s, "update_time"), "2024-07-15T09:40:00.000 tz100");
    for (const char* field : {"styleQML", "styleSLD"}) {
      const std::string text = s->GetFieldAsString(field);
      xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "style.xml", nullptr, XML_PARSE_NONET);
      EXPECT_NE(doc, nullptr) << s->GetFieldAsString("f_table_name") << " " << field;
      xmlFreeDoc(doc);
    }
  }
  EXPECT_EQ(styled, (std::set<std::string>{"pings", "tracks", "track_steps", "dwells", "gaps", "incidents", "visits",
                                           "claims"}));
  const std::string qml = find(styles, "f_table_name", "dwells")->GetFieldAsString("styleQML");
  EXPECT_NE(qml.find("type=\"categorizedSymbol\" attr=\"class\""), std::string::npos);
  for (const char* cls : {"base", "incident", "unexplained", "off_duty"})
    EXPECT_NE(qml.find(std::string("value=\"") + cls + "\""), std::string::npos) << cls;
  EXPECT_NE(qml.find("startField=\"start\" endField=\"end\""), std::string::npos);
}

TEST_F(GeodataTest, ByteIdenticalAcrossRunsAndThreads) {
  const pipeline::Analysis second = analyse(2);
  EXPECT_TRUE(geopackage_bytes(second, london(), kReach, false, nullptr, nullptr, true) == s_gpkg);
  EXPECT_EQ(geojson_text(second, london(), kReach), geojson_text(*s_first, london(), kReach));
  EXPECT_EQ(kml_text(second, london(), kReach), kml_text(*s_first, london(), kReach));
}

TEST_F(GeodataTest, RefusesARunWithoutTracks) {
  pipeline::Analysis no_tracks = *s_first;
  for (auto& v : no_tracks.run.vehicles) v.track = {};
  EXPECT_THROW((void)geopackage_bytes(no_tracks, london(), kReach), std::invalid_argument);
  EXPECT_THROW((void)kml_text(no_tracks, london(), kReach), std::invalid_argument);
}

// geojson/LAYER.geojson: a FeatureCollection per layer, named, holding exactly that layer's
// features of report.geojson in the same order (counts as GeoJson below: tracks 6, dwells 4, ...).
TEST_F(GeodataTest, GeoJsonOneFilePerLayer) {
  const GeoJsonFiles files = geojson_files(*s_first, london(), kReach, false, nullptr, nullptr, true);
  EXPECT_EQ(files.all, geojson_text(*s_first, london(), kReach));
  const auto all = nlohmann::ordered_json::parse(files.all);
  std::vector<std::string> names;
  for (const auto& [name, text] : files.layers) {
    names.push_back(name);
    const auto layer = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(layer["type"], "FeatureCollection");
    EXPECT_EQ(layer["name"], name);
    nlohmann::ordered_json expected = nlohmann::ordered_json::array();
    for (const auto& f : all["features"])
      if (f["properties"]["layer"] == name) expected.push_back(f);
    EXPECT_EQ(layer["features"], expected) << name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"tracks", "dwells", "gaps", "places", "incidents", "visits", "claims"}));
  const std::map<std::string, std::size_t> counts{{"tracks", 6}, {"dwells", 4}, {"gaps", 3}, {"places", 3},
                                                  {"incidents", 1}, {"visits", 3}, {"claims", 2}};
  for (const auto& [name, text] : files.layers)
    EXPECT_EQ(nlohmann::json::parse(text)["features"].size(), counts.at(name)) << name;
  EXPECT_TRUE(geojson_files(*s_first, london(), kReach, false, nullptr, nullptr, false).layers.empty());
}

TEST_F(GeodataTest, GeoJson) {
  const std::string text = geojson_text(*s_first, london(), kReach);
  const auto json = nlohmann::ordered_json::parse(text);  // keeps the key order
  EXPECT_EQ(json["type"], "FeatureCollection");
  EXPECT_FALSE(json.contains("crs"));
  std::map<std::string, int> per_layer;
  for (const auto& f : json["features"]) {
    ++per_layer[f["properties"]["layer"].get<std::string>()];
    EXPECT_EQ(f["properties"].begin().key(), "layer");
  }
  EXPECT_EQ(per_layer, (std::map<std::string, int>{{"tracks", 6}, {"dwells", 4}, {"gaps", 3}, {"places", 3},
                                                    {"incidents", 1}, {"visits", 3}, {"claims", 2}}));
  EXPECT_NE(text.find("[-0.1200000,51.5290000],[-0.1200000,51.5400000]"), std::string::npos);  // car1's gap
  EXPECT_NE(text.find("\"start\":\"2024-07-15T08:30:00Z\",\"end\":\"2024-07-15T08:50:00Z\","
                      "\"start_local\":\"2024-07-15T09:30:00+01:00\""),
            std::string::npos);
  // PARK was given clockwise; RFC 7946 wants the exterior ring anticlockwise.
  for (const auto& f : json["features"])
    if (f["properties"].value("place_id", "") == "PARK" && f["properties"]["layer"] == "places") {
      ASSERT_EQ(f["geometry"]["type"], "Polygon");
      const auto& ring = f["geometry"]["coordinates"][0];
      double twice_area = 0;
      for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        twice_area += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
                      ring[i + 1][0].get<double>() * ring[i][1].get<double>();
      EXPECT_GT(twice_area, 0.0);
      // Its hole runs clockwise.
      ASSERT_EQ(f["geometry"]["coordinates"].size(), 2U);
      const auto& hole = f["geometry"]["coordinates"][1];
      double hole_area = 0;
      for (std::size_t i = 0; i + 1 < hole.size(); ++i)
        hole_area += hole[i][0].get<double>() * hole[i + 1][1].get<double>() -
                     hole[i + 1][0].get<double>() * hole[i][1].get<double>();
      EXPECT_LT(hole_area, 0.0);
    }

  // OGR reads it: one layer, every feature, the geometry type of each.
  const std::string path = s_dir->write("report.geojson", text);
  const Dataset ds = open(path, "GeoJSON");
  ASSERT_TRUE(ds);
  ASSERT_EQ(ds->GetLayerCount(), 1);
  OGRLayer* layer = ds->GetLayer(0);
  EXPECT_EQ(layer->GetFeatureCount(TRUE), 22);
  for (const auto& f : features(*layer)) {
    const std::string l = f->GetFieldAsString("layer");
    const auto type = wkbFlatten(f->GetGeometryRef()->getGeometryType());
    if (l == "tracks" || l == "gaps") EXPECT_EQ(type, wkbLineString) << l;
    else if (l == "places" && std::string(f->GetFieldAsString("place_id")) == "PARK") EXPECT_EQ(type, wkbPolygon);
    else EXPECT_EQ(type, wkbPoint) << l;
  }
}

const xmlChar* xml(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// libxml2 with XPath over the KML and gx namespaces.
class Kml {
 public:
  explicit Kml(const std::string& text)
      : m_doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "report.kml", nullptr, XML_PARSE_NONET)) {
    if (!m_doc) return;
    m_xpath = xmlXPathNewContext(m_doc);
    xmlXPathRegisterNs(m_xpath, xml("k"), xml("http://www.opengis.net/kml/2.2"));
    xmlXPathRegisterNs(m_xpath, xml("gx"), xml("http://www.google.com/kml/ext/2.2"));
  }
  ~Kml() {
    if (m_xpath) xmlXPathFreeContext(m_xpath);
    if (m_doc) xmlFreeDoc(m_doc);
  }
  Kml(const Kml&) = delete;
  Kml& operator=(const Kml&) = delete;
  [[nodiscard]] bool ok() const { return m_doc != nullptr; }
  [[nodiscard]] xmlNodePtr root() const { return xmlDocGetRootElement(m_doc); }

  // The number the XPath expression evaluates to (use count(...)), relative to `node`.
  double number(const std::string& expr, xmlNodePtr node = nullptr) const {
    m_xpath->node = node ? node : root();
    xmlXPathObjectPtr r = xmlXPathEvalExpression(xml(expr.c_str()), m_xpath);
    const double v = r ? xmlXPathCastToNumber(r) : -1;
    xmlXPathFreeObject(r);
    return v;
  }
  std::string string(const std::string& expr, xmlNodePtr node = nullptr) const {
    m_xpath->node = node ? node : root();
    xmlXPathObjectPtr r = xmlXPathEvalExpression(xml(expr.c_str()), m_xpath);
    xmlChar* s = r ? xmlXPathCastToString(r) : nullptr;
    std::string out = s ? reinterpret_cast<const char*>(s) : "";
    xmlFree(s);
    xmlXPathFreeObject(r);
    return out;
  }
  std::vector<xmlNodePtr> nodes(const std::string& expr) const {
    m_xpath->node = root();
    xmlXPathObjectPtr r = xmlXPathEvalExpression(xml(expr.c_str()), m_xpath);
    std::vector<xmlNodePtr> out;
    if (r && r->nodesetval)
      for (int i = 0; i < r->nodesetval->nodeNr; ++i) out.push_back(r->nodesetval->nodeTab[i]);
    xmlXPathFreeObject(r);
    return out;
  }

 private:
  xmlDocPtr m_doc = nullptr;
  xmlXPathContextPtr m_xpath = nullptr;
};

TEST_F(GeodataTest, KmlSchemaLevel) {
  const std::string text = kml_text(*s_first, london(), kReach);
  const Kml kml(text);
  ASSERT_TRUE(kml.ok());
  ASSERT_STREQ(reinterpret_cast<const char*>(kml.root()->name), "kml");
  ASSERT_NE(kml.root()->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(kml.root()->ns->href), "http://www.opengis.net/kml/2.2");
  EXPECT_NE(xmlSearchNsByHref(nullptr, kml.root(), xml("http://www.google.com/kml/ext/2.2")), nullptr);

  // tracks 6 + dwells 4 + gaps 3 + places 3 + incidents 1 + claims 2; each with a time.
  EXPECT_EQ(kml.number("count(//k:Placemark)"), 19);
  EXPECT_EQ(kml.number("count(//k:Placemark[not(k:TimeSpan) and not(k:TimeStamp)])"), 0);
  // One <when> per <gx:coord> in every gx:Track: 60 + 21 + 31 + 1 + 1 + 1.
  const auto tracks = kml.nodes("//gx:Track");
  ASSERT_EQ(tracks.size(), 6U);
  double coords = 0;
  for (xmlNodePtr t : tracks) {
    EXPECT_EQ(kml.number("count(k:when)", t), kml.number("count(gx:coord)", t));
    coords += kml.number("count(gx:coord)", t);
  }
  EXPECT_EQ(coords, 115);

  // Folders: per vehicle, then per local day; then places, incidents, claims.
  std::vector<std::string> top;
  for (xmlNodePtr f : kml.nodes("/k:kml/k:Document/k:Folder/k:name")) top.push_back(kml.string("string(.)", f));
  EXPECT_EQ(top, (std::vector<std::string>{"car1", "car2", "car3", "places", "incidents", "claims"}));
  EXPECT_EQ(kml.number("count(/k:kml/k:Document/k:Folder[k:name='car1']/k:Folder[k:name='2024-07-15']/k:Placemark)"),
            6);  // 2 tracks, 3 dwells, 1 gap
  EXPECT_EQ(kml.string("//k:Placemark[k:name='car1#2']/k:styleUrl"), "#dwell-incident");
  EXPECT_EQ(kml.string("//k:Placemark[k:name='car1#2']/k:TimeSpan/k:begin"), "2024-07-15T08:30:00Z");
  // One per class, and one per class for a flagged dwell (a triangle: shape as well as colour).
  EXPECT_EQ(kml.number("count(/k:kml/k:Document/k:Style[starts-with(@id, 'dwell-')])"), 10);
  EXPECT_EQ(kml.number("count(//k:Icon)"), 0) << "report.kml names no icon file (report.kmz carries them)";
  // Every placemark says what it is, when (with the UTC offset) and from which rows; Google Earth
  // reads the description as HTML (so text is HTML-escaped in it). car1#2: 08:30-08:50Z at ADDR1, PC1 (07:30-10:00Z) and PC2
  // (08:30-10:00Z) on duty, pings minutes 30-50 = lines 32-52. car1's gap: 08:59Z (line 61) to
  // 09:20Z (line 62), 0.011 deg of latitude = 1.2 km.
  EXPECT_EQ(kml.number("count(//k:Placemark[not(k:description)])"), 0);
  EXPECT_EQ(kml.string("string(//k:Placemark[k:name='car1#2']/k:description)"),
            "car1 stayed 20 min at Caf\xC3\xA9 &quot;Nine&quot; (ADDR1); class incident; on duty in it: PC1 and PC2<br>"
            "from 2024-07-15 09:30:00 +01:00 to 09:50:00 +01:00<br>Rows: pings.csv:32-52");
  EXPECT_EQ(kml.string("string(//k:Placemark[k:name='car1 gap 1']/k:description)"),
            "No ping from car1 for 21 min; 1.2 km in a straight line from the ping before to the ping after<br>"
            "from 2024-07-15 09:59:00 +01:00 to 10:20:00 +01:00<br>Rows: pings.csv:61 to pings.csv:62");
  // Escaped text comes back as written.
  EXPECT_EQ(kml.string("//k:Placemark[k:name='STN']/k:ExtendedData/k:Data[@name='label']/k:value"),
            "Station & yard <north>");
  EXPECT_EQ(kml.string("//k:Placemark[k:name='ADDR1']/k:ExtendedData/k:Data[@name='label']/k:value"),
            "Caf\xC3\xA9 \"Nine\"");
  EXPECT_EQ(kml.number("count(//k:Placemark[k:name='PARK']/k:Polygon)"), 1);
  EXPECT_EQ(kml.number("count(//k:Placemark[k:name='PARK']/k:Polygon/k:innerBoundaryIs)"), 1);
}

// report.kmz: doc.kml first (a KMZ reader opens the first .kml), then the four symbols it names,
// read back through GDAL's /vsizip/; the document is report.kml's but for the icon files its
// styles name; equal inputs give equal bytes.
TEST_F(GeodataTest, KmzHoldsTheDocumentAndEverySymbolItNames) {
  const KmlFiles files = kml_files(*s_first, london(), kReach, false, nullptr, nullptr, true);
  EXPECT_EQ(files.kml, kml_text(*s_first, london(), kReach));
  ASSERT_GT(files.kmz.size(), 4U);
  EXPECT_EQ(files.kmz.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_TRUE(kml_files(*s_first, london(), kReach, false, nullptr, nullptr, true).kmz == files.kmz);
  const std::string path = s_dir->write("report.kmz", files.kmz);
  const auto read = [&](const std::string& entry) {
    std::string bytes;
    VSILFILE* f = VSIFOpenL(("/vsizip/" + path + "/" + entry).c_str(), "rb");
    if (!f) return bytes;
    char buf[65536];
    for (std::size_t n; (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
    VSIFCloseL(f);
    return bytes;
  };
  char** top = VSIReadDir(("/vsizip/" + path).c_str());
  ASSERT_NE(top, nullptr);
  EXPECT_STREQ(top[0], "doc.kml");
  CSLDestroy(top);
  const std::string doc = read("doc.kml");
  ASSERT_FALSE(doc.empty());
  // The same document once the icon references are taken out.
  std::string without_icons = doc;
  for (std::size_t at; (at = without_icons.find("<Icon>")) != std::string::npos;)
    without_icons.erase(at, without_icons.find("</Icon>", at) + 7 - at);
  EXPECT_TRUE(without_icons == files.kml);
  std::set<std::string> named;
  for (std::size_t at = 0; (at = doc.find("<href>", at)) != std::string::npos; at += 6)
    named.insert(doc.substr(at + 6, doc.find("</href>", at) - at - 6));
  EXPECT_EQ(named, (std::set<std::string>{"files/circle.png", "files/square.png", "files/triangle.png",
                                          "files/diamond.png"}));
  for (const std::string& icon : named) {
    const std::string png = read(icon);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << icon;
  }
}

TEST_F(GeodataTest, KmlReadByGdal) {
  const std::string path = s_dir->write("report.kml", kml_text(*s_first, london(), kReach));
  // LIBKML reads every placemark, gx:Track as a line; each folder is a layer (the day folders of
  // car1, car2, car3 in that order). GDAL's older KML driver skips gx:Track placemarks.
  const std::map<std::string, std::map<std::string, GIntBig>> expected{
      {"LIBKML",
       {{"car1", 0}, {"car2", 0}, {"car3", 0}, {"2024-07-15", 6}, {"2024-07-15 (#2)", 2}, {"2024-07-15 (#3)", 5},
        {"places", 3}, {"incidents", 1}, {"claims", 2}}},
      {"KML", {{"2024-07-15", 4}, {"2024-07-15 (#2)", 1}, {"2024-07-15 (#3)", 2}, {"places", 3}, {"incidents", 1},
               {"claims", 2}}}};
  for (const auto& [driver, layers] : expected) {
    if (!GetGDALDriverManager()->GetDriverByName(driver.c_str())) continue;
    const Dataset ds = open(path, driver.c_str());
    ASSERT_TRUE(ds) << driver;
    std::map<std::string, GIntBig> per_layer;
    for (OGRLayer* layer : ds->GetLayers()) per_layer[layer->GetName()] = layer->GetFeatureCount(TRUE);
    EXPECT_EQ(per_layer, layers) << driver;
    if (driver != "LIBKML") continue;
    const auto car1 = features(*ds->GetLayerByName("2024-07-15"));
    const OGRFeature* track = find(car1, "Name", "car1 track 1, 2024-07-15");
    ASSERT_NE(track, nullptr);
    EXPECT_EQ(wkbFlatten(track->GetGeometryRef()->getGeometryType()), wkbLineString);
    EXPECT_EQ(track->GetGeometryRef()->toLineString()->getNumPoints(), 60);
    const OGRFeature* dwell = find(car1, "Name", "car1#2");
    ASSERT_NE(dwell, nullptr);
    EXPECT_STREQ(dwell->GetFieldAsString("class"), "incident");  // ExtendedData as fields
  }
}

// A track that crosses local midnight and a gap (Europe/London, BST: local midnight of 16 July is
// 2024-07-15T23:00Z). car9 drives north 0.001 deg (111 m) a minute, so it never dwells:
//   22:50-23:10Z, 21 pings (file lines 2-22); silence 23:10-23:30 (20 min > --gap 5 min);
//   23:30-23:32Z, 3 pings (lines 23-25).
// Tracks, by hand: segment 1 cut at 23:00Z into 22:50-22:59 (10 pings, local day 15 July) and
// 23:00-23:10 (11 pings, 16 July); segment 2, 23:30-23:32 (3 pings, 16 July). Steps: 20 + 2 = 22,
// one of them 22:59 -> 23:00 (lines 11 -> 12), which is in neither day's line. M values: Unix
// seconds (`date -u -d 2024-07-15T22:59:00Z +%s` = 1721084340; 23:00 = 1721084400; 23:32 =
// 1721086320). The track_steps layer is written with --track-steps on (geopackage_bytes' last
// argument).
TEST(GeodataTracks, CutAtLocalMidnightAndGapsWithEachVertexTimeAsM) {
  test::TempDir dir("shiftline-geodata-days");
  std::string csv = "vehicle_id,timestamp,lat,lon\n";
  char buf[160];
  const auto ping = [&](int hour, int minute, double lat) {
    std::snprintf(buf, sizeof buf, "car9,2024-07-15T%02d:%02d:00Z,%.7f,-0.2000000\n", hour, minute, lat);
    csv += buf;
  };
  for (int m = 50; m <= 70; ++m) ping(22 + m / 60, m % 60, 51.4 + 0.001 * (m - 50));
  for (int m = 30; m <= 32; ++m) ping(23, m, 51.5 + 0.001 * (m - 30));
  pipeline::AnalyseConfig c;
  c.pipeline.ingest.paths = {dir.write("pings.csv", csv)};
  c.pipeline.ingest.zone = london();
  c.pipeline.keep_tracks = true;
  const pipeline::Analysis a = pipeline::run_analyse(c);
  ASSERT_EQ(a.run.vehicles.size(), 1U);
  ASSERT_TRUE(a.run.vehicles[0].dwells.empty());
  GDALAllRegister();
  const std::string path = dir.write("report.gpkg", geopackage_bytes(a, london(), kReach, false, nullptr, nullptr, true));
  const char* drivers[] = {"GPKG", nullptr};
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
  ASSERT_TRUE(ds);

  struct Piece {
    GIntBig segment;
    std::string day;
    GIntBig n_pings;
    std::string first_row, last_row;
    int points;
    double first_m, last_m;
    bool operator==(const Piece&) const = default;
  };
  std::vector<Piece> pieces;
  OGRLayer* tracks = ds->GetLayerByName("tracks");
  ASSERT_NE(tracks, nullptr);
  tracks->ResetReading();
  while (std::unique_ptr<OGRFeature> f{tracks->GetNextFeature()}) {
    const OGRLineString* line = f->GetGeometryRef()->toLineString();
    ASSERT_TRUE(line->IsMeasured());
    pieces.push_back({f->GetFieldAsInteger64("segment"), f->GetFieldAsString("local_day"),
                      f->GetFieldAsInteger64("n_pings"), f->GetFieldAsString("first_row"),
                      f->GetFieldAsString("last_row"), line->getNumPoints(), line->getM(0),
                      line->getM(line->getNumPoints() - 1)});
  }
  const std::vector<Piece> expected{
      {1, "2024-07-15", 10, "pings.csv:2", "pings.csv:11", 10, 1721083800.0, 1721084340.0},
      {1, "2024-07-16", 11, "pings.csv:12", "pings.csv:22", 11, 1721084400.0, 1721085000.0},
      {2, "2024-07-16", 3, "pings.csv:23", "pings.csv:25", 3, 1721086200.0, 1721086320.0}};
  ASSERT_EQ(pieces.size(), expected.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) EXPECT_TRUE(pieces[i] == expected[i]) << "piece " << i;

  OGRLayer* steps = ds->GetLayerByName("track_steps");
  ASSERT_NE(steps, nullptr);
  EXPECT_EQ(steps->GetFeatureCount(TRUE), 22);
  int across_midnight = 0, across_gap = 0;
  steps->ResetReading();
  while (std::unique_ptr<OGRFeature> f{steps->GetNextFeature()}) {
    const std::string from = f->GetFieldAsString("from_row"), to = f->GetFieldAsString("to_row");
    const OGRLineString* line = f->GetGeometryRef()->toLineString();
    EXPECT_EQ(line->getNumPoints(), 2);
    EXPECT_DOUBLE_EQ(line->getM(1) - line->getM(0), f->GetFieldAsDouble("duration_s"));
    if (from == "pings.csv:11" && to == "pings.csv:12") {
      ++across_midnight;
      EXPECT_EQ(line->getM(0), 1721084340.0);
      EXPECT_EQ(line->getM(1), 1721084400.0);
      EXPECT_STREQ(f->GetFieldAsString("end_local"), "2024-07-16T00:00:00+01:00");
    }
    if (from == "pings.csv:22") ++across_gap;
  }
  EXPECT_EQ(across_midnight, 1);
  EXPECT_EQ(across_gap, 0) << "a gap is not a step";

  // Without --track-steps there is no such layer; the tracks are the same.
  const std::string plain = dir.write("plain.gpkg", geopackage_bytes(a, london(), kReach));
  std::unique_ptr<GDALDataset> without(GDALDataset::Open(plain.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
  ASSERT_TRUE(without);
  EXPECT_EQ(without->GetLayerByName("track_steps"), nullptr);
  ASSERT_NE(without->GetLayerByName("tracks"), nullptr);
  EXPECT_EQ(without->GetLayerByName("tracks")->GetFeatureCount(TRUE), 3);

  // KML: each piece in the folder of its own local day.
  const std::string kml = kml_text(a, london(), kReach);
  const auto day_folder = [&](const std::string& day) {
    const auto at = kml.find("<Folder><name>" + day + "</name>");
    return at == std::string::npos ? std::string() : kml.substr(at, kml.find("</Folder>", at) - at);
  };
  EXPECT_NE(day_folder("2024-07-15").find("car9 track 1, 2024-07-15"), std::string::npos);
  EXPECT_EQ(day_folder("2024-07-15").find("2024-07-16"), std::string::npos);
  EXPECT_NE(day_folder("2024-07-16").find("car9 track 1, 2024-07-16"), std::string::npos);
  EXPECT_NE(day_folder("2024-07-16").find("car9 track 2, 2024-07-16"), std::string::npos);
}

}  // namespace
}  // namespace shiftline::report
