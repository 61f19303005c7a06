// Every parameter of a run, declared once (docs/cli.md's flag tables are generated from here and
// checked by a test).
//
// A parameter has a name (the flag without "--", also its key in manifest.json), a typed field in
// Params or Job whose default is the engine's own default (so each default is written once, beside
// the rule it tunes), a unit, a one-line help text, the commands that take it, and two functions:
// `parse` turns the command line's text into the field (range-checked; UsageError names the flag)
// and `format` writes the field as the manifest records it. The command line, --help ("default"
// is format() of a default Job), the manifest's "parameters" section and the re-reading of a
// recorded run all go through the table.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/findings/findings.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/match/match.hpp"
#include "shiftline/pipeline/near.hpp"
#include "shiftline/pipeline/scope.hpp"
#include "shiftline/reconstruct/smooth.hpp"
#include "shiftline/reconstruct/track.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline {

/// The commands that run the pipeline and write an output folder (append-only: a value is a bit of
/// CommandSet).
enum class Command : std::uint8_t { dwells, analyse, verify, near };
[[nodiscard]] std::string_view name(Command c) noexcept;
[[nodiscard]] std::optional<Command> command_named(std::string_view text) noexcept;

/// The parameters of a run, typed, each with its default. Defaults come from the engine's config
/// structs, where each is explained.
struct Params {
  // Reading the inputs (docs/input-formats.md, docs/time.md).
  std::vector<std::string> map;  ///< --map TABLE.FIELD=COLUMN, in the order given
  std::string crs;               ///< CRS of x,y columns of every table; empty: none given
  /// --crs TABLE=CRS: the CRS of one table's x,y columns (pings, places, incidents, claims),
  /// instead of `crs`. lat,lon columns are WGS84 whatever is given.
  std::map<std::string, std::string> crs_by_table;
  ingest::TimeFormat time_format = ingest::IngestConfig{}.time_format;
  std::string tz;                ///< IANA zone for naive local times; empty: none
  AmbiguityPolicy ambiguous = ingest::IngestConfig{}.ambiguous;
  ingest::DateOrder date_order = ingest::IngestConfig{}.date_order;
  std::string time_window;       ///< START/END as given; empty: IngestConfig's window
  std::string csv_delimiter;     ///< one character, "\t" or "tab"; empty: detected per file
  std::string default_vehicle;
  std::string layer;
  // Cleaning and smoothing (docs/cleaning.md, docs/smoothing.md).
  double max_speed_kmh = clean::CleanConfig{}.max_speed_kmh;
  bool no_rollover_check = !clean::CleanConfig{}.detect_week_rollover;
  bool smooth = false;
  Meters smooth_accuracy = reconstruct::SmoothConfig{}.default_accuracy;
  double smooth_accel = reconstruct::SmoothConfig{}.acceleration_psd;  ///< m^2/s^3
  // Gaps and dwells (docs/dwells.md).
  Millis gap = reconstruct::GapConfig{}.gap;
  dwell::Method dwell_method = dwell::DwellConfig{}.method;
  Meters dwell_radius = dwell::DwellConfig{}.radius;
  Millis min_dwell = dwell::DwellConfig{}.min_duration;
  Meters max_diameter = dwell::DwellConfig{}.max_diameter;
  Millis max_bridge = dwell::DwellConfig{}.max_bridge;
  std::string max_rejected;  ///< "N" rows or "P%" of rows read; empty: no limit
  bool dwell_pings = false;  ///< also write dwell_pings.csv
  // analyse (docs/analyse.md).
  Meters place_radius = ingest::CaseTablesConfig{}.place_radius;
  Meters incident_radius = ingest::CaseTablesConfig{}.incident_radius;
  Millis incident_default_length = ingest::CaseTablesConfig{}.incident_default_length;
  Millis incident_before = match::MatchConfig{}.incident_before;
  Millis incident_after = match::MatchConfig{}.incident_after;
  bool incident_match_any_unit = match::MatchConfig{}.any_unit;
  std::vector<std::string> lookup_kinds = match::MatchConfig{}.lookup_kinds;  ///< sorted
  Millis lookup_window = match::MatchConfig{}.lookup_window;
  Millis revisit_within = match::MatchConfig{}.revisit_within;
  Millis min_duty_overlap = match::MatchConfig{}.min_duty_overlap;
  Meters nearest_incident_within = match::MatchConfig{}.nearest_incident_within;  ///< --nearest-incident-within M,D
  Millis nearest_incident_time = match::MatchConfig{}.nearest_incident_time;      ///< ... its D
  // Recurring spots (docs/findings.md, "Recurring spots").
  Meters spot_radius = findings::SpotConfig{}.radius;
  std::size_t spot_min_visits = findings::SpotConfig{}.min_visits;
  std::size_t shared_spot_officers = findings::SpotConfig{}.shared_officers;
  Millis long_dwell = findings::FindingsConfig{}.long_dwell;  ///< findings (docs/findings.md)
  std::vector<std::string> formats{"geojson", "gpkg", "html", "i2", "kml"};  ///< sorted; all by default
  // verify and analyse --claims (docs/verify.md).
  Speed reach_speed = verify::VerifyConfig{}.reach_speed;
  std::optional<Meters> position_margin = verify::VerifyConfig{}.position_margin;
  Millis min_visit = verify::VerifyConfig{}.min_visit;
  Millis presence_tolerance = verify::VerifyConfig{}.presence_tolerance;
  Millis roster_tolerance = verify::VerifyConfig{}.roster_tolerance;
  // Findings (docs/findings.md).
  bool robustness = true;  ///< --robustness on|off: assess each finding over the robustness grid
  bool track_steps = false;  ///< --track-steps on|off: report.gpkg's track_steps layer
  // near (docs/near.md).
  std::optional<LatLon> near_at;  ///< --at LAT,LON; nullopt: not given
  std::string near_place;         ///< --place ID; empty: not given
  Meters near_radius = pipeline::NearSearch{}.radius;
  // Scope (docs/scope.md).
  std::vector<std::string> officers;  ///< --officer, sorted, unique
  std::vector<std::string> vehicles;  ///< --vehicle, sorted, unique
  /// --from, --to as given (naive times need --tz); empty: open. The scope of dwells, analyse and
  /// verify ([from, to)), the search window of near ([from, to], both required).
  std::string from, to;
  Millis scope_margin = pipeline::ScopeConfig{}.margin;
};

struct Job;

/// What a parameter is, for the command line and the manifest.
enum class ParameterKind : std::uint8_t {
  input,    ///< names an input file: listed under "inputs" in the manifest, not "parameters"
  value,    ///< one value
  list,     ///< repeatable
  flag,     ///< no value: true when given
  control,  ///< how the run is carried out, never what it finds (out, force, quiet, threads)
};

/// The commands that take a parameter, as bits of Command (dwells 1, analyse 2, verify 4, near 8);
/// bit 4 (16) is `where`, which reads pings as the run commands do but writes no folder. A new
/// Command takes the next bit and `where` moves above it.
struct CommandSet {
  unsigned bits = 0;
  static constexpr unsigned kWhereBit = 16U;
  [[nodiscard]] constexpr bool has(Command c) const noexcept {
    return (bits & (1U << static_cast<unsigned>(c))) != 0;
  }
  [[nodiscard]] constexpr bool has_where() const noexcept { return (bits & kWhereBit) != 0; }
};
inline constexpr CommandSet kReading{31};  ///< dwells, analyse, verify, near and where
inline constexpr CommandSet kRunCommands{15};  ///< dwells, analyse, verify and near
inline constexpr CommandSet kDwellsAnalyseVerify{7};
inline constexpr CommandSet kAnalyse{2};
inline constexpr CommandSet kVerify{4};
inline constexpr CommandSet kAnalyseVerify{6};
inline constexpr CommandSet kNear{8};
inline constexpr CommandSet kAnalyseVerifyNear{14};  ///< analyse, verify and near
inline constexpr CommandSet kNone{0};
static_assert(!kReading.has_where() || (kReading.bits & ~CommandSet::kWhereBit) == kRunCommands.bits,
              "kReading is every run command and where");
static_assert(kRunCommands.has(Command::near) && !kRunCommands.has_where(), "near is bit 3, where bit 4");

struct ParameterSpec {
  std::string_view name;        ///< the flag without "--", and the manifest key
  std::string_view value_name;  ///< how the docs write its value (`--gap D`); empty for a flag
  std::string_view unit;        ///< of the value: "m", "s", "km/h", "m^2/s^3", or empty
  std::string_view help;        ///< one line, for --help and docs/cli.md
  CommandSet commands;          ///< the commands that take it
  CommandSet required;          ///< the commands that need it
  ParameterKind kind = ParameterKind::value;
  /// Sets the field from the command line's text (called once per value of a list). Throws
  /// UsageError naming the flag when the text is not a valid value.
  void (*parse)(const ParameterSpec& spec, std::string_view text, Job& job) = nullptr;
  /// The field as the manifest records it.
  std::string (*format)(const Job& job) = nullptr;
  /// Checks the field of a job built in code (as parse checks the text); throws UsageError.
  void (*check)(const ParameterSpec& spec, const Job& job) = nullptr;
  /// Lower and upper bounds of a number, in its unit (inclusive unless said).
  double min = -1e308, max = 1e308;
  bool min_exclusive = false;
  /// The accepted values in words, where min and max do not say it all (--max-rejected); empty:
  /// from min, max and unit.
  std::string_view range{};

  [[nodiscard]] std::string flag() const { return "--" + std::string(name); }
  /// format() of a default Job: what --help and docs/cli.md call the default.
  [[nodiscard]] std::string default_text() const;
  /// In the manifest's "parameters": every value, list and flag; and the basemap, an input that
  /// changes no figure but is drawn (so a reader of the parameters sees it too).
  [[nodiscard]] bool recorded() const noexcept {
    return kind == ParameterKind::value || kind == ParameterKind::list || kind == ParameterKind::flag ||
           name == "basemap";
  }
};

/// The accepted range of a number (from min, max, min_exclusive and unit, or `range`), as
/// messages and docs/cli.md say it: "> 0 and <= 1000000 m^2/s^3"; "-" when it is not a number.
[[nodiscard]] std::string range_text(const ParameterSpec& spec);

/// Every parameter of dwells, analyse, verify and near, in the order --help and docs/cli.md list them.
[[nodiscard]] std::span<const ParameterSpec> parameter_table();

/// The spec named `name` (without "--"), or null.
[[nodiscard]] const ParameterSpec* find_parameter(std::string_view name);

/// docs/cli.md's flag table for `command`: the parameters it takes that the previous command's
/// table does not list (dwells: all of its own; analyse, verify and near: what they add).
[[nodiscard]] std::string flag_table_markdown(Command command);

}  // namespace shiftline
