// MUST COMPILE: the allowed counterparts of every *.fail.cpp expression, built through the same
// CMake mechanism. If this fails, the compile_fail tests prove nothing (a broken include path or
// flag would make every .fail.cpp "fail" for the wrong reason).
#include <chrono>
#include <string>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/ids.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"

namespace shiftline::compile_fail {

static_assert(Meters{3.0} + Meters{4.0} == Meters{7.0});
static_assert(LatLon::from_degrees(51.5, -0.12) == LatLon::from_degrees(51.5, -0.12));
static_assert(PlaceIndex{2} < PlaceIndex{3} && IncidentIndex{4}.value == 4);  // explicit, then compared

std::string allowed(Instant start, Instant end, std::chrono::local_time<Millis> wall, const TimeZone& zone) {
  const Millis length = end - start;              // Instant - Instant
  const Instant later = start + Millis{1500};     // Instant + duration
  const Meters radius{50.0};                      // explicit Meters
  const RawLatLon raw{51.5, -0.12};
  const bool same = check(raw) == CoordinateProblem::none &&
                    LatLon::from_degrees(raw.lat, raw.lon) == LatLon::from_degrees(51.5, -0.12);
  const LocalResolution r = resolve_local(zone, wall, AmbiguityPolicy::reject);  // local -> Instant
  return format_seconds(length) + format_utc(later) + std::to_string(radius.value) + (same ? "y" : "n") +
         (r.error == LocalTimeError::none ? format_local(&zone, r.instant) : "");
}

}  // namespace shiftline::compile_fail
