// Scope (data minimisation, docs/scope.md): a run limited to its subject. `--officer`, `--vehicle`,
// `--from`, `--to` and `--scope-margin` say which vehicle is kept when; everything else is dropped
// once, early, here, before cleaning and matching, so that no writer needs to know about scope.
//
// The rule, in one place:
//  - --officer O (repeatable, united): a vehicle is kept while O was in it by the roster (every
//    crewing of O's shifts, assignments included, attributed or not), widened by the margin both
//    ways; with no --officer, every vehicle at every time.
//  - --vehicle V (repeatable, united): only these vehicles, throughout; with none, every vehicle.
//  - --from/--to: only [from, to); either may be open.
//  The three are intersected: keep(v) = officer_spans(v) ∩ vehicle(v) ∩ [from, to).
//  - Who may be named: the subjects (O, or with no --officer every officer on duty in a kept
//    vehicle while it is kept) and co-crew: another officer only while in the same vehicle at the
//    same time as a subject (not in the margin). Crew time of anyone else in a kept vehicle is
//    duty unknown in the scoped roster: withheld, never "off duty".
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/interval.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/ingest/case_tables.hpp"

namespace shiftline::pipeline {

struct ScopeConfig {
  std::vector<std::string> officers;  ///< --officer, sorted, unique; empty: no officer filter
  std::vector<std::string> vehicles;  ///< --vehicle, sorted, unique; empty: no vehicle filter
  std::optional<Instant> from;        ///< --from, inclusive; none: open
  std::optional<Instant> to;          ///< --to, exclusive; none: open
  /// --scope-margin: an officer's time in a vehicle is widened by this much on each side, so that
  /// the vehicle's arrival and departure around the handover are seen (1 h: longer than a
  /// handover, short enough not to take in the previous crew's shift).
  Millis margin{3'600'000};
  [[nodiscard]] bool active() const noexcept {
    return !officers.empty() || !vehicles.empty() || from.has_value() || to.has_value();
  }
  /// [from, to) with open ends at the range Shiftline reads.
  [[nodiscard]] Interval range() const noexcept;
  /// One line saying the scope, for the report and the summary: "officers PC4471; vehicles all;
  /// from 2024-10-21T00:00:00Z to open; margin 3600 s". Empty when not active.
  [[nodiscard]] std::string describe() const;
};

/// The scope resolved against the roster: what is kept of each vehicle and who may be named.
struct Scope {
  bool active = false;
  /// vehicle -> the spans of its pings to keep, sorted, disjoint, merged. Vehicles not listed: `others`.
  std::map<std::string, std::vector<Interval>, std::less<>> kept;
  /// The spans of every vehicle not in `kept` (no --vehicle and no --officer: [from, to); else none).
  std::vector<Interval> others;
  /// vehicle -> when a subject officer was in it (no margin), within the kept spans: another
  /// officer in the vehicle then is co-crew. Only with --officer.
  std::map<std::string, std::vector<Interval>, std::less<>> subject_time;

  /// The spans of `vehicle` to keep (everything when the scope is not active).
  [[nodiscard]] std::vector<Interval> spans_of(std::string_view vehicle) const;
  [[nodiscard]] bool keeps(std::string_view vehicle, Instant t) const;
};

/// A scope that names an officer with no shift in the roster, or a vehicle with no accepted ping,
/// is a mistake (a typo would give an empty run that reads as "nothing found"): UsageError naming
/// the flag, the id and the ids there are (at most 10 listed).
void check_scope_officers(const ScopeConfig& config, const duty::Roster& roster);
void check_scope_vehicles(const ScopeConfig& config, const std::vector<std::string>& vehicles_with_pings);

/// Resolves the scope. `roster` is needed with --officer (null: no roster given, a UsageError is
/// thrown by the caller before; here it is a logic error).
[[nodiscard]] Scope resolve_scope(const ScopeConfig& config, const duty::Roster* roster);

/// What the scope dropped from the case, for the manifest ("out_of_scope_*" result counts).
struct ScopeCounts {
  std::size_t shifts = 0;       ///< shifts with nothing in scope
  std::size_t crewings = 0;     ///< crewing pieces dropped or cut (other officers' time, time outside)
  std::size_t events = 0;
  std::size_t incidents = 0;
  std::size_t claims = 0;
  std::size_t problems = 0;     ///< rejected rows and warnings of case tables and ingest whose detail was withheld
};

/// Cuts the roster to the scope (docs/scope.md, "Roster"): each crewing is clipped to its
/// vehicle's kept spans (a subject's) or to the subject time (anyone else's, with --officer); a
/// shift is kept when a piece of it is, or when it is a subject's shift without a vehicle in
/// [from, to). Shift indices are renumbered. Dropped crew time in a kept vehicle becomes unknown
/// duty there. Shifts of non-subjects are cut to their kept pieces, subjects' to [from, to).
[[nodiscard]] duty::Roster scope_roster(const duty::Roster& full, const ScopeConfig& config, const Scope& scope,
                                        ScopeCounts& counts);

/// Drops events, incidents and claims the scope does not need (docs/scope.md, "Case tables"):
/// an event is kept when its officer has a kept crewing piece from `lookup_window` before `at`
/// to after it, or is a subject and `at` is in [from, to); an incident when [opened - before,
/// closed + after] meets a kept span of any vehicle; a claim when its vehicle is kept at some time
/// of it, or its officer is a subject or has a kept crewing piece in it. Call with the scoped roster.
void scope_case_tables(ingest::CaseTables& tables, const duty::Roster& scoped, const ScopeConfig& config,
                       const Scope& scope, Millis lookup_window, Millis incident_before, Millis incident_after,
                       ScopeCounts& counts);

/// After matching, before anything is written: the units an incident names are cut to those that
/// may be named (officers with a kept crewing piece or subjects, kept vehicles, callsigns of kept
/// shifts); the shift rows become the scoped roster's; assignments and rejected roster rows are
/// kept only for officers who may be named, assignments only where they meet a kept crewing piece
/// of theirs. (The full tables were needed until then: matching, unit_not_seen.)
void scope_after_matching(ingest::CaseTables& tables, const duty::Roster& scoped, const ScopeConfig& config,
                          const Scope& scope);

/// The text that replaces a withheld problem detail.
inline constexpr std::string_view kWithheldDetail =
    "withheld: the run is scoped and this row is not known to be in scope (docs/scope.md)";

/// Replaces the detail of every problem in `sink` by kWithheldDetail (a rejected row or a warning
/// read before the scope could place it may quote another officer's id or position); the row's
/// file, line, column and code stay. Returns how many.
std::size_t withhold_details(ProblemSink& sink);

}  // namespace shiftline::pipeline
