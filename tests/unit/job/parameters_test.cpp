// The parameter table is the one place a parameter is declared: its default is the engine's, and
// --help, the manifest's keys and docs/cli.md's flag tables are derived from it. These tests fail
// when any of them disagree.
//
// docs/cli.md holds each command's flag table between `<!-- flags:COMMAND -->` and
// `<!-- /flags:COMMAND -->`. After changing the table, regenerate them with
// `SHIFTLINE_UPDATE_DOCS=1 ctest --test-dir build -R ParameterTable.DocsFlagTables` and read the diff.
#include <gtest/gtest.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "job/command_line_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/job/job.hpp"

namespace shiftline {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kCliDocs = std::string(SHIFTLINE_SOURCE_DIR) + "/docs/cli.md";

// The text between the markers of `command`'s table, or nullopt when a marker is missing.
std::optional<std::string> docs_block(const std::string& docs, Command command, std::size_t* from = nullptr,
                                      std::size_t* to = nullptr) {
  const std::string open = "<!-- flags:" + std::string(name(command)) + " -->\n";
  const std::string close = "<!-- /flags:" + std::string(name(command)) + " -->";
  const auto a = docs.find(open);
  const auto b = docs.find(close);
  if (a == std::string::npos || b == std::string::npos || b < a) return std::nullopt;
  if (from) *from = a + open.size();
  if (to) *to = b;
  return docs.substr(a + open.size(), b - a - open.size());
}

TEST(ParameterTable, DocsFlagTables) {
  std::string docs = read_file(kCliDocs);
  ASSERT_FALSE(docs.empty()) << kCliDocs;
  const bool update = std::getenv("SHIFTLINE_UPDATE_DOCS") && std::string(std::getenv("SHIFTLINE_UPDATE_DOCS")) == "1";
  for (const Command c : {Command::dwells, Command::analyse, Command::verify, Command::near}) {
    std::size_t from = 0, to = 0;
    const auto block = docs_block(docs, c, &from, &to);
    ASSERT_TRUE(block) << "docs/cli.md has no <!-- flags:" << name(c) << " --> block";
    const std::string want = flag_table_markdown(c);
    if (update) {
      docs.replace(from, to - from, want);
    } else {
      EXPECT_EQ(*block, want) << "docs/cli.md's flag table of `" << name(c)
                              << "` is not the parameter table's: regenerate it (see the top of this file)";
    }
  }
  if (update) std::ofstream(kCliDocs, std::ios::binary) << docs;
}

// Every parameter a command takes appears in exactly one docs table that command's section reads,
// with the default --help prints.
TEST(ParameterTable, EveryParameterIsDocumentedWithItsDefault) {
  const std::string docs = read_file(kCliDocs);
  for (const ParameterSpec& s : parameter_table()) {
    if (!s.commands.has(Command::dwells) && !s.commands.has(Command::analyse) && !s.commands.has(Command::verify) &&
        !s.commands.has(Command::near))
      continue;
    const std::string row = "| `" + s.flag();
    EXPECT_NE(docs.find(row), std::string::npos) << s.flag() << " is not in docs/cli.md";
  }
}

// --help shows each parameter with the default the manifest records.
TEST(ParameterTable, HelpShowsTheTablesDefaults) {
  CLI::App app{"shiftline"};
  const auto commands = job_internal::add_run_commands(app);
  for (const auto& sub : commands->subcommands) {
    const std::string help = sub.app->help();
    for (const ParameterSpec& s : parameter_table()) {
      if (!s.commands.has(sub.command)) continue;
      EXPECT_NE(help.find(s.flag()), std::string::npos) << name(sub.command) << " --help lacks " << s.flag();
      if (s.kind != ParameterKind::value || s.default_text().empty()) continue;
      EXPECT_NE(help.find("default " + s.default_text()), std::string::npos)
          << name(sub.command) << " --help: " << s.flag() << " without its default " << s.default_text();
    }
  }
}

// The defaults are the engine's own (one place each), as the manifest writes them. Values worked
// out from the config structs' documented defaults.
TEST(ParameterTable, DefaultsAreTheEngines) {
  const auto d = [](std::string_view n) { return find_parameter(n)->default_text(); };
  EXPECT_EQ(d("gap"), "300s");
  EXPECT_EQ(d("dwell-radius"), "50.000");
  EXPECT_EQ(d("min-dwell"), "120s");
  EXPECT_EQ(d("max-diameter"), "100.000");
  EXPECT_EQ(d("max-bridge"), "43200s");
  EXPECT_EQ(d("max-speed-kmh"), "250.000");
  EXPECT_EQ(d("reach-speed-kmh"), "200.000");
  EXPECT_EQ(d("presence-tolerance"), "60s");
  EXPECT_EQ(d("roster-tolerance"), "120s");
  EXPECT_EQ(d("lookup-window"), "604800s");
  EXPECT_EQ(d("formats"), "geojson,gpkg,html,i2,kml");
  EXPECT_EQ(d("time-window"), "1980-01-06T00:00:00Z/2100-01-01T00:00:00Z");
  EXPECT_EQ(d("position-margin"), "each ping's accuracy_m, else 10.000");
  EXPECT_EQ(d("crs"), "EPSG:4326 (lat,lon)");
  EXPECT_EQ(d("max-rejected"), "none");
  // And the engine's config structs hold the same values.
  EXPECT_EQ(Params{}.dwell_radius, dwell::DwellConfig{}.radius);
  EXPECT_EQ(Params{}.reach_speed.metres_per_second, verify::VerifyConfig{}.reach_speed.metres_per_second);
  EXPECT_EQ(Params{}.gap, reconstruct::GapConfig{}.gap);
}

// The manifest keys of each command: the recorded parameters it takes, nothing else.
TEST(ParameterTable, ManifestKeysPerCommand) {
  Job j;
  j.command = Command::dwells;
  std::set<std::string> keys;
  for (const auto& [k, v] : resolved_parameters(j)) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"ambiguous", "crs", "csv-delimiter", "date-order", "default-vehicle", "dwell-method",
                                         "dwell-pings", "dwell-radius", "gap", "layer", "map", "max-bridge",
                                         "max-diameter", "max-rejected", "max-speed-kmh", "min-dwell",
                                         "no-rollover-check", "smooth", "smooth-accel", "smooth-accuracy-m",
                                         "time-format", "time-window", "tz",
                                         // scope (docs/scope.md)
                                         "from", "officer", "scope-margin", "to", "vehicle"}));
  j.command = Command::verify;
  keys.clear();
  for (const auto& [k, v] : resolved_parameters(j)) keys.insert(k);
  for (const char* k : {"reach-speed-kmh", "position-margin", "min-visit", "presence-tolerance", "roster-tolerance",
                        "place-radius"})
    EXPECT_TRUE(keys.contains(k)) << k;
  EXPECT_FALSE(keys.contains("incident-radius"));
  EXPECT_FALSE(keys.contains("formats"));
}

// Range checks come from the table: non-finite or out-of-range values are refused, naming the flag.
TEST(ParameterTable, RefusesBadValuesNamingTheFlag) {
  const auto refused = [](std::vector<std::string> args, const std::string& flag) {
    try {
      (void)Job::from_args(args);
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(flag), std::string::npos) << e.what();
      return true;
    }
    return false;
  };
  const std::vector<std::string> base{"dwells", "--pings", "p.csv", "--out", "o"};
  const auto with = [&](std::string flag, std::string value) {
    auto a = base;
    a.push_back(flag);
    a.push_back(value);
    return a;
  };
  EXPECT_TRUE(refused(with("--max-speed-kmh", "nan"), "--max-speed-kmh"));
  EXPECT_TRUE(refused(with("--max-speed-kmh", "0"), "--max-speed-kmh"));
  EXPECT_TRUE(refused(with("--max-diameter", "nan"), "--max-diameter"));
  EXPECT_TRUE(refused(with("--dwell-radius", "-1"), "--dwell-radius"));
  EXPECT_TRUE(refused(with("--smooth-accel", "1e200"), "--smooth-accel"));
  EXPECT_TRUE(refused(with("--max-rejected", "nan%"), "--max-rejected"));
  EXPECT_TRUE(refused(with("--gap", "five"), "--gap"));
  EXPECT_TRUE(refused(with("--tz", "Mars/Olympus"), "--tz"));
  EXPECT_TRUE(refused(with("--map", "nosuchtable.x=y"), "--map"));
  // Two columns for one field: the last would win silently (review of issue 14).
  auto twice = with("--map", "pings.lat=LAT");
  twice.insert(twice.end(), {"--map", "pings.lat=Lng"});
  EXPECT_TRUE(refused(twice, "a second --map for pings.lat (the first was pings.lat=LAT)"));
  auto two_fields = with("--map", "pings.lat=A");
  two_fields.insert(two_fields.end(), {"--map", "pings.lon=B"});
  EXPECT_FALSE(refused(two_fields, "--map"));
  EXPECT_FALSE(refused(with("--dwell-radius", "0.5"), "--dwell-radius"));
}

// A job built field by field and one parsed from its to_args() words are the same run.
TEST(ParameterTable, ToArgsRoundTrips) {
  Job j;
  j.command = Command::analyse;
  j.pings = {"a.csv", "b.csv"};
  j.shifts = "s.csv";
  j.params.dwell_radius = Meters{75};
  j.params.tz = "Europe/London";
  j.params.time_window = "2024-01-01T00:00:00Z/2025-01-01T00:00:00Z";
  j.params.formats = {"html"};
  j.params.smooth = true;
  j.params.position_margin = Meters{12.5};
  j.params.map = {"shifts.officer_id=collar"};
  j.out = "o";
  const Job back = Job::from_args(to_args(j));
  EXPECT_EQ(back.pings, j.pings);
  EXPECT_EQ(back.shifts, j.shifts);
  const auto a = resolved_parameters(j), b = resolved_parameters(back);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [k, v] : a) EXPECT_EQ(v.value, b.at(k).value) << k;
  EXPECT_EQ(a.at("dwell-radius").source, "set by the caller");
  EXPECT_EQ(b.at("dwell-radius").source, "command line");
  EXPECT_EQ(b.at("gap").source, "default");
}

}  // namespace
}  // namespace shiftline

namespace shiftline {
namespace {

// Issue 13, defect 12: every number of the table has a finite range (the unit says it is a number;
// --threads is the one without a unit), and the default lies inside it.
TEST(ParameterTable, Defect12_EveryNumberHasAFiniteRangeHoldingItsDefault) {
  for (const ParameterSpec& s : parameter_table()) {
    if (s.unit.empty() && s.name != "threads" && s.name != "max-rejected") continue;
    SCOPED_TRACE(s.flag());
    EXPECT_GT(s.min, -1e300);
    EXPECT_LT(s.max, 1e300);
    EXPECT_NE(range_text(s), "-");
    Job j;
    EXPECT_NO_THROW(if (s.check) s.check(s, j));
  }
}

// Issue 13, defect 22: --time-window's documented range is core/time.hpp's accepted range.
TEST(ParameterTable, Defect22_TimeWindowRangeIsTheAcceptedRange) {
  const std::string range = range_text(*find_parameter("time-window"));
  EXPECT_NE(range.find("[" + format_utc(kTimeRangeStart) + ", " + format_utc(kTimeRangeEnd) + ")"), std::string::npos)
      << range;
}

}  // namespace
}  // namespace shiftline
