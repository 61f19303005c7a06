#include "shiftline/dwell/dwell.hpp"

namespace shiftline::dwell {

std::vector<Dwell> detect_diameter_stops(const clean::Track& /*track*/, const DwellConfig& /*config*/) {
  return {};  // PLACEHOLDER: being written (MovingPandas port)
}

}  // namespace shiftline::dwell
