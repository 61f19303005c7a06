// Recurring unlisted stops: an officer's unexplained and off-duty dwells grouped into spots by
// position, and which spots recur over shifts (docs/findings.md, "Recurring spots"; written as
// recurring.csv).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::findings {

struct SpotConfig {
  Meters radius{75.0};              ///< --spot-radius: dwells of one spot lie this close (rule in docs)
  std::size_t min_visits = 3;       ///< --spot-min-visits: distinct shifts that make a spot recurring
  std::size_t shared_officers = 3;  ///< --shared-spot-officers: officers (this one included) that make it shared
};

/// One dwell of an analysis: run.vehicles[vehicle].dwells[dwell] (and matches[vehicle][dwell]).
struct DwellRef {
  std::size_t vehicle = 0;
  std::size_t dwell = 0;
  friend constexpr auto operator<=>(const DwellRef&, const DwellRef&) noexcept = default;
};

/// A spot of one officer: their unexplained and off-duty dwells within SpotConfig::radius.
struct Spot {
  std::string spot_id;     ///< stable for the same inputs and parameters, whatever the row order
  std::string officer_id;
  LatLon centre;
  Meters radius{0.0};      ///< largest distance from centre to a dwell centre of the spot
  std::size_t visits = 0;  ///< dwells
  std::size_t shifts = 0;  ///< distinct shifts of the officer among them
  std::size_t days = 0;    ///< distinct local dates of the visits' starts
  Millis total{0};         ///< the officer's time in the spot's dwells
  Instant first{};         ///< earliest visit start
  Instant last{};          ///< latest visit end
  std::vector<std::string> vehicle_ids;  ///< sorted, unique
  std::size_t other_officers = 0;  ///< other officers with dwells in the spot over the run
  bool shared = false;             ///< 1 + other_officers >= SpotConfig::shared_officers
  bool recurring = false;          ///< shifts >= SpotConfig::min_visits
  std::size_t explained_visits = 0;  ///< the officer's explained dwells (incident, base) within the spot
  std::optional<PlaceIndex> nearest_place;
  Meters nearest_place_distance{0.0};
  std::vector<DwellRef> dwells;  ///< the officer's dwells in the spot, in time order
};

/// Every spot of every officer, by officer_id then spot_id. Deterministic: the same spots whatever
/// the order of the input rows.
[[nodiscard]] std::vector<Spot> find_spots(const pipeline::Analysis& analysis, const SpotConfig& config);

}  // namespace shiftline::findings
