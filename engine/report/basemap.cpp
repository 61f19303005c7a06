#include "shiftline/report/basemap.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <openssl/evp.h>

#include <atomic>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "ingest/gdal_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/report/csv_writer.hpp"

namespace shiftline::report {
namespace {

struct DatasetCloser {
  void operator()(GDALDatasetH ds) const noexcept { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

// The argv-style option lists of GDAL's utility functions (gdal_utils.h).
class Args {
 public:
  Args& operator<<(const std::string& a) {
    m_list.AddString(a.c_str());
    return *this;
  }
  [[nodiscard]] char** list() { return m_list.List(); }

 private:
  CPLStringList m_list;
};

std::string number(Meters v) { return format_fixed(v.value, 6); }

// GDAL's last message belongs to the step that failed: every step starts with CPLErrorReset.
[[noreturn]] void fail(const std::string& path, const std::string& what) {
  const std::string gdal = CPLGetLastErrorMsg();
  throw InputError(located(path, 0, "", what + (gdal.empty() ? "" : " (GDAL: " + gdal + ")")));
}

bool is_alpha(GDALDatasetH ds, int band) {
  return GDALGetRasterColorInterpretation(GDALGetRasterBand(ds, band)) == GCI_AlphaBand;
}

// The raster as the PNG driver can hold it: byte bands, grey or RGB, and an alpha band when the
// source has one. Paletted rasters are expanded to RGBA (bilinear resampling would mix palette
// indices otherwise); other data types are scaled to 0-255 from their own range, so that a DEM or a
// 16-bit scan still shows; extra bands (a fourth that is not alpha, infrared) are left out.
Dataset drawable(GDALDatasetH source, const std::string& path, bool& paletted) {
  const int bands = GDALGetRasterCount(source);
  if (bands < 1) fail(path, "the raster has no band");
  GDALRasterBandH first = GDALGetRasterBand(source, 1);
  paletted = GDALGetRasterColorTable(first) != nullptr;
  CPLErrorReset();
  Args args;
  args << "-of" << "VRT";
  if (paletted) {
    args << "-b" << "1" << "-expand" << "rgba";
  } else {
    int alpha = 0;
    for (int b = bands; b >= 1 && alpha == 0; --b)
      if (is_alpha(source, b)) alpha = b;
    const int colours = (bands - (alpha ? 1 : 0)) >= 3 ? 3 : 1;
    for (int b = 1; b <= colours; ++b) args << "-b" << std::to_string(b);
    if (alpha) args << "-b" << std::to_string(alpha);
    if (GDALGetRasterDataType(first) != GDT_Byte) args << "-ot" << "Byte" << "-scale";
  }
  GDALTranslateOptions* options = GDALTranslateOptionsNew(args.list(), nullptr);
  int usage_error = 0;
  GDALDatasetH out = GDALTranslate("", source, options, &usage_error);
  GDALTranslateOptionsFree(options);
  if (!out) fail(path, "GDAL cannot convert it to 8-bit grey or colour");
  return Dataset(out);
}

double covered_fraction(GDALDatasetH warped) {
  const int bands = GDALGetRasterCount(warped);
  const int width = GDALGetRasterXSize(warped), height = GDALGetRasterYSize(warped);
  std::vector<unsigned char> alpha(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  if (GDALRasterIO(GDALGetRasterBand(warped, bands), GF_Read, 0, 0, width, height, alpha.data(), width, height, GDT_Byte,
                   0, 0) != CE_None)
    throw OutputError("basemap: GDAL cannot read back the warped image's alpha band");
  std::size_t opaque = 0;
  for (const unsigned char a : alpha) opaque += a > 0 ? 1 : 0;
  return alpha.empty() ? 0.0 : static_cast<double>(opaque) / static_cast<double>(alpha.size());
}

std::string png_bytes(GDALDatasetH warped, const std::string& path) {
  // A name of our own per call: /vsimem is process-wide and reports may be written in parallel.
  static std::atomic<unsigned long> serial{0};
  const std::string name = "/vsimem/shiftline-basemap-" + std::to_string(++serial) + ".png";
  GDALDriverH png = GDALGetDriverByName("PNG");
  if (!png) fail(path, "GDAL has no PNG driver");
  CPLErrorReset();
  GDALDatasetH out = GDALCreateCopy(png, name.c_str(), warped, FALSE, nullptr, nullptr, nullptr);
  if (!out) fail(path, "GDAL cannot encode the warped basemap as PNG");
  GDALClose(out);
  vsi_l_offset size = 0;
  GByte* data = VSIGetMemFileBuffer(name.c_str(), &size, TRUE);  // TRUE: we own it, the file is gone
  std::string bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  CPLFree(data);
  return bytes;
}

}  // namespace

BasemapImage warp_basemap(const std::string& path, const MapWindow& window) {
  if (window.width_px <= 0 || window.height_px <= 0 || !(window.max_x > window.min_x) || !(window.max_y > window.min_y))
    throw UsageError("basemap: the map window is empty");
  const ingest::GdalDataset source = ingest::open_read_only(path, ingest::GdalKind::raster);
  BasemapImage image;
  bool paletted = false;
  const Dataset converted = drawable(GDALDataset::ToHandle(source.get()), path, paletted);
  GDALDatasetH input = converted.get();
  image.resampling = paletted ? "nearest" : "bilinear";

  Args args;
  args << "-of" << "MEM" << "-t_srs" << window.crs;
  args << "-te" << number(window.min_x) << number(window.min_y) << number(window.max_x) << number(window.max_y);
  args << "-ts" << std::to_string(window.width_px) << std::to_string(window.height_px);
  args << "-r" << (paletted ? "near" : "bilinear");
  // Destination alpha marks where the raster has no data, so the page shows white there rather
  // than black; a source alpha band is used as such.
  if (is_alpha(input, GDALGetRasterCount(input))) args << "-srcalpha";
  args << "-dstalpha";
  CPLErrorReset();
  GDALWarpAppOptions* options = GDALWarpAppOptionsNew(args.list(), nullptr);
  int usage_error = 0;
  GDALDatasetH inputs[] = {input};
  const Dataset warped(GDALWarp("", nullptr, 1, inputs, options, &usage_error));
  GDALWarpAppOptionsFree(options);
  if (!warped) fail(path, "GDAL cannot warp it to the map's projection " + window.crs);
  image.covered = covered_fraction(warped.get());
  image.png = png_bytes(warped.get(), path);
  return image;
}

std::string png_data_uri(const std::string& png) {
  std::string text(4 * ((png.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                      reinterpret_cast<const unsigned char*>(png.data()), static_cast<int>(png.size()));
  text.resize(static_cast<std::size_t>(std::max(0, written)));
  return "data:image/png;base64," + text;
}

}  // namespace shiftline::report
