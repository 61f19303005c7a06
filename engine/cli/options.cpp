#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "cli/options_internal.hpp"
#include "shiftline/build_info.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/pipeline/synth.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/manifest.hpp"
#include "shiftline/report/output_dir.hpp"
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
};

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
  cmd.add_option("--map", f.maps, "Rename a field: pings.FIELD=COLUMN (repeatable)");
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
  cmd.add_flag("--quiet", f.quiet, "No summary on stderr");
  cmd.add_flag("--dwell-pings", f.dwell_pings, "Also write dwell_pings.csv: every ping of every dwell");
}

pipeline::PipelineConfig make_config(const Flags& f) {
  pipeline::PipelineConfig c;
  auto& in = c.ingest;
  in.paths = f.pings;
  for (const auto& m : f.maps) {
    const auto eq = m.find('=');
    const auto dot = m.find('.');
    if (eq == std::string::npos || dot == std::string::npos || dot > eq || m.substr(0, dot) != "pings")
      throw UsageError("--map '" + m + "': expected pings.FIELD=COLUMN");
    in.fields.renames[m.substr(dot + 1, eq - dot - 1)] = m.substr(eq + 1);
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
std::map<std::string, report::Parameter> parameters(const CLI::App& cmd, const pipeline::PipelineConfig& c) {
  std::map<std::string, report::Parameter> p;
  const auto add = [&](const std::string& flag, std::string value) {
    const CLI::Option* opt = cmd.get_option_no_throw("--" + flag);
    p[flag] = report::Parameter{std::move(value), opt && opt->count() > 0 ? "command line" : "default"};
  };
  std::string maps;
  for (const auto& [field, column] : c.ingest.fields.renames) maps += (maps.empty() ? "" : ";") + ("pings." + field + "=" + column);
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

int run_dwells_command(const CLI::App& cmd, const Flags& f, const std::vector<std::string>& argv) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string started = now_utc();
  const pipeline::PipelineConfig config = make_config(f);
  report::OutputDir out(f.out, f.force, config.ingest.paths);  // refuse early, before the work
  const report::RunResult run = pipeline::run_dwells(config);
  const TimeZone* zone = config.ingest.zone;

  out.write("dwells.csv", report::dwells_csv(run, zone));
  out.write("gaps.csv", report::gaps_csv(run, zone));
  out.write("rejected.csv", report::rejected_csv(run));
  out.write("warnings.csv", report::warnings_csv(run));
  if (config.keep_dwell_pings) out.write("dwell_pings.csv", report::dwell_pings_csv(run));

  // R3: each input hashed again after the run; a change aborts with its own exit code.
  report::ManifestData m;
  m.command = "dwells";
  m.argv = argv;
  m.parameters = parameters(cmd, config);
  m.run = &run;
  std::string changed;
  for (const auto& input : run.ingest.inputs) {
    m.sha256_after.push_back(sha256_file(input.path));
    if (m.sha256_after.back() != input.sha256_before) changed += (changed.empty() ? "" : ", ") + input.path;
  }
  m.outputs = out.written();
  m.facts.started_utc = started;
  m.facts.finished_utc = now_utc();
  m.facts.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  m.facts.host = host_name();
  m.facts.user = user_name();
  m.facts.threads = config.threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : config.threads;
  const report::WrittenFile manifest = out.write("manifest.json", report::manifest_json(m));

  if (!f.quiet) {
    std::fprintf(stderr, "shiftline: %s\n", summary_line(run).c_str());
    std::fprintf(stderr, "shiftline: wrote %s (manifest.json sha256 %s)\n", out.path().c_str(), manifest.sha256.c_str());
  }
  if (!changed.empty()) throw InputChangedError(changed + ": SHA-256 differs from when it was read");
  std::size_t read = 0;
  for (const auto& in : run.ingest.inputs) read += in.rows_read;
  check_reject_limit(f.max_rejected, run.problems.count(Severity::rejected), read);
  return 0;
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

int run(int argc, char** argv) {
  CLI::App app{"shiftline: vehicle location tracks, gaps and dwells, with evidence-grade provenance"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("shiftline ") + build_info::version + " (" + build_info::git_commit + ")");
  Flags f;

  CLI::App* dwells = app.add_subcommand("dwells", "Clean pings, find gaps and dwells; write CSVs and manifest.json");
  add_input_flags(*dwells, f);
  add_dwell_flags(*dwells, f);

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
  if (where->parsed()) return run_where_command(f, vehicle, at_text);
  if (synth->parsed()) {
    if (!synth_start.empty()) synth_config.start = instant_flag("--start", synth_start, nullptr);
    if (!synth_interval.empty()) synth_config.interval = duration_flag("--interval", synth_interval);
    return run_synth_command(synth_config, synth_out, synth_truth);
  }
  if (const int rc = synth_case(); rc >= 0) return rc;
  return static_cast<int>(ExitCode::usage);
}

}  // namespace shiftline::cli
