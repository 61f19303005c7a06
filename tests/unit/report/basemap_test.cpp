// report::warp_basemap: the analyst's raster warped to the map's projection and extent
// (report/basemap.hpp). The expected pixels are placed with PROJ directly, from the test's own
// projection string, not with anything of the report's.
#include "shiftline/report/basemap.hpp"

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <proj.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/ingest/raster.hpp"
#include "support/temp_dir.hpp"

namespace {

using shiftline::report::MapWindow;
using shiftline::report::warp_basemap;

constexpr double kSplitLon = -1.15;  // the test raster is red west of this, blue east of it
const std::string kMapCrs = "+proj=tmerc +lat_0=52.63 +lon_0=-1.13 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs";

struct Rgba {
  int r = 0, g = 0, b = 0, a = 0;
};

struct Closer {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

// A GeoTIFF in EPSG:27700 (British National Grid, OSGB36 datum) covering E 455-465 km, N 300-310
// km at 10 m a pixel: red west of easting 460 km, blue east of it.
std::string national_grid_raster(const shiftline::test::TempDir& dir) {
  GDALAllRegister();
  const int size = 1000;
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  const std::string path = dir.file("osgb.tif");
  Dataset ds(gtiff->Create(path.c_str(), size, size, 3, GDT_Byte, nullptr));
  std::array<double, 6> gt{455000, 10, 0, 310000, 0, -10};
  ds->SetGeoTransform(gt.data());
  OGRSpatialReference srs;
  srs.importFromEPSG(27700);
  ds->SetSpatialRef(&srs);
  for (int band = 1; band <= 3; ++band) {
    std::vector<unsigned char> row(static_cast<std::size_t>(size));
    for (int x = 0; x < size; ++x) row[static_cast<std::size_t>(x)] = static_cast<unsigned char>(x < size / 2 ? (band == 1 ? 200 : 60) : (band == 3 ? 200 : 60));
    for (int y = 0; y < size; ++y)
      EXPECT_EQ(ds->GetRasterBand(band)->RasterIO(GF_Write, 0, y, size, 1, row.data(), size, 1, GDT_Byte, 0, 0, nullptr),
                CE_None);
  }
  return path;
}

// A GeoTIFF in EPSG:4326 covering lon [-1.40, -0.90], lat [52.50, 52.75] at 0.001 degree:
// red (200, 60, 60) west of kSplitLon, blue (60, 60, 200) east of it.
std::string split_raster(const shiftline::test::TempDir& dir, bool with_crs = true) {
  GDALAllRegister();
  const int width = 500, height = 250;
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  Dataset ds(mem->Create("", width, height, 3, GDT_Byte, nullptr));
  std::array<double, 6> gt{-1.40, 0.001, 0, 52.75, 0, -0.001};
  ds->SetGeoTransform(gt.data());
  if (with_crs) {
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    ds->SetSpatialRef(&srs);
  }
  const int split = static_cast<int>(std::lround((kSplitLon - gt[0]) / gt[1]));
  for (int band = 1; band <= 3; ++band) {
    std::vector<unsigned char> row(static_cast<std::size_t>(width));
    for (int x = 0; x < width; ++x) row[static_cast<std::size_t>(x)] = static_cast<unsigned char>(x < split ? (band == 1 ? 200 : 60) : (band == 3 ? 200 : 60));
    for (int y = 0; y < height; ++y)
      EXPECT_EQ(ds->GetRasterBand(band)->RasterIO(GF_Write, 0, y, width, 1, row.data(), width, 1, GDT_Byte, 0, 0, nullptr),
                CE_None);
  }
  const std::string path = dir.file(with_crs ? "split.tif" : "nocrs.tif");
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  Dataset(gtiff->CreateCopy(path.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
  return path;
}

// A position in `from` (traditional GIS order: easting or longitude first) in `to`, by PROJ's best
// available operation.
std::array<double, 2> transform(const char* from, const std::string& to, double x, double y) {
  PJ_CONTEXT* ctx = proj_context_create();
  PJ* op = proj_create_crs_to_crs(ctx, from, to.c_str(), nullptr);
  PJ* norm = proj_normalize_for_visualization(ctx, op);
  const PJ_COORD out = proj_trans(norm, PJ_FWD, proj_coord(x, y, 0, 0));
  proj_destroy(norm);
  proj_destroy(op);
  proj_context_destroy(ctx);
  return {out.xy.x, out.xy.y};
}

// Projected metres of a WGS84 position in kMapCrs, by PROJ.
std::array<double, 2> project(double lat, double lon) { return transform("EPSG:4326", kMapCrs, lon, lat); }

// A window 4 km x 2 km around the projection's centre, at 4 m a pixel.
MapWindow centred_window() {
  MapWindow w;
  w.crs = kMapCrs;
  w.min_x = shiftline::Meters{-2000};
  w.max_x = shiftline::Meters{2000};
  w.min_y = shiftline::Meters{-1000};
  w.max_y = shiftline::Meters{1000};
  w.width_px = 1000;
  w.height_px = 500;
  return w;
}

struct Decoded {
  int width = 0, height = 0, bands = 0;
  std::vector<std::vector<unsigned char>> band;
  [[nodiscard]] Rgba at(int x, int y) const {
    const auto v = [&](int b) {
      const auto at = static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
      return static_cast<int>(band[static_cast<std::size_t>(b)][at]);
    };
    if (bands == 4) return {v(0), v(1), v(2), v(3)};
    return {v(0), v(0), v(0), v(1)};
  }
};

Decoded decode_png(const std::string& png) {
  const std::string name = "/vsimem/basemap_test.png";
  VSILFILE* f = VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())), png.size(), FALSE);
  VSIFCloseL(f);
  Decoded d;
  {
    Dataset ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    EXPECT_TRUE(ds);
    if (ds) {
      EXPECT_STREQ(ds->GetDriver()->GetDescription(), "PNG");
      d.width = ds->GetRasterXSize();
      d.height = ds->GetRasterYSize();
      d.bands = ds->GetRasterCount();
      for (int b = 1; b <= d.bands; ++b) {
        d.band.emplace_back(static_cast<std::size_t>(d.width) * static_cast<std::size_t>(d.height));
        EXPECT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, d.width, d.height, d.band.back().data(), d.width,
                                                  d.height, GDT_Byte, 0, 0, nullptr),
                  CE_None);
      }
    }
  }
  VSIUnlink(name.c_str());
  return d;
}

TEST(WarpBasemap, TheSplitMeridianLandsWherePROJPutsIt) {
  const shiftline::test::TempDir dir("basemap");
  const MapWindow w = centred_window();
  const auto image = warp_basemap(split_raster(dir), w);
  const Decoded d = decode_png(image.png);
  ASSERT_EQ(d.width, 1000);
  ASSERT_EQ(d.height, 500);
  ASSERT_EQ(d.bands, 4);  // RGB + alpha
  EXPECT_DOUBLE_EQ(image.covered, 1.0);
  EXPECT_EQ(image.resampling, "bilinear");
  // Row of latitude 52.63 (the projection's origin: y = 0, the middle row).
  const int row = 250;
  const auto [split_x, split_y] = project(52.63, kSplitLon);
  EXPECT_NEAR(split_y, 0.0, 30.0);  // the meridian bends only a little over 1 km
  const double column = (split_x - w.min_x.value) / 4.0;  // 4 m a pixel
  ASSERT_GT(column, 10);
  ASSERT_LT(column, 990);
  // Bilinear resampling blends across one source pixel (0.001 degree of longitude, 68 m here, 17
  // map pixels): pure colours 20 pixels either side, and half-way at the meridian itself.
  const Rgba west = d.at(static_cast<int>(column) - 20, row);
  const Rgba east = d.at(static_cast<int>(column) + 20, row);
  const Rgba on = d.at(static_cast<int>(std::lround(column)), row);
  EXPECT_NEAR(on.r, 130, 20) << "the blend's middle is " << (on.r - 130) / (140.0 / 17.0) << " px off the meridian";
  EXPECT_EQ(west.r, 200);
  EXPECT_EQ(west.b, 60);
  EXPECT_EQ(west.a, 255);
  EXPECT_EQ(east.r, 60);
  EXPECT_EQ(east.b, 200);
  // Top-left and bottom-right corners are inside the raster: the colour of their side.
  EXPECT_EQ(d.at(0, 0).r, 200);
  EXPECT_EQ(d.at(999, 499).b, 200);
}

TEST(WarpBasemap, ARasterInAnotherDatumIsShiftedToWgs84NotJustReprojected) {
  // OSGB36 and WGS84 differ by about 100 m around Leicester: PROJ's "ballpark" operation (what a
  // map CRS without a datum would get) would put the edge 25 pixels off.
  const shiftline::test::TempDir dir("basemap");
  const MapWindow w = centred_window();
  const auto image = warp_basemap(national_grid_raster(dir), w);
  const Decoded d = decode_png(image.png);
  ASSERT_EQ(d.bands, 4);
  const auto [x, y] = transform("EPSG:27700", kMapCrs, 460000, 304500);  // a point on the edge
  const double column = (x - w.min_x.value) / 4.0, row = (w.max_y.value - y) / 4.0;
  ASSERT_GT(column, 20);
  ASSERT_LT(column, 980);
  ASSERT_GT(row, 0);
  ASSERT_LT(row, 500);
  const int r = static_cast<int>(std::lround(row));
  EXPECT_EQ(d.at(static_cast<int>(column) - 8, r).r, 200);
  EXPECT_EQ(d.at(static_cast<int>(column) + 8, r).b, 200);
  // The source pixel is 10 m (2.5 map pixels): half-way within a pixel of the edge.
  EXPECT_NEAR(d.at(static_cast<int>(std::lround(column)), r).r, 130, 60);
}

TEST(WarpBasemap, WhereTheRasterEndsThePixelsAreTransparentAndCoverageSaysHowMuch) {
  const shiftline::test::TempDir dir("basemap");
  // A window whose west half lies beyond the raster's west edge (lon -1.40).
  const auto [edge_x, edge_y] = project(52.63, -1.40);
  MapWindow w = centred_window();
  w.min_x = shiftline::Meters{edge_x - 2000};
  w.max_x = shiftline::Meters{edge_x + 2000};
  const auto image = warp_basemap(split_raster(dir), w);
  const Decoded d = decode_png(image.png);
  EXPECT_NEAR(image.covered, 0.5, 0.01);
  EXPECT_EQ(d.at(100, 250).a, 0);
  EXPECT_EQ(d.at(900, 250).a, 255);
  EXPECT_EQ(d.at(900, 250).r, 200);
}

TEST(WarpBasemap, ARasterFarAwayCoversNothing) {
  const shiftline::test::TempDir dir("basemap");
  MapWindow w = centred_window();
  w.min_x = w.min_x + shiftline::Meters{500'000};
  w.max_x = w.max_x + shiftline::Meters{500'000};
  EXPECT_EQ(warp_basemap(split_raster(dir), w).covered, 0.0);
}

TEST(WarpBasemap, SameInputsSameBytes) {
  const shiftline::test::TempDir dir("basemap");
  const std::string path = split_raster(dir);
  EXPECT_EQ(warp_basemap(path, centred_window()).png, warp_basemap(path, centred_window()).png);
}

TEST(WarpBasemap, RefusesWhatCannotBePlaced) {
  const shiftline::test::TempDir dir("basemap");
  EXPECT_THROW((void)warp_basemap(dir.file("missing.tif"), centred_window()), shiftline::InputError);
  EXPECT_THROW((void)warp_basemap(dir.write("text.tif", "not a raster"), centred_window()), shiftline::InputError);
  MapWindow empty = centred_window();
  empty.width_px = 0;
  EXPECT_THROW((void)warp_basemap(split_raster(dir), empty), shiftline::UsageError);
}

TEST(DescribeRaster, AVrtIsListedWithTheFilesItReads) {
  const shiftline::test::TempDir dir("basemap");
  const std::string tif = split_raster(dir);
  const std::string vrt = dir.file("mosaic.vrt");
  {
    Dataset source(GDALDataset::Open(tif.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(source);
    Dataset(GetGDALDriverManager()->GetDriverByName("VRT")->CreateCopy(vrt.c_str(), source.get(), FALSE, nullptr,
                                                                        nullptr, nullptr));
  }
  const auto reports = shiftline::ingest::describe_raster(vrt, "basemap");
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].path, vrt);
  EXPECT_EQ(reports[0].driver, "VRT");
  EXPECT_EQ(reports[1].canonical_path, std::filesystem::canonical(tif).string());
  EXPECT_EQ(reports[1].role, "basemap");
  EXPECT_EQ(reports[1].sha256_before.size(), 64U);
}

TEST(DescribeRaster, NamesDriverCrsAndDigestAndRefusesARasterWithoutCrs) {
  const shiftline::test::TempDir dir("basemap");
  const std::string path = split_raster(dir);
  const auto reports = shiftline::ingest::describe_raster(path, "basemap");
  ASSERT_EQ(reports.size(), 1U);  // a GeoTIFF is one file
  const auto& report = reports.front();
  EXPECT_EQ(report.role, "basemap");
  EXPECT_EQ(report.driver, "GTiff");
  EXPECT_EQ(report.crs, "EPSG:4326");
  EXPECT_EQ(report.sha256_before.size(), 64U);
  EXPECT_EQ(report.rows_read, 0U);
  try {
    (void)shiftline::ingest::describe_raster(split_raster(dir, false), "basemap");
    ADD_FAILURE() << "a raster without a CRS was accepted";
  } catch (const shiftline::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nocrs.tif"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("coordinate reference system"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)shiftline::ingest::describe_raster(dir.file("missing.tif"), "basemap"), shiftline::InputError);
}

}  // namespace
