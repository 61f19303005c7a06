#include "shiftline/reconstruct/smooth.hpp"

namespace shiftline::reconstruct {

void smooth_track(Track& /*track*/, const SmoothConfig& /*config*/, const GapConfig& /*gaps*/) {
  // PLACEHOLDER: being written (Kalman + RTS); see tests/unit/reconstruct/smooth_test.cpp.
}

}  // namespace shiftline::reconstruct
