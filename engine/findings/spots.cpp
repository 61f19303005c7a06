#include "shiftline/findings/spots.hpp"

namespace shiftline::findings {

// Placeholder until the spot rule lands (issue 14).
std::vector<Spot> find_spots(const pipeline::Analysis&, const SpotConfig&) { return {}; }

}  // namespace shiftline::findings
