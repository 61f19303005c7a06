// `analyse --formats`: which outputs beyond the CSV tables are written, and that the geodata agree
// with the CSV tables of the same run (docs/cli.md, docs/outputs.md).
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

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

const char* const kExtra[] = {"report.gpkg", "report.geojson", "report.kml", "report.html", "timeline_i2.csv"};


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
  EXPECT_FALSE(fs::exists(path("some/report.gpkg")));
  EXPECT_FALSE(fs::exists(path("some/report.geojson")));
  EXPECT_NE(read(path("some/manifest.json")).find("\"i2,kml\""), std::string::npos);

  EXPECT_EQ(run(bundled("bad") + " --formats gpx"), 2);
  EXPECT_NE(m_stderr.find("unknown format 'gpx'"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("bad")));
}

}  // namespace
