#include <unistd.h>

// GCC 12 reports a false -Wnull-dereference inside CLI11's string splitting once it is inlined
// here; the diagnostic is attributed to CLI11's own lines, so it is silenced for them only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "cli/options_internal.hpp"
#include "cli/progress_display.hpp"
#include "core/text_internal.hpp"
#include "shiftline/build_info.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/pipeline/synth.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/manifest.hpp"
#include "shiftline/report/output_dir.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/geodata.hpp"
#include "shiftline/report/html_report.hpp"
#include "shiftline/report/timeline_i2.hpp"
#include "shiftline/report/tables.hpp"

namespace shiftline::cli {
namespace {

// Text values of the flags, kept as given so the manifest can echo them.
struct Flags {
  std::vector<std::string> pings;
  std::vector<std::string> maps;
  std::string crs;
  std::string time_format = "iso8601";
  std::string tz;
  std::string ambiguous = "reject";
  std::string time_window;
  std::string delimiter;
  std::string default_vehicle;
  std::string layer;
  std::string gap = "5min";
  double max_speed_kmh = 250.0;
  std::string max_rejected;
  bool smooth = false;
  double smooth_accuracy_m = 10.0;
  double smooth_accel = 1.0;
  std::string dwell_method = "stay-point";
  double dwell_radius = 50.0;
  std::string min_dwell = "120";
  double max_diameter = 100.0;
  std::string max_bridge = "12h";
  unsigned threads = 0;
  std::string out;
  bool force = false;
  bool quiet = false;
  bool dwell_pings = false;
  bool no_rollover_check = false;
  // analyse
  std::string shifts, assignments, places, incidents, events;
  double place_radius = 50.0;
  double incident_radius = 100.0;
  std::string incident_default_length = "1h";
  std::string incident_before = "15min";
  std::string incident_after = "30min";
  std::string incident_match = "assigned";
  std::string lookup_kinds = "records_lookup";
  std::string lookup_window = "7d";
  std::string revisit_within = "90d";
  std::string min_duty_overlap = "5min";
  // verify (and analyse --claims)
  std::string claims;
  double reach_speed_kmh = 200.0;
  std::string position_margin;
  std::string min_visit = "0";
  std::string presence_tolerance = "60s";
  std::string roster_tolerance = "2min";
  // analyse: extra outputs
  std::string formats = "all";
  std::string basemap;  // analyse --basemap: a raster under report.html's map
};

// `analyse --formats`: the outputs beyond the CSV tables (which are always written).
constexpr const char* kFormats[] = {"geojson", "gpkg", "html", "i2", "kml"};

std::set<std::string> chosen_formats(const std::string& list) {
  std::set<std::string> out;
  for (std::size_t pos = 0; pos <= list.size();) {
    const auto comma = std::min(list.find(',', pos), list.size());
    const std::string item(trim(std::string_view(list).substr(pos, comma - pos), " \t"));
    pos = comma + 1;
    if (item.empty()) continue;
    if (item == "all") {
      out.insert(std::begin(kFormats), std::end(kFormats));
    } else if (item == "none") {
    } else if (std::find(std::begin(kFormats), std::end(kFormats), item) != std::end(kFormats)) {
      out.insert(item);
    } else {
      std::string known;
      for (const char* k : kFormats) known += std::string(known.empty() ? "" : ", ") + k;
      throw UsageError("--formats '" + list + "': unknown format '" + item + "' (known: " + known + ", all, none)");
    }
  }
  return out;
}

constexpr const char* kTables[] = {"pings", "shifts", "assignments", "places", "incidents", "events", "claims"};

Millis duration_flag(const std::string& flag, const std::string& text) {
  const auto d = parse_duration(text);
  if (!d) throw UsageError(flag + " '" + text + "': not a duration (90, 90s, 15min, 2h, 7d)");
  return *d;
}

Instant instant_flag(const std::string& flag, const std::string& text, const TimeZone* zone) {
  ProblemSink sink;
  ingest::TimeRules rules;
  rules.zone = zone;
  rules.window_start = Instant{Millis{std::numeric_limits<std::int64_t>::min() / 2}};
  rules.window_end = Instant{Millis{std::numeric_limits<std::int64_t>::max() / 2}};
  const auto t = ingest::parse_time_field(text, rules, SourceRef{}, flag, sink);
  if (!t) throw UsageError(flag + ": " + (sink.problems().empty() ? "bad time" : sink.problems().front().detail));
  return *t;
}

void add_input_flags(CLI::App& cmd, Flags& f) {
  cmd.add_option("--pings", f.pings, "Ping files (CSV, or any OGR vector format); repeatable")->required();
  cmd.add_option("--map", f.maps,
                 "Rename a field: TABLE.FIELD=COLUMN, TABLE pings (analyse and verify also: shifts, assignments, "
                 "places, incidents, events, claims); repeatable");
  cmd.add_option("--crs", f.crs, "CRS of x,y columns (e.g. EPSG:27700); without it positions are lat,lon WGS84");
  cmd.add_option("--time-format", f.time_format, "iso8601 | epoch-s | epoch-ms")
      ->check(CLI::IsMember({"iso8601", "epoch-s", "epoch-ms"}));
  cmd.add_option("--tz", f.tz, "IANA zone for naive local input times and for *_local output columns");
  cmd.add_option("--ambiguous", f.ambiguous, "Repeated local hour: reject | earliest | latest")
      ->check(CLI::IsMember({"reject", "earliest", "latest"}));
  cmd.add_option("--time-window", f.time_window, "Plausible times START/END (ISO 8601); default 1980-01-06/2100-01-01");
  cmd.add_option("--csv-delimiter", f.delimiter, "CSV delimiter (default: detected from the header)");
  cmd.add_option("--default-vehicle", f.default_vehicle, "Vehicle id for inputs without a vehicle column");
  cmd.add_option("--layer", f.layer, "OGR layer to read (default: track_points, else the first with features)");
  cmd.add_option("--gap", f.gap, "Silence longer than this is a gap (default 5min)");
  cmd.add_option("--max-speed-kmh", f.max_speed_kmh, "Speed-spike limit, km/h (default 250)")->check(CLI::PositiveNumber);
  cmd.add_flag("--no-rollover-check", f.no_rollover_check, "Do not reject suspected GPS week-rollover times");
  cmd.add_flag("--smooth", f.smooth, "Kalman/RTS smoothing of positions before dwell detection");
  cmd.add_option("--smooth-accuracy-m", f.smooth_accuracy_m, "Fix accuracy when accuracy_m is absent (default 10)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--smooth-accel", f.smooth_accel, "Smoother acceleration noise, m^2/s^3 (default 1)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--threads", f.threads, "Worker threads (default: all cores); output does not depend on it");
}

void add_dwell_flags(CLI::App& cmd, Flags& f) {
  cmd.add_option("--dwell-method", f.dwell_method, "stay-point | diameter")
      ->check(CLI::IsMember({"stay-point", "diameter"}));
  cmd.add_option("--dwell-radius", f.dwell_radius, "stay-point radius, metres (default 50)")->check(CLI::PositiveNumber);
  cmd.add_option("--min-dwell", f.min_dwell, "Shortest dwell (default 120s)");
  cmd.add_option("--max-diameter", f.max_diameter, "diameter method: metres (default 100)")->check(CLI::PositiveNumber);
  cmd.add_option("--max-bridge", f.max_bridge, "Longest silence bridged inside a dwell (default 12h)");
  cmd.add_option("--max-rejected", f.max_rejected, "Fail (exit 4) when more rows are rejected: N or P%");
  cmd.add_option("--out", f.out, "Output folder")->required();
  cmd.add_flag("--force", f.force, "Replace files in an existing output folder");
  cmd.add_flag("--quiet", f.quiet, "No progress line and no summary on stderr");
  cmd.add_flag("--dwell-pings", f.dwell_pings, "Also write dwell_pings.csv: every ping of every dwell");
}

// --map TABLE.FIELD=COLUMN, by table.
std::map<std::string, std::map<std::string, std::string>> table_renames(const std::vector<std::string>& maps) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& m : maps) {
    const auto eq = m.find('=');
    const auto dot = m.find('.');
    const std::string table = dot == std::string::npos ? "" : m.substr(0, dot);
    const bool known = std::find(std::begin(kTables), std::end(kTables), table) != std::end(kTables);
    if (eq == std::string::npos || dot == std::string::npos || dot > eq || !known || dot + 1 == eq || eq + 1 == m.size())
      throw UsageError("--map '" + m + "': expected TABLE.FIELD=COLUMN with TABLE one of pings, shifts, assignments, "
                       "places, incidents, events, claims");
    out[table][m.substr(dot + 1, eq - dot - 1)] = m.substr(eq + 1);
  }
  return out;
}

// `with_case_tables`: the command reads the case tables (analyse, verify); elsewhere a --map of
// another table would be silently ignored, so it is refused.
pipeline::PipelineConfig make_config(const Flags& f, bool with_case_tables = false) {
  pipeline::PipelineConfig c;
  auto& in = c.ingest;
  in.paths = f.pings;
  for (const auto& [table, renames] : table_renames(f.maps)) {
    if (table == "pings") in.fields.renames = renames;
    else if (!with_case_tables)
      throw UsageError("--map " + table + ".*: only `analyse` and `verify` read the " + table + " table");
  }
  in.crs = f.crs;
  in.time_format = f.time_format == "epoch-s"    ? ingest::TimeFormat::epoch_s
                   : f.time_format == "epoch-ms" ? ingest::TimeFormat::epoch_ms
                                                 : ingest::TimeFormat::iso8601;
  if (!f.tz.empty()) {
    in.zone = find_zone(f.tz);
    if (!in.zone) throw UsageError("--tz '" + f.tz + "': unknown time zone (use an IANA name such as Europe/London)");
  }
  in.ambiguous = f.ambiguous == "earliest" ? AmbiguityPolicy::earliest
                 : f.ambiguous == "latest" ? AmbiguityPolicy::latest
                                           : AmbiguityPolicy::reject;
  if (!f.time_window.empty()) {
    const auto slash = f.time_window.find('/');
    if (slash == std::string::npos) throw UsageError("--time-window: expected START/END");
    in.window_start = instant_flag("--time-window", f.time_window.substr(0, slash), in.zone);
    in.window_end = instant_flag("--time-window", f.time_window.substr(slash + 1), in.zone);
    if (in.window_end <= in.window_start) throw UsageError("--time-window: END must be after START");
  }
  if (f.delimiter.size() > 1 && f.delimiter != "\\t" && f.delimiter != "tab")
    throw UsageError("--csv-delimiter: one character");
  if (!f.delimiter.empty()) in.delimiter = f.delimiter.size() == 1 ? f.delimiter[0] : '\t';
  in.default_vehicle = f.default_vehicle;
  in.layer = f.layer;
  c.gap.gap = duration_flag("--gap", f.gap);
  c.clean.max_speed_kmh = f.max_speed_kmh;
  c.clean.detect_week_rollover = !f.no_rollover_check;
  c.smooth = f.smooth;
  c.smoothing.default_accuracy = Meters{f.smooth_accuracy_m};
  c.smoothing.acceleration_psd = f.smooth_accel;
  c.dwell.method = f.dwell_method == "diameter" ? dwell::Method::diameter : dwell::Method::stay_point;
  c.dwell.radius = Meters{f.dwell_radius};
  c.dwell.min_duration = duration_flag("--min-dwell", f.min_dwell);
  c.dwell.max_diameter = Meters{f.max_diameter};
  c.dwell.max_bridge = duration_flag("--max-bridge", f.max_bridge);
  c.dwell.gap = c.gap.gap;
  c.threads = f.threads;
  c.keep_dwell_pings = f.dwell_pings;
  return c;
}

// Every parameter with its resolved value and where it came from (R11).
std::map<std::string, report::Parameter> parameters(const CLI::App& cmd, const Flags& f, const pipeline::PipelineConfig& c) {
  std::map<std::string, report::Parameter> p;
  const auto add = [&](const std::string& flag, std::string value) {
    const CLI::Option* opt = cmd.get_option_no_throw("--" + flag);
    p[flag] = report::Parameter{std::move(value), opt && opt->count() > 0 ? "command line" : "default"};
  };
  std::string maps;
  for (const auto& m : std::set<std::string>(f.maps.begin(), f.maps.end())) maps += (maps.empty() ? "" : ";") + m;
  add("map", maps);
  add("crs", c.ingest.crs.empty() ? "EPSG:4326 (lat,lon)" : c.ingest.crs);
  add("time-format", c.ingest.time_format == ingest::TimeFormat::iso8601 ? "iso8601"
                     : c.ingest.time_format == ingest::TimeFormat::epoch_s ? "epoch-s" : "epoch-ms");
  add("tz", c.ingest.zone ? std::string(c.ingest.zone->name()) : "");
  add("ambiguous", c.ingest.ambiguous == AmbiguityPolicy::reject ? "reject"
                   : c.ingest.ambiguous == AmbiguityPolicy::earliest ? "earliest" : "latest");
  add("time-window", format_utc(c.ingest.window_start) + "/" + format_utc(c.ingest.window_end));
  add("csv-delimiter", c.ingest.delimiter == 0 ? "auto" : std::string(1, c.ingest.delimiter));
  add("default-vehicle", c.ingest.default_vehicle);
  add("layer", c.ingest.layer);
  add("gap", format_seconds(c.gap.gap) + "s");
  add("max-speed-kmh", report::format_fixed(c.clean.max_speed_kmh, 3));
  add("no-rollover-check", c.clean.detect_week_rollover ? "false" : "true");
  add("smooth", c.smooth ? "true" : "false");
  add("smooth-accuracy-m", report::format_fixed(c.smoothing.default_accuracy.value, 3));
  add("smooth-accel", report::format_fixed(c.smoothing.acceleration_psd, 3));
  add("dwell-method", c.dwell.method == dwell::Method::stay_point ? "stay-point" : "diameter");
  add("dwell-radius", report::format_fixed(c.dwell.radius.value, 3));
  add("min-dwell", format_seconds(c.dwell.min_duration) + "s");
  add("max-diameter", report::format_fixed(c.dwell.max_diameter.value, 3));
  add("max-bridge", format_seconds(c.dwell.max_bridge) + "s");
  add("max-rejected", f.max_rejected.empty() ? "none" : f.max_rejected);
  add("dwell-pings", c.keep_dwell_pings ? "true" : "false");
  return p;
}

std::string now_utc() {
  return format_utc(std::chrono::floor<Millis>(std::chrono::system_clock::now()));
}

std::string host_name() {
  char buf[256] = {};
  return ::gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : "unknown";
}

std::string user_name() {
  const char* u = std::getenv("USER");
  return u ? u : std::to_string(::getuid());
}

// --max-rejected: "N" rows or "P%" of rows read.
void check_reject_limit(const std::string& limit, std::size_t rejected, std::size_t read) {
  if (limit.empty()) return;
  const bool percent = limit.back() == '%';
  const std::string number = percent ? limit.substr(0, limit.size() - 1) : limit;
  double value = 0.0;
  try {
    std::size_t used = 0;
    value = std::stod(number, &used);
    if (used != number.size() || value < 0) throw std::invalid_argument("");
  } catch (...) {
    throw UsageError("--max-rejected '" + limit + "': expected N or P%");
  }
  const double allowed = percent ? value / 100.0 * static_cast<double>(read) : value;
  if (static_cast<double>(rejected) > allowed)
    throw RejectLimitError(std::to_string(rejected) + " of " + std::to_string(read) + " rows rejected, limit " + limit +
                           " (outputs were written; see rejected.csv)");
}

std::string summary_line(const report::RunResult& run) {
  std::size_t read = 0;
  for (const auto& in : run.ingest.inputs) read += in.rows_read;
  std::size_t dwells = 0, gaps = 0, used = 0;
  for (const auto& v : run.vehicles) {
    dwells += v.dwells.size();
    gaps += v.gaps.size();
    used += v.pings_used;
  }
  std::string reasons;
  for (const auto& [code, n] : run.problems.counts_by_code(Severity::rejected))
    reasons += (reasons.empty() ? "" : ", ") + code + " " + std::to_string(n);
  std::string s = "read " + std::to_string(read) + " rows from " + std::to_string(run.ingest.inputs.size()) +
                  " file(s); used " + std::to_string(used) + "; rejected " +
                  std::to_string(run.problems.count(Severity::rejected));
  if (!reasons.empty()) s += " (" + reasons + ")";
  s += "; warnings " + std::to_string(run.problems.count(Severity::warning)) + "; " +
       std::to_string(run.vehicles.size()) + " vehicle(s), " + std::to_string(dwells) + " dwell(s), " +
       std::to_string(gaps) + " gap(s)";
  return s;
}

// The progress line of one run: counters the pipeline updates, and the display while it lives.
struct Watch {
  Progress progress;
  std::unique_ptr<ProgressDisplay> display;

  void start(ingest::IngestConfig& ingest, bool quiet) {
    std::uint64_t total = 0;
    for (const auto& path : ingest.paths) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      if (!ec) total += size;
    }
    progress.bytes_total = total;
    ingest.progress = &progress;
    display = std::make_unique<ProgressDisplay>(progress, !quiet && ProgressDisplay::terminal());
  }
  void writing() { progress.stage = Progress::Stage::writing; }
  /// Erases the line before the summary is printed.
  void stop() { display.reset(); }
};

// What both `dwells` and `analyse` do after writing their tables: R3 (each input hashed again; a
// change aborts with its own exit code), the manifest, the summary, the reject limit.
struct Finish {
  const CLI::App& cmd;
  const Flags& flags;
  const std::vector<std::string>& argv;
  std::chrono::steady_clock::time_point wall_start;
  std::string started;
};

int finish_run(const Finish& fin, const std::string& command, const pipeline::PipelineConfig& config,
               std::map<std::string, report::Parameter> params, const report::RunResult& run, report::OutputDir& out,
               std::map<std::string, std::size_t> result_counts, const std::string& extra_summary) {
  report::ManifestData m;
  m.command = command;
  m.argv = fin.argv;
  m.parameters = std::move(params);
  m.run = &run;
  m.result_counts = std::move(result_counts);
  std::string changed;
  for (const auto& input : run.ingest.inputs) {
    m.sha256_after.push_back(sha256_file(input.path));
    if (m.sha256_after.back() != input.sha256_before) changed += (changed.empty() ? "" : ", ") + input.path;
  }
  m.outputs = out.written();
  m.facts.started_utc = fin.started;
  m.facts.finished_utc = now_utc();
  m.facts.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - fin.wall_start).count();
  m.facts.host = host_name();
  m.facts.user = user_name();
  m.facts.threads = config.threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : config.threads;
  const report::WrittenFile manifest = out.write("manifest.json", report::manifest_json(m));

  if (!fin.flags.quiet) {
    std::fprintf(stderr, "shiftline: %s\n", summary_line(run).c_str());
    if (!extra_summary.empty()) std::fprintf(stderr, "shiftline: %s\n", extra_summary.c_str());
    std::fprintf(stderr, "shiftline: wrote %s (manifest.json sha256 %s)\n", out.path().c_str(), manifest.sha256.c_str());
  }
  if (!changed.empty()) throw InputChangedError(changed + ": SHA-256 differs from when it was read");
  std::size_t read = 0;
  for (const auto& in : run.ingest.inputs) read += in.rows_read;
  check_reject_limit(fin.flags.max_rejected, run.problems.count(Severity::rejected), read);
  return 0;
}

void write_dwells_outputs(report::OutputDir& out, const report::RunResult& run, const pipeline::PipelineConfig& config,
                          std::string dwells_table) {
  const TimeZone* zone = config.ingest.zone;
  out.write("dwells.csv", dwells_table);
  out.write("gaps.csv", report::gaps_csv(run, zone));
  out.write("rejected.csv", report::rejected_csv(run));
  out.write("warnings.csv", report::warnings_csv(run));
  if (config.keep_dwell_pings) out.write("dwell_pings.csv", report::dwell_pings_csv(run));
}

int run_dwells_command(const CLI::App& cmd, const Flags& f, const std::vector<std::string>& argv) {
  const Finish fin{cmd, f, argv, std::chrono::steady_clock::now(), now_utc()};
  pipeline::PipelineConfig config = make_config(f);
  report::OutputDir out(f.out, f.force, config.ingest.paths);  // refuse early, before the work
  Watch watch;
  watch.start(config.ingest, f.quiet);
  const report::RunResult run = pipeline::run_dwells(config);
  watch.writing();
  write_dwells_outputs(out, run, config, report::dwells_csv(run, config.ingest.zone));
  watch.stop();
  return finish_run(fin, "dwells", config, parameters(cmd, f, config), run, out, {}, {});
}

// Durations that move instants: at most 100 years, so that no instant arithmetic can overflow.
Millis window_flag(const std::string& flag, const std::string& text) {
  const Millis d = duration_flag(flag, text);
  if (d > std::chrono::duration_cast<Millis>(std::chrono::years{100}))
    throw UsageError(flag + " '" + text + "': longer than 100 years");
  return d;
}

Meters radius_flag(const std::string& flag, double metres) {
  if (!std::isfinite(metres) || metres < 0) throw UsageError(flag + ": a finite number of metres >= 0");
  return Meters{metres};
}

// Every input of the run (pings, then each case table given): --out must not replace any.
// Every flag that names an input file, given: one list, for the output checks (input_paths) and
// for repeating a recorded run (analyse_run_from_args). `FlagsT` is Flags or const Flags.
template <class FlagsT, class Fn>
void for_each_input_path(FlagsT& f, Fn&& fn) {
  for (auto& p : f.pings) fn(p);
  for (auto* t : {&f.shifts, &f.assignments, &f.places, &f.incidents, &f.events, &f.claims, &f.basemap})
    if (!t->empty()) fn(*t);
}

std::vector<std::string> input_paths(const Flags& f) {
  std::vector<std::string> all;
  for_each_input_path(f, [&](const std::string& p) { all.push_back(p); });
  return all;
}

void write_claims_outputs(report::OutputDir& out, const report::Analysis& a, const pipeline::AnalyseConfig& config) {
  const TimeZone* zone = config.pipeline.ingest.zone;
  out.write("claims.csv", report::claims_csv(a, zone, config.verify.reach_speed, config.pipeline.smooth));
  out.write("claim_periods.csv", report::claim_periods_csv(a, zone));
}

// claims_<verdict> counts for the manifest; returns the summary text.
std::string count_claims(const report::Analysis& a, std::map<std::string, std::size_t>& counts) {
  for (const auto v : {verify::Verdict::supported, verify::Verdict::contradicted, verify::Verdict::inconclusive})
    counts["claims_" + std::string(verify::name(v))] = 0;
  for (const auto& r : a.claims) ++counts["claims_" + std::string(verify::name(r.verdict))];
  counts["claims"] = a.claims.size();
  return std::to_string(a.claims.size()) + " claim(s): " + std::to_string(counts["claims_supported"]) + " supported, " +
         std::to_string(counts["claims_contradicted"]) + " contradicted, " +
         std::to_string(counts["claims_inconclusive"]) + " inconclusive";
}

pipeline::AnalyseConfig make_analyse_config(const Flags& f) {
  pipeline::AnalyseConfig c;
  c.pipeline = make_config(f, true);
  auto& t = c.tables;
  t.shifts = f.shifts;
  t.assignments = f.assignments;
  t.places = f.places;
  t.incidents = f.incidents;
  t.events = f.events;
  for (auto& [table, renames] : table_renames(f.maps))
    if (table != "pings") t.renames[table] = renames;
  const auto& in = c.pipeline.ingest;
  t.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end};
  t.delimiter = in.delimiter;
  t.crs = in.crs;
  t.place_radius = radius_flag("--place-radius", f.place_radius);
  t.incident_radius = radius_flag("--incident-radius", f.incident_radius);
  t.incident_default_length = window_flag("--incident-default-length", f.incident_default_length);
  auto& m = c.match;
  m.incident_before = window_flag("--incident-before", f.incident_before);
  m.incident_after = window_flag("--incident-after", f.incident_after);
  m.any_unit = f.incident_match == "any-unit";
  m.lookup_kinds.clear();
  std::string kinds = f.lookup_kinds;
  for (std::size_t pos = 0; pos <= kinds.size();) {
    const auto comma = std::min(kinds.find(',', pos), kinds.size());
    // Event kinds are read trimmed, so the names given here are too ("a, b" names "b").
    const std::string_view kind = trim(std::string_view(kinds).substr(pos, comma - pos), " \t");
    if (!kind.empty()) m.lookup_kinds.emplace_back(kind);
    pos = comma + 1;
  }
  if (m.lookup_kinds.empty())
    throw UsageError("--lookup-kinds '" + f.lookup_kinds + "': name at least one event kind (default records_lookup)");
  std::sort(m.lookup_kinds.begin(), m.lookup_kinds.end());
  m.lookup_window = window_flag("--lookup-window", f.lookup_window);
  m.revisit_within = window_flag("--revisit-within", f.revisit_within);
  m.min_duty_overlap = window_flag("--min-duty-overlap", f.min_duty_overlap);
  t.claims = f.claims;
  if (!std::isfinite(f.reach_speed_kmh) || f.reach_speed_kmh <= 0)
    throw UsageError("--reach-speed-kmh: a finite speed > 0");
  c.verify.reach_speed = verify::Speed::from_kmh(f.reach_speed_kmh);
  c.verify.min_visit = window_flag("--min-visit", f.min_visit);
  c.verify.presence_tolerance = window_flag("--presence-tolerance", f.presence_tolerance);
  c.verify.roster_tolerance = window_flag("--roster-tolerance", f.roster_tolerance);
  if (!f.position_margin.empty()) {
    double margin = -1;
    try {
      std::size_t used = 0;
      margin = std::stod(f.position_margin, &used);
      if (used != f.position_margin.size()) margin = -1;
    } catch (...) {
    }
    c.verify.position_margin = radius_flag("--position-margin", margin);
  }
  return c;
}

void add_verify_parameters(const CLI::App& cmd, const pipeline::AnalyseConfig& c,
                           std::map<std::string, report::Parameter>& p) {
  const auto add = [&](const std::string& flag, std::string value) {
    const CLI::Option* opt = cmd.get_option_no_throw("--" + flag);
    p[flag] = report::Parameter{std::move(value), opt && opt->count() > 0 ? "command line" : "default"};
  };
  add("reach-speed-kmh", report::format_fixed(c.verify.reach_speed.kmh(), 3));
  add("min-visit", format_seconds(c.verify.min_visit) + "s");
  add("presence-tolerance", format_seconds(c.verify.presence_tolerance) + "s");
  add("roster-tolerance", format_seconds(c.verify.roster_tolerance) + "s");
  add("position-margin", c.verify.position_margin
                             ? report::format_fixed(c.verify.position_margin->value, 3)
                             : "each ping's accuracy_m, else " + report::format_fixed(c.verify.fallback_margin.value, 3));
}

std::map<std::string, report::Parameter> analyse_parameters(const CLI::App& cmd, const Flags& f,
                                                            const pipeline::AnalyseConfig& c) {
  auto p = parameters(cmd, f, c.pipeline);
  const auto add = [&](const std::string& flag, std::string value) {
    const CLI::Option* opt = cmd.get_option_no_throw("--" + flag);
    p[flag] = report::Parameter{std::move(value), opt && opt->count() > 0 ? "command line" : "default"};
  };
  add("place-radius", report::format_fixed(c.tables.place_radius.value, 3));
  add("incident-radius", report::format_fixed(c.tables.incident_radius.value, 3));
  add("incident-default-length", format_seconds(c.tables.incident_default_length) + "s");
  add("incident-before", format_seconds(c.match.incident_before) + "s");
  add("incident-after", format_seconds(c.match.incident_after) + "s");
  add("incident-match", c.match.any_unit ? "any-unit" : "assigned");
  std::string kinds;
  for (const auto& k : c.match.lookup_kinds) kinds += (kinds.empty() ? "" : ",") + k;
  add("lookup-kinds", kinds);
  add("lookup-window", format_seconds(c.match.lookup_window) + "s");
  add("revisit-within", format_seconds(c.match.revisit_within) + "s");
  add("min-duty-overlap", format_seconds(c.match.min_duty_overlap) + "s");
  std::string formats;
  for (const auto& name : chosen_formats(f.formats)) formats += (formats.empty() ? "" : ",") + name;
  add("formats", formats);
  add("basemap", f.basemap.empty() ? "none" : f.basemap);
  add_verify_parameters(cmd, c, p);
  return p;
}

int run_analyse_command(const CLI::App& cmd, const Flags& f, const std::vector<std::string>& argv) {
  const Finish fin{cmd, f, argv, std::chrono::steady_clock::now(), now_utc()};
  pipeline::AnalyseConfig config = make_analyse_config(f);
  const std::set<std::string> formats = chosen_formats(f.formats);
  // The geodata draw tracks and pings: keep each vehicle's cleaned track for them.
  config.pipeline.keep_tracks =
      formats.contains("gpkg") || formats.contains("geojson") || formats.contains("kml") || formats.contains("html");
  if (!f.basemap.empty() && !formats.contains("html"))
    throw UsageError("--basemap is drawn under report.html's map, but --formats '" + f.formats + "' does not write it");
  config.basemap = f.basemap;
  report::OutputDir out(f.out, f.force, input_paths(f));  // refuse early, before the work
  Watch watch;
  watch.start(config.pipeline.ingest, f.quiet);
  const report::Analysis a = pipeline::run_analyse(config);
  watch.writing();
  const TimeZone* zone = config.pipeline.ingest.zone;
  const verify::Speed speed = config.verify.reach_speed;
  const bool smoothed = config.pipeline.smooth;
  // The page first: a basemap GDAL cannot warp stops the run before any file is written.
  std::string html;
  if (formats.contains("html")) {
    report::HtmlReportOptions page;
    page.parameters = analyse_parameters(cmd, f, config);
    page.reach_speed = speed;
    page.smoothed = smoothed;
    page.lookup_kinds = config.match.lookup_kinds;
    page.basemap = f.basemap;
    html = report::html_report(a, zone, page);
  }
  report::DwellsTable dwells = report::analysed_dwells_table(a, zone);
  const std::string unexplained = report::unexplained_csv(a, dwells);
  write_dwells_outputs(out, a.run, config.pipeline, std::move(dwells.text));
  out.write("unexplained.csv", unexplained);
  out.write("visits.csv", report::visits_csv(a, zone));
  out.write("shifts.csv", report::shifts_csv(a, zone));
  out.write("flags.csv", report::flags_csv(a, zone));
  if (!f.claims.empty()) write_claims_outputs(out, a, config);
  if (formats.contains("i2")) out.write("timeline_i2.csv", report::timeline_i2_csv(a, zone, config.match.lookup_kinds));
  if (formats.contains("gpkg")) out.write("report.gpkg", report::geopackage_bytes(a, zone, speed, smoothed));
  if (formats.contains("geojson")) out.write("report.geojson", report::geojson_text(a, zone, speed, smoothed));
  if (formats.contains("kml")) out.write("report.kml", report::kml_text(a, zone, speed, smoothed));
  if (formats.contains("html")) out.write("report.html", html);

  std::map<std::string, std::size_t> counts;
  for (const char* c : {"base", "incident", "unexplained", "off_duty", "duty_unknown"})
    counts[std::string("dwells_") + c] = 0;
  counts["flags"] = 0;
  counts["visits"] = 0;
  counts["partial_duty"] = 0;
  for (const auto& vehicle : a.matches)
    for (const auto& m : vehicle) {
      ++counts["dwells_" + std::string(match::name(m.dwell_class))];
      counts["flags"] += m.flags.size();
      counts["visits"] += m.places.size();
      counts["partial_duty"] += m.partial_duty ? 1 : 0;
    }
  counts["shifts"] = a.roster.shifts.size();
  counts["incidents"] = a.tables.incidents.size();
  counts["places"] = a.tables.places.size();
  counts["events"] = a.tables.events.size();
  std::string claims_summary;
  if (!f.claims.empty()) claims_summary = "; " + count_claims(a, counts);
  const std::string summary = std::to_string(a.roster.shifts.size()) + " shift(s); dwells: " +
                              std::to_string(counts["dwells_unexplained"]) + " unexplained, " +
                              std::to_string(counts["dwells_incident"]) + " incident, " +
                              std::to_string(counts["dwells_base"]) + " base, " +
                              std::to_string(counts["dwells_off_duty"]) + " off duty, " +
                              std::to_string(counts["dwells_duty_unknown"]) + " duty unknown; " +
                              std::to_string(counts["flags"]) + " flag(s)" + claims_summary;
  watch.stop();
  return finish_run(fin, "analyse", config.pipeline, analyse_parameters(cmd, f, config), a.run, out, counts, summary);
}

int run_verify_command(const CLI::App& cmd, const Flags& f, const std::vector<std::string>& argv) {
  const Finish fin{cmd, f, argv, std::chrono::steady_clock::now(), now_utc()};
  pipeline::AnalyseConfig config = make_analyse_config(f);
  report::OutputDir out(f.out, f.force, input_paths(f));  // refuse early, before the work
  Watch watch;
  watch.start(config.pipeline.ingest, f.quiet);
  const report::Analysis a = pipeline::run_analyse(config);
  watch.writing();
  write_dwells_outputs(out, a.run, config.pipeline, report::dwells_csv(a.run, config.pipeline.ingest.zone));
  write_claims_outputs(out, a, config);
  std::map<std::string, std::size_t> counts;
  const std::string summary = count_claims(a, counts);
  auto params = parameters(cmd, f, config.pipeline);
  add_verify_parameters(cmd, config, params);
  params["place-radius"] = report::Parameter{report::format_fixed(config.tables.place_radius.value, 3),
                                             cmd.get_option("--place-radius")->count() > 0 ? "command line" : "default"};
  watch.stop();
  return finish_run(fin, "verify", config.pipeline, std::move(params), a.run, out, counts, summary);
}

void add_claims_flags(CLI::App& cmd, Flags& f, bool required) {
  CLI::Option* claims = cmd.add_option(
      "--claims", f.claims,
      "Claims: claim_id, vehicle_id or officer_id, place_id or lat,lon[,radius_m], start, end, assertion "
      "(present|absent)[, note]");
  if (required) claims->required();
  cmd.add_option("--reach-speed-kmh", f.reach_speed_kmh,
                 "Least speed bound between pings, km/h; raised per vehicle to its fastest (default 200)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--position-margin", f.position_margin,
                 "Position uncertainty of each ping, metres (default: the ping's accuracy_m, else 10)");
  cmd.add_option("--min-visit", f.min_visit,
                 "A possible stay shorter than this does not leave an absence claim open (default 0: any does)");
  cmd.add_option("--presence-tolerance", f.presence_tolerance,
                 "Longest possible absence that still lets a presence claim be supported (default 60s)");
  cmd.add_option("--roster-tolerance", f.roster_tolerance,
                 "Either side of a roster or assignment instant the officer may be in either vehicle (default 2min)");
}

void add_analyse_flags(CLI::App& cmd, Flags& f) {
  cmd.add_option("--shifts", f.shifts, "Duty shifts: officer_id,start,end[,shift_id,vehicle_id,callsign]")->required();
  cmd.add_option("--assignments", f.assignments, "Vehicle assignments: officer_id,vehicle_id,start,end");
  cmd.add_option("--places", f.places, "Places: place_id,lat,lon (or x,y with --crs, or wkt)[,label,radius_m,kind]");
  cmd.add_option("--incidents", f.incidents, "Incidents: incident_id,opened,lat,lon (or x,y, or place_id)[,closed,...]");
  cmd.add_option("--events", f.events, "Records-system events: timestamp,officer_id,kind[,subject,place_id,detail]");
  cmd.add_option("--place-radius", f.place_radius, "Default place radius, metres (default 50)")->check(CLI::NonNegativeNumber);
  cmd.add_option("--incident-radius", f.incident_radius, "Default incident radius, metres (default 100)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--incident-default-length", f.incident_default_length,
                 "Length of an incident without a closed time (default 1h)");
  cmd.add_option("--incident-before", f.incident_before, "An incident explains dwells from this long before it opened (default 15min)");
  cmd.add_option("--incident-after", f.incident_after, "... until this long after it closed (default 30min)");
  cmd.add_option("--incident-match", f.incident_match, "assigned (default): only the units an incident names; any-unit")
      ->check(CLI::IsMember({"assigned", "any-unit"}));
  cmd.add_option("--lookup-kinds", f.lookup_kinds, "Event kinds that are records look-ups, comma-separated (default records_lookup)");
  cmd.add_option("--lookup-window", f.lookup_window, "A look-up this long before a visit flags it (default 7d)");
  cmd.add_option("--revisit-within", f.revisit_within,
                 "A revisit is flagged only this long after the incident closed, at most (default 90d)");
  cmd.add_option("--min-duty-overlap", f.min_duty_overlap,
                 "A flag against an officer needs this much of their duty in the visit, unexplained (default 5min)");
  cmd.add_option("--formats", f.formats, "Outputs beyond the CSV tables, comma-separated: gpkg (report.gpkg), geojson "
                                         "(report.geojson), kml (report.kml), i2 (timeline_i2.csv), html (report.html); "
                                         "all (default) or none");
  cmd.add_option("--basemap", f.basemap, "A raster GDAL reads (GeoTIFF, MBTiles, ...) drawn under report.html's map, "
                                         "warped to its projection; hashed and listed as an input");
}

int run_where_command(const Flags& f, const std::string& vehicle, const std::string& at_text) {
  const pipeline::PipelineConfig config = make_config(f);
  const Instant at = instant_flag("--at", at_text, config.ingest.zone);
  const auto loaded = pipeline::load_vehicle_track(config, vehicle);
  const auto& track = loaded.track;
  const auto& pings = loaded.run.ingest.pings;
  std::vector<std::string> paths;
  for (const auto& input : loaded.run.ingest.inputs) paths.push_back(input.path);
  const auto names = report::display_names(paths);
  const TimeZone* zone = config.ingest.zone;

  std::string out;
  report::CsvWriter csv(out);
  csv.header({"vehicle_id", "at", "at_local", "status", "lat", "lon", "in_gap", "before_time", "before_row",
              "before_lat", "before_lon", "before_m", "after_time", "after_row", "after_lat", "after_lon", "after_m"});
  csv.text(vehicle).text(format_utc(at)).text(format_local(zone, at));
  const auto pos = reconstruct::position_at(track, at, config.gap);
  // A bracketing ping; its distance is empty when there is no interpolated position to measure from.
  const auto ping_fields = [&](std::size_t i, std::optional<Meters> d) {
    csv.text(format_utc(track.time[i]));
    const SourceRef src = pings.source(track.ping[i]);
    csv.text(names.at(src.file) + ":" + std::to_string(src.line));
    csv.fixed(track.position[i].lat, 7).fixed(track.position[i].lon, 7);
    if (d) csv.fixed(d->value, 2);
    else csv.empty();
  };
  if (!pos) {
    const bool before = at < track.time.front();
    csv.text(before ? "before_first_ping" : "after_last_ping").empty().empty().empty();
    if (before) {
      csv.empty().empty().empty().empty().empty();
      ping_fields(0, std::nullopt);
    } else {
      ping_fields(track.size() - 1, std::nullopt);
      csv.empty().empty().empty().empty().empty();
    }
  } else {
    csv.text(pos->before == pos->after ? "at_ping" : (pos->in_gap ? "in_gap" : "interpolated"));
    csv.fixed(pos->at.lat, 7).fixed(pos->at.lon, 7).text(pos->in_gap ? "true" : "false");
    ping_fields(pos->before, pos->from_before);
    ping_fields(pos->after, pos->to_after);
  }
  csv.end_row();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int run_synth_command(const pipeline::SynthConfig& config, const std::string& out_path, const std::string& truth_path) {
  std::ofstream out(out_path, std::ios::binary);
  if (!out) throw OutputError(out_path + ": cannot create");
  const auto planted = pipeline::write_synthetic_fleet(config, out);
  if (!out.flush()) throw OutputError(out_path + ": write failed");
  if (!truth_path.empty()) {
    std::string text;
    report::CsvWriter csv(text);
    csv.header({"vehicle_id", "start", "end", "lat", "lon"});
    for (const auto& d : planted) {
      csv.text(d.vehicle_id).text(format_utc(d.start)).text(format_utc(d.end)).fixed(d.location.lat, 7).fixed(d.location.lon, 7);
      csv.end_row();
    }
    std::ofstream truth(truth_path, std::ios::binary);
    truth << text;
    if (!truth.flush()) throw OutputError(truth_path + ": write failed");
  }
  return 0;
}

}  // namespace

AnalyseRun analyse_run_from_args(const std::vector<std::string>& args,
                                 const std::function<std::string(const std::string&)>& input_path) {
  CLI::App app{"shiftline"};
  Flags f;
  CLI::App* analyse = app.add_subcommand("analyse");
  add_input_flags(*analyse, f);
  add_dwell_flags(*analyse, f);
  add_analyse_flags(*analyse, f);
  add_claims_flags(*analyse, f, false);
  std::vector<std::string> words{"shiftline", "analyse"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    throw UsageError(std::string("the analyse command line does not parse: ") + e.what());
  }
  AnalyseRun run;
  for (auto& [name, p] : analyse_parameters(*analyse, f, make_analyse_config(f))) run.parameters[name] = p.value;
  for_each_input_path(f, [&](std::string& p) { p = input_path(p); });
  run.config = make_analyse_config(f);
  run.config.basemap = f.basemap;
  return run;
}

int run(int argc, char** argv) {
  CLI::App app{"shiftline: vehicle location tracks, gaps and dwells, with evidence-grade provenance"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("shiftline ") + build_info::version + " (" + build_info::git_commit + ")");
  Flags f;

  CLI::App* dwells = app.add_subcommand("dwells", "Clean pings, find gaps and dwells; write CSVs and manifest.json");
  add_input_flags(*dwells, f);
  add_dwell_flags(*dwells, f);

  CLI::App* analyse = app.add_subcommand(
      "analyse", "dwells, plus shifts, places, incidents and events: classes, visits, flags, shift coverage");
  add_input_flags(*analyse, f);
  add_dwell_flags(*analyse, f);
  add_analyse_flags(*analyse, f);
  add_claims_flags(*analyse, f, false);

  CLI::App* verify = app.add_subcommand(
      "verify", "Test claims (\"I was at the station from nine to ten\") against the tracks, with reachability in gaps");
  add_input_flags(*verify, f);
  add_dwell_flags(*verify, f);
  add_claims_flags(*verify, f, true);
  verify->add_option("--shifts", f.shifts, "Duty shifts (needed for claims about officers)");
  verify->add_option("--assignments", f.assignments, "Vehicle assignments: officer_id,vehicle_id,start,end");
  verify->add_option("--places", f.places, "Places named by the claims' place_id");
  verify->add_option("--place-radius", f.place_radius, "Radius of claims given by lat,lon without radius_m, metres "
                                                       "(default 50)")
      ->check(CLI::NonNegativeNumber);

  CLI::App* where = app.add_subcommand("where", "Position of a vehicle at an instant, with the bracketing pings");
  add_input_flags(*where, f);
  std::string vehicle;
  std::string at_text;
  where->add_option("--vehicle", vehicle, "Vehicle id")->required();
  where->add_option("--at", at_text, "Instant (ISO 8601; naive local time with --tz)")->required();

  CLI::App* synth = app.add_subcommand("synth", "Write a deterministic synthetic fleet with known dwells");
  pipeline::SynthConfig synth_config;
  std::string synth_out;
  std::string synth_truth;
  synth->add_option("--pings", synth_config.pings, "Number of pings")->required();
  synth->add_option("--vehicles", synth_config.vehicles, "Number of vehicles");
  synth->add_option("--seed", synth_config.seed, "Seed");
  synth->add_option("--out", synth_out, "CSV to write")->required();
  synth->add_option("--truth", synth_truth, "Also write the planted dwells to this CSV");
  std::string synth_start;
  std::string synth_interval;
  synth->add_option("--start", synth_start, "First instant (ISO 8601 with offset; default 2024-03-01T00:00:00Z)");
  synth->add_option("--interval", synth_interval, "Time between pings of one vehicle (default 15s)");
  synth->add_option("--gaps-per-vehicle", synth_config.gaps_per_vehicle, "Silences planted per vehicle (default 0)");

  const std::function<int()> synth_case = add_synth_case_command(app);
  const std::function<int()> timeline = add_timeline_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::usage);
  }
  std::vector<std::string> args(argv, argv + argc);
  if (dwells->parsed()) return run_dwells_command(*dwells, f, args);
  if (analyse->parsed()) return run_analyse_command(*analyse, f, args);
  if (verify->parsed()) return run_verify_command(*verify, f, args);
  if (where->parsed()) return run_where_command(f, vehicle, at_text);
  if (synth->parsed()) {
    if (!synth_start.empty()) synth_config.start = instant_flag("--start", synth_start, nullptr);
    if (!synth_interval.empty()) synth_config.interval = duration_flag("--interval", synth_interval);
    return run_synth_command(synth_config, synth_out, synth_truth);
  }
  if (const int rc = synth_case(); rc >= 0) return rc;
  if (const int rc = timeline(); rc >= 0) return rc;
  return static_cast<int>(ExitCode::usage);
}

}  // namespace shiftline::cli
