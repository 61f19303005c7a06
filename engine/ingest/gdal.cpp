#include "gdal_internal.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>

#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "shiftline/core/error.hpp"
#include "shiftline/core/temporary.hpp"

namespace shiftline::ingest {
namespace {

unsigned int open_flags(GdalKind kind) { return kind == GdalKind::vector ? GDAL_OF_VECTOR : GDAL_OF_RASTER; }

const char* kind_text(GdalKind kind) { return kind == GdalKind::vector ? "a vector data set" : "a raster"; }

namespace fs = std::filesystem;

// The files beside a SQLite database that hold part of its data: the write-ahead log and the
// rollback journal. Not the -shm: it only indexes the -wal and is rebuilt from it.
std::vector<std::string> sqlite_side_files(const std::string& path) {
  std::vector<std::string> files;
  for (const char* suffix : {"-wal", "-journal"}) {
    std::error_code ec;
    if (fs::is_regular_file(path + suffix, ec)) files.push_back(path + suffix);
  }
  return files;
}

void remove_private_copy(const std::string& folder) noexcept {
  const std::lock_guard lock(temporaries_mutex());
  std::error_code ec;
  fs::remove_all(folder, ec);
  delist_temporary(folder);
}

// Copies `path` and its side files into a fresh private folder; returns the folder. The copies
// are writable by us alone, so SQLite may recover, checkpoint or add its -shm there.
std::string private_copy(const std::string& path) {
  std::string pattern = (fs::temp_directory_path() / "shiftline-input-XXXXXX").string();
  {
    // Listed with the process's temporaries, so that a run stopped by a signal removes it too.
    const std::lock_guard lock(temporaries_mutex());
    if (!mkdtemp(pattern.data()))
      throw InputError(located(path, 0, "", std::string("cannot make a private folder to read it from: ") +
                                                std::strerror(errno)));
    enlist_temporary(pattern);
  }
  const fs::path folder(pattern);
  try {
    std::vector<std::string> files{path};
    for (std::string& f : sqlite_side_files(path)) files.push_back(std::move(f));
    const std::string name = fs::path(path).filename().string();
    for (const std::string& f : files) {
      const fs::path to = folder / (name + f.substr(path.size()));
      fs::copy_file(f, to);
      fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write);
    }
  } catch (const fs::filesystem_error& e) {
    remove_private_copy(folder.string());
    throw InputError(located(path, 0, "", std::string("cannot copy it to a private folder to read it from: ") + e.what()));
  }
  return folder.string();
}

}  // namespace

void GdalDatasetCloser::operator()(GDALDataset* ds) const noexcept {
  GDALClose(ds);
  if (!private_copy.empty()) remove_private_copy(private_copy);
}

bool is_sqlite_file(const std::string& path) {
  static constexpr char kHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  return in.read(head, sizeof head) && std::memcmp(head, kHeader, sizeof head) == 0;
}

std::vector<std::string> files_read_for(const std::string& path, GDALDataset& ds) {
  if (is_sqlite_file(path)) return sqlite_side_files(path);
  std::vector<std::string> files;
  const auto add = [&](const std::string& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::equivalent(file, path, ec)) return;
    if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
  };
  char** list = ds.GetFileList();
  for (int i = 0; list && list[i]; ++i) add(list[i]);
  CSLDestroy(list);
  // A driver lists the files it opened; the formats made of several files are completed from
  // their documented companions (the same name with each of these extensions, any letter case,
  // when present), so that an index or side file GDAL may read later is hashed too.
  static const std::map<std::string, std::vector<std::string>> kCompanions{
      {"ESRI Shapefile", {".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".shp.xml"}},
      {"MapInfo File", {".dat", ".id", ".map", ".ind"}},
      {"CSV", {".csvt", ".prj"}},
      // GML: the application schema and GDAL's own layer description, both read when present.
      {"GML", {".xsd", ".gfs"}},
  };
  if (const auto it = kCompanions.find(ds.GetDriver() ? ds.GetDriver()->GetDescription() : "");
      it != kCompanions.end()) {
    const fs::path input(path);
    const auto lower = [](std::string t) {
      for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return t;
    };
    const std::string stem = lower(input.stem().string());
    std::error_code ec;
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(input.parent_path().empty() ? "." : input.parent_path(), ec)) {
      const std::string name = lower(entry.path().filename().string());
      for (const std::string& ext : it->second)
        if (name == stem + ext) found.push_back((input.parent_path() / entry.path().filename()).string());
    }
    std::sort(found.begin(), found.end());  // directory order is not stable
    for (const std::string& f : found) add(f);
  }
  return files;
}

void start_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    // No XSD validation of XML inputs (OGR VRT): GDAL validates with libxml2, whose parser errors
    // go straight to stderr with the input's bytes raw (escape sequences included), bypassing the
    // one escaping path for messages. Validation only ever warns; a VRT is parsed by our own
    // reading (vrt_sources: not well-formed is refused) and opened by GDAL's, which name errors
    // through the GDAL error handler. Set once, for every thread.
    CPLSetConfigOption("GDAL_XML_VALIDATION", "NO");
  });
}

std::string identify_driver(const std::string& path, GdalKind kind) {
  start_gdal();
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), open_flags(kind), nullptr, nullptr);
  return driver ? GDALGetDriverShortName(driver) : "";
}

GdalDataset open_read_only(const std::string& path, GdalKind kind, const std::vector<std::string>& open_options) {
  start_gdal();
  // R1: read-only, and no .aux.xml sidecars.
  CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
  CPLStringList options;
  for (const std::string& o : open_options) options.AddString(o.c_str());
  // GDAL's last message then belongs to this open.
  CPLErrorReset();
  // R1: SQLite-based inputs are read from a private copy (see the header).
  GdalDatasetCloser closer;
  std::string open_path = path;
  if (is_sqlite_file(path)) {
    closer.private_copy = private_copy(path);
    open_path = (fs::path(closer.private_copy) / fs::path(path).filename()).string();
  }
  GdalDataset ds(GDALDataset::Open(open_path.c_str(), open_flags(kind) | GDAL_OF_READONLY, nullptr, options.List(), nullptr),
                 closer);
  if (!ds && !closer.private_copy.empty()) remove_private_copy(closer.private_copy);
  if (ds) return ds;
  const std::string why = CPLGetLastErrorMsg();
  const std::string driver = identify_driver(path, kind);
  std::string detail;
  if (!driver.empty()) detail = "driver " + driver;
  if (!why.empty()) detail += (detail.empty() ? "" : "; ") + std::string("GDAL: ") + why;
  throw InputError(located(path, 0, "", std::string("GDAL cannot open it as ") + kind_text(kind) +
                                            (detail.empty() ? "" : " (" + detail + ")")));
}

}  // namespace shiftline::ingest
