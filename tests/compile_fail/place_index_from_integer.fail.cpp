// MUST NOT COMPILE: a PlaceIndex from a bare integer, implicitly.
//
// A bare 3 could be a row of any table. PlaceIndex has an explicit constructor (ids.hpp), so an
// index must be written PlaceIndex{3}; copy-initialising from an integer is refused.
// Built with -DSHIFTLINE_COMPILE_FAIL_OMIT the forbidden line is left out and the file must compile.
#include <cstdint>

#include "shiftline/core/ids.hpp"

namespace shiftline::compile_fail {

std::uint32_t place_value() {
#ifndef SHIFTLINE_COMPILE_FAIL_OMIT
  const PlaceIndex place = 3U;
#else
  const PlaceIndex place{3U};
#endif
  return place.value;
}

}  // namespace shiftline::compile_fail
