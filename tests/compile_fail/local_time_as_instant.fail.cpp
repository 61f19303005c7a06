// MUST NOT COMPILE: a local_time where an Instant is due.
//
// A wall-clock reading ("01:30 in London") is not a point on the UTC time line until a zone says
// which one; on 2019-10-27 it names two, on 2019-03-31 none (docs/time.md, "Naive local times").
// local_time and sys_time are time_points of different clocks, so passing one for the other does
// not compile; the only way across is resolve_local (tz.hpp), which reports those cases.
// Built with -DSHIFTLINE_COMPILE_FAIL_OMIT the forbidden line is left out and the file must compile.
#include <chrono>
#include <string>

#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"

namespace shiftline::compile_fail {

std::string print_wall_clock(std::chrono::local_time<Millis> wall, [[maybe_unused]] const TimeZone& zone) {
#ifndef SHIFTLINE_COMPILE_FAIL_OMIT
  return format_utc(wall);
#else
  const LocalResolution r = resolve_local(zone, wall, AmbiguityPolicy::reject);
  return r.error == LocalTimeError::none ? format_local(&zone, r.instant) : std::string("unresolved");
#endif
}

}  // namespace shiftline::compile_fail
