// `shiftline timeline --from DIR --officer ID --date DAY --out FILE.svg|.png` (docs/cli.md): the
// officer-day timeline of an `analyse` run, repeated from its manifest, on its own.
#include <gdal_priv.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <set>

#include "cli/cli_fixture.hpp"
#include "shiftline/core/sha256.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(SHIFTLINE_SOURCE_DIR) + "/data/";
const char* const kTables[] = {"pings.csv",     "shifts.csv", "assignments.csv", "places.csv",
                               "incidents.csv", "events.csv", "claims.csv"};

class Timeline : public shiftline_test::Cli {
 protected:
  // The bundled case copied into the test's folder, analysed from there with relative paths (so
  // that the timeline must find the inputs by the manifest's canonical paths).
  void analyse_copy(const std::string& out = "run", const std::string& formats = "html") {
    fs::create_directories(path("case"));
    for (const char* t : kTables) fs::copy_file(kData + t, path(std::string("case/") + t));
    const int rc = run("analyse --pings pings.csv --shifts shifts.csv --assignments assignments.csv --places places.csv "
                       "--incidents incidents.csv --events events.csv --claims claims.csv --tz Europe/London --quiet "
                       "--formats " + formats + " --out ../" + out,
                       "cd " + path("case") + " &&");
    ASSERT_EQ(rc, 0) << m_stderr;
  }
  int timeline(const std::string& args) { return run("timeline --from " + path("run") + " " + args); }
};

// The text of attribute `name` in the tag that contains text[at], or "" when it has none. (Plain
// string search: GCC 12 warns falsely inside <regex> under the sanitizer flags with -Werror.)
std::string attribute_at(const std::string& text, std::size_t at, const std::string& name) {
  const auto tag_end = text.find('>', at);
  const auto start = text.find(" " + name + "=\"", at);
  if (start == std::string::npos || start > tag_end) return {};
  const auto value = start + name.size() + 3;
  return text.substr(value, text.find('"', value) - value);
}

// "kind:id" of every element with data-kind and data-id.
std::set<std::string> data_ids(const std::string& text) {
  std::set<std::string> ids;
  for (auto at = text.find(" data-kind=\""); at != std::string::npos; at = text.find(" data-kind=\"", at + 1)) {
    const std::string id = attribute_at(text, at, "data-id");
    if (!id.empty()) ids.insert(attribute_at(text, at, "data-kind") + ":" + id);
  }
  return ids;
}

// The <section> of one officer-day in report.html.
std::string report_section(const std::string& html, const std::string& officer, const std::string& day) {
  const std::string open = "class=\"timeline\" data-officer=\"" + officer + "\" data-day=\"" + day + "\"";
  const auto start = html.find(open);
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

TEST_F(Timeline, SvgShowsTheSameRecordsAsTheReportAndSaysWhereItCameFrom) {
  analyse_copy();
  ASSERT_EQ(run("timeline --from " + path("run") + " --officer PC4485 --date 2024-10-21 --out " + path("pc.svg"),
                "cd / &&"),
            0)
      << m_stderr;
  const std::string svg = read(path("pc.svg"));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U);
  EXPECT_NE(svg.find("data-officer=\"PC4485\""), std::string::npos);
  EXPECT_NE(svg.find("data-day=\"2024-10-21\""), std::string::npos);
  const std::string section = report_section(read(path("run/report.html")), "PC4485", "2024-10-21");
  ASSERT_FALSE(section.empty());
  const auto ids = data_ids(svg);
  EXPECT_GT(ids.size(), 10U);  // a shift, a crewing, a dozen dwells, a gap, events, a claim
  EXPECT_EQ(ids, data_ids(section));
  EXPECT_TRUE(ids.contains("shift:S20241021D-PC4485"));
  EXPECT_TRUE(ids.contains("claim:C07"));
  // The footnote names the manifest by its digest, and no path of this machine (issue 15: an
  // exhibit goes into a case file).
  EXPECT_NE(svg.find("data-kind=\"footnote\""), std::string::npos);
  EXPECT_NE(svg.find("From the run's manifest.json (SHA-256 " + shiftline::sha256_hex(read(path("run/manifest.json")))),
            std::string::npos);
  EXPECT_EQ(svg.find(fs::canonical(path("run")).parent_path().string()), std::string::npos) << "an absolute path";
  EXPECT_NE(svg.find("inputs checked unchanged"), std::string::npos);
  EXPECT_NE(m_stderr.find("wrote " + path("pc.svg")), std::string::npos) << m_stderr;
}

TEST_F(Timeline, PngIsRenderedAtTheScaleAskedAndIsTheSameEveryTime) {
  analyse_copy("run", "none");
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("a.svg")), 0) << m_stderr;
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("a.png")), 0) << m_stderr;
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("b.png")), 0) << m_stderr;
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("c.png") + " --png-scale 1"), 0) << m_stderr;
  EXPECT_EQ(read(path("a.png")), read(path("b.png")));
  const std::string svg = read(path("a.svg"));
  const std::string width_text = attribute_at(svg, 0, "width"), height_text = attribute_at(svg, 0, "height");
  ASSERT_FALSE(width_text.empty());
  ASSERT_FALSE(height_text.empty());
  const double width = std::stod(width_text), height = std::stod(height_text);
  GDALAllRegister();
  for (const auto& [name, scale] : {std::pair{"a.png", 2.0}, std::pair{"c.png", 1.0}}) {
    std::unique_ptr<GDALDataset> png(GDALDataset::Open(path(name).c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(png) << name;
    EXPECT_STREQ(png->GetDriver()->GetDescription(), "PNG");
    EXPECT_EQ(png->GetRasterXSize(), static_cast<int>(std::ceil(width * scale))) << name;
    EXPECT_EQ(png->GetRasterYSize(), static_cast<int>(std::ceil(height * scale))) << name;
    // Not blank: the shift bar's blue (#56B4E9, Okabe-Ito sky blue) is somewhere on the shifts lane.
    const int w = png->GetRasterXSize();
    bool sky_blue = false;
    const auto cols = static_cast<std::size_t>(w);
    std::vector<unsigned char> r(cols), g(cols), b(cols);
    for (int y = 0; y < png->GetRasterYSize() && !sky_blue; ++y) {
      ASSERT_EQ(png->GetRasterBand(1)->RasterIO(GF_Read, 0, y, w, 1, r.data(), w, 1, GDT_Byte, 0, 0, nullptr), CE_None);
      ASSERT_EQ(png->GetRasterBand(2)->RasterIO(GF_Read, 0, y, w, 1, g.data(), w, 1, GDT_Byte, 0, 0, nullptr), CE_None);
      ASSERT_EQ(png->GetRasterBand(3)->RasterIO(GF_Read, 0, y, w, 1, b.data(), w, 1, GDT_Byte, 0, 0, nullptr), CE_None);
      for (std::size_t x = 0; x < cols && !sky_blue; ++x) sky_blue = r[x] == 0x56 && g[x] == 0xB4 && b[x] == 0xE9;
    }
    EXPECT_TRUE(sky_blue) << name;
  }
}

// A PDF page for a case file: the SVG's size at 0.75 pt per pixel (1928 x 426 px for a 24-hour day
// with this officer's lanes: 1446 x 319.5 pt), text kept as text, no creation date (the clock would
// make every copy differ), the same bytes every time.
TEST_F(Timeline, PdfIsOnePageTheSizeOfTheSvgAndTheSameEveryTime) {
  analyse_copy("run", "none");
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("a.svg")), 0) << m_stderr;
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("a.pdf")), 0) << m_stderr;
  ASSERT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("b.pdf")), 0) << m_stderr;
  const std::string pdf = read(path("a.pdf"));
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
  EXPECT_EQ(pdf, read(path("b.pdf")));
  EXPECT_EQ(pdf.find("/CreationDate"), std::string::npos);
  const std::string svg = read(path("a.svg"));
  const double width = std::stod(attribute_at(svg, 0, "width")), height = std::stod(attribute_at(svg, 0, "height"));
  char media_box[96];
  std::snprintf(media_box, sizeof media_box, "/MediaBox [ 0 0 %g %g ]", width * 0.75, height * 0.75);
  EXPECT_NE(pdf.find(media_box), std::string::npos) << media_box;
  std::size_t pages = 0;
  for (auto at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;  // a page, not the page tree
  EXPECT_EQ(pages, 1U);
}

TEST_F(Timeline, AChangedInputIsRefusedBecauseTheTimelineWouldNotBeTheReports) {
  analyse_copy("run", "none");
  std::ofstream(path("case/events.csv"), std::ios::app) << "2024-10-22 10:00:00,PC4485,records_lookup,Someone,,\n";
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("x.svg")), 6) << m_stderr;
  EXPECT_NE(m_stderr.find("events.csv: SHA-256"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("x.svg")));
}

TEST_F(Timeline, NeverWritesOverAnInputEvenWithForce) {
  // A basemap is the one input a picture could be named like: a GeoTIFF called base.png.
  fs::create_directories(path("case"));
  GDALAllRegister();
  {
    std::unique_ptr<GDALDataset> ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path("case/base.png").c_str(), 10, 10, 3, GDT_Byte, nullptr));
    double gt[6] = {-1.40, 0.05, 0, 52.75, 0, -0.025};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    ds->SetSpatialRef(&srs);
  }
  ASSERT_EQ(run("analyse --pings " + kData + "pings.csv --shifts " + kData + "shifts.csv --tz Europe/London --quiet "
                "--formats html --basemap " + path("case/base.png") + " --out " + path("run")),
            0)
      << m_stderr;
  const std::string before = read(path("case/base.png"));
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --force --out " + path("case/base.png")), 5) << m_stderr;
  EXPECT_NE(m_stderr.find("is an input of the run"), std::string::npos) << m_stderr;
  EXPECT_EQ(read(path("case/base.png")), before);
}

TEST_F(Timeline, ARunThisBuildWouldResolveDifferentlyIsNotRepeated) {
  analyse_copy("run", "none");
  std::string manifest = read(path("run/manifest.json"));
  const std::string recorded = "\"value\": \"604800s\"";  // lookup-window (7d), as this build resolves it
  const auto at = manifest.find(recorded);
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, recorded.size(), "\"value\": \"1209600s\"");
  write("run/manifest.json", manifest);
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("x.svg")), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("parameters.lookup-window"), std::string::npos) << m_stderr;
  EXPECT_NE(m_stderr.find("recorded '1209600s'"), std::string::npos) << m_stderr;
  EXPECT_FALSE(fs::exists(path("x.svg")));
}

TEST_F(Timeline, RefusesWhatItCannotDrawOrMustNotWrite) {
  analyse_copy("run", "none");
  const std::string ok = " --date 2024-10-21 --out " + path("t.svg");
  EXPECT_EQ(timeline("--officer NOBODY" + ok), 2) << m_stderr;
  EXPECT_NE(m_stderr.find("'NOBODY': no shift or assignment in the case (officers: PC4471"), std::string::npos) << m_stderr;
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-02-30 --out " + path("t.svg")), 2) << m_stderr;
  EXPECT_EQ(timeline("--officer PC4485 --date 21/10/2024 --out " + path("t.svg")), 2) << m_stderr;
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("t.jpg")), 2) << m_stderr;
  EXPECT_NE(m_stderr.find(".svg, .png or .pdf"), std::string::npos) << m_stderr;
  // Never an existing file without --force; never a file in the run folder, even with it.
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("case/pings.svg")), 0) << m_stderr;
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("case/pings.svg")), 5) << m_stderr;
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("case/pings.svg") + " --force"), 0) << m_stderr;
  fs::copy_file(path("run/manifest.json"), path("run/copy.svg"));
  const std::string before = read(path("run/copy.svg"));
  EXPECT_EQ(timeline("--officer PC4485 --date 2024-10-21 --out " + path("run/copy.svg") + " --force"), 5) << m_stderr;
  EXPECT_NE(m_stderr.find("the run's folder"), std::string::npos) << m_stderr;
  EXPECT_EQ(read(path("run/copy.svg")), before);
  // A folder without a manifest, and one written by `dwells`.
  EXPECT_EQ(run("timeline --from " + path("case") + " --officer PC4485" + ok), 3) << m_stderr;
  EXPECT_NE(m_stderr.find("manifest.json: no such file"), std::string::npos) << m_stderr;
  ASSERT_EQ(run("dwells --pings " + kData + "pings.csv --quiet --out " + path("dw")), 0) << m_stderr;
  EXPECT_EQ(run("timeline --from " + path("dw") + " --officer PC4485" + ok), 2) << m_stderr;
  EXPECT_NE(m_stderr.find("needs the output folder of `analyse`"), std::string::npos) << m_stderr;
}

}  // namespace
