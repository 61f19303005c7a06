// The tables of claim verification (docs/verify.md states the rules, docs/outputs.md the columns).
#pragma once

#include <string>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::report {

/// claims.csv: one row per claim, in the claims table's order: claim_id,verdict,feasible,inside_s,
/// outside_s,unobserved_s,max_possible_stay_s,nearest_m,nearest_at,evidence_rows,explanation, then
/// the claim as read and the figures behind the verdict.
[[nodiscard]] std::string claims_csv(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed,
                                     bool smoothed = false);

/// claim_periods.csv: every period of every claim (inside, outside, bridged, unobserved,
/// no_vehicle) with its pings and, for unobserved time, its prism.
[[nodiscard]] std::string claim_periods_csv(const pipeline::Analysis& a, const TimeZone* zone);

/// A distance in a sentence, one unit per quantity: "7.5 m" (one decimal below 10 m), "340 m", "3.4 km"
/// (from 1 km). Every distance in the claims' and near's sentences goes through here.
[[nodiscard]] std::string metres_text(Meters m);

/// A length of time in a sentence, cut down to the second: "1 h 5 min", "12 min 30 s", "45 s",
/// "under 1 s". Every duration in the claims' and near's sentences goes through here.
[[nodiscard]] std::string length_text(Millis d);

/// The one plain-English sentence that states a claim's verdict and the evidence behind it, e.g.
/// "Contradicted: at 2024-10-26 21:14:05 +01:00 PV01 was 3.4 km from ADDR-A (pings.csv:12345)."
/// `pings` resolves sightings to rows; `names[f]` is the display name of input file f.
[[nodiscard]] std::string claim_explanation(const ingest::ClaimRow& claim, const verify::ClaimResult& result,
                                            const ingest::PingTable& pings, const std::vector<std::string>& names,
                                            const TimeZone* zone, Speed reach_speed, bool smoothed = false);

}  // namespace shiftline::report
