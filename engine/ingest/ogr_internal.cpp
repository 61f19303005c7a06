#include "ogr_internal.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_minixml.h>
#include <cpl_vsi.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "crs_transform_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline::ingest {
namespace {

namespace fs = std::filesystem;

std::string mtime_utc(const fs::path& path) {
  const auto ftime = fs::last_write_time(path);
  const auto sys = std::chrono::file_clock::to_sys(ftime);
  return format_utc(std::chrono::floor<Millis>(sys));
}

// ---------------------------------------------------------------------------------------------
// OGR VRT: the files a .vrt makes GDAL read, determined before GDAL opens it (docs/input-formats.md,
// "VRT inputs"). What cannot be determined is refused, never guessed.

[[noreturn]] void refuse_vrt(const std::string& vrt, const std::string& why) {
  throw InputError(located(vrt, 0, "", "VRT input refused: " + why));
}

std::string text_of(const CPLXMLNode* node) {
  for (const CPLXMLNode* c = node->psChild; c; c = c->psNext)
    if (c->eType == CXT_Text) return c->pszValue ? c->pszValue : "";
  return {};
}

// The files GDAL reads to open `source` (a shapefile's .shx/.dbf/.prj...), `source` first.
std::vector<std::string> source_file_set(const std::string& source) {
  std::vector<std::string> files{source};
  start_gdal();
  const GdalDataset ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (ds)
    for (std::string& f : files_read_for(source, *ds)) files.push_back(std::move(f));
  return files;
}

void collect_vrt_sources(const CPLXMLNode* node, const std::string& vrt, std::vector<std::string>& out) {
  for (; node; node = node->psNext) {
    if (node->eType != CXT_Element) continue;
    const std::string element = node->pszValue ? node->pszValue : "";
    if (element == "SrcSQL")
      refuse_vrt(vrt, "a layer reads <SrcSQL>; an SQL statement may read other files (OGR SQL joins name "
                      "data sources, SQLite's virtual tables open them), so what it reads cannot be listed: "
                      "give the source file itself");
    if (element == "LayerSRS" || element == "SrcSRS" || element == "TargetSRS") {
      std::error_code ec;
      if (const std::string crs = text_of(node); !crs.empty() && fs::exists(crs, ec))
        refuse_vrt(vrt, "<" + element + "> names the file '" + crs + "'; give the CRS as text (EPSG:NNNN or WKT)");
    }
    if (element == "SrcDataSource") {
      const std::string name = text_of(node);
      const bool relative = CPLTestBool(CPLGetXMLValue(node, "relativeToVRT", "0"));
      const std::string source =
          relative && !fs::path(name).is_absolute() ? (fs::path(vrt).parent_path() / name).string() : name;
      std::error_code ec;
      if (name.rfind("/vsi", 0) == 0)
        refuse_vrt(vrt, "<SrcDataSource> '" + name + "' is a GDAL virtual path (/vsi...), which is not hashed");
      if (!fs::is_regular_file(source, ec))
        refuse_vrt(vrt, "<SrcDataSource> '" + name + "' is not a file (a folder, a database connection or missing)");
      if (is_sqlite_file(source))
        refuse_vrt(vrt, "<SrcDataSource> '" + name +
                            "' is SQLite-based (GeoPackage, SQLite), which GDAL may change when it opens it "
                            "for the VRT; give it directly");
      if (identify_driver(source, GdalKind::vector) == "OGR_VRT")
        refuse_vrt(vrt, "<SrcDataSource> '" + name + "' is itself a VRT; give its sources directly");
      for (std::string& f : source_file_set(source))
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
    }
    collect_vrt_sources(node->psChild, vrt, out);
  }
}

std::vector<std::string> vrt_sources(const std::string& vrt) {
  std::unique_ptr<CPLXMLNode, void (*)(CPLXMLNode*)> root(CPLParseXMLFile(vrt.c_str()), CPLDestroyXMLNode);
  if (!root) refuse_vrt(vrt, "it is not well-formed XML");
  std::vector<std::string> out;
  collect_vrt_sources(root.get(), vrt, out);
  return out;
}

// Without a schema beside it, GDAL's GML reader follows the file's xsi:schemaLocation to a schema
// on this machine, which would then be read but not hashed: such a GML file is refused (a web
// address is never fetched: GDAL's network is off).
void refuse_local_gml_schema(const std::string& gml) {
  std::ifstream in(gml, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const std::size_t at = head.find("schemaLocation=");
  if (at == std::string::npos || at + 16 > head.size()) return;
  const char quote = head[at + 15];
  const std::size_t end = head.find(quote, at + 16);
  if (end == std::string::npos) return;
  std::istringstream locations(head.substr(at + 16, end - at - 16));
  for (std::string namespace_uri, location; locations >> namespace_uri >> location;) {
    if (location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0) continue;
    const fs::path named = fs::path(location).is_absolute() ? fs::path(location) : fs::path(gml).parent_path() / location;
    std::error_code ec;
    if (!fs::exists(named, ec)) continue;  // nothing GDAL could read
    throw InputError(located(gml, 0, "", "GML input refused: its schemaLocation names the local schema '" + location +
                                             "', which GDAL would read without it being hashed; put the schema "
                                             "beside the file as " + fs::path(gml).stem().string() + ".xsd"));
  }
}

void add_files(InputReport& report, const std::string& path, const std::vector<std::string>& files) {
  std::error_code ec;
  for (const std::string& f : files) {
    if (fs::equivalent(f, path, ec)) continue;
    if (std::any_of(report.files.begin(), report.files.end(), [&](const InputFile& known) {
          return fs::equivalent(known.path, f, ec);
        }))
      continue;
    InputFile file;
    file.path = f;
    file.canonical_path = fs::canonical(f).string();
    file.size_bytes = fs::file_size(f);
    file.sha256_before = sha256_file(f);
    report.files.push_back(std::move(file));
  }
}

}  // namespace

void check_input_file(const std::string& path) {
  const auto refuse = [&path](const std::string& why) {
    throw InputError(located(path, 0, "", why + "; an input must be a regular file (it is read, then hashed again)"));
  };
  // Standard input and open descriptors are streams whatever they point to: read once, gone.
  for (const std::string_view stream : {"/dev/stdin", "/dev/fd/", "/proc/self/fd/"})
    if (std::string_view(path).substr(0, stream.size()) == stream) refuse("is standard input or an open descriptor");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) {
      struct stat link {};
      if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) refuse("is a symbolic link to nothing");
      throw InputError(located(path, 0, "", "no such file"));
    }
    refuse(std::string("cannot be examined: ") + std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) refuse("is a directory");
  if (S_ISFIFO(st.st_mode)) refuse("is a FIFO (named pipe)");
  if (S_ISCHR(st.st_mode)) refuse("is a character device (such as /dev/null or a terminal)");
  if (S_ISBLK(st.st_mode)) refuse("is a block device");
  if (S_ISSOCK(st.st_mode)) refuse("is a socket");
  if (!S_ISREG(st.st_mode)) refuse("is not a regular file");
  if (::access(path.c_str(), R_OK) != 0) refuse(std::string("cannot be read: ") + std::strerror(errno));
}

InputReport describe_input(const std::string& path) {
  check_input_file(path);
  InputReport report;
  report.path = path;
  report.canonical_path = fs::canonical(path).string();
  report.size_bytes = fs::file_size(path);
  report.mtime_utc = mtime_utc(path);
  return report;
}

bool is_csv(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

GdalDataset open_vector_read_only(const std::string& path, InputReport& report) {
  // GDAL 3.6 (Debian 12) has no HEADERS open option for XLSX/ODS (added in 3.7) and ignores it:
  // only these configuration options force the header row there. The sheet is parsed lazily, on
  // the first layer access, so they must stay set, not just around Open. Both set: any GDAL.
  CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");
  CPLSetConfigOption("OGR_ODS_HEADERS", "FORCE");
  // Open options by driver: spreadsheets always have a header row (GDAL's AUTO guesses from cell
  // types, which fails when every cell is text); GeoJSON date-times stay text so that our strict
  // parser reads them (GDAL's own keeps milliseconds and drops finer digits silently).
  const std::string driver_name = identify_driver(path, GdalKind::vector);
  std::vector<std::string> options;
  if (driver_name == "XLSX" || driver_name == "ODS") options.emplace_back("HEADERS=FORCE");
  if (driver_name == "GeoJSON" || driver_name == "GeoJSONSeq") options.emplace_back("DATE_AS_STRING=YES");
  // R1: GDAL's GML reader writes a .gfs file beside the input when it had to scan it (WRITE_GFS
  // defaults to AUTO); and it reads the schema beside the input when there is one, which is then
  // named here so that it is the one hashed (files_read_for lists it).
  if (driver_name == "GML") {
    options.emplace_back("WRITE_GFS=NO");
    const fs::path xsd = fs::path(path).replace_extension(".xsd");
    std::error_code ec;
    if (fs::is_regular_file(xsd, ec)) options.push_back("XSD=" + xsd.string());
    else refuse_local_gml_schema(path);
  }
  // R3: every file GDAL reads for this input is listed and hashed; a VRT's are found (or the VRT
  // refused) before GDAL opens anything.
  const std::vector<std::string> sources = driver_name == "OGR_VRT" ? vrt_sources(path) : std::vector<std::string>{};
  GdalDataset ds = open_read_only(path, GdalKind::vector, options);
  report.files.clear();
  add_files(report, path, sources);
  add_files(report, path, files_read_for(path, *ds));
  report.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "unknown";
  report.open_options.clear();
  for (std::size_t i = 0; i < options.size(); ++i) report.open_options += (i ? ";" : "") + options[i];
  if (report.driver == "XLSX" || report.driver == "ODS") report.open_options = "HEADERS=FORCE";
  return ds;
}

namespace {

// ---------------------------------------------------------------------------------------------
// XLSX: what GDAL reads as empty although the spreadsheet shows a value (docs/input-formats.md,
// "Spreadsheets"). GDAL's XLSX driver reads a cell's saved value only: the cells of a merged
// range other than its top-left one hold nothing, and a formula saved without its result (files
// written by programs that do not calculate) has none. Both are refused, naming sheet and cell.
// The package's XML is read through /vsizip/ (read-only) with a small tag scanner: element names
// are compared without their namespace prefix.

std::string read_zip_member(const std::string& zip, const std::string& member) {
  const std::string name = "/vsizip/" + zip + "/" + member;
  VSILFILE* f = VSIFOpenL(name.c_str(), "rb");
  if (!f) return {};
  std::string text;
  char buf[1 << 16];
  for (std::size_t n; (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  VSIFCloseL(f);
  return text;
}

std::string xml_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool known = false;
    for (const auto& [entity, c] : kEntities)
      if (s.substr(i, entity.size()) == entity) {
        out += c;
        i += entity.size() - 1;
        known = true;
        break;
      }
    if (!known) out += '&';
  }
  return out;
}

// One tag of an XML text: its local name (prefix dropped), whether it closes (</x>) or is empty
// (<x/>), and its attribute text.
struct Tag {
  std::string_view name;
  std::string_view attributes;
  bool closing = false;
  bool empty = false;
  std::size_t end = 0;  ///< just past '>'
};

std::optional<Tag> next_tag(std::string_view xml, std::size_t from) {
  while (true) {
    const std::size_t open = xml.find('<', from);
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t close = xml.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view body = xml.substr(open + 1, close - open - 1);
    from = close + 1;
    if (body.empty() || body.front() == '?' || body.front() == '!') continue;
    Tag t;
    t.end = from;
    t.closing = body.front() == '/';
    if (t.closing) body.remove_prefix(1);
    t.empty = !body.empty() && body.back() == '/';
    if (t.empty) body.remove_suffix(1);
    const std::size_t space = body.find_first_of(" \t\r\n");
    std::string_view qualified = body.substr(0, space);
    if (const auto colon = qualified.find(':'); colon != std::string_view::npos) qualified.remove_prefix(colon + 1);
    t.name = qualified;
    t.attributes = space == std::string_view::npos ? std::string_view{} : body.substr(space);
    return t;
  }
}

// The value of the attribute whose local name is `name` (any prefix), unescaped; empty if none.
std::string attribute(std::string_view attributes, std::string_view name) {
  std::size_t at = 0;
  while ((at = attributes.find('=', at)) != std::string_view::npos) {
    std::size_t k = at;
    while (k > 0 && attributes[k - 1] == ' ') --k;
    std::size_t b = k;
    while (b > 0 && attributes[b - 1] != ' ' && attributes[b - 1] != '\t' && attributes[b - 1] != '\n' &&
           attributes[b - 1] != '\r')
      --b;
    std::string_view key = attributes.substr(b, k - b);
    if (const auto colon = key.find(':'); colon != std::string_view::npos) key.remove_prefix(colon + 1);
    const std::size_t q = attributes.find_first_of("\"'", at);
    if (q == std::string_view::npos) return {};
    const std::size_t q2 = attributes.find(attributes[q], q + 1);
    if (q2 == std::string_view::npos) return {};
    if (key == name) return xml_unescape(attributes.substr(q + 1, q2 - q - 1));
    at = q2 + 1;
  }
  return {};
}

// "E3" -> "row 3, column E".
std::string cell_words(const std::string& ref) {
  const auto digit = ref.find_first_of("0123456789");
  if (digit == std::string::npos || digit == 0) return ref;
  return "row " + ref.substr(digit) + ", column " + ref.substr(0, digit);
}

// The package member holding the sheet named `sheet`, or empty.
std::string sheet_member(const std::string& zip, const std::string& sheet) {
  const std::string workbook = read_zip_member(zip, "xl/workbook.xml");
  std::string rid;
  for (auto t = next_tag(workbook, 0); t; t = next_tag(workbook, t->end))
    if (!t->closing && t->name == "sheet" && attribute(t->attributes, "name") == sheet) rid = attribute(t->attributes, "id");
  if (rid.empty()) return {};
  const std::string rels = read_zip_member(zip, "xl/_rels/workbook.xml.rels");
  for (auto t = next_tag(rels, 0); t; t = next_tag(rels, t->end)) {
    if (t->closing || t->name != "Relationship" || attribute(t->attributes, "Id") != rid) continue;
    const std::string target = attribute(t->attributes, "Target");
    return target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
  }
  return {};
}

void check_xlsx_sheet(const std::string& path, const std::string& sheet) {
  const std::string zip = fs::absolute(path).string();
  const std::string member = sheet_member(zip, sheet);
  if (member.empty()) return;  // GDAL found the sheet some other way; nothing more to check
  const std::string xml = read_zip_member(zip, member);
  const auto refuse = [&](const std::string& why) {
    throw InputError(located(path, 0, "", "sheet '" + sheet + "': " + why));
  };
  std::string cell;  // the open <c>'s reference
  bool formula = false;
  bool value = false;
  std::size_t value_start = 0;
  for (auto t = next_tag(xml, 0); t; t = next_tag(xml, t->end)) {
    if (t->name == "c") {
      if (!t->closing) {
        cell = attribute(t->attributes, "r");
        formula = value = false;
      }
      if (t->closing || t->empty) {
        if (formula && !value)
          refuse("cell " + cell + " (" + cell_words(cell) +
                 ") holds a formula saved without its result, which reads as empty; open and save the file in a "
                 "spreadsheet program (which calculates it), or give the values");
        cell.clear();
      }
    } else if (t->name == "f" && !cell.empty() && !t->closing) {
      formula = true;
    } else if (t->name == "v" && !cell.empty()) {
      if (!t->closing && !t->empty) value_start = t->end;
      if (t->closing && xml.find_first_not_of(" \t\r\n", value_start) < xml.find('<', value_start)) value = true;
    } else if (t->name == "mergeCell" && !t->closing) {
      const std::string ref = attribute(t->attributes, "ref");
      const auto colon = ref.find(':');
      if (colon == std::string::npos || ref.substr(0, colon) == ref.substr(colon + 1)) continue;
      refuse("cells " + ref + " are merged: only " + ref.substr(0, colon) + " holds the value, every other cell (e.g. " +
             ref.substr(colon + 1) + ", " + cell_words(ref.substr(colon + 1)) +
             ") reads as empty although it shows it; unmerge the cells and fill each one");
    }
  }
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& layer_name, const std::string& path) {
  if (!layer_name.empty()) {
    OGRLayer* layer = ds.GetLayerByName(layer_name.c_str());
    if (!layer) throw InputError(located(path, 0, "", "no layer '" + layer_name + "'"));
    return layer;
  }
  if (OGRLayer* tp = ds.GetLayerByName("track_points"); tp && tp->GetFeatureCount() > 0) return tp;
  for (int i = 0; i < ds.GetLayerCount(); ++i)
    if (OGRLayer* layer = ds.GetLayer(i); layer && layer->GetFeatureCount() > 0) return layer;
  if (ds.GetLayerCount() > 0) return ds.GetLayer(0);
  throw InputError(located(path, 0, "", "no vector layer"));
}

}  // namespace

OGRLayer* choose_layer(GDALDataset& ds, const std::string& layer_name, const std::string& path) {
  OGRLayer* layer = pick_layer(ds, layer_name, path);
  if (ds.GetDriver() && std::string_view(ds.GetDriver()->GetDescription()) == "XLSX")
    check_xlsx_sheet(path, layer->GetName());
  return layer;
}

std::string ogr_datetime_text(OGRFeature& feature, int index) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
  float sec = 0.0F;
  if (!feature.GetFieldAsDateTime(index, &y, &mo, &d, &h, &mi, &sec, &tz)) return {};
  const auto ms_total = static_cast<long>(std::lround(static_cast<double>(sec) * 1000.0));
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02ld.%03ld", y, mo, d, h, mi, ms_total / 1000,
                        ms_total % 1000);
  std::string s(buf, static_cast<std::size_t>(n));
  if (tz == 100) {
    s += 'Z';
  } else if (tz > 1) {  // 100 = UTC, each step of 1 is 15 minutes
    const int minutes = (tz - 100) * 15;
    const int m = minutes < 0 ? -minutes : minutes;
    n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', m / 60, m % 60);
    s.append(buf, static_cast<std::size_t>(n));
  }  // 0 unknown, 1 local: naive, needs --tz
  return s;
}

bool is_ogr_datetime(const OGRFeatureDefn& defn, int index) {
  if (index < 0 || index >= defn.GetFieldCount()) return false;
  const OGRFieldType type = defn.GetFieldDefn(index)->GetType();
  return type == OFTDateTime || type == OFTDate;
}

std::string format_number(double v) {
  char buf[32];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, ptr) : std::string("nan");
}

std::uint32_t ogr_row_number(const OGRFeature& feature, std::uint64_t rows_read) {
  // GDAL numbers features from 1 (for CSV: the record number); other drivers use their FID.
  const auto fid = feature.GetFID();
  return static_cast<std::uint32_t>(fid >= 0 ? fid : static_cast<GIntBig>(rows_read));
}

namespace {

// OGR's face of one pinned PROJ operation (CrsTransform), so that OGRGeometry::transform sends
// every vertex through the operation the manifest names. Out: x = longitude, y = latitude.
class PinnedToWgs84 final : public OGRCoordinateTransformation {
 public:
  PinnedToWgs84(std::shared_ptr<const CrsTransform> transform, const OGRSpatialReference& source)
      : m_transform(std::move(transform)), m_source(source) {
    m_target.SetWellKnownGeogCS("WGS84");
    m_target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  }
  OGRSpatialReference* GetSourceCS() override { return &m_source; }
  OGRSpatialReference* GetTargetCS() override { return &m_target; }
  int Transform(int count, double* x, double* y, double* /*z*/, double* /*t*/, int* success) override {
    bool any = false;
    for (int i = 0; i < count; ++i) {
      const RawLatLon p = m_transform->to_wgs84(x[i], y[i]);
      const bool ok = std::isfinite(p.lat) && std::isfinite(p.lon);
      x[i] = ok ? p.lon : HUGE_VAL;
      y[i] = ok ? p.lat : HUGE_VAL;
      if (success) success[i] = ok ? TRUE : FALSE;
      any = any || ok;
    }
    return any ? TRUE : FALSE;
  }
  OGRCoordinateTransformation* Clone() const override { return new PinnedToWgs84(*this); }
  OGRCoordinateTransformation* GetInverse() const override { return nullptr; }

 private:
  std::shared_ptr<const CrsTransform> m_transform;
  OGRSpatialReference m_source;
  OGRSpatialReference m_target;
};

}  // namespace

std::unique_ptr<OGRCoordinateTransformation> layer_to_wgs84(OGRLayer& layer, std::string& crs_text,
                                                            std::optional<TransformReport>* used) {
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (srs) {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt, nullptr);
    crs_text = wkt ? wkt : "";
    CPLFree(wkt);
    OGRSpatialReference source(*srs);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!source.IsSame(&wgs84)) {
      const char* authority = source.GetAuthorityName(nullptr);
      const char* code = source.GetAuthorityCode(nullptr);
      const std::string name = authority && code ? std::string(authority) + ":" + code : crs_text;
      auto pinned = std::make_shared<const CrsTransform>(name, layer.GetName());
      if (used) *used = pinned->report();
      to_wgs84 = std::make_unique<PinnedToWgs84>(std::move(pinned), source);
    }
  } else {
    crs_text = "EPSG:4326 (assumed: the layer has no CRS)";
  }
  return to_wgs84;
}

int column_index(const std::vector<std::string>& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-case letters and digits only: "Time Stamp" and "time_stamp" both become "timestamp".
// Used to suggest a column, never to choose one.
std::string squeezed(std::string_view text) {
  std::string out;
  for (const char c : text)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += lower(c);
  return out;
}

// Levenshtein distance. Written here because none of the project's dependencies has one for
// strings (Boost.Algorithm has none; the strings are header names, a few dozen bytes).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// How unlike a header name is to a field's names: 0 when they differ only in case, spaces and
// punctuation; small for a typo or a suffix ("Latitude (deg)"); nullopt when too unlike to suggest.
std::optional<std::size_t> unlikeness(std::string_view column, const MissingField& field) {
  const std::string c = squeezed(column);
  if (c.empty()) return std::nullopt;
  std::optional<std::size_t> best;
  std::vector<std::string_view> names(field.aliases.begin(), field.aliases.end());
  names.push_back(field.field);
  for (const std::string_view name : names) {
    const std::string n = squeezed(name);
    if (n.empty()) continue;
    std::size_t d = edit_distance(c, n);
    const bool contains = n.size() >= 3 && (c.find(n) != std::string::npos || n.find(c) != std::string::npos);
    // A typo (one edit in four letters, at most two) or one name inside the other.
    if (d * 4 > std::max(c.size(), n.size()) && d > 1 && !contains) continue;
    if (contains) d = std::min(d, c.size() > n.size() ? c.size() - n.size() : n.size() - c.size());
    if (!best || d < *best) best = d;
  }
  return best;
}

std::string quoted_list(const std::vector<std::string_view>& names, std::string_view last_joiner) {
  std::string out;
  for (std::size_t k = 0; k < names.size(); ++k)
    out += std::string(k == 0 ? "" : k + 1 == names.size() ? last_joiner : ", ") + "'" + std::string(names[k]) + "'";
  return out;
}

}  // namespace

bool header_names(std::string_view cell, std::string_view name) {
  const std::string_view a = trimmed(cell);
  const std::string_view b = trimmed(name);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

int field_column(const std::vector<std::string>& header, const std::string* renamed,
                 const std::vector<std::string_view>& aliases, const std::string& path, const std::string& table,
                 const std::string& field) {
  std::vector<std::size_t> hits;  // header positions of every name that may hold the field
  const auto collect = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header_names(header[i], name) && std::find(hits.begin(), hits.end(), i) == hits.end()) hits.push_back(i);
  };
  if (renamed) collect(*renamed);
  else
    for (const std::string_view alias : aliases) collect(alias);
  if (hits.size() <= 1) return hits.empty() ? -1 : static_cast<int>(hits.front());
  std::sort(hits.begin(), hits.end());
  const std::string a = header[hits[0]];
  const std::string b = header[hits[1]];
  const std::string where = " (columns " + std::to_string(hits[0] + 1) + " and " + std::to_string(hits[1] + 1) + ")";
  throw InputError(located(
      path, 1, field,
      a == b ? "the header names column '" + a + "' twice" + where + "; rename one so that " + table + "." + field +
                   " is read from one column"
             : "columns '" + a + "' and '" + b + "' both name " + table + "." + field + where +
                   "; choose one with --map " + table + "." + field + "=COLUMN"));
}

std::string missing_fields_message(const std::string& table, const std::vector<MissingField>& missing,
                                   const std::vector<std::string>& header, const std::set<int>& used) {
  std::string message = table + " table: ";
  std::vector<std::string> suggestions;
  std::set<std::size_t> suggested;  // one column is suggested for one field at most
  for (std::size_t m = 0; m < missing.size(); ++m) {
    const MissingField& f = missing[m];
    message += m == 0 ? "" : "; ";
    if (!f.renamed.empty()) {
      message += "no column '" + f.renamed + "' for " + f.field + " (from --map " + table + "." + f.field + "=" +
                 f.renamed + ")";
    } else {
      std::vector<std::string_view> names(f.aliases.begin(), f.aliases.end());
      message += "no column for " + f.field + " (" + quoted_list(names, " or ") + ", in any case)";
    }
    std::optional<std::pair<std::size_t, std::size_t>> best;  // (unlikeness, column)
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (used.contains(static_cast<int>(i)) || suggested.contains(i)) continue;
      const auto u = unlikeness(header[i], f);
      if (u && (!best || *u < best->first)) best = std::pair{*u, i};
    }
    if (best) {
      suggested.insert(best->second);
      const std::string& column = header[best->second];
      const bool plain = column.find_first_of(" \t\"'$`\\;&|<>()*?[]#~") == std::string::npos;
      suggestions.push_back("--map " + table + "." + f.field + "=" + (plain ? column : "'" + column + "'"));
    }
  }
  std::vector<std::string_view> found(header.begin(), header.end());
  message += ". Columns found: " + (found.empty() ? std::string("none") : quoted_list(found, ", "));
  if (!suggestions.empty()) {
    message += ". Closest: ";
    for (std::size_t k = 0; k < suggestions.size(); ++k) message += (k == 0 ? "" : " ") + suggestions[k];
  } else {
    message += ". Name the columns with --map " + table + ".FIELD=COLUMN";
  }
  return message;
}

}  // namespace shiftline::ingest
