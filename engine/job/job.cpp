#include "shiftline/job/job.hpp"

#include <sys/stat.h>
#include <unistd.h>

// GCC 12 reports a false -Wnull-dereference inside CLI11's string splitting once it is inlined
// here; the diagnostic is attributed to CLI11's own lines, so it is silenced for them only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <future>
#include <limits>
#include <thread>

#include "core/utf8_internal.hpp"
#include "job/command_line_internal.hpp"
#include "job/job_internal.hpp"
#include "job/table_rejections_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/findings/robustness.hpp"
#include "shiftline/report/analyse_tables.hpp"
#include "shiftline/report/claims_tables.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/findings_table.hpp"
#include "shiftline/report/geodata.hpp"
#include "shiftline/report/html_report.hpp"
#include "shiftline/report/near_table.hpp"
#include "shiftline/report/output_dir.hpp"
#include "shiftline/report/recurring_table.hpp"
#include "shiftline/report/tables.hpp"
#include "shiftline/report/timeline_i2.hpp"

namespace shiftline {

// --- the command line ---------------------------------------------------------------------------

namespace job_internal {

namespace {

std::string_view description(Command c) {
  switch (c) {
    case Command::dwells: return "Clean pings, find gaps and dwells; write CSVs and manifest.json";
    case Command::analyse:
      return "dwells, plus shifts, places, incidents and events: classes, visits, flags, shift coverage";
    case Command::verify:
      return "Test claims (\"I was at the station from nine to ten\") against the tracks, with reachability "
             "between pings";
    case Command::near:
      return "Which vehicles were, or could have been, within a radius of a point or place in a window, with their "
             "crews";
  }
  return "";
}

std::string help_of(const ParameterSpec& s) {
  std::string help(s.help);
  if (!s.unit.empty()) help += " (" + std::string(s.unit) + ")";
  if (s.kind == ParameterKind::value || (s.kind == ParameterKind::control && !s.value_name.empty())) {
    const std::string d = s.default_text();
    if (!d.empty()) help += "; default " + d;
  }
  if (const std::string r = range_text(s); r != "-") help += "; " + r;
  return help;
}

}  // namespace

CLI::Validator utf8_path() {
  return CLI::Validator(
      [](std::string& path) -> std::string {
        if (clean_utf8(path)) return {};
        return "'" + printable(path) +
               "' is not valid UTF-8; file names must be valid UTF-8: rename the file (the manifest and the "
               "citations name every file exactly)";
      },
      "", "UTF8_PATH");
}

std::unique_ptr<RunCommands> add_run_commands(CLI::App& app) {
  auto commands = std::make_unique<RunCommands>();
  for (const Command c : {Command::dwells, Command::analyse, Command::verify, Command::near}) {
    RunSubcommand& sub = commands->subcommands.emplace_back();
    sub.command = c;
    sub.app = app.add_subcommand(std::string(name(c)), std::string(description(c)));
    for (const ParameterSpec& s : parameter_table()) {
      if (!s.commands.has(c)) continue;
      const std::string key(s.name);
      CLI::Option* option = nullptr;
      switch (s.kind) {
        case ParameterKind::flag: option = sub.app->add_flag(s.flag(), sub.flag[key], help_of(s)); break;
        case ParameterKind::list: option = sub.app->add_option(s.flag(), sub.list[key], help_of(s)); break;
        case ParameterKind::input:
          option = s.name == "pings" ? sub.app->add_option(s.flag(), sub.list[key], help_of(s))
                                     : sub.app->add_option(s.flag(), sub.text[key], help_of(s));
          break;
        case ParameterKind::value: option = sub.app->add_option(s.flag(), sub.text[key], help_of(s)); break;
        case ParameterKind::control:
          option = s.value_name.empty() ? sub.app->add_flag(s.flag(), sub.flag[key], help_of(s))
                                        : sub.app->add_option(s.flag(), sub.text[key], help_of(s));
          break;
      }
      if (s.required.has(c)) option->required();
      if (names_a_path(s)) option->check(utf8_path());
      sub.option[key] = option;
    }
  }
  return commands;
}

std::optional<Job> parsed_job(const RunCommands& commands, std::vector<std::string> argv) {
  for (const RunSubcommand& sub : commands.subcommands) {
    if (!sub.app->parsed()) continue;
    Job job;
    job.command = sub.command;
    for (const ParameterSpec& s : parameter_table()) {
      const std::string key(s.name);
      const auto option = sub.option.find(key);
      if (option == sub.option.end() || option->second->count() == 0) continue;
      if (const auto l = sub.list.find(key); l != sub.list.end())
        for (const auto& text : l->second) s.parse(s, text, job);
      else if (const auto t = sub.text.find(key); t != sub.text.end())
        s.parse(s, t->second, job);
      else
        s.parse(s, "", job);
      job.given.insert(key);
    }
    job.argv = std::move(argv);
    return job;
  }
  return std::nullopt;
}

}  // namespace job_internal

Job Job::from_args(const std::vector<std::string>& args, std::string program) {
  CLI::App app{"shiftline"};
  app.require_subcommand(1);
  const auto commands = job_internal::add_run_commands(app);
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    throw UsageError(std::string(e.what()));
  }
  std::vector<std::string> recorded{std::move(program)};
  recorded.insert(recorded.end(), args.begin(), args.end());
  auto job = job_internal::parsed_job(*commands, std::move(recorded));
  if (!job) throw UsageError("expected a command: dwells, analyse, verify or near");
  return *std::move(job);
}

std::vector<std::string> to_args(const Job& job) {
  std::vector<std::string> words{std::string(name(job.command))};
  const Job defaults;
  for (const ParameterSpec& s : parameter_table()) {
    if (!s.commands.has(job.command) || s.kind == ParameterKind::control) continue;
    if (s.name == "pings") {
      for (const auto& p : job.pings) words.insert(words.end(), {"--pings", p});
    } else if (s.name == "crs") {
      if (!job.params.crs.empty()) words.insert(words.end(), {s.flag(), job.params.crs});
      for (const auto& [table, crs] : job.params.crs_by_table) words.insert(words.end(), {s.flag(), table + "=" + crs});
    } else if (s.name == "map") {
      for (const auto& m : job.params.map) words.insert(words.end(), {s.flag(), m});
    } else if (s.format(job) != s.format(defaults)) {
      words.push_back(s.flag());
      if (s.kind != ParameterKind::flag) words.push_back(s.format(job));
    }
  }
  if (!job.out.empty()) words.insert(words.end(), {"--out", job.out});
  if (job.force) words.emplace_back("--force");
  return words;
}

std::map<std::string, report::Parameter> resolved_parameters(const Job& job) {
  std::map<std::string, report::Parameter> out;
  const Job defaults;
  for (const ParameterSpec& s : parameter_table()) {
    if (!s.recorded() || !s.commands.has(job.command)) continue;
    const std::string value = s.format(job);
    const std::string source = job.given.contains(std::string(s.name)) ? "command line"
                               : value == s.format(defaults)             ? "default"
                                                                         : "set by the caller";
    out[std::string(s.name)] = report::Parameter{value, source};
  }
  return out;
}

// --- the engine's configuration ----------------------------------------------------------------

namespace job_internal {

Instant instant_parameter(std::string_view flag, const std::string& text, const Job& job) {
  const TimeZone* zone = job.params.tz.empty() ? nullptr : find_zone(job.params.tz);
  ProblemSink sink;
  ingest::TimeRules rules;
  rules.zone = zone;
  // Any time Shiftline reads at all (core/time.hpp); outside it is exit 2.
  rules.window_start = kTimeRangeStart;
  rules.window_end = kTimeRangeEnd;
  const auto t = ingest::parse_time_field(text, rules, SourceRef{}, std::string(flag), sink);
  if (!t)
    throw UsageError(std::string(flag) + ": " + (sink.problems().empty() ? "bad time" : sink.problems().front().detail));
  return *t;
}

std::pair<Instant, Instant> time_window(const Job& job) {
  const ingest::IngestConfig defaults;
  const std::string& text = job.params.time_window;
  if (text.empty()) return {defaults.window_start, defaults.window_end};
  const auto instant = [&](const std::string& part) { return instant_parameter("--time-window", part, job); };
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw UsageError("--time-window '" + text + "': expected START/END");
  const Instant start = instant(text.substr(0, slash));
  const Instant end = instant(text.substr(slash + 1));
  if (end <= start) throw UsageError("--time-window '" + text + "': END must be after START");
  return {start, end};
}

pipeline::NearSearch near_search(const Job& job) {
  const Params& p = job.params;
  pipeline::NearSearch search;
  if (p.near_at.has_value() == !p.near_place.empty())
    throw UsageError("`near` needs exactly one of --at LAT,LON and --place ID");
  if (!p.near_place.empty() && job.places.empty())
    throw UsageError("--place '" + p.near_place + "': give the places table with --places");
  search.at = p.near_at;
  search.place_id = p.near_place;
  search.radius = p.near_radius;
  if (p.from.empty()) throw UsageError("--from is required for `near`");
  if (p.to.empty()) throw UsageError("--to is required for `near`");
  search.window = {instant_parameter("--from", p.from, job), instant_parameter("--to", p.to, job)};
  if (search.window.end <= search.window.start)
    throw UsageError("--to '" + p.to + "': must be after --from '" + p.from + "'");
  return search;
}

std::optional<Instant> scope_instant(const Job& job, std::string_view which) {
  const std::string& text = which == "from" ? job.params.from : job.params.to;
  if (text.empty()) return std::nullopt;
  return instant_parameter(which == "from" ? "--from" : "--to", text, job);
}

void for_each_input(const Job& job, const std::function<void(const std::string&)>& fn) {
  for (const auto& p : job.pings) fn(p);
  for (const auto* t : {&job.shifts, &job.assignments, &job.places, &job.incidents, &job.events, &job.claims,
                        &job.basemap})
    if (!t->empty()) fn(*t);
}

void for_each_input(Job& job, const std::function<void(std::string&)>& fn) {
  for (auto& p : job.pings) fn(p);
  for (auto* t : {&job.shifts, &job.assignments, &job.places, &job.incidents, &job.events, &job.claims,
                  &job.basemap})
    if (!t->empty()) fn(*t);
}

std::vector<std::string> input_paths(const Job& job) {
  std::vector<std::string> all;
  for_each_input(job, [&](const std::string& p) { all.push_back(p); });
  return all;
}

}  // namespace job_internal

namespace {

// Inputs a command does not read would be ignored without a word: refused instead.
void check_inputs_for(const Job& job) {
  for (const ParameterSpec& s : parameter_table()) {
    if (s.kind != ParameterKind::input || s.commands.has(job.command)) continue;
    if (!s.format(job).empty() && s.format(job) != s.format(Job{}))
      throw UsageError(s.flag() + ": `" + std::string(name(job.command)) + "` does not read it");
  }
  for (const ParameterSpec& s : parameter_table())
    if (s.kind == ParameterKind::input && s.required.has(job.command) && s.format(job).empty())
      throw UsageError(s.flag() + " is required for `" + std::string(name(job.command)) + "`");
}

// One file given twice (the same path, another spelling, a hard or symbolic link: the same device
// and inode) would be read twice and its rows counted twice, with citations that cannot tell the
// copies apart: refused. Paths that cannot be examined are left to the reader, which names why.
void check_distinct_inputs(const Job& job) {
  struct Seen {
    dev_t device;
    ino_t inode;
    std::string path;
  };
  std::vector<Seen> seen;
  job_internal::for_each_input(job, [&seen](const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    for (const Seen& s : seen)
      if (s.device == st.st_dev && s.inode == st.st_ino)
        throw UsageError("'" + s.path + "' and '" + path + "' are the same file (device " + std::to_string(st.st_dev) +
                         ", inode " + std::to_string(st.st_ino) + "): give each input once");
    seen.push_back(Seen{st.st_dev, st.st_ino, path});
  });
}

// --map TABLE.FIELD=COLUMN, by table; --map of a table the command does not read is refused.
std::map<std::string, std::map<std::string, std::string>> renames(const Job& job) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& m : job.params.map) {
    Job probe;
    find_parameter("map")->parse(*find_parameter("map"), m, probe);  // the same checks as the command line
    const auto dot = m.find('.'), eq = m.find('=');
    const std::string table = m.substr(0, dot);
    if (table != "pings" && job.command == Command::dwells)
      throw UsageError("--map " + table + ".*: only `analyse` and `verify` read the " + table + " table");
    out[table][m.substr(dot + 1, eq - dot - 1)] = m.substr(eq + 1);
  }
  return out;
}

}  // namespace

std::set<std::string> chosen_formats(const Job& job) {
  if (job.command != Command::analyse) return {};
  return {job.params.formats.begin(), job.params.formats.end()};
}

pipeline::AnalyseConfig make_config(const Job& job, Progress* progress) {
  for (const ParameterSpec& s : parameter_table())
    if (s.check && s.commands.has(job.command)) s.check(s, job);
  check_inputs_for(job);
  check_distinct_inputs(job);
  const Params& p = job.params;
  pipeline::AnalyseConfig c;
  auto& in = c.pipeline.ingest;
  in.paths = job.pings;
  const auto tables = renames(job);
  if (const auto it = tables.find("pings"); it != tables.end()) in.fields.renames = it->second;
  // A table's own --crs TABLE=CRS, else the one for every table.
  const auto crs_of = [&p](const std::string& table) {
    const auto it = p.crs_by_table.find(table);
    return it != p.crs_by_table.end() ? it->second : p.crs;
  };
  in.crs = crs_of("pings");
  in.time_format = p.time_format;
  if (!p.tz.empty()) in.zone = find_zone(p.tz);
  in.ambiguous = p.ambiguous;
  in.date_order = p.date_order;
  std::tie(in.window_start, in.window_end) = job_internal::time_window(job);
  if (!p.csv_delimiter.empty()) in.delimiter = p.csv_delimiter.size() == 1 ? p.csv_delimiter[0] : '\t';
  in.default_vehicle = p.default_vehicle;
  in.layer = p.layer;
  in.progress = progress;
  c.pipeline.gap.gap = p.gap;
  c.pipeline.clean.max_speed_kmh = p.max_speed_kmh;
  c.pipeline.clean.detect_week_rollover = !p.no_rollover_check;
  // The names rejected.csv cites files by: the same function over the same inputs (pings first,
  // in order, so SourceRef::file indexes them as it indexes run.ingest.inputs).
  c.pipeline.clean.source_names = report::display_names(job_internal::input_paths(job));
  c.pipeline.smooth = p.smooth;
  c.pipeline.smoothing.default_accuracy = p.smooth_accuracy;
  c.pipeline.smoothing.acceleration_psd = p.smooth_accel;
  c.pipeline.dwell.method = p.dwell_method;
  c.pipeline.dwell.radius = p.dwell_radius;
  c.pipeline.dwell.min_duration = p.min_dwell;
  c.pipeline.dwell.max_diameter = p.max_diameter;
  c.pipeline.dwell.max_bridge = p.max_bridge;
  c.pipeline.dwell.gap = p.gap;
  c.pipeline.threads = job.threads;
  c.pipeline.keep_dwell_pings = p.dwell_pings;
  // Scope (docs/scope.md). An officer's windows come from the roster: without shifts there are none.
  // Sorted and unique, as ScopeConfig holds them, also for a job built in code.
  for (auto [from, to] : {std::pair{&p.officers, &c.scope.officers}, std::pair{&p.vehicles, &c.scope.vehicles}}) {
    *to = *from;
    std::sort(to->begin(), to->end());
    to->erase(std::unique(to->begin(), to->end()), to->end());
  }
  // near reads --from/--to as its search window (near_search), not as a scope.
  if (job.command != Command::near) {
    c.scope.from = job_internal::scope_instant(job, "from");
    c.scope.to = job_internal::scope_instant(job, "to");
  }
  c.scope.margin = p.scope_margin;
  if (!p.officers.empty() && job.shifts.empty())
    throw UsageError("--officer needs --shifts: the officer's time in each vehicle comes from the roster (shifts, "
                     "and assignments within them)" +
                     std::string(job.command == Command::dwells ? "; `dwells` reads no roster: use `analyse` or `verify`"
                                                                : ""));
  if (job.command == Command::dwells) {
    if (c.scope.active())  // no roster: the vehicles and the time range alone
      c.pipeline.scope = [scope = pipeline::resolve_scope(c.scope, nullptr)](std::string_view vehicle) {
        return scope.spans_of(vehicle);
      };
    return c;
  }

  auto& t = c.tables;
  t.shifts = job.shifts;
  t.assignments = job.assignments;
  t.places = job.places;
  t.incidents = job.incidents;
  t.events = job.events;
  t.claims = job.claims;
  for (const auto& [table, fields] : tables)
    if (table != "pings") t.renames[table] = fields;
  t.time = ingest::TimeRules{in.time_format, in.zone, in.ambiguous, in.window_start, in.window_end, in.date_order};
  t.delimiter = in.delimiter;
  t.crs = p.crs;
  for (const auto& [table, crs] : p.crs_by_table)
    if (table != "pings") t.crs_by_table[table] = crs;
  t.place_radius = p.place_radius;
  t.incident_radius = p.incident_radius;
  t.incident_default_length = p.incident_default_length;
  c.match.incident_before = p.incident_before;
  c.match.incident_after = p.incident_after;
  c.match.any_unit = p.incident_match_any_unit;
  c.match.lookup_kinds = p.lookup_kinds;
  c.match.lookup_window = p.lookup_window;
  c.match.revisit_within = p.revisit_within;
  c.match.min_duty_overlap = p.min_duty_overlap;
  c.match.nearest_incident_within = p.nearest_incident_within;
  c.match.nearest_incident_time = p.nearest_incident_time;
  c.verify.reach_speed = p.reach_speed;
  c.verify.position_margin = p.position_margin;
  c.verify.min_visit = p.min_visit;
  c.verify.presence_tolerance = p.presence_tolerance;
  c.verify.roster_tolerance = p.roster_tolerance;
  if (job.command == Command::analyse) {
    const auto formats = chosen_formats(job);
    // The geodata and the page draw tracks and pings: keep each vehicle's cleaned track for them.
    c.pipeline.keep_tracks = formats.contains("gpkg") || formats.contains("geojson") || formats.contains("kml") ||
                             formats.contains("html");
    if (!job.basemap.empty() && !formats.contains("html"))
      throw UsageError("--basemap is drawn under report.html's map, but --formats '" +
                       find_parameter("formats")->format(job) + "' does not write it");
    c.basemap = job.basemap;
    if (job.params.track_steps && !formats.contains("gpkg"))
      throw UsageError("--track-steps on is a layer of report.gpkg, but --formats '" +
                       find_parameter("formats")->format(job) + "' does not write it");
  }
  return c;
}

// --- running ------------------------------------------------------------------------------------

namespace {

std::string now_utc() { return format_utc(std::chrono::floor<Millis>(std::chrono::system_clock::now())); }

std::string host_name() {
  char buf[256] = {};
  return ::gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : "unknown";
}

std::string user_name() {
  const char* u = std::getenv("USER");
  return u ? u : std::to_string(::getuid());
}

std::string summary_line(const pipeline::RunResult& run) {
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

// claims_<verdict> counts; returns the summary text.
std::string count_claims(const pipeline::Analysis& a, std::map<std::string, std::size_t>& counts) {
  for (const auto v : {verify::Verdict::supported, verify::Verdict::contradicted, verify::Verdict::inconclusive})
    counts["claims_" + std::string(verify::name(v))] = 0;
  for (const auto& r : a.claims) ++counts["claims_" + std::string(verify::name(r.verdict))];
  counts["claims"] = a.claims.size();
  return std::to_string(a.claims.size()) + " claim(s): " + std::to_string(counts["claims_supported"]) + " supported, " +
         std::to_string(counts["claims_contradicted"]) + " contradicted, " +
         std::to_string(counts["claims_inconclusive"]) + " inconclusive";
}

// near_vehicles, near_seen, near_possible_only; returns the summary text.
std::string count_near(const pipeline::NearFound& found, std::map<std::string, std::size_t>& counts) {
  std::size_t seen = 0;
  for (const auto& v : found.vehicles) seen += v.observed() ? 1U : 0U;
  counts["near_vehicles"] = found.vehicles.size();
  counts["near_seen"] = seen;
  counts["near_possible_only"] = found.vehicles.size() - seen;
  return std::to_string(found.vehicles.size()) + " vehicle(s) near: " + std::to_string(seen) + " seen inside, " +
         std::to_string(found.vehicles.size() - seen) + " could have been there unobserved";
}

std::string count_analysis(const Job& job, const pipeline::Analysis& a, std::map<std::string, std::size_t>& counts) {
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
  if (!job.claims.empty()) claims_summary = "; " + count_claims(a, counts);
  return std::to_string(a.roster.shifts.size()) + " shift(s); dwells: " + std::to_string(counts["dwells_unexplained"]) +
         " unexplained, " + std::to_string(counts["dwells_incident"]) + " incident, " +
         std::to_string(counts["dwells_base"]) + " base, " + std::to_string(counts["dwells_off_duty"]) + " off duty, " +
         std::to_string(counts["dwells_duty_unknown"]) + " duty unknown; " +
         std::to_string(counts["flags"]) + " flag(s)" + claims_summary;
}

// findings and findings_<kind> counts (every kind, 0 included); returns the summary text.
std::string count_findings(const findings::Findings& found, std::map<std::string, std::size_t>& counts) {
  using findings::FindingKind;
  std::string by_kind;
  for (const auto k : {FindingKind::revisit_after_closure, FindingKind::lookup_then_visit, FindingKind::recurring_place,
                       FindingKind::listed_address_visit, FindingKind::off_duty_use, FindingKind::claim_contradicted,
                       FindingKind::long_unexplained}) {
    const std::string key = "findings_" + std::string(findings::name(k));
    counts[key] = 0;
    for (const auto& f : found.findings) counts[key] += f.kind == k ? 1 : 0;
    if (counts[key] > 0) by_kind += (by_kind.empty() ? "" : ", ") + std::to_string(counts[key]) + " " + std::string(findings::name(k));
  }
  counts["findings"] = found.findings.size();
  return "; " + std::to_string(found.findings.size()) + " finding(s)" + (by_kind.empty() ? "" : " (" + by_kind + ")");
}

void write_dwells_outputs(report::OutputDir& out, const pipeline::RunResult& run, const pipeline::PipelineConfig& config,
                          std::string dwells_table) {
  const TimeZone* zone = config.ingest.zone;
  out.write("dwells.csv", dwells_table);
  out.write("gaps.csv", report::gaps_csv(run, zone));
  out.write("rejected.csv", report::rejected_csv(run));
  out.write("warnings.csv", report::warnings_csv(run));
  if (config.keep_dwell_pings) out.write("dwell_pings.csv", report::dwell_pings_csv(run));
}

void write_claims_outputs(report::OutputDir& out, const pipeline::Analysis& a, const pipeline::AnalyseConfig& config) {
  const TimeZone* zone = config.pipeline.ingest.zone;
  out.write("claims.csv", report::claims_csv(a, zone, config.verify.reach_speed, config.pipeline.smooth));
  out.write("claim_periods.csv", report::claim_periods_csv(a, zone));
}

// Scope: what it dropped, for the manifest's results (docs/scope.md); nothing without a scope.
void count_scope(const pipeline::ScopeConfig& scope, const pipeline::Analysis& a,
                 std::map<std::string, std::size_t>& counts) {
  if (!scope.active()) return;
  const auto& run = a.run;
  counts["out_of_scope_pings"] = run.rows_out_of_scope;
  counts["out_of_scope_ping_problems"] = run.problems_out_of_scope;
  counts["withheld_problem_details"] = run.problems_withheld + a.scope_counts.problems;
  counts["out_of_scope_shifts"] = a.scope_counts.shifts;
  counts["out_of_scope_crewings"] = a.scope_counts.crewings;
  counts["out_of_scope_events"] = a.scope_counts.events;
  counts["out_of_scope_incidents"] = a.scope_counts.incidents;
  counts["out_of_scope_claims"] = a.scope_counts.claims;
  std::size_t cut = 0;
  for (const auto& v : run.vehicles)
    for (const auto& d : v.dwells) cut += (d.cut_by_scope_start || d.cut_by_scope_end) ? 1 : 0;
  counts["dwells_cut_by_scope"] = cut;
}

std::string scope_text(const pipeline::ScopeConfig& scope, const std::map<std::string, std::size_t>& counts) {
  if (!scope.active()) return {};
  const auto n = [&counts](const char* key) {
    const auto it = counts.find(key);
    return std::to_string(it == counts.end() ? 0 : it->second);
  };
  return scope.describe() + ". Left out: " + n("out_of_scope_pings") + " ping row(s), " + n("out_of_scope_shifts") +
         " shift(s), " + n("out_of_scope_events") + " event(s), " + n("out_of_scope_incidents") + " incident(s), " +
         n("out_of_scope_claims") + " claim(s); " + n("dwells_cut_by_scope") +
         " dwell(s) cut by the scope's edge; other officers are named only as co-crew (docs/scope.md).";
}

// The progress line's "writing" stage names the output being built (null progress: nothing).
void building(Progress* progress, const char* output) {
  if (progress) progress->begin_output(output);
}

HashedAgain hash_again(const ingest::InputReport& input) {
  HashedAgain h;
  h.sha256 = sha256_file(input.canonical_path.empty() ? input.path : input.canonical_path);
  for (const auto& file : input.files) {  // a -wal, a shapefile's .dbf, a VRT's sources
    try {
      h.files_sha256.push_back(sha256_file(file.canonical_path));
    } catch (const std::exception&) {
      h.files_sha256.emplace_back("unreadable");  // gone or unreadable after the run: a change
    }
  }
  return h;
}

// R3's second hashes of the inputs the pipeline has read, on a thread of their own. Hashing the
// pings again is a read of the whole file (about 0.4 s per 400 MB), which otherwise waits for the
// findings and every table. Hashing an input once it has been read is the check R3 asks for: what
// it detects is a file that changed while it was read. The basemap is still to be read (the page
// draws it), so it is hashed with the outputs. The thread works on its own copy of the input list:
// the Result that holds its future may be moved while it runs.
std::shared_future<std::vector<std::optional<HashedAgain>>> hash_read_inputs_again(
    const std::vector<ingest::InputReport>& inputs) {
  std::vector<std::optional<ingest::InputReport>> read;
  for (const auto& input : inputs) {
    if (input.role == "basemap") read.emplace_back();
    else read.emplace_back(input);
  }
  return std::async(std::launch::async, [read = std::move(read)] {
    std::vector<std::optional<HashedAgain>> hashed;
    for (const auto& input : read) {
      if (input) hashed.emplace_back(hash_again(*input));
      else hashed.emplace_back();
    }
    return hashed;
  });
}

void write_analyse_outputs(report::OutputDir& out, const Result& r, const Job& job, Progress* progress) {
  const pipeline::Analysis& a = r.analysis;
  const auto& config = r.config;
  const TimeZone* zone = config.pipeline.ingest.zone;
  const Speed speed = config.verify.reach_speed;
  const bool smoothed = config.pipeline.smooth;
  const std::set<std::string> formats = chosen_formats(job);
  // The page first: a basemap GDAL cannot warp stops the run before any file is written. It is
  // built on this thread: PROJ, which it calls, would open its database again on another.
  std::string html;
  if (formats.contains("html")) {
    building(progress, "report.html");
    report::HtmlReportOptions page;
    page.parameters = r.parameters;
    page.reach_speed = speed;
    page.smoothed = smoothed;
    page.lookup_kinds = config.match.lookup_kinds;
    page.basemap = job.basemap;
    page.findings = &r.findings;
    page.scope = scope_text(config.scope, r.counts);
    html = report::html_report(a, zone, page);
  }
  // With more than one thread, the small tables are built on a second thread while this one
  // builds dwells.csv and unexplained.csv: each only reads the analysis. They are written in the
  // same order as with one thread, so the folder, its manifest and every failure path are the
  // same. (The geodata stay one at a time below: each can be as large as the pings.)
  struct SideTables {
    std::string visits, shifts, flags, recurring, findings;
  };
  const bool parallel = config.pipeline.threads != 1 && std::thread::hardware_concurrency() > 1;
  auto side = std::async(parallel ? std::launch::async : std::launch::deferred, [&] {
    SideTables t;
    t.visits = report::visits_csv(a, zone);
    t.shifts = report::shifts_csv(a, zone);
    t.flags = report::flags_csv(a, zone);
    t.recurring = report::recurring_csv(a, r.findings.spots);
    t.findings = report::findings_csv(a, r.findings, zone, {speed, smoothed});
    return t;
  });
  building(progress, "dwells.csv and the other tables");
  report::DwellsTable dwells = report::analysed_dwells_table(a, zone);
  const std::string unexplained = report::unexplained_csv(a, dwells);
  const SideTables tables = side.get();
  write_dwells_outputs(out, a.run, config.pipeline, std::move(dwells.text));
  out.write("unexplained.csv", unexplained);
  out.write("visits.csv", tables.visits);
  out.write("shifts.csv", tables.shifts);
  out.write("flags.csv", tables.flags);
  out.write("recurring.csv", tables.recurring);
  out.write("findings.csv", tables.findings);
  if (!job.claims.empty()) {
    building(progress, "claims.csv");
    write_claims_outputs(out, a, config);
  }
  if (formats.contains("i2")) {
    building(progress, "timeline_i2.csv");
    out.write("timeline_i2.csv", report::timeline_i2_csv(a, zone, config.match.lookup_kinds));
  }
  if (formats.contains("gpkg")) {
    building(progress, "report.gpkg");
    out.write("report.gpkg", report::geopackage_bytes(a, zone, speed, smoothed, &r.findings, progress, job.params.track_steps));
  }
  if (formats.contains("geojson")) {
    building(progress, "report.geojson and geojson/");
    const report::GeoJsonFiles geojson = report::geojson_files(a, zone, speed, smoothed, &r.findings, progress, true);
    out.write("report.geojson", geojson.all);
    for (const auto& [layer, text] : geojson.layers) out.write("geojson/" + layer + ".geojson", text);
  }
  if (formats.contains("kml")) {
    building(progress, "report.kml and report.kmz");
    const report::KmlFiles kml = report::kml_files(a, zone, speed, smoothed, &r.findings, progress, true);
    out.write("report.kml", kml.kml);
    out.write("report.kmz", kml.kmz);
  }
  if (formats.contains("html")) {
    building(progress, "report.html");
    out.write("report.html", html);
  }
}

}  // namespace

Result run(const Job& job, Progress* progress) {
  Result r;
  r.command = job.command;
  r.started_utc = now_utc();
  r.wall_start = std::chrono::steady_clock::now();
  r.config = make_config(job, progress);
  r.parameters = resolved_parameters(job);
  std::optional<pipeline::NearSearch> near;
  if (job.command == Command::near) near = job_internal::near_search(job);  // refusals before the work
  // Every refusal of --out before the work, and again before the first byte (R2).
  if (!job.out.empty()) report::check_output_folder(job.out, job.force, job_internal::input_paths(job));
  if (job.command == Command::dwells) r.analysis.run = pipeline::run_dwells(r.config.pipeline);
  else if (job.command == Command::near) r.near = pipeline::run_near(r.config, *near, r.analysis);
  else r.analysis = pipeline::run_analyse(r.config);
  if (!r.config.scope.vehicles.empty()) {  // a --vehicle with no ping: a typo, not an empty finding
    const auto& registry = r.analysis.run.ingest.pings.vehicles;
    std::vector<std::string> seen;
    for (std::size_t v = 0; v < registry.size(); ++v) seen.push_back(registry.name(static_cast<VehicleIndex>(v)));
    pipeline::check_scope_vehicles(r.config.scope, seen);
  }
  // A scope that keeps no ping at all (--officer never in --vehicle, --from after the data) would
  // write "0 finding(s)", which reads as "nothing found": it is a usage error, as a typo'd id is.
  if (r.config.scope.active() && r.analysis.run.vehicles.empty() && r.analysis.run.rows_out_of_scope > 0)
    throw UsageError("the scope keeps no ping (" + r.config.scope.describe() + "): all " +
                     std::to_string(r.analysis.run.rows_out_of_scope) +
                     " usable pings are outside it, so the run could find nothing; check --officer, --vehicle, "
                     "--from and --to (docs/scope.md)");
  // A table with no usable row, or with more rejected rows than --max-rejected allows (claims: none
  // without it), stops the run before anything is written (exit 3, issue 13 defect 13).
  if (const std::string why = job_internal::unusable_table(r.analysis.run); !why.empty()) throw InputError(why);
  if (const std::string why = job_internal::table_over_limit(r.analysis.run, job.params.max_rejected); !why.empty())
    throw InputError(why);
  r.summary = summary_line(r.analysis.run);
  if (!job.out.empty() && r.config.pipeline.threads != 1 && std::thread::hardware_concurrency() > 1)
    r.hashed_again = hash_read_inputs_again(r.analysis.run.ingest.inputs);
  if (job.command == Command::analyse) {
    auto& spots = r.findings_config.spots;  // recurring spots (docs/findings.md)
    spots.radius = job.params.spot_radius;
    spots.min_visits = job.params.spot_min_visits;
    spots.shared_officers = job.params.shared_spot_officers;
    spots.zone = r.config.pipeline.ingest.zone;
    r.findings_config.long_dwell = job.params.long_dwell;
    r.findings_config.min_share = job.params.min_duty_overlap;
    if (progress) progress->stage = Progress::Stage::matching;
    r.findings = findings::find_findings(r.analysis, r.findings_config);
    if (job.params.robustness) findings::assess_robustness(r.config, r.analysis, r.findings_config, r.findings);
  }
  if (job.command == Command::analyse) r.extra_summary = count_analysis(job, r.analysis, r.counts) + count_findings(r.findings, r.counts);
  if (job.command == Command::verify) r.extra_summary = count_claims(r.analysis, r.counts);
  if (job.command == Command::near) r.extra_summary = count_near(r.near, r.counts);
  count_scope(r.config.scope, r.analysis, r.counts);
  if (r.config.scope.active()) r.summary += "; scope: " + r.config.scope.describe();
  return r;
}

Written write_output_folder(const Result& r, const Job& job, Progress* progress) {
  if (job.out.empty()) throw UsageError("--out: no output folder given");
  if (progress) progress->stage = Progress::Stage::writing;
  report::OutputDir out(job.out, job.force, job_internal::input_paths(job));
  const auto& run = r.analysis.run;
  if (job.command != Command::analyse) building(progress, job.command == Command::near ? "near.csv" : "dwells.csv");
  switch (job.command) {
    case Command::dwells:
      write_dwells_outputs(out, run, r.config.pipeline, report::dwells_csv(run, r.config.pipeline.ingest.zone));
      break;
    case Command::analyse: write_analyse_outputs(out, r, job, progress); break;
    case Command::verify:
      write_dwells_outputs(out, run, r.config.pipeline, report::dwells_csv(run, r.config.pipeline.ingest.zone));
      write_claims_outputs(out, r.analysis, r.config);
      break;
    case Command::near:
      out.write("near.csv", report::near_csv(r.near, r.analysis, r.config.pipeline.ingest.zone, !job.shifts.empty()));
      out.write("rejected.csv", report::rejected_csv(run));
      out.write("warnings.csv", report::warnings_csv(run));
      break;
  }

  report::ManifestData m;
  m.command = std::string(name(job.command));
  m.argv = job.argv;
  if (m.argv.empty()) {  // a job built in code: the command line that makes it
    m.argv = to_args(job);
    m.argv.insert(m.argv.begin(), "shiftline");
  }
  m.parameters = r.parameters;
  m.run = &run;
  m.result_counts = r.counts;
  Written written;
  building(progress, "manifest.json (every input hashed again)");
  static const std::vector<std::optional<HashedAgain>> none;
  const auto& early = r.hashed_again.valid() ? r.hashed_again.get() : none;
  for (std::size_t i = 0; i < run.ingest.inputs.size(); ++i) {  // R3: every input hashed again, where it was read
    const auto& input = run.ingest.inputs[i];
    const HashedAgain again = i < early.size() && early[i] ? *early[i] : hash_again(input);
    m.sha256_after.push_back(again.sha256);
    if (again.sha256 != input.sha256_before)
      written.inputs_changed += (written.inputs_changed.empty() ? "" : ", ") + input.path;
    m.files_sha256_after.push_back(again.files_sha256);
    for (std::size_t f = 0; f < input.files.size(); ++f)
      if (again.files_sha256[f] != input.files[f].sha256_before)
        written.inputs_changed += (written.inputs_changed.empty() ? "" : ", ") + input.files[f].path;
  }
  m.outputs = out.written();
  m.facts.started_utc = r.started_utc;
  m.facts.finished_utc = now_utc();
  m.facts.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - r.wall_start).count();
  m.facts.host = host_name();
  m.facts.user = user_name();
  m.facts.threads = job.threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : job.threads;
  written.manifest_sha256 = out.write("manifest.json", report::manifest_json(m)).sha256;
  out.commit();  // the folder moves into place whole, manifest included, or not at all
  written.folder = out.path();
  written.files = out.written();

  return written;
}

void check_written(const Written& w) {
  if (!w.inputs_changed.empty()) throw InputChangedError(w.inputs_changed + ": SHA-256 differs from when it was read");
}

Written write_outputs(const Result& r, const Job& job, Progress* progress) {
  Written w = write_output_folder(r, job, progress);
  check_written(w);
  return w;
}

}  // namespace shiftline
