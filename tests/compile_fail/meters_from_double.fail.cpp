// MUST NOT COMPILE: Meters from a bare double, implicitly.
//
// A bare 50.0 could be metres, feet, kilometres or degrees. Meters has an explicit constructor
// (geo.hpp), so a length must be written Meters{50.0}; copy-initialising from a double is refused.
// Built with -DSHIFTLINE_COMPILE_FAIL_OMIT the forbidden line is left out and the file must compile.
#include "shiftline/core/geo.hpp"

namespace shiftline::compile_fail {

double radius_value() {
#ifndef SHIFTLINE_COMPILE_FAIL_OMIT
  const Meters radius = 50.0;
#else
  const Meters radius{50.0};
#endif
  return radius.value;
}

}  // namespace shiftline::compile_fail
