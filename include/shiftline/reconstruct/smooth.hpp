// Optional smoothing of a track: a constant-velocity Kalman filter with Rauch-Tung-Striebel
// backward smoothing (Rauch, Tung and Striebel 1965; Särkkä 2013, "Bayesian Filtering and
// Smoothing", sections 4.3 and 8.2), in a local metric frame (east/north metres).
#pragma once

#include "shiftline/clean/clean.hpp"
#include "shiftline/reconstruct/track.hpp"

namespace shiftline::reconstruct {

struct SmoothConfig {
  /// Standard deviation of a position fix when the ping has no accuracy_m, metres. 10 m is a
  /// typical consumer GNSS fix in a built-up area.
  Meters default_accuracy{10.0};
  /// Process noise: white-noise acceleration spectral density, m^2/s^3. 1.0 lets a car brake or
  /// turn without the smoother cutting corners by more than a few metres.
  double acceleration_psd = 1.0;
};

/// Replaces track.position with smoothed positions. Each run of pings between gaps (find_gaps with
/// `gaps`) is smoothed on its own, so nothing is carried across a silence. Times and provenance are
/// unchanged. Deterministic (no randomness; fixed operation order).
void smooth_track(Track& track, const SmoothConfig& config, const GapConfig& gaps);

}  // namespace shiftline::reconstruct
