// The `shiftline` program: argument handling, the progress line, the summary on stderr. Every run
// command (dwells, analyse, verify) is a library call (shiftline/job/job.hpp); its flags come from
// the parameter table (shiftline/job/parameters.hpp).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// GCC 12 reports a false -Wnull-dereference inside CLI11's string splitting once it is inlined
// here; the diagnostic is attributed to CLI11's own lines, so it is silenced for them only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>

#include "cli/messages_internal.hpp"
#include "cli/options_internal.hpp"
#include "cli/progress_display.hpp"
#include "job/command_line_internal.hpp"
#include "shiftline/build_info.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/temporary.hpp"
#include "shiftline/job/job.hpp"
#include "shiftline/job/reproduce.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/pipeline/synth.hpp"
#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/display_names.hpp"
#include "shiftline/report/output_dir.hpp"

namespace shiftline::cli {
namespace {

Millis duration_flag(const std::string& flag, const std::string& text) {
  const auto d = parse_duration(text);
  if (!d) throw UsageError(flag + " '" + text + "': not a duration (90, 90s, 15min, 2h, 7d)");
  return *d;
}

Instant instant_flag(const std::string& flag, const std::string& text, const TimeZone* zone) {
  ProblemSink sink;
  ingest::TimeRules rules;
  rules.zone = zone;
  // Any time Shiftline reads at all (core/time.hpp); outside it is exit 2.
  rules.window_start = kTimeRangeStart;
  rules.window_end = kTimeRangeEnd;
  const auto t = ingest::parse_time_field(text, rules, SourceRef{}, flag, sink);
  if (!t) throw UsageError(flag + ": " + (sink.problems().empty() ? "bad time" : sink.problems().front().detail));
  return *t;
}

// The progress line of one run: counters the library updates, and the display while it lives.
struct Watch {
  Progress progress;
  std::unique_ptr<ProgressDisplay> display;

  void start(const Job& job) {
    std::uint64_t total = 0;
    for (const auto& path : job.pings) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      if (!ec) total += size;
    }
    progress.bytes_total = total;
    display = std::make_unique<ProgressDisplay>(progress, !job.quiet && ProgressDisplay::terminal());
  }
  /// Erases the line before the summary is printed.
  void stop() { display.reset(); }
};

int run_job(const Job& job) {
  Watch watch;
  watch.start(job);
  const Result result = run(job, &watch.progress);
  const Written written = write_output_folder(result, job, &watch.progress);
  watch.stop();
  if (!job.quiet) {
    say(result.summary);
    if (!result.extra_summary.empty()) say(result.extra_summary);
    say("wrote " + written.folder + " (manifest.json sha256 " + written.manifest_sha256 + ")");
  }
  check_written(written);
  return 0;
}

// `where` reads pings exactly as the run commands do: its flags are the table's reading ones.
struct WhereCommand {
  CLI::App* app = nullptr;
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> list;
  std::map<std::string, bool> flag;
  std::map<std::string, CLI::Option*> option;
  std::string vehicle, at;
};

std::unique_ptr<WhereCommand> add_where_command(CLI::App& app) {
  auto w = std::make_unique<WhereCommand>();
  w->app = app.add_subcommand("where", "Position of a vehicle at an instant, with the bracketing pings");
  for (const ParameterSpec& s : parameter_table()) {
    if (!s.commands.has_where()) continue;
    const std::string key(s.name);
    const std::string help(s.help);
    CLI::Option* o = s.kind == ParameterKind::flag                                       ? w->app->add_flag(s.flag(), w->flag[key], help)
                     : s.kind == ParameterKind::list || s.name == "pings" ? w->app->add_option(s.flag(), w->list[key], help)
                                                                         : w->app->add_option(s.flag(), w->text[key], help);
    if (s.required.has_where()) o->required();
    if (job_internal::names_a_path(s)) o->check(job_internal::utf8_path());
    w->option[key] = o;
  }
  w->app->add_option("--vehicle", w->vehicle, "Vehicle id")->required();
  w->app->add_option("--at", w->at, "Instant (ISO 8601; naive local time with --tz)")->required();
  return w;
}

int run_where_command(const WhereCommand& w) {
  Job job;  // read as `dwells` reads
  for (const ParameterSpec& s : parameter_table()) {
    const std::string key(s.name);
    const auto o = w.option.find(key);
    if (o == w.option.end() || o->second->count() == 0) continue;
    if (const auto l = w.list.find(key); l != w.list.end())
      for (const auto& t : l->second) s.parse(s, t, job);
    else if (const auto t = w.text.find(key); t != w.text.end())
      s.parse(s, t->second, job);
    else
      s.parse(s, "", job);
  }
  const pipeline::PipelineConfig config = make_config(job).pipeline;
  const Instant at = instant_flag("--at", w.at, config.ingest.zone);
  const auto loaded = pipeline::load_vehicle_track(config, w.vehicle);
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
  csv.text(w.vehicle).text(format_utc(at)).text(format_local(zone, at));
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

// FILE is written whole or not at all, like every output, never through a planted link (WholeFile).
template <typename Fill>
void write_whole(const std::string& path, Fill fill) {
  WholeFile file(path);
  fill(file.out());
  file.commit();
}

int run_synth_command(const pipeline::SynthConfig& config, const std::string& out_path, const std::string& truth_path) {
  std::vector<pipeline::PlantedDwell> planted;
  write_whole(out_path, [&](std::ostream& out) { planted = pipeline::write_synthetic_fleet(config, out); });
  if (!truth_path.empty()) {
    std::string text;
    report::CsvWriter csv(text);
    csv.header({"vehicle_id", "start", "end", "lat", "lon"});
    for (const auto& d : planted) {
      csv.text(d.vehicle_id).text(format_utc(d.start)).text(format_utc(d.end)).fixed(d.location.lat, 7).fixed(d.location.lon, 7);
      csv.end_row();
    }
    write_whole(truth_path, [&](std::ostream& out) { out << text; });
  }
  return 0;
}

struct ReproduceFlags {
  std::string manifest;
  std::string out;
  std::vector<std::string> inputs;
  bool quiet = false;
};

int run_reproduce_command(const ReproduceFlags& f) {
  const Reproduction r = reproduce(f.manifest, f.out, f.inputs);
  if (!r.differences.empty()) {
    std::printf("not reproduced: %zu of %zu outputs byte-identical\n", r.identical, r.outputs);
    for (const auto& d : r.differences) std::printf("  %s\n", d.c_str());
    throw NotReproducedError(r.differences.front());
  }
  std::printf("reproduced: %zu of %zu outputs byte-identical\n", r.identical, r.outputs);
  if (!f.quiet && !f.out.empty()) say("wrote " + r.folder);
  return 0;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"shiftline: vehicle location tracks, gaps and dwells, with evidence-grade provenance"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("shiftline ") + build_info::version + " (" + build_info::git_commit + ")");
  const auto run_commands = job_internal::add_run_commands(app);
  const auto where = add_where_command(app);

  CLI::App* synth = app.add_subcommand("synth", "Write a deterministic synthetic fleet with known dwells");
  pipeline::SynthConfig synth_config;
  std::string synth_out;
  std::string synth_truth;
  synth->add_option("--pings", synth_config.pings, "Number of pings")->required();
  synth->add_option("--vehicles", synth_config.vehicles, "Number of vehicles");
  synth->add_option("--seed", synth_config.seed, "Seed");
  synth->add_option("--out", synth_out, "CSV to write")->required()->check(job_internal::utf8_path());
  synth->add_option("--truth", synth_truth, "Also write the planted dwells to this CSV")->check(job_internal::utf8_path());
  std::string synth_start;
  std::string synth_interval;
  synth->add_option("--start", synth_start, "First instant (ISO 8601 with offset; default 2024-03-01T00:00:00Z)");
  synth->add_option("--interval", synth_interval, "Time between pings of one vehicle (default 15s)");
  synth->add_option("--gaps-per-vehicle", synth_config.gaps_per_vehicle, "Silences planted per vehicle (default 0)");

  ReproduceFlags reproduce_flags;
  CLI::App* reproduce_cmd = app.add_subcommand(
      "reproduce", "Repeat a recorded run from its manifest and compare every output with the recorded digest");
  reproduce_cmd->add_option("manifest", reproduce_flags.manifest, "manifest.json of the run, or its output folder")
      ->required()
      ->check(job_internal::utf8_path());
  reproduce_cmd
      ->add_option("--out", reproduce_flags.out,
                   "Write the repeated run's outputs here (default: a temporary folder, removed after)")
      ->check(job_internal::utf8_path());
  reproduce_cmd
      ->add_option("--inputs", reproduce_flags.inputs, "Folder to find moved inputs in, by file name and SHA-256; repeatable")
      ->check(job_internal::utf8_path());
  reproduce_cmd->add_flag("--quiet", reproduce_flags.quiet, "Nothing on stderr");

  const std::function<int()> synth_case = add_synth_case_command(app);
  const std::function<int()> timeline = add_timeline_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Through say(), as every message: a flag's text may hold escape sequences.
    say(std::string(e.what()) + " (run with --help for more information)");
    return static_cast<int>(ExitCode::usage);
  }
  if (auto job = job_internal::parsed_job(*run_commands, std::vector<std::string>(argv, argv + argc)))
    return run_job(*job);
  if (where->app->parsed()) return run_where_command(*where);
  if (synth->parsed()) {
    if (!synth_start.empty()) synth_config.start = instant_flag("--start", synth_start, nullptr);
    if (!synth_interval.empty()) synth_config.interval = duration_flag("--interval", synth_interval);
    return run_synth_command(synth_config, synth_out, synth_truth);
  }
  if (reproduce_cmd->parsed()) return run_reproduce_command(reproduce_flags);
  if (const int rc = synth_case(); rc >= 0) return rc;
  if (const int rc = timeline(); rc >= 0) return rc;
  return static_cast<int>(ExitCode::usage);
}

}  // namespace shiftline::cli
