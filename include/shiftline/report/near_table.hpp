// near.csv: who was near a place (docs/near.md states the rules, the columns and the sentence).
#pragma once

#include <string>

#include "shiftline/core/tz.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/pipeline/near.hpp"

namespace shiftline::report {

/// near.csv: one row per vehicle listed, in NearFound's order: vehicle_id,officer_ids,first_in,
/// last_in,inside_s,closest_m,closest_at,entries,could_have_been_s,evidence_rows,sentence. Times
/// in `zone` with their offset (UTC without one); `roster_given`: shifts were read, so an empty
/// crew is said as such.
[[nodiscard]] std::string near_csv(const pipeline::NearFound& found, const pipeline::Analysis& a, const TimeZone* zone,
                                   bool roster_given);

/// The sentence of one row, e.g. "PV01 (PC4471) was within 100 m of Address A [ADDR-A] from
/// 2024-10-26 21:02 to 21:40 +01:00 (30 min inside, 2 entries); closest 12 m at 21:15
/// (pings.csv:120)." A vehicle only the prism places there is "not seen within", and "could have
/// been there", never "was there". `names[f]` is the display name of input file f.
[[nodiscard]] std::string near_sentence(const verify::NearQuery& query, const verify::NearVehicle& v,
                                        const std::vector<std::string>& officers, bool roster_given,
                                        const ingest::PingTable& pings, const std::vector<std::string>& names,
                                        const TimeZone* zone);

}  // namespace shiftline::report
