// Stay points after Li et al. (2008) and trackintel's "sliding" method, with Shiftline's end and
// gap rules (docs/dwells.md): a stay ends at its last ping inside the radius, and a silence longer
// than the gap threshold is crossed only when it can be bridged.
#include "dwell_internal.hpp"
#include "shiftline/dwell/dwell.hpp"

namespace shiftline::dwell {

std::vector<Dwell> detect_stay_points(const clean::Track& track, const DwellConfig& config) {
  std::vector<Dwell> dwells;
  const std::size_t n = track.size();
  std::size_t i = 0;
  while (i < n) {
    const LatLon anchor = track.position[i];
    const LocalFrame frame = LocalFrame::at(anchor.lat);
    Millis bridged{0};
    std::size_t j = i + 1;
    for (; j < n; ++j) {
      if (!within(frame, anchor, track.position[j], config.radius)) break;
      const Millis silence = track.time[j] - track.time[j - 1];
      if (silence > config.gap) {
        // Bridge only a silence across which the vehicle provably stayed put: the pings either
        // side are within the radius of each other (and, as every ping here, of the anchor).
        if (silence > config.max_bridge ||
            !within(frame, track.position[j - 1], track.position[j], config.radius))
          break;
        bridged += silence;
      }
    }
    const std::size_t last = j - 1;
    if (last > i && track.time[last] - track.time[i] >= config.min_duration) {
      Dwell d;
      d.first = i;
      d.last = last;
      d.bridged_gap = bridged;
      summarise_mean(track, d);
      dwells.push_back(d);
      i = j;
    } else {
      ++i;
    }
  }
  return dwells;
}

}  // namespace shiftline::dwell
