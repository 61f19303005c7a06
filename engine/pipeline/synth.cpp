#include "shiftline/pipeline/synth.hpp"

#include <ostream>

namespace shiftline::pipeline {

std::vector<PlantedDwell> write_synthetic_fleet(const SynthConfig& /*config*/, std::ostream& csv) {
  csv << "vehicle_id,timestamp,lat,lon\n";  // PLACEHOLDER: being written
  return {};
}

}  // namespace shiftline::pipeline
