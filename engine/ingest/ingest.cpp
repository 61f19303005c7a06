#include "shiftline/ingest/ingest.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <ogrsf_frmts.h>

#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <array>
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <set>

#include "crs_transform_internal.hpp"
#include "ogr_internal.hpp"
#include "row_builder_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/ingest/csv.hpp"

namespace shiftline::ingest {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxInputs = 65535;

// Default column names of each logical field, in the order they are tried (matched trimmed and
// ignoring ASCII case, header_names). The first is the documented name; the rest are the spellings
// of AVL, telematics and GPS exports (GPX writes `time`), recorded in the manifest. No alias may be
// a name another field tries. `speed` alone is not an alias: its unit (km/h, mph, m/s, knots)
// cannot be known, and a wrong unit would read as a plausible speed.
struct FieldSpec {
  const char* field;
  std::vector<const char*> aliases;
};
const std::vector<FieldSpec>& field_specs() {
  static const std::vector<FieldSpec> specs{
      {"vehicle_id",
       {"vehicle_id", "vehicle", "unit", "unit_id", "device", "device_id", "asset", "asset_id", "registration", "vrm"}},
      {"timestamp", {"timestamp", "time", "datetime", "date_time", "recorded_at", "gps_time", "fix_time"}},
      {"lat", {"lat", "latitude"}},
      {"lon", {"lon", "longitude", "lng", "long"}},
      {"x", {"x", "easting"}},
      {"y", {"y", "northing"}},
      {"accuracy_m", {"accuracy_m", "accuracy"}},
      {"speed_kmh", {"speed_kmh", "speed_kph"}},
      {"heading_deg", {"heading_deg", "heading", "bearing", "course"}},
      {"ignition", {"ignition"}},
  };
  return specs;
}

std::vector<std::string_view> aliases_of(const std::string& field) {
  for (const FieldSpec& spec : field_specs())
    if (field == spec.field) return {spec.aliases.begin(), spec.aliases.end()};
  return {};
}

// Column index of `field` in `header`, or -1. A renamed field must exist under its new name. A
// field two columns could hold is an InputError (field_column).
int find_column(const std::vector<std::string>& header, const FieldMap& map, const std::string& field,
                const std::string& path) {
  const auto it = map.renames.find(field);
  return field_column(header, it != map.renames.end() ? &it->second : nullptr, aliases_of(field), path, "pings", field);
}

struct ColumnPlan {
  int vehicle = -1, time = -1, first = -1, second = -1;
  int accuracy = -1, speed = -1, heading = -1, ignition = -1;
  bool geometry_positions = false;  // OGR point geometry supplies the position
  bool projected = false;           // x,y columns in config.crs
};

// Which columns hold what; throws InputError naming the missing field and how to map it.
ColumnPlan plan_columns(const std::vector<std::string>& header, const IngestConfig& config,
                        const std::string& path, bool has_point_geometry, ResolvedColumns& names,
                        InputReport& report) {
  ColumnPlan plan;
  std::vector<MissingField> missing;  // every missing required field, named in one message
  const auto need = [&](const std::string& field, int& index, std::string& name, bool required) {
    index = find_column(header, config.fields, field, path);
    if (index >= 0) {
      name = header[static_cast<std::size_t>(index)];
      report.columns_used[field] = name;
    } else if (required) {
      const auto it = config.fields.renames.find(field);
      missing.push_back({field, aliases_of(field), it != config.fields.renames.end() ? it->second : std::string()});
    }
  };
  need("vehicle_id", plan.vehicle, names.vehicle, config.default_vehicle.empty());
  if (plan.vehicle < 0) report.columns_used["vehicle_id"] = "(--default-vehicle " + config.default_vehicle + ")";
  need("timestamp", plan.time, names.time, true);
  // lat,lon columns are WGS84 whatever --crs says; only a table read by x,y uses its CRS
  // (docs/input-formats.md, "Projected coordinates").
  const auto has = [&](const char* field) {
    return find_column(header, config.fields, field, path) >= 0 || config.fields.renames.contains(field);
  };
  const bool lat_lon = has("lat") || has("lon");
  const bool projected = !lat_lon && (has("x") || has("y"));
  if (projected && config.crs.empty())
    throw UsageError(located(path, 1, "x,y",
                             "positions are x,y but no CRS was given: reading them needs --crs (e.g. --crs EPSG:27700, "
                             "or --crs pings=EPSG:27700 for the pings alone)"));
  plan.projected = projected;
  const char* a = projected ? "x" : "lat";
  const bool have_columns = lat_lon || projected;
  if (!have_columns && has_point_geometry && !config.fields.renames.contains(a)) {
    plan.geometry_positions = true;
    names.first = "geometry.y";
    names.second = "geometry.x";
    report.columns_used["lat"] = "(point geometry)";
    report.columns_used["lon"] = "(point geometry)";
  } else {
    // Positions come as (lat, lon) or (x, y); RowText carries them as (first, second).
    if (projected) {
      need("x", plan.first, names.first, true);
      need("y", plan.second, names.second, true);
    } else {
      need("lat", plan.first, names.first, true);
      need("lon", plan.second, names.second, true);
    }
  }
  need("accuracy_m", plan.accuracy, names.accuracy, false);
  need("speed_kmh", plan.speed, names.speed, false);
  need("heading_deg", plan.heading, names.heading, false);
  need("ignition", plan.ignition, names.ignition, false);
  // One column read for two fields (`--map pings.lat=Lng` while `lon` finds `Lng` by its alias)
  // would put one value in both without a word: refused, naming both fields.
  const std::array<std::pair<const char*, int>, 8> fields_read{
      {{"vehicle_id", plan.vehicle}, {"timestamp", plan.time}, {projected ? "x" : "lat", plan.first},
       {projected ? "y" : "lon", plan.second}, {"accuracy_m", plan.accuracy}, {"speed_kmh", plan.speed},
       {"heading_deg", plan.heading}, {"ignition", plan.ignition}}};
  for (std::size_t i = 0; i < fields_read.size(); ++i)
    for (std::size_t k = i + 1; k < fields_read.size(); ++k)
      if (fields_read[i].second >= 0 && fields_read[i].second == fields_read[k].second)
        throw InputError(located(
            path, 1, std::string(fields_read[i].first) + "," + fields_read[k].first,
            "column '" + header[static_cast<std::size_t>(fields_read[i].second)] + "' would be read for both pings." +
                fields_read[i].first + " and pings." + fields_read[k].first +
                "; name each field's own column with --map pings.FIELD=COLUMN"));
  std::set<int> used{plan.vehicle, plan.time, plan.first, plan.second, plan.accuracy, plan.speed, plan.heading, plan.ignition};
  if (!missing.empty()) {
    std::string fields;
    for (const MissingField& f : missing) fields += (fields.empty() ? "" : ",") + f.field;
    throw InputError(located(path, 1, fields, missing_fields_message("pings", missing, header, used)));
  }
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!used.contains(static_cast<int>(i))) report.columns_ignored.push_back(header[i]);
  return plan;
}

RowText row_text(const ColumnPlan& plan, const std::vector<std::string_view>& fields, std::string_view vehicle_default) {
  const auto get = [&fields](int index) -> std::string_view {
    return index >= 0 && static_cast<std::size_t>(index) < fields.size() ? fields[static_cast<std::size_t>(index)]
                                                                           : std::string_view{};
  };
  const auto opt = [&](int index) -> std::optional<std::string_view> {
    if (index < 0) return std::nullopt;
    return get(index);
  };
  RowText row;
  row.vehicle = plan.vehicle >= 0 ? get(plan.vehicle) : vehicle_default;
  row.time = get(plan.time);
  row.first = get(plan.first);
  row.second = get(plan.second);
  row.accuracy = opt(plan.accuracy);
  row.speed = opt(plan.speed);
  row.heading = opt(plan.heading);
  row.ignition = opt(plan.ignition);
  return row;
}

// A block of whole records and what parsing it produced.
struct ParsedBlock {
  CsvBlock block;
  PingTable pings;
  ProblemSink problems;
  std::uint64_t rows = 0;
};

void read_csv_blocks(CsvReader& reader, std::uint16_t file_index, const IngestConfig& config, const ColumnPlan& plan,
                     const ResolvedColumns& names, PingTable& pings, ProblemSink& problems, InputReport& report) {
  const auto tokens = static_cast<std::size_t>(config.threads) * 2;
  const std::uint64_t bytes_before = config.progress ? config.progress->bytes_done.load() : 0;
  tbb::task_arena arena(static_cast<int>(config.threads));
  arena.execute([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, std::shared_ptr<ParsedBlock>>(
            tbb::filter_mode::serial_in_order,
            [&reader](tbb::flow_control& flow) -> std::shared_ptr<ParsedBlock> {
              auto parsed = std::make_shared<ParsedBlock>();
              if (!reader.next_block(parsed->block)) {
                flow.stop();
                return nullptr;
              }
              return parsed;
            }) &
            tbb::make_filter<std::shared_ptr<ParsedBlock>, std::shared_ptr<ParsedBlock>>(
                tbb::filter_mode::parallel,
                [&](std::shared_ptr<ParsedBlock> parsed) {
                  RowBuilder builder(config, parsed->pings, parsed->problems, nullptr);
                  builder.begin_input(names);
                  CsvBlockParser parser(std::string_view(parsed->block.bytes.data(), parsed->block.bytes.size()),
                                        parsed->block.first_line, reader.delimiter(), &reader.path());
                  CsvRecord record;
                  while (parser.next(record)) {
                    ++parsed->rows;
                    if (!check_record(record, reader.header(), SourceRef{file_index, record.line}, parsed->problems))
                      continue;
                    builder.add(SourceRef{file_index, record.line}, row_text(plan, record.fields, config.default_vehicle));
                  }
                  parsed->block.bytes = {};
                  return parsed;
                }) &
            tbb::make_filter<std::shared_ptr<ParsedBlock>, void>(
                tbb::filter_mode::serial_in_order, [&](std::shared_ptr<ParsedBlock> parsed) {
                  pings.append(parsed->pings);
                  problems.merge(std::move(parsed->problems));
                  report.rows_read += parsed->rows;
                  if (config.progress) {
                    config.progress->rows.fetch_add(parsed->rows, std::memory_order_relaxed);
                    config.progress->bytes_done.store(bytes_before + reader.bytes_read(), std::memory_order_relaxed);
                  }
                }));
  });
}

void read_csv(const std::string& path, std::uint16_t file_index, const IngestConfig& config, RowBuilder& builder,
              PingTable& pings, ProblemSink& problems, InputReport& report) {
  CsvReader reader(path, config.delimiter);
  ResolvedColumns names;
  const ColumnPlan plan = plan_columns(reader.header(), config, path, false, names, report);
  builder.begin_input(names, plan.projected);
  if (plan.projected) report.transform = builder.projection()->report();
  report.driver = "shiftline-csv";
  report.time_parsed_by = kTimeParsedByShiftline;
  report.crs = plan.projected ? config.crs : "EPSG:4326";
  report.delimiter = reader.delimiter() == '\t' ? "\\t" : std::string(1, reader.delimiter());
  // Reserve from the file size so the columns are not reallocated (and briefly doubled) while
  // they grow; 24 bytes is a short ping line, so this over-reserves rather than under.
  pings.reserve(pings.size() + static_cast<std::size_t>(report.size_bytes / 24) + 16);
  // One thread, or projected input (a PROJ operation must not be shared between threads):
  // record by record. Otherwise blocks of whole records are parsed in parallel and appended in
  // file order, so the table is the same whatever the number of threads.
  if (config.threads <= 1 || plan.projected) {
    const std::uint64_t bytes_before = config.progress ? config.progress->bytes_done.load() : 0;
    CsvRecord record;
    while (reader.next(record)) {
      ++report.rows_read;
      if (check_record(record, reader.header(), SourceRef{file_index, record.line}, problems))
        builder.add(SourceRef{file_index, record.line}, row_text(plan, record.fields, config.default_vehicle));
      if (config.progress && (report.rows_read & 0xFFFF) == 0) {
        config.progress->rows.fetch_add(0x10000, std::memory_order_relaxed);
        config.progress->bytes_done.store(bytes_before + reader.bytes_read(), std::memory_order_relaxed);
      }
    }
  } else {
    read_csv_blocks(reader, file_index, config, plan, names, pings, problems, report);
  }
  report.sha256_before = reader.finish_sha256();
}

void read_ogr(const std::string& path, std::uint16_t file_index, const IngestConfig& config, RowBuilder& builder,
              InputReport& report) {
  report.sha256_before = sha256_file(path);
  GdalDataset ds = open_vector_read_only(path, report);
  OGRLayer* layer = choose_layer(*ds, config.layer, path);
  report.layer = layer->GetName();
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  std::vector<std::string> header;
  for (int i = 0; i < defn->GetFieldCount(); ++i) header.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  // KML and GeoJSON layers may declare no single geometry type; each feature is then checked.
  const OGRwkbGeometryType geom_type = wkbFlatten(layer->GetGeomType());
  const bool point_geometry = geom_type == wkbPoint || (geom_type == wkbUnknown && defn->GetGeomFieldCount() > 0);
  ResolvedColumns names;
  const ColumnPlan plan = plan_columns(header, config, path, point_geometry, names, report);
  builder.begin_input(names, plan.projected);
  if (plan.projected) report.transform = builder.projection()->report();
  const OGRFieldType time_type = defn->GetFieldDefn(plan.time)->GetType();
  report.time_parsed_by = time_type == OFTDateTime || time_type == OFTDate ? kTimeParsedByGdal : kTimeParsedByShiftline;

  // Geometry in a layer CRS other than WGS84 is transformed to it; lat/lon order is forced.
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  if (plan.geometry_positions) {
    to_wgs84 = layer_to_wgs84(*layer, report.crs, &report.transform);
  } else {
    report.crs = plan.projected ? config.crs : "EPSG:4326";
  }

  layer->ResetReading();
  std::vector<std::string> storage(header.size() + 2);
  std::vector<std::string_view> fields(header.size() + 2);
  const std::size_t gx = header.size();
  const std::size_t gy = header.size() + 1;
  ColumnPlan row_plan = plan;
  if (plan.geometry_positions) {
    row_plan.first = static_cast<int>(gy);
    row_plan.second = static_cast<int>(gx);
  }
  for (std::unique_ptr<OGRFeature> feature(layer->GetNextFeature()); feature; feature.reset(layer->GetNextFeature())) {
    ++report.rows_read;
    for (std::size_t i = 0; i < header.size(); ++i) {
      const int idx = static_cast<int>(i);
      if (!feature->IsFieldSetAndNotNull(idx)) {
        storage[i].clear();
      } else if (idx == plan.time && (defn->GetFieldDefn(idx)->GetType() == OFTDateTime ||
                                      defn->GetFieldDefn(idx)->GetType() == OFTDate)) {
        storage[i] = ogr_datetime_text(*feature, idx);
      } else {
        storage[i] = feature->GetFieldAsString(idx);
      }
      fields[i] = storage[i];
    }
    storage[gx].clear();
    storage[gy].clear();
    if (plan.geometry_positions) {
      const OGRGeometry* geom = feature->GetGeometryRef();
      if (geom && wkbFlatten(geom->getGeometryType()) == wkbPoint && !geom->IsEmpty()) {
        double x = geom->toPoint()->getX();
        double y = geom->toPoint()->getY();
        if (to_wgs84 && !to_wgs84->Transform(1, &x, &y)) x = y = std::numeric_limits<double>::quiet_NaN();
        storage[gx] = format_number(x);
        storage[gy] = format_number(y);
      }
    }
    fields[gx] = storage[gx];
    fields[gy] = storage[gy];
    const std::uint32_t line = ogr_row_number(*feature, report.rows_read);
    builder.add(SourceRef{file_index, line}, row_text(row_plan, fields, config.default_vehicle));
  }
}

}  // namespace

std::vector<std::string> ping_fields() {
  std::vector<std::string> out;
  for (const FieldSpec& spec : field_specs()) out.emplace_back(spec.field);
  return out;
}

void PingTable::append(const PingTable& part) {
  const std::size_t before = size();
  std::vector<VehicleIndex> remap(part.vehicles.size());
  for (std::size_t v = 0; v < part.vehicles.size(); ++v)
    remap[v] = vehicles.intern(part.vehicles.name(static_cast<VehicleIndex>(v)));
  time.insert(time.end(), part.time.begin(), part.time.end());
  lat_e7.insert(lat_e7.end(), part.lat_e7.begin(), part.lat_e7.end());
  lon_e7.insert(lon_e7.end(), part.lon_e7.begin(), part.lon_e7.end());
  for (const VehicleIndex v : part.vehicle) vehicle.push_back(remap[v]);
  line.insert(line.end(), part.line.begin(), part.line.end());
  file.insert(file.end(), part.file.begin(), part.file.end());
  const auto merge = [before, &part](auto& mine, const auto& theirs, auto missing) {
    if (mine.empty() && theirs.empty()) return;
    mine.resize(before, missing);
    if (theirs.empty()) mine.resize(before + part.size(), missing);
    else mine.insert(mine.end(), theirs.begin(), theirs.end());
  };
  merge(optional.accuracy_m, part.optional.accuracy_m, kMissing);
  merge(optional.speed_kmh, part.optional.speed_kmh, kMissing);
  merge(optional.heading_deg, part.optional.heading_deg, kMissing);
  merge(optional.ignition, part.optional.ignition, std::int8_t{-1});
}

void PingTable::reserve(std::size_t n) {
  time.reserve(n);
  lat_e7.reserve(n);
  lon_e7.reserve(n);
  vehicle.reserve(n);
  line.reserve(n);
  file.reserve(n);
}

IngestResult run_ingest(const IngestConfig& config, ProblemSink& problems) {
  if (config.paths.empty()) throw UsageError("no ping input given (--pings FILE)");
  if (config.paths.size() > kMaxInputs) throw UsageError("too many ping inputs (at most 65535)");
  IngestResult result;
  std::unique_ptr<CrsTransform> transform;
  if (!config.crs.empty()) transform = std::make_unique<CrsTransform>(config.crs);
  RowBuilder builder(config, result.pings, problems, transform.get());
  for (std::size_t i = 0; i < config.paths.size(); ++i) {
    const std::string& path = config.paths[i];
    InputReport report = describe_input(path);
    const auto file_index = static_cast<std::uint16_t>(i);
    const std::uint64_t bytes_before = config.progress ? config.progress->bytes_done.load() : 0;
    const std::uint64_t rows_before = config.progress ? config.progress->rows.load() : 0;
    if (is_csv(path)) {
      read_csv(path, file_index, config, builder, result.pings, problems, report);
    } else {
      read_ogr(path, file_index, config, builder, report);
    }
    if (config.progress) {  // whole files: OGR inputs report only here
      config.progress->bytes_done.store(bytes_before + report.size_bytes, std::memory_order_relaxed);
      config.progress->rows.store(rows_before + report.rows_read, std::memory_order_relaxed);
    }
    // The run's `transform`: the pings' x,y operation, when an input was read by x,y.
    if (!result.transform && transform && report.transform && report.transform->source_crs == config.crs)
      result.transform = report.transform;
    result.inputs.push_back(std::move(report));
  }
  // Optional columns that only some inputs had are padded to full length.
  auto& opt = result.pings.optional;
  const std::size_t n = result.pings.size();
  if (!opt.accuracy_m.empty()) opt.accuracy_m.resize(n, kMissing);
  if (!opt.speed_kmh.empty()) opt.speed_kmh.resize(n, kMissing);
  if (!opt.heading_deg.empty()) opt.heading_deg.resize(n, kMissing);
  if (!opt.ignition.empty()) opt.ignition.resize(n, std::int8_t{-1});
  return result;
}

}  // namespace shiftline::ingest
