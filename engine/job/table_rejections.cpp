#include "job/table_rejections_internal.hpp"

#include <map>
#include <vector>

#include "shiftline/report/display_names.hpp"

namespace shiftline::job_internal {
namespace {

// One table: every input file of one role, with its rejected rows.
struct Table {
  std::string role;
  std::vector<std::uint16_t> files;
  std::uint64_t rows_read = 0;
  std::uint64_t rejected_rows = 0;                                   // distinct (file, line)
  SourceRef last{0xFFFF, 0};                                          // the last row counted
  std::map<ProblemCode, std::size_t> by_code;                       // rejected problems
  std::map<ProblemCode, const Problem*> first;                      // the first row of each code
};

std::vector<Table> tables_of(const pipeline::RunResult& run) {
  std::vector<Table> tables;
  std::map<std::uint16_t, std::size_t> table_of_file;
  for (std::size_t i = 0; i < run.ingest.inputs.size(); ++i) {
    const auto& in = run.ingest.inputs[i];
    std::size_t t = 0;
    while (t < tables.size() && tables[t].role != in.role) ++t;
    if (t == tables.size()) tables.push_back(Table{in.role, {}, 0, 0, SourceRef{0xFFFF, 0}, {}, {}});
    tables[t].files.push_back(static_cast<std::uint16_t>(i));
    tables[t].rows_read += in.rows_read;
    table_of_file[static_cast<std::uint16_t>(i)] = t;
  }
  // Problems are sorted by source (RunResult): a row's problems are adjacent, and `first` is the
  // first row of each reason.
  for (const Problem& p : run.problems.problems()) {
    if (severity(p.code) != Severity::rejected) continue;
    const auto it = table_of_file.find(p.where.file);
    if (it == table_of_file.end()) continue;
    Table& t = tables[it->second];
    if (p.where != t.last) ++t.rejected_rows;
    t.last = p.where;
    ++t.by_code[p.code];
    t.first.emplace(p.code, &p);
  }
  return tables;
}

// The likely fix for the commonest reason, as a user would type it; `otherwise` when there is no
// specific one (it must be true where it is said: the run stopped before rejected.csv was written).
std::string likely_fix(ProblemCode code, const std::string& role, const std::string& otherwise) {
  switch (code) {
    case ProblemCode::naive_time_without_zone: return "naive local times: give --tz ZONE (e.g. --tz Europe/London)";
    case ProblemCode::ambiguous_date:
      return "dates that are not ISO 8601 (day-first?): give --date-order dmy (or mdy, ymd)";
    case ProblemCode::ambiguous_local_time:
      return "local times in the repeated autumn hour: choose with --ambiguous earliest|latest, or give offsets";
    case ProblemCode::time_outside_window:
      return "times outside the plausible window: check --time-format (epoch-s or epoch-ms?) and --time-window";
    case ProblemCode::field_count:
      return "rows with more or fewer fields than the header: quote fields holding the delimiter (decimal "
             "commas?), or give --csv-delimiter";
    case ProblemCode::malformed_csv: return "quotes inside unquoted fields: quote such fields (RFC 4180)";
    case ProblemCode::coordinate_out_of_range:
    case ProblemCode::null_island:
      return "positions that are not WGS84 lat/lon: swapped columns (--map " + role +
             ".lat=COLUMN), or x,y in a projected CRS (--crs)";
    case ProblemCode::coordinate_transform_failed: return "positions that --crs cannot transform: check --crs";
    case ProblemCode::missing_field: return "empty cells in a required column: check the column with --map " + role + ".FIELD=COLUMN";
    case ProblemCode::unparseable_field:
      return "cells that cannot be read as their type: check --time-format, --date-order and --map " + role +
             ".FIELD=COLUMN";
    case ProblemCode::unknown_place: return "place_ids the places table does not hold: give --places with them";
    case ProblemCode::needs_table: return "rows that need another table: give it (e.g. --shifts)";
    case ProblemCode::end_before_start: return "ends before starts: swapped start and end columns (--map)";
    default: return otherwise;
  }
}

std::vector<std::string> names_of(const pipeline::RunResult& run) {
  std::vector<std::string> paths;
  for (const auto& in : run.ingest.inputs) paths.push_back(in.path);
  return report::display_names(paths);
}

std::string files_of(const Table& t, const std::vector<std::string>& names) {
  std::string files;
  for (const std::uint16_t f : t.files) files += (files.empty() ? "" : ", ") + names.at(f);
  return files;
}

// The roles that are tables of rows (a basemap is an input but has no rows).
bool has_rows(const Table& t) {
  for (const char* role : {"pings", "shifts", "assignments", "places", "incidents", "events", "claims"})
    if (t.role == role) return true;
  return false;
}

std::string describe(const Table& t, const pipeline::RunResult& run, const std::string& what,
                     const std::string& otherwise) {
  const std::vector<std::string> names = names_of(run);
  // The commonest reason; a tie goes to the code first in the list (stable, documented order).
  ProblemCode common = t.by_code.begin()->first;
  for (const auto& [code, n] : t.by_code)
    if (n > t.by_code.at(common)) common = code;
  const Problem& example = *t.first.at(common);
  return t.role + " table (" + files_of(t, names) + "): " + what + "; commonest reason " + std::string(name(common)) + " (" +
         std::to_string(t.by_code.at(common)) + " rows), e.g. " + names.at(example.where.file) + ":" +
         std::to_string(example.where.line) + (example.field.empty() ? "" : ": " + example.field) + ": " +
         example.detail + "; likely fix: " + likely_fix(common, t.role, otherwise);
}

}  // namespace

std::string unusable_table(const pipeline::RunResult& run) {
  const std::vector<Table> tables = tables_of(run);
  // A table given on the command line with no data row at all (a header only, an empty layer):
  // most likely the wrong file or an export that failed, and an analysis without it would say
  // "0 shift(s)" as if the case had none (issue 13, defect 13).
  for (const Table& t : tables)
    if (has_rows(t) && t.rows_read == 0)
      return t.role + " table (" + files_of(t, names_of(run)) +
             "): " + (t.files.size() == 1 ? "the file has" : "its files have") + " no rows (a header only, or an empty layer), nothing of it can be used; give a "
             "table with rows" +
             (t.role == "pings" || t.role == "claims" ? std::string() : ", or leave out --" + t.role);
  for (const Table& t : tables)
    if (t.rows_read > 0 && t.rejected_rows >= t.rows_read)
      return describe(t, run, "all " + std::to_string(t.rows_read) + " rows rejected, nothing of it can be used",
                      "see the reason and example row above (nothing was written, so there is no rejected.csv)");
  return {};
}

std::string table_over_limit(const pipeline::RunResult& run, const std::string& limit) {
  for (const Table& t : tables_of(run)) {
    if (t.rejected_rows == 0) continue;
    const bool claims = t.role == "claims";
    if (limit.empty() && !claims) continue;
    double allowed = 0.0;  // claims without --max-rejected: none
    if (!limit.empty()) {
      const bool percent = limit.back() == '%';
      const double value = std::stod(percent ? limit.substr(0, limit.size() - 1) : limit);
      allowed = percent ? value / 100.0 * static_cast<double>(t.rows_read) : value;
    }
    if (static_cast<double>(t.rejected_rows) <= allowed) continue;
    return describe(t, run,
                    std::to_string(t.rejected_rows) + " of " + std::to_string(t.rows_read) +
                        " rows rejected, over " +
                        (limit.empty() ? std::string("the limit for claims (none may be rejected unless "
                                                     "--max-rejected allows it)")
                                       : "--max-rejected " + limit) +
                        " (nothing was written)",
                    "see the reason and example row above, or raise --max-rejected to run and write every "
                    "rejected row to rejected.csv");
  }
  return {};
}

}  // namespace shiftline::job_internal
