// findings.csv and the sentence of each finding (docs/findings.md, "findings.csv" and "Sentences";
// docs/outputs.md lists the columns).
#pragma once

#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/findings/findings.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::report {

/// What the sentences need beyond the analysis: the run's --reach-speed-kmh and --smooth, for the
/// claim explanation a claim_contradicted finding quotes.
struct FindingWords {
  Speed reach_speed = verify::VerifyConfig{}.reach_speed;
  bool smoothed = false;
};

/// `F001`, `F002`, ... by rank (1-based); wider from rank 1000 (`F1000`). Stable for the same
/// inputs and parameters, since the rank is.
[[nodiscard]] std::string finding_id(std::size_t rank);

/// The `robustness` cell: empty when robust, `not assessed` when Robustness::assessed is false,
/// else `not found with ` and the lost_at values, `; `-separated.
[[nodiscard]] std::string robustness_text(const findings::Robustness& r);

/// The `evidence_rows` cell: the case-table rows and decisive pings the finding rests on
/// (`FILE:LINE`, by file then line), then each dwell's ping rows (`FILE:FIRST-LAST`, as dwells.csv's
/// source_rows), `;`-separated. `names` are the display names of the run's inputs.
[[nodiscard]] std::string finding_rows(const pipeline::Analysis& a, const findings::Finding& f,
                                       const std::vector<std::string>& names);

/// The one paragraph to read out (docs/findings.md, "Sentences"): officer, vehicle, place label
/// with its id in brackets, local times with their offset, durations rounded down, the evidence
/// rows. `names` are the display names of the run's inputs.
[[nodiscard]] std::string finding_sentence(const pipeline::Analysis& a, const findings::Findings& found,
                                           const findings::Finding& f, const TimeZone* zone,
                                           const std::vector<std::string>& names, const FindingWords& words = {});

/// findings.csv: finding_id,rank,kind,officer_id,vehicle_ids,place_id,place_label,lat,lon,start,end,
/// start_local,end_local,duration_s,visits,robust,robustness,sentence,evidence_rows,dwell_ids; one
/// row per finding in rank order.
[[nodiscard]] std::string findings_csv(const pipeline::Analysis& a, const findings::Findings& found,
                                       const TimeZone* zone, const FindingWords& words = {});

}  // namespace shiftline::report
