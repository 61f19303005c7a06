// Findings: what an investigator should read first, ranked by kind by a stated rule, with the
// evidence rows behind each (docs/findings.md; written as findings.csv and first in every report).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/provenance.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/findings/spots.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::findings {

/// The kinds, in rank order (append-only values; rank order is this order).
enum class FindingKind : std::uint8_t {
  revisit_after_closure,
  lookup_then_visit,
  recurring_place,
  listed_address_visit,
  off_duty_use,
  claim_contradicted,
  long_unexplained,
};
[[nodiscard]] std::string_view name(FindingKind k) noexcept;

struct FindingsConfig {
  Millis long_dwell{Millis{45 * 60 * 1000}};  ///< --long-dwell: an unexplained dwell this long is a finding
  SpotConfig spots;
  /// The least time of one officer (unexplained, for listed_address_visit) or of no one on duty
  /// (off_duty_use) that makes a finding: the run's --min-duty-overlap, the same threshold a flag
  /// needs, so that a car taken over for a minute is no finding against its new crew.
  Millis min_share{Millis{5 * 60 * 1000}};
};

/// Whether a finding survives the documented parameter ranges (evidence requirement R19).
struct Robustness {
  bool assessed = false;  ///< false: not assessed (--robustness off); robust is then meaningless
  bool robust = false;
  /// The parameter values at which the finding disappears, as flags ("--min-dwell 300 s"); empty when robust.
  std::vector<std::string> lost_at;
};

struct Finding {
  FindingKind kind = FindingKind::long_unexplained;
  std::string officer_id;                ///< empty when no officer is known (off-duty use of a car)
  std::vector<std::string> vehicle_ids;  ///< sorted, unique
  std::optional<PlaceIndex> place;       ///< the place, when the finding is at one
  std::optional<std::size_t> spot;       ///< recurring_place: index into Findings::spots
  std::optional<std::size_t> claim;      ///< claim_contradicted: index into tables.claims
  std::optional<std::size_t> flag;       ///< flag kinds: index into matches[v][d].flags of dwells.front()
  LatLon location;                       ///< the place, spot or dwell centre
  Instant start{};
  Instant end{};
  Millis duration{0};                    ///< the time the finding rests on (the officer's share)
  std::size_t visits = 1;
  std::vector<DwellRef> dwells;          ///< time order
  std::vector<SourceRef> evidence;       ///< incident, event, claim, roster rows it rests on; sorted
  Robustness robustness;
  /// recurring_place: the spot is shared (Spot::shared); it ranks below every unshared recurring spot.
  bool shared = false;
};

struct Findings {
  std::vector<Spot> spots;        ///< find_spots
  std::vector<Finding> findings;  ///< ranked: kind order, then longest first, then a stated tie rule
};

/// The findings of an analysis (dwell classes, flags, claims and spots), ranked. Calls find_spots;
/// docs/findings.md, "Kinds and rank", states every rule. Linear in dwells, flags and claims, plus
/// the sort.
[[nodiscard]] Findings find_findings(const pipeline::Analysis& analysis, const FindingsConfig& config);

/// As find_findings, with the spots given (e.g. made by hand in a test) instead of found.
[[nodiscard]] Findings find_findings(const pipeline::Analysis& analysis, const FindingsConfig& config,
                                     std::vector<Spot> spots);

/// One recurring_place finding per spot that is recurring, in spot order (Finding::spot = its
/// index in `spots`); shared spots are marked (Finding::shared). Unranked.
[[nodiscard]] std::vector<Finding> recurring_place_findings(const std::vector<Spot>& spots);

/// Whether `a` ranks before `b`: kind order; within recurring_place, unshared before shared; then
/// longer duration first; then the tie rule: earlier start, officer_id, vehicle_ids, place, spot,
/// claim, dwells, evidence (each compared as a whole, in that order). A strict weak order that
/// is total on distinct findings of one analysis.
[[nodiscard]] bool ranks_before(const Finding& a, const Finding& b);

/// Sorts by ranks_before.
void rank(std::vector<Finding>& findings);

}  // namespace shiftline::findings
