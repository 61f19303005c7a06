// `analyse --formats`: which outputs beyond the CSV tables are written, and that the geodata agree
// with the CSV tables of the same run (docs/cli.md, docs/outputs.md).
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <set>
#include <string>

#include "cli/cli_fixture.hpp"

namespace {

namespace fs = std::filesystem;

class Formats : public shiftline_test::Cli {
 protected:
  std::string bundled(const std::string& out) const {
    const std::string d = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
    return "analyse --pings " + d + "pings.csv --shifts " + d + "shifts.csv --assignments " + d +
           "assignments.csv --places " + d + "places.csv --incidents " + d + "incidents.csv --events " + d +
           "events.csv --claims " + d + "claims.csv --tz Europe/London --quiet --out " + path(out);
  }
};

const char* const kExtra[] = {"report.gpkg", "report.geojson", "report.kml", "report.kmz", "report.html",
                              "timeline_i2.csv"};


std::size_t csv_rows(const std::string& text) {
  std::size_t lines = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) ++lines;
  }
  return lines - 1;  // header
}

GIntBig features(const std::string& gpkg, const char* layer) {
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) return -1;
  OGRLayer* l = ds->GetLayerByName(layer);
  return l ? l->GetFeatureCount() : -1;
}

TEST_F(Formats, AnalyseWritesEveryFormatByDefaultAndTheGeodataAgreeWithTheTables) {
  ASSERT_EQ(run(bundled("all")), 0) << m_stderr;
  const std::string manifest = read(path("all/manifest.json"));
  for (const char* name : kExtra) {
    EXPECT_TRUE(fs::exists(path(std::string("all/") + name))) << name;
    EXPECT_NE(manifest.find(std::string("\"") + name + "\""), std::string::npos) << name << " not in the manifest";
  }
  // One GeoJSON file per layer beside report.geojson, each listed with its path in the manifest.
  for (const char* layer : {"findings", "tracks", "dwells", "gaps", "places", "incidents", "visits", "claims"}) {
    const std::string name = std::string("geojson/") + layer + ".geojson";
    EXPECT_TRUE(fs::exists(path("all/" + name))) << name;
    EXPECT_NE(manifest.find("\"" + name + "\""), std::string::npos) << name << " not in the manifest";
  }
  const std::string gpkg = path("all/report.gpkg");
  EXPECT_EQ(features(gpkg, "dwells"), static_cast<GIntBig>(csv_rows(read(path("all/dwells.csv")))));
  EXPECT_EQ(features(gpkg, "gaps"), static_cast<GIntBig>(csv_rows(read(path("all/gaps.csv")))));
  EXPECT_EQ(features(gpkg, "visits"), static_cast<GIntBig>(csv_rows(read(path("all/visits.csv")))));
  EXPECT_EQ(features(gpkg, "claims"), static_cast<GIntBig>(csv_rows(read(path("all/claims.csv")))));
}

TEST_F(Formats, AnalyseFormatsChoosesTheExtraOutputs) {
  ASSERT_EQ(run(bundled("none") + " --formats none"), 0) << m_stderr;
  for (const char* name : kExtra) EXPECT_FALSE(fs::exists(path(std::string("none/") + name))) << name;
  EXPECT_TRUE(fs::exists(path("none/claims.csv")));

  ASSERT_EQ(run(bundled("some") + " --formats 'i2, kml'"), 0) << m_stderr;
  EXPECT_TRUE(fs::exists(path("some/timeline_i2.csv")));
  EXPECT_TRUE(fs::exists(path("some/report.kml")));
  EXPECT_TRUE(fs::exists(path("some/report.kmz"))) << "kml writes the KMZ too";
  EXPECT_FALSE(fs::exists(path("some/report.gpkg")));
  EXPECT_FALSE(fs::exists(path("some/report.geojson")));
  EXPECT_FALSE(fs::exists(path("some/geojson")));
  EXPECT_NE(read(path("some/manifest.json")).find("\"i2,kml\""), std::string::npos);

  EXPECT_EQ(run(bundled("bad") + " --formats gpx"), 2);
  EXPECT_NE(m_stderr.find("unknown format 'gpx'"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("bad")));
}

// A one-colour GeoTIFF in EPSG:4326 over the bundled case (lon -1.40..-0.90, lat 52.50..52.75).
std::string write_raster(const std::string& path) {
  GDALAllRegister();
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  std::unique_ptr<GDALDataset> ds(gtiff->Create(path.c_str(), 50, 25, 3, GDT_Byte, nullptr));
  double gt[6] = {-1.40, 0.01, 0, 52.75, 0, -0.01};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  ds->SetSpatialRef(&srs);
  for (int b = 1; b <= 3; ++b) EXPECT_EQ(ds->GetRasterBand(b)->Fill(b * 60), CE_None);
  return path;
}

TEST_F(Formats, BasemapIsDrawnUnderTheMapAndListedAsAnInputWithItsDigest) {
  const std::string raster = write_raster(path("base.tif"));
  ASSERT_EQ(run(bundled("bm") + " --formats html --basemap " + raster), 0) << m_stderr;
  const std::string html = read(path("bm/report.html"));
  const auto image = html.find("<image id=\"map-basemap\"");
  ASSERT_NE(image, std::string::npos);
  EXPECT_NE(html.find("data-covered=\"1.0000\"", image), std::string::npos);
  EXPECT_NE(html.find("href=\"data:image/png;base64,iVBORw0KGgo", image), std::string::npos);  // PNG signature
  const auto first_dwell = html.find("class=\"dwell c-");
  ASSERT_NE(first_dwell, std::string::npos);
  EXPECT_LT(image, first_dwell);  // under the marks
  EXPECT_NE(html.find("Basemap: base.tif"), std::string::npos);
  const std::string manifest = read(path("bm/manifest.json"));
  const auto role = manifest.find("\"role\": \"basemap\"");
  ASSERT_NE(role, std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"driver\": \"GTiff\""), std::string::npos);
  EXPECT_NE(manifest.find("\"basemap\": {"), std::string::npos) << "parameter missing";
  // The same run twice: the same page.
  ASSERT_EQ(run(bundled("bm2") + " --formats html --basemap " + raster), 0) << m_stderr;
  EXPECT_EQ(read(path("bm2/report.html")), html);
}

TEST_F(Formats, BasemapWithoutTheHtmlReportOrThatCannotBePlacedIsRefusedBeforeTheWork) {
  const std::string raster = write_raster(path("base.tif"));
  EXPECT_EQ(run(bundled("nohtml") + " --formats kml --basemap " + raster), 2) << m_stderr;
  EXPECT_NE(m_stderr.find("--basemap"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("nohtml")));
  EXPECT_EQ(run(bundled("missing") + " --formats html --basemap " + path("missing.tif")), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("missing.tif: no such file"), std::string::npos) << m_stderr;
  const std::string text = path("text.tif");
  std::ofstream(text) << "not a raster\n";
  EXPECT_EQ(run(bundled("text") + " --formats html --basemap " + text), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("text.tif: GDAL cannot open it as a raster"), std::string::npos) << m_stderr;
}

// track_steps is a layer of report.gpkg, written only when asked for: a feature per step between
// pings. A step joins two consecutive pings of one stretch between gaps, so steps = pings used -
// stretches, and a vehicle's stretches are its gaps + 1 (gaps.csv).
TEST_F(Formats, TrackStepsAreALayerOfTheGeoPackageOnlyWhenAsked) {
  ASSERT_EQ(run(bundled("plain") + " --formats gpkg"), 0) << m_stderr;
  EXPECT_EQ(features(path("plain/report.gpkg"), "track_steps"), -1) << "no layer without --track-steps on";
  ASSERT_EQ(run(bundled("steps") + " --formats gpkg --track-steps on"), 0) << m_stderr;
  const GIntBig pings = features(path("steps/report.gpkg"), "pings");
  const auto gaps = static_cast<GIntBig>(csv_rows(read(path("steps/gaps.csv"))));
  const std::string manifest = read(path("steps/manifest.json"));
  const auto recorded = manifest.find("\"track-steps\": {");
  ASSERT_NE(recorded, std::string::npos) << "the parameter is recorded";
  EXPECT_NE(manifest.find("\"value\": \"on\"", recorded), std::string::npos);
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path("steps/report.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  std::set<std::string> vehicles;
  OGRLayer* tracks = ds->GetLayerByName("tracks");
  tracks->ResetReading();
  while (std::unique_ptr<OGRFeature> f{tracks->GetNextFeature()}) vehicles.insert(f->GetFieldAsString("vehicle_id"));
  EXPECT_EQ(features(path("steps/report.gpkg"), "track_steps"), pings - (static_cast<GIntBig>(vehicles.size()) + gaps));

  EXPECT_EQ(run(bundled("nogpkg") + " --formats kml --track-steps on"), 2) << m_stderr;
  EXPECT_NE(m_stderr.find("--track-steps"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("nogpkg")));
}

}  // namespace
