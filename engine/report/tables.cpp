#include "shiftline/report/tables.hpp"

#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"

namespace shiftline::report {
namespace {

constexpr int kDegreeDecimals = 7;  // 1e-7 degrees, the storage resolution (about 1 cm)
constexpr int kMetreDecimals = 2;

std::string source_ref(const std::vector<std::string>& names, SourceRef ref) {
  return names.at(ref.file) + ":" + std::to_string(ref.line);
}

std::vector<std::string> input_names(const pipeline::RunResult& run) {
  std::vector<std::string> paths;
  for (const auto& input : run.ingest.inputs) paths.push_back(input.path);
  return display_names(paths);
}

std::string problems_csv(const pipeline::RunResult& run, Severity wanted) {
  const auto names = input_names(run);
  std::string out;
  CsvWriter csv(out);
  csv.header({"file", "line", "field", "reason", "detail"});
  for (const Problem& p : run.problems.problems()) {
    if (severity(p.code) != wanted) continue;
    csv.text(names.at(p.where.file)).integer(p.where.line).text(p.field).text(name(p.code)).text(p.detail);
    csv.end_row();
  }
  return out;
}

}  // namespace

std::string source_rows_text(const std::vector<std::string>& names, const pipeline::DwellRecord& dwell) {
  std::string rows;
  for (const pipeline::LineRange& r : dwell.source_lines) {
    if (!rows.empty()) rows += ';';
    rows += names.at(r.file) + ":" + std::to_string(r.first_line) + "-" + std::to_string(r.last_line);
  }
  return rows;
}

std::string dwell_id(const std::string& vehicle, std::size_t sequence) {
  return vehicle + "#" + std::to_string(sequence);
}

std::string dwells_csv(const pipeline::RunResult& run, const TimeZone* zone, const DwellColumns* extra,
                       const std::vector<DwellRef>* rows, std::vector<std::size_t>* row_starts) {
  const auto names = input_names(run);
  std::string out;
  CsvWriter csv(out);
  std::vector<std::string> header{"dwell_id", "vehicle_id", "start", "end", "start_local", "end_local", "duration_s",
                                  "lat", "lon", "radius_m", "n_pings", "bridged_gap_s", "source_rows"};
  if (extra) header.insert(header.end(), extra->names.begin(), extra->names.end());
  csv.header(header);
  const auto write = [&](DwellRef ref) {
    const pipeline::VehicleResult& v = run.vehicles.at(ref.vehicle);
    const pipeline::DwellRecord& d = v.dwells.at(ref.dwell);
    const std::string& vehicle = run.vehicle_name(v);
    if (row_starts) row_starts->push_back(out.size());
    csv.text(dwell_id(vehicle, d.sequence))
        .text(vehicle)
        .text(format_utc(d.start))
        .text(format_utc(d.end))
        .text(format_local(zone, d.start))
        .text(format_local(zone, d.end))
        .seconds(d.end - d.start)
        .fixed(d.location.lat, kDegreeDecimals)
        .fixed(d.location.lon, kDegreeDecimals)
        .fixed(d.radius.value, kMetreDecimals)
        .integer(static_cast<std::int64_t>(d.n_pings))
        .seconds(d.bridged_gap)
        .text(source_rows_text(names, d));
    if (extra) extra->write(csv, ref);
    csv.end_row();
  };
  if (rows) {
    for (const DwellRef ref : *rows) write(ref);
  } else {
    for (std::size_t k = 0; k < run.vehicles.size(); ++k)
      for (std::size_t d = 0; d < run.vehicles[k].dwells.size(); ++d) write({k, d});
  }
  return out;
}

std::string gaps_csv(const pipeline::RunResult& run, const TimeZone* zone) {
  const auto names = input_names(run);
  std::string out;
  CsvWriter csv(out);
  csv.header({"vehicle_id", "start", "end", "duration_s", "from_lat", "from_lon", "to_lat", "to_lon", "moved_m",
              "start_local", "end_local", "from_row", "to_row", "bridged_by_dwell"});
  for (const pipeline::VehicleResult& v : run.vehicles) {
    const std::string& vehicle = run.vehicle_name(v);
    for (const pipeline::GapRecord& g : v.gaps) {
      csv.text(vehicle)
          .text(format_utc(g.start))
          .text(format_utc(g.end))
          .seconds(g.end - g.start)
          .fixed(g.from.lat, kDegreeDecimals)
          .fixed(g.from.lon, kDegreeDecimals)
          .fixed(g.to.lat, kDegreeDecimals)
          .fixed(g.to.lon, kDegreeDecimals)
          .fixed(g.moved.value, kMetreDecimals)
          .text(format_local(zone, g.start))
          .text(format_local(zone, g.end))
          .text(source_ref(names, g.from_row))
          .text(source_ref(names, g.to_row))
          .text(g.bridged_by ? dwell_id(vehicle, *g.bridged_by) : std::string());
      csv.end_row();
    }
  }
  return out;
}

std::string rejected_csv(const pipeline::RunResult& run) { return problems_csv(run, Severity::rejected); }
std::string warnings_csv(const pipeline::RunResult& run) { return problems_csv(run, Severity::warning); }

std::string dwell_pings_csv(const pipeline::RunResult& run) {
  const auto names = input_names(run);
  const auto& pings = run.ingest.pings;
  std::string out;
  CsvWriter csv(out);
  csv.header({"dwell_id", "vehicle_id", "source", "timestamp", "lat", "lon"});
  for (const pipeline::VehicleResult& v : run.vehicles) {
    const std::string& vehicle = run.vehicle_name(v);
    for (const pipeline::DwellRecord& d : v.dwells) {
      const std::string id = dwell_id(vehicle, d.sequence);
      for (const std::uint32_t row : d.pings) {
        csv.text(id).text(vehicle).text(source_ref(names, pings.source(row))).text(format_utc(pings.time[row]));
        csv.fixed(from_e7(pings.lat_e7[row]), kDegreeDecimals).fixed(from_e7(pings.lon_e7[row]), kDegreeDecimals);
        csv.end_row();
      }
    }
  }
  return out;
}

}  // namespace shiftline::report
