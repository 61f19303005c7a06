// recurring.csv: the recurring spots of an `analyse` run (docs/outputs.md lists every column;
// docs/findings.md, "Recurring spots", the rule).
#pragma once

#include <string>
#include <vector>

#include "shiftline/findings/spots.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::report {

/// recurring.csv: spot_id,officer_id,lat,lon,radius_m,visits,shifts,days,total_s,first,last,
/// vehicle_ids,other_officers_n,shared,explained_visits,nearest_place_id,nearest_place_m,dwell_ids.
/// One row per recurring spot (Spot::recurring), in the order of `spots` (officer_id, then spot
/// number); `first` and `last` in UTC as every start and end column; lists `;`-separated.
[[nodiscard]] std::string recurring_csv(const pipeline::Analysis& a, const std::vector<findings::Spot>& spots);

}  // namespace shiftline::report
