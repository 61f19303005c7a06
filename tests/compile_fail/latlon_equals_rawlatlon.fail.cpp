// MUST NOT COMPILE: LatLon == RawLatLon.
//
// RawLatLon is a position read from input and not yet checked (NaN, out of range, null island);
// LatLon is a checked one (geo.hpp). Comparing them would let unchecked input stand in for checked
// positions. Neither converts to the other and RawLatLon has no operator==, so this is refused;
// the way across is check().
// Built with -DSHIFTLINE_COMPILE_FAIL_OMIT the forbidden line is left out and the file must compile.
#include "shiftline/core/geo.hpp"

namespace shiftline::compile_fail {

bool same_position(LatLon checked, RawLatLon raw) {
#ifndef SHIFTLINE_COMPILE_FAIL_OMIT
  return checked == raw;
#else
  return check(raw) == CoordinateProblem::none && checked == LatLon::from_degrees(raw.lat, raw.lon);
#endif
}

}  // namespace shiftline::compile_fail
