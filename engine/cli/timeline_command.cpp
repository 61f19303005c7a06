// `shiftline timeline --from DIR --officer ID --date DAY --out FILE.svg|.png|.pdf`: one officer-day
// timeline on its own, for a case file (docs/cli.md).
//
// The timeline is drawn from the run DIR/manifest.json records, repeated: the same inputs (found
// by their canonical paths and refused when their SHA-256 differs from the manifest's) and the same
// parameters (the recorded command line, parsed by this build). So the picture is the one in DIR's
// report.html, and the footnote under it says which run it came from. Reading the CSV tables
// back instead would need a second reader of every record a timeline shows, and would trust
// files an analyst may have opened and saved in a spreadsheet.
#include <CLI/CLI.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "cli/messages_internal.hpp"
#include "cli/options_internal.hpp"
#include "job/command_line_internal.hpp"
#include "shiftline/build_info.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/temporary.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/job/reproduce.hpp"
#include "shiftline/report/output_dir.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/report/manifest.hpp"
#include "shiftline/report/png.hpp"
#include "shiftline/report/timeline_svg.hpp"

namespace shiftline::cli {
namespace {

namespace fs = std::filesystem;

struct TimelineFlags {
  std::string from;
  std::string officer;
  std::string date;
  std::string out;
  double png_scale = 2.0;
  bool force = false;
  bool quiet = false;
};

std::chrono::year_month_day day_flag(const std::string& text) {
  const CivilParse parsed = text.size() == 10 ? parse_iso8601(text + "T00:00:00Z") : CivilParse{};
  const std::chrono::year_month_day day{std::chrono::year{parsed.time.year}, std::chrono::month{parsed.time.month},
                                        std::chrono::day{parsed.time.day}};
  if (text.size() != 10 || !parsed.ok() || !day.ok())
    throw UsageError("--date '" + text + "': not a calendar date (YYYY-MM-DD, the local day in the run's --tz)");
  return day;
}

void check_officer(const pipeline::Analysis& a, const std::string& officer) {
  std::set<std::string> known;
  for (const auto& s : a.tables.shifts) known.insert(s.officer_id);
  for (const auto& s : a.tables.assignments) known.insert(s.officer_id);
  if (known.contains(officer)) return;
  std::string list;
  std::size_t shown = 0;
  for (const auto& k : known) {
    if (shown++ == 10) {
      list += ", ...";
      break;
    }
    list += (list.empty() ? "" : ", ") + k;
  }
  throw UsageError("--officer '" + officer + "': no shift or assignment in the case (officers: " + list + ")");
}

// Where the picture may go, checked before the work: never over an input, never over a file in
// the run's folder (its manifest lists them), never over an existing file without --force.
void check_exhibit_path(const std::string& path, bool force, const report::RecordedRun& run, const std::string& dir) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(path, ec);
  if (ec) throw OutputError(path + ": cannot resolve the path (" + ec.message() + ")");
  for (const auto& input : run.inputs)
    if (!input.canonical_path.empty() && fs::path(input.canonical_path) == target)
      throw OutputError(path + ": is an input of the run; inputs are never written");
  const bool exists = fs::exists(target, ec);
  if (exists && target.parent_path() == fs::weakly_canonical(dir, ec))
    throw OutputError(path + ": is a file in " + dir + ", the run's folder; choose another name");
  if (exists && !force) throw OutputError(path + ": exists (use --force to replace it)");
}

// The picture is written whole or not at all, never through a planted link (WholeFile).
void write_exhibit(const std::string& path, const std::string& bytes) { write_whole_file(path, bytes); }

int run_timeline(const TimelineFlags& f) {
  const std::string extension = fs::path(f.out).extension().string();
  if (extension != ".svg" && extension != ".png" && extension != ".pdf")
    throw UsageError("--out '" + f.out + "': the name must end in .svg, .png or .pdf");
  const auto day = day_flag(f.date);
  const std::string manifest = (fs::path(f.from) / "manifest.json").string();
  const RecordedJob repeated = recorded_job(manifest);  // the same machinery as `shiftline reproduce`
  const report::RecordedRun& recorded = repeated.recorded;
  if (repeated.job.command != Command::analyse)
    throw UsageError(manifest + ": written by `" + recorded.subcommand +
                     "`; a timeline needs the output folder of `analyse` (shifts, dwells and classes)");
  check_exhibit_path(f.out, f.force, recorded, f.from);
  pipeline::AnalyseConfig config = make_config(repeated.job);
  config.pipeline.keep_tracks = false;
  pipeline::Analysis a = pipeline::run_analyse(config);
  match_recorded_inputs(repeated, a);
  check_officer(a, f.officer);

  report::TimelineStyle style;
  style.lookup_kinds = config.match.lookup_kinds;
  style.reach_speed = config.verify.reach_speed;
  // No path of this machine (the exhibit goes into a case file, and the run's folder may be moved):
  // the whole digest identifies the manifest beyond doubt, and the same run gives the same bytes
  // however --from was spelled.
  style.footnote = "From the run's manifest.json (SHA-256 " + recorded.sha256 + ", shiftline " +
                   recorded.tool_version + "); inputs checked unchanged; drawn by shiftline " + build_info::version +
                   " (" + std::string(build_info::git_commit).substr(0, 12) + ")";
  const std::string svg = report::officer_day_svg(a, config.pipeline.ingest.zone, f.officer, day, style);
  write_exhibit(f.out, extension == ".png"   ? report::svg_to_png(svg, f.png_scale)
                       : extension == ".pdf" ? report::svg_to_pdf(svg)
                                             : svg);
  if (!f.quiet) {
    if (recorded.tool_version != build_info::version || recorded.tool_commit != build_info::git_commit)
      say("note: " + manifest + " was written by shiftline " + recorded.tool_version + " (" + recorded.tool_commit +
          "); this is " + build_info::version + " (" + build_info::git_commit + ")");
    say("wrote " + f.out + " (" + f.officer + " on " + report::format_day(day) + ", from " + manifest + ")");
  }
  return 0;
}

}  // namespace

std::function<int()> add_timeline_command(CLI::App& app) {
  auto flags = std::make_shared<TimelineFlags>();
  CLI::App* cmd = app.add_subcommand(
      "timeline", "One officer-day timeline as SVG or PNG, repeated from an `analyse` output folder's manifest");
  cmd->add_option("--from", flags->from, "Output folder of `analyse` (its manifest.json is read)")
      ->required()
      ->check(job_internal::utf8_path());
  cmd->add_option("--officer", flags->officer, "Officer id, as in the shifts table")->required();
  cmd->add_option("--date", flags->date, "Local calendar day in the run's --tz, YYYY-MM-DD")->required();
  cmd->add_option("--out", flags->out, "File to write: .svg, .png or .pdf (rendered with librsvg and cairo)")
      ->required()
      ->check(job_internal::utf8_path());
  cmd->add_option("--png-scale", flags->png_scale, "PNG pixels per SVG pixel (default 2)")->check(CLI::PositiveNumber);
  cmd->add_flag("--force", flags->force, "Replace --out when it exists");
  cmd->add_flag("--quiet", flags->quiet, "No summary on stderr");
  return [cmd, flags] { return cmd->parsed() ? run_timeline(*flags) : -1; };
}

}  // namespace shiftline::cli
