// MUST NOT COMPILE: an index into one table used as an index into another.
//
// PlaceIndex and IncidentIndex are different types (ids.hpp): an incident's row cannot be looked
// up among the places, nor compared with a place's index.
// Built with -DSHIFTLINE_COMPILE_FAIL_OMIT the forbidden line is left out and the file must compile.
#include "shiftline/core/ids.hpp"

namespace shiftline::compile_fail {

bool same_place(PlaceIndex place, IncidentIndex incident) {
#ifndef SHIFTLINE_COMPILE_FAIL_OMIT
  return place == incident;
#else
  return place == PlaceIndex{incident.value};
#endif
}

}  // namespace shiftline::compile_fail
