// Kalman/RTS smoothing. Every expected value here is worked out without the engine's code: by hand
// (two- and three-ping cases), from the steady-state (Wiener) frequency response of the smoother,
// from the structure of the model (a constant-velocity line is reproduced; the last smoothed
// state is the last filtered one), or by a batch least-squares solution of the same model, which
// is a different algorithm from the recursive filter and smoother with the same answer
// (Särkkä 2013, "Bayesian Filtering and Smoothing", sections 4.3 and 8.2).
//
// Model constants the tests share with engine/reconstruct/smooth.cpp: state [east, north, v_east,
// v_north]; each segment starts from its first ping with position variance sigma_0^2 and velocity
// variance V = (1000 m/s)^2 (kInitialSpeedSigma there).

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/reconstruct/smooth.hpp"
#include "support/track_builder.hpp"

namespace shiftline::reconstruct {
namespace {

constexpr double kSpeedSigma = 1000.0;  // smooth.cpp's kInitialSpeedSigma, m/s
constexpr double kV = kSpeedSigma * kSpeedSigma;

const LatLon kOrigin = LatLon::from_degrees(51.5, -0.12);

/// Metres in the engine's LocalFrame at `origin`'s latitude. Tests that compare at micrometres
/// place pings with it, because the frame is the engine's definition of "metres" (within 0.1% of
/// the geodesic; core/geo_test.cpp measures that). A track that is linear in degrees is a
/// constant-velocity track in every such frame, since a LocalFrame is affine in degrees.
struct Frame {
  LatLon origin;
  LocalFrame f = LocalFrame::at(origin.lat);
  [[nodiscard]] LatLon point(double east, double north) const {
    return LatLon::from_degrees(origin.lat + north / f.metres_per_deg_lat, origin.lon + east / f.metres_per_deg_lon);
  }
  [[nodiscard]] double east(LatLon p) const { return f.east(p.lon - origin.lon); }
  [[nodiscard]] double north(LatLon p) const { return f.north(p.lat - origin.lat); }
};

Instant t0() { return test::at("2024-01-15T08:00:00Z"); }
Instant seconds_after_t0(double s) { return t0() + Millis{std::llround(s * 1000.0)}; }

/// Pings every `step` seconds from t0.
std::vector<Instant> regular_times(std::size_t n, double step) {
  std::vector<Instant> times;
  for (std::size_t k = 0; k < n; ++k) times.push_back(seconds_after_t0(static_cast<double>(k) * step));
  return times;
}

SmoothConfig config(double accuracy_m, double psd) {
  SmoothConfig c;
  c.default_accuracy = Meters{accuracy_m};
  c.acceleration_psd = psd;
  return c;
}

double distance_m(LatLon a, LatLon b) { return geodesic_distance(a, b).value; }

/// One axis of the smoother's model solved as a single least-squares problem: the minimiser over
/// x_k = (p_k, v_k) of
///   sum_k (z_k - p_k)^2 / s_k^2 + sum_{k>=1} r_k^T Q_k^-1 r_k + v_0^2 / V,  r_k = x_k - A_k x_{k-1},
/// with A_k = [[1, dt], [0, 1]] and Q_k^-1 = (1/q) [[12/dt^3, -6/dt^2], [-6/dt^2, 4/dt]] (the inverse
/// of q [[dt^3/3, dt^2/2], [dt^2/2, dt]], whose determinant is q^2 dt^4 / 12). No prior on p_0.
/// For a linear-Gaussian model this minimiser is the RTS smoothed mean (Särkkä 2013, section 8.2),
/// but it is reached by one dense solve of the normal equations instead of two recursions.
Eigen::VectorXd batch_positions(const std::vector<double>& t, const std::vector<double>& z,
                                const std::vector<double>& s, double q) {
  const auto n = static_cast<Eigen::Index>(t.size());
  Eigen::MatrixXd normal = Eigen::MatrixXd::Zero(2 * n, 2 * n);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(2 * n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto i = static_cast<std::size_t>(k);
    normal(2 * k, 2 * k) += 1.0 / (s[i] * s[i]);
    rhs(2 * k) += z[i] / (s[i] * s[i]);
  }
  normal(1, 1) += 1.0 / kV;
  for (Eigen::Index k = 1; k < n; ++k) {
    const double dt = t[static_cast<std::size_t>(k)] - t[static_cast<std::size_t>(k - 1)];
    Eigen::Matrix2d q_inv;
    q_inv << 12.0 / (dt * dt * dt), -6.0 / (dt * dt), -6.0 / (dt * dt), 4.0 / dt;
    q_inv /= q;
    Eigen::Matrix<double, 2, 4> d;  // r_k = d * (p_{k-1}, v_{k-1}, p_k, v_k)
    d << -1.0, -dt, 1.0, 0.0, 0.0, -1.0, 0.0, 1.0;
    normal.block<4, 4>(2 * k - 2, 2 * k - 2) += d.transpose() * q_inv * d;
  }
  const Eigen::VectorXd x = normal.ldlt().solve(rhs);
  Eigen::VectorXd p(n);
  for (Eigen::Index k = 0; k < n; ++k) p(k) = x(2 * k);
  return p;
}

/// The batch solution for both axes of `raw`, in the frame of its first ping, as positions.
std::vector<LatLon> batch_track(const clean::Track& raw, const SmoothConfig& c) {
  const Frame frame{raw.position.front()};
  std::vector<double> t;
  std::vector<double> east;
  std::vector<double> north;
  std::vector<double> s;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    t.push_back(std::chrono::duration<double>(raw.time[i] - raw.time.front()).count());
    east.push_back(frame.east(raw.position[i]));
    north.push_back(frame.north(raw.position[i]));
    const double a = raw.accuracy_m.empty() ? 0.0 : static_cast<double>(raw.accuracy_m[i]);
    s.push_back(std::isfinite(a) && a > 0.0 ? a : c.default_accuracy.value);
  }
  const Eigen::VectorXd e = batch_positions(t, east, s, c.acceleration_psd);
  const Eigen::VectorXd n = batch_positions(t, north, s, c.acceleration_psd);
  std::vector<LatLon> out;
  for (Eigen::Index k = 0; k < e.size(); ++k) out.push_back(frame.point(e(k), n(k)));
  return out;
}

/// Standard normal deviates by Box-Muller from mt19937_64's raw output, which the C++ standard
/// fixes exactly (std::normal_distribution does not: its algorithm differs between libraries).
class Normals {
 public:
  explicit Normals(std::uint64_t seed) : m_engine(seed) {}
  double next() {
    if (m_has_spare) {
      m_has_spare = false;
      return m_spare;
    }
    constexpr double k2p53 = 1.0 / 9007199254740992.0;  // 2^-53
    const double u1 = static_cast<double>((m_engine() >> 11) + 1) * k2p53;  // (0, 1]: log is finite
    const double u2 = static_cast<double>(m_engine() >> 11) * k2p53;        // [0, 1)
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double a = 2.0 * std::numbers::pi * u2;
    m_spare = r * std::sin(a);
    m_has_spare = true;
    return r * std::cos(a);
  }

 private:
  std::mt19937_64 m_engine;
  double m_spare = 0.0;
  bool m_has_spare = false;
};

// (a) Noise-free constant velocity: the line is in the model's null space (no measurement
// residual, no acceleration), so the only thing that can move a ping is the velocity prior
// N(0, V). It pulls the estimate by about Var(v_0 | pings) / V times the speed: with 10 m
// accuracy and 5 s pings Var(v_0 | pings) is a few (m/s)^2, so ~1e-5 of 10 m/s over tens of
// seconds, i.e. ~0.1 mm. Bound: 1 mm.
TEST(SmoothTrack, NoiseFreeConstantVelocityLineIsReproduced) {
  const Frame frame{kOrigin};
  std::vector<LatLon> positions;
  for (std::size_t k = 0; k < 40; ++k) {
    const double t = 5.0 * static_cast<double>(k);
    positions.push_back(frame.point(200.0 + 8.0 * t, -50.0 - 6.0 * t));  // 10 m/s
  }
  const clean::Track raw = test::make_track(positions, regular_times(40, 5.0));
  clean::Track track = raw;
  smooth_track(track, SmoothConfig{}, GapConfig{});
  double worst = 0.0;
  for (std::size_t i = 0; i < raw.size(); ++i) worst = std::max(worst, distance_m(track.position[i], raw.position[i]));
  EXPECT_LT(worst, 1e-3);
  RecordProperty("max_displacement_m", std::to_string(worst));
}

// (b) A parked car, pings every T = 1 s at +d, -d, +d, ... metres east of the truth (d = 5 m,
// 160 pings, mean 0), sigma = 10 m, q = 1.
// Interior: far from the segment ends the RTS smoother is the non-causal Wiener smoother, whose
// response to (-1)^k is the scalar H(pi) = S_p(pi) / (S_p(pi) + sigma^2), S_p the spectrum of the
// sampled positions. Under white-noise acceleration q the second difference
// p_{k+1} - 2 p_k + p_{k-1} is the integral of dW against a hat of height T and width 2T: variance
// 2qT^3/3, lag-1 covariance qT^3/6, spectrum qT^3 (2 + cos w) / 3. Dividing by
// |1 - e^{-iw}|^4 = (2 - 2 cos w)^2 = 16 at w = pi gives S_p(pi) = qT^3/48, so
// H(pi) = (1/48) / (1/48 + 100) = 2.083e-4: the interior error is 2.083e-4 d = 1.04 mm, on the
// raw ping's side.
// Ends: how fast the end effects die out is set by the stable roots of S_p(z) + sigma^2 = 0, i.e.
// of (qT^3/6) z (z^2 + 4z + 1) + sigma^2 (z - 1)^4 = 0: |z| = 0.7996 here. After 60 pings that is
// 0.8^60 = 1.5e-6 of the end error, so pings 60..99 must match H(pi) d to 1%.
// Every ping: near an end the smoother can only average on one side and acts like a straight-line
// fit over its window of W >= 1 / (1 - 0.8) = 5 pings; a least-squares line through W alternating
// +-d values ends 3d / (W + 1) <= d/2 from the truth. Averaged over the track the end effects,
// at most d/2 decaying by 0.8 a ping at both ends, add at most 2 (d/2) 5 / 160 = d/32 of error,
// against d for every raw ping.
TEST(SmoothTrack, ParkedCarAlternatingOffsetsAverageOut) {
  const double d = 5.0;
  const std::size_t n = 160;
  std::vector<LatLon> positions;
  for (std::size_t k = 0; k < n; ++k) positions.push_back(test::offset(kOrigin, k % 2 == 0 ? d : -d, 0.0));
  const clean::Track raw = test::make_track(positions, regular_times(n, 1.0));
  clean::Track track = raw;
  const SmoothConfig c = config(10.0, 1.0);
  smooth_track(track, c, GapConfig{});

  const double s_p = 1.0 / 48.0;
  const double h_pi = s_p / (s_p + 100.0);
  double sum = 0.0;
  double worst = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double error = distance_m(track.position[k], kOrigin);
    sum += error;
    worst = std::max(worst, error);
    if (k >= 60 && k < n - 60) {
      EXPECT_NEAR(error, h_pi * d, 0.01 * h_pi * d) << "ping " << k;
      EXPECT_EQ(track.position[k].lon > kOrigin.lon, k % 2 == 0) << "ping " << k;
    }
  }
  EXPECT_LT(worst, d / 2);
  EXPECT_LT(sum / static_cast<double>(n), d / 32);
  // The batch solution (an independent algorithm) fixes every value, ends included.
  const std::vector<LatLon> batch = batch_track(raw, c);
  for (std::size_t k = 0; k < n; ++k) EXPECT_LT(distance_m(track.position[k], batch[k]), 1e-6) << "ping " << k;
  RecordProperty("interior_error_m", std::to_string(distance_m(track.position[80], kOrigin)));
  RecordProperty("mean_error_m", std::to_string(sum / static_cast<double>(n)));
  RecordProperty("max_error_m", std::to_string(worst));
}

// (c) Seeded Gaussian noise (sigma = 10 m per axis, the configured accuracy) around a straight
// line at 8.1 m/s, 200 pings 1 s apart. The smoother is linear and reproduces the line, so its
// error is the noise passed through it: in the interior the variance ratio is
// (1/2pi) Int_{-pi}^{pi} H(w)^2 dw with H = S_p / (S_p + sigma^2) and S_p(w) = qT^3 (2 + cos w) /
// (3 (2 - 2 cos w)^2) (derivation at (b)); computed below by quadrature, RMS ratio 0.290. The
// segment ends, where only one side is averaged, raise the whole-track figure a little, and the
// smoothed errors are correlated over ~10 pings, so one 400-value draw is a rough sample: over
// seeds 1..200 the ratio ranged 0.21-0.38 (mean 0.298); this seed gives 0.252. Required: smoothed
// RMS below 0.4x raw RMS (a 2.5-fold reduction), and above 0.2x (lower would mean the filter
// trusts its straight-line model more than the stated q allows).
TEST(SmoothTrack, GaussianNoiseAroundStraightLineIsReduced) {
  const double sigma = 10.0;
  const double q = 1.0;
  const std::size_t n = 200;
  Normals normals(20240115);
  std::vector<LatLon> truth;
  std::vector<LatLon> noisy;
  for (std::size_t k = 0; k < n; ++k) {
    const double t = static_cast<double>(k);
    truth.push_back(test::offset(kOrigin, 7.0 * t, -4.0 * t));
    const double e = sigma * normals.next();
    const double north = sigma * normals.next();
    noisy.push_back(test::offset(truth.back(), e, north));
  }
  const clean::Track raw = test::make_track(noisy, regular_times(n, 1.0));
  clean::Track track = raw;
  const SmoothConfig c = config(sigma, q);
  smooth_track(track, c, GapConfig{});

  double raw_ss = 0.0;
  double smooth_ss = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    raw_ss += std::pow(distance_m(raw.position[k], truth[k]), 2);
    smooth_ss += std::pow(distance_m(track.position[k], truth[k]), 2);
  }
  const double raw_rms = std::sqrt(raw_ss / static_cast<double>(n));
  const double smooth_rms = std::sqrt(smooth_ss / static_cast<double>(n));

  double theory = 0.0;  // midpoint rule; H is smooth and periodic, so this converges fast
  const int steps = 20000;
  for (int i = 0; i < steps; ++i) {
    const double w = -std::numbers::pi + (i + 0.5) * 2.0 * std::numbers::pi / steps;
    const double s_p = q * (2.0 + std::cos(w)) / (3.0 * std::pow(2.0 - 2.0 * std::cos(w), 2));
    theory += std::pow(s_p / (s_p + sigma * sigma), 2) / steps;
  }
  theory = std::sqrt(theory);
  EXPECT_NEAR(theory, 0.290, 0.001);
  EXPECT_NEAR(raw_rms, sigma * std::sqrt(2.0), 0.15 * sigma * std::sqrt(2.0));  // the draw is sane
  EXPECT_LT(smooth_rms, 0.4 * raw_rms);
  EXPECT_GT(smooth_rms, 0.2 * raw_rms);
  RecordProperty("raw_rms_m", std::to_string(raw_rms));
  RecordProperty("smoothed_rms_m", std::to_string(smooth_rms));
  RecordProperty("theory_interior_ratio", std::to_string(theory));
  std::cout << "raw RMS " << raw_rms << " m, smoothed RMS " << smooth_rms << " m, ratio "
            << smooth_rms / raw_rms << ", interior theory " << theory << "\n";
}

// (d) East at 12 m/s for 10 pings, 20 min of silence, then north at 12 m/s from a point 15 km
// away. Each side is a noise-free constant-velocity line, so smoothed on its own it stays put
// (as in (a)). Smoothed as one segment, the corner across the silence would be rounded off.
TEST(SmoothTrack, GapSplitsSegments) {
  const Frame frame{kOrigin};
  std::vector<LatLon> positions;
  std::vector<Instant> times;
  for (std::size_t k = 0; k < 10; ++k) {
    const double t = 10.0 * static_cast<double>(k);
    positions.push_back(frame.point(12.0 * t, 0.0));
    times.push_back(seconds_after_t0(t));
  }
  for (std::size_t k = 0; k < 10; ++k) {
    const double t = 10.0 * static_cast<double>(k);
    positions.push_back(frame.point(15000.0, 3000.0 + 12.0 * t));
    times.push_back(seconds_after_t0(90.0 + 1200.0 + t));
  }
  const clean::Track raw = test::make_track(positions, times);
  ASSERT_EQ(find_gaps(raw, GapConfig{}).size(), 1U);

  clean::Track track = raw;
  smooth_track(track, SmoothConfig{}, GapConfig{});
  for (std::size_t i = 0; i < raw.size(); ++i)
    EXPECT_LT(distance_m(track.position[i], raw.position[i]), 1e-3) << "ping " << i;

  // Same as smoothing the two halves as separate tracks, bit for bit (same frames, same steps).
  for (const auto& [from, to] : {std::pair<std::size_t, std::size_t>{0, 10}, {10, 20}}) {
    clean::Track half = test::make_track(std::vector<LatLon>(positions.begin() + static_cast<long>(from),
                                                             positions.begin() + static_cast<long>(to)),
                                         std::vector<Instant>(times.begin() + static_cast<long>(from),
                                                              times.begin() + static_cast<long>(to)));
    smooth_track(half, SmoothConfig{}, GapConfig{});
    for (std::size_t i = from; i < to; ++i) EXPECT_EQ(track.position[i], half.position[i - from]) << "ping " << i;
  }

  // Control: with a 1 h gap threshold there is no gap, and the pings beside the silence move.
  // Not by much: over 1200 s the model lets the position wander by sqrt(q 1200^3 / 3) = 24 km, so
  // it links the two sides only weakly; but 50 times the tolerance above.
  clean::Track joined = raw;
  smooth_track(joined, SmoothConfig{}, GapConfig{Millis{3'600'000}});
  const double moved_before = distance_m(joined.position[9], raw.position[9]);
  const double moved_after = distance_m(joined.position[10], raw.position[10]);
  EXPECT_GT(moved_before, 0.05);
  EXPECT_GT(moved_after, 0.05);
  RecordProperty("control_moved_m", std::to_string(moved_before) + " " + std::to_string(moved_after));
}

// (e) A noise-free line east at 10 m/s, pings every h = 5 s at 5 m accuracy, with ping 10 put
// D = 50 m north of it. Because the model is linear, the smoothed ping 10 is the line plus
// w D with w = P / (P + s^2), where P is the variance of p_10 given all the other pings and s is
// ping 10's accuracy.
//   Upper bound on P: the average of the two neighbours is an unbiased estimate of p_10 with
//   error variance sigma^2/2 + Var((p_9 + p_11)/2 - p_10) = 12.5 + q h^3/6 = 33.3 m^2 (the
//   second-difference variance 2qh^3/3 of (b), quartered); the optimal estimate is no worse.
//   Lower bound on P: even exact states at pings 9 and 11 leave the integrated-Wiener bridge
//   variance q L^3/192 = 5.21 m^2 at the midpoint of L = 10 s.
// Huge accuracy (s = 10 km): w <= 33.3 / 1e8, so ping 10 ends within 1.7e-5 m of the line.
// Tiny accuracy (s = 1 cm): 1 - w <= 1e-4 / 5.21, so it ends within 0.96 mm of where it was.
TEST(SmoothTrack, AccuracyWeightsPings) {
  const Frame frame{kOrigin};
  const std::size_t n = 21;
  std::vector<LatLon> positions;
  for (std::size_t k = 0; k < n; ++k)
    positions.push_back(frame.point(50.0 * static_cast<double>(k), k == 10 ? 50.0 : 0.0));
  clean::Track raw = test::make_track(positions, regular_times(n, 5.0));
  raw.accuracy_m.assign(n, 5.0F);

  clean::Track vague_in = raw;
  vague_in.accuracy_m[10] = 1e4F;
  clean::Track vague = vague_in;
  smooth_track(vague, SmoothConfig{}, GapConfig{});
  EXPECT_LT(std::abs(frame.north(vague.position[10])), 1e-4);

  clean::Track sure_in = raw;
  sure_in.accuracy_m[10] = 0.01F;
  clean::Track sure = sure_in;
  smooth_track(sure, SmoothConfig{}, GapConfig{});
  EXPECT_GT(frame.north(sure.position[10]), 50.0 - 0.96e-3);
  EXPECT_LT(frame.north(sure.position[10]), 50.0);
  // Along the track (east) neither moves beyond the velocity-prior bias of (a).
  EXPECT_NEAR(frame.east(vague.position[10]), 500.0, 1e-3);
  EXPECT_NEAR(frame.east(sure.position[10]), 500.0, 1e-3);

  // With equal accuracy it lands in between; the batch solution fixes where.
  clean::Track equal = raw;
  smooth_track(equal, SmoothConfig{}, GapConfig{});
  const double between = frame.north(equal.position[10]);
  EXPECT_GT(between, 1.0);
  EXPECT_LT(between, 49.0);
  for (const auto& [input, output] : {std::pair{&vague_in, &vague}, {&sure_in, &sure}, {&raw, &equal}}) {
    const std::vector<LatLon> batch = batch_track(*input, SmoothConfig{});
    for (std::size_t k = 0; k < n; ++k) EXPECT_LT(distance_m(output->position[k], batch[k]), 1e-6) << "ping " << k;
  }
  RecordProperty("north_m_vague_sure_equal", std::to_string(frame.north(vague.position[10])) + " " +
                                                 std::to_string(frame.north(sure.position[10])) + " " +
                                                 std::to_string(between));
}

// (f) Two pings T = 1 s apart, both with accuracy sigma = 300 m, q = 1, separated by delta
// (per axis; the axes are independent). By hand, per axis, state (p, v):
//   init       m_0 = (z_0, 0), P_0 = diag(sigma^2, V)
//   predict    m^-_1 = (z_0, 0), P^-_1 = [[sigma^2 + a, V T + q T^2/2], [., V + q T]],
//              a = V T^2 + q T^3/3
//   update     S = 2 sigma^2 + a, K = P^-_1 H^T / S, m_1 = m^-_1 + K delta
//              => p_1 = z_0 + (sigma^2 + a)/S delta = z_1 - (sigma^2/S) delta
//   RTS        m^s_0 = m_0 + G_0 (m_1 - m^-_1) with G_0 = P_0 A^T (P^-_1)^-1 and
//              m_1 - m^-_1 = P^-_1 H^T delta / S, so m^s_0 = m_0 + P_0 A^T H^T delta / S
//              = m_0 + (sigma^2, V T) delta / S  => p^s_0 = z_0 + (sigma^2/S) delta.
// So both pings move towards each other by f = sigma^2 / (2 sigma^2 + V T^2 + q T^3/3) of the
// separation: f = 90000 / (180000 + 1000000 + 1/3) = 0.07627116490...
// (The same follows from the batch view: p_0, p_1 - p_0 ~ N(0, a), diffuse mean.)
TEST(SmoothTrack, TwoPingsByHand) {
  const Frame frame{kOrigin};
  const double sigma = 300.0;
  const double f = sigma * sigma / (2.0 * sigma * sigma + kV * 1.0 + 1.0 / 3.0);
  EXPECT_NEAR(f, 0.0762711649, 1e-10);
  const LatLon z0 = kOrigin;
  const LatLon z1 = frame.point(30.0, 40.0);
  clean::Track track = test::make_track({z0, z1}, {t0(), seconds_after_t0(1.0)});
  smooth_track(track, config(sigma, 1.0), GapConfig{});
  // delta = (30, 40) m: ping 0 ends at f * (30, 40), ping 1 at (1 - f) * (30, 40).
  EXPECT_LT(distance_m(track.position[0], frame.point(f * 30.0, f * 40.0)), 1e-6);
  EXPECT_LT(distance_m(track.position[1], frame.point((1 - f) * 30.0, (1 - f) * 40.0)), 1e-6);
  EXPECT_NEAR(distance_m(track.position[0], z0), f * 50.0, 1e-6);  // 3.8136 m
}

// Forward pass against the Kalman equations worked by hand (Särkkä 2013, (4.20)-(4.21)), in one
// dimension: three pings due north at z = 0, 1000, 3000 m, 1 s apart, sigma = 1000 m, q = 3e6
// m^2/s^3. In units of 1e6 m^2 (positions stay in m): R = 1, V = 1, Q = [[1, 1.5], [1.5, 3]].
//   k=0  m = (0, 0), P = [[1, 0], [0, 1]]
//   k=1  m^- = (0, 0), P^- = P + [[1, 1], [1, 1]] (A P A^T, T = 1) + Q = [[3, 2.5], [2.5, 4]]
//        S = 4, K = (3/4, 5/8), y = 1000 => m = (750, 625)
//        P = P^- - K S K^T = [[3 - 9/4, 5/2 - 15/8], [., 4 - 25/16]] = [[3/4, 5/8], [5/8, 39/16]]
//   k=2  m^- = (750 + 625, 625) = (1375, 625)
//        A P A^T = [[3/4 + 5/4 + 39/16, 5/8 + 39/16], [., 39/16]] = [[71/16, 49/16], [., 39/16]]
//        P^- = that + Q = [[87/16, 73/16], [73/16, 87/16]]
//        S = 87/16 + 1 = 103/16, K = (87/103, 73/103), y = 3000 - 1375 = 1625
//        m = (1375 + 87 * 1625 / 103, 625 + 73 * 1625 / 103) = (283000/103, 183000/103)
// The smoother leaves the last state as filtered, so the last ping ends at 283000/103 =
// 2747.5728155... m north.
TEST(SmoothTrack, ThreePingForwardPassByHand) {
  const Frame frame{kOrigin};
  clean::Track track = test::make_track({kOrigin, frame.point(0.0, 1000.0), frame.point(0.0, 3000.0)},
                                        regular_times(3, 1.0));
  const clean::Track raw = track;
  smooth_track(track, config(1000.0, 3e6), GapConfig{});
  EXPECT_NEAR(frame.north(track.position[2]), 283000.0 / 103.0, 1e-6);
  EXPECT_NEAR(frame.east(track.position[2]), 0.0, 1e-9);
  // The earlier pings are smoothed; the batch solution fixes them.
  const std::vector<LatLon> batch = batch_track(raw, config(1000.0, 3e6));
  for (std::size_t k = 0; k < 3; ++k) EXPECT_LT(distance_m(track.position[k], batch[k]), 1e-6) << "ping " << k;
}

// Irregular spacing, mixed and unusable accuracies, a turn: the recursion agrees with the batch
// least-squares solution of the same model everywhere.
TEST(SmoothTrack, MatchesBatchLeastSquares) {
  const Frame frame{kOrigin};
  Normals normals(7);
  const std::vector<double> dts = {1, 3, 2, 7, 1, 1, 15, 4, 2, 30, 5, 5, 1, 2, 9, 3, 60, 2, 1, 4};
  std::vector<LatLon> positions;
  std::vector<Instant> times;
  double t = 0.0;
  for (std::size_t k = 0; k <= dts.size(); ++k) {
    const double e = t < 60.0 ? 11.0 * t : 660.0 + 3.0 * (t - 60.0);
    const double nn = t < 60.0 ? 0.0 : 9.0 * (t - 60.0);
    positions.push_back(frame.point(e + 8.0 * normals.next(), nn + 8.0 * normals.next()));
    times.push_back(seconds_after_t0(t));
    if (k < dts.size()) t += dts[k];
  }
  clean::Track raw = test::make_track(positions, times);
  raw.accuracy_m.assign(raw.size(), 8.0F);
  raw.accuracy_m[3] = 0.05F;
  raw.accuracy_m[5] = 40.0F;
  raw.accuracy_m[8] = std::numeric_limits<float>::quiet_NaN();  // -> default accuracy
  raw.accuracy_m[9] = 0.0F;                                      // -> default accuracy
  raw.accuracy_m[12] = -3.0F;                                    // -> default accuracy
  raw.accuracy_m[15] = std::numeric_limits<float>::infinity();  // -> default accuracy
  const SmoothConfig c = config(12.0, 0.5);
  clean::Track track = raw;
  smooth_track(track, c, GapConfig{});
  const std::vector<LatLon> batch = batch_track(raw, c);
  double worst = 0.0;
  for (std::size_t k = 0; k < raw.size(); ++k) worst = std::max(worst, distance_m(track.position[k], batch[k]));
  EXPECT_LT(worst, 1e-6);
  std::cout << "max difference from batch: " << worst << " m\n";
}

TEST(SmoothTrack, SinglePingSegmentsTimesAndProvenanceAreUnchanged) {
  const Frame frame{kOrigin};
  // Lone ping, gap, three pings, gap, lone ping.
  const std::vector<LatLon> positions = {frame.point(3, 4),     frame.point(100, 0), frame.point(140, 9),
                                         frame.point(170, -5),  frame.point(900, 900)};
  const std::vector<Instant> times = {seconds_after_t0(0), seconds_after_t0(1000), seconds_after_t0(1010),
                                      seconds_after_t0(1020), seconds_after_t0(3000)};
  clean::Track raw = test::make_track(positions, times);
  raw.ping = {7, 3, 11, 2, 5};
  clean::Track track = raw;
  smooth_track(track, SmoothConfig{}, GapConfig{});
  EXPECT_EQ(track.position[0], raw.position[0]);
  EXPECT_EQ(track.position[4], raw.position[4]);
  EXPECT_NE(track.position[2], raw.position[2]);
  EXPECT_EQ(track.time, raw.time);
  EXPECT_EQ(track.ping, raw.ping);
  EXPECT_EQ(track.vehicle, raw.vehicle);

  clean::Track one = test::make_track({kOrigin}, {t0()});
  smooth_track(one, SmoothConfig{}, GapConfig{});
  EXPECT_EQ(one.position[0], kOrigin);
  clean::Track none;
  smooth_track(none, SmoothConfig{}, GapConfig{});
  EXPECT_TRUE(none.empty());
}

TEST(SmoothTrack, DeterministicAndAccuracyFallback) {
  Normals normals(99);
  std::vector<LatLon> positions;
  for (std::size_t k = 0; k < 50; ++k)
    positions.push_back(test::offset(kOrigin, 9.0 * static_cast<double>(k) + 5.0 * normals.next(), 5.0 * normals.next()));
  const clean::Track raw = test::make_track(positions, regular_times(50, 2.0));
  clean::Track a = raw;
  clean::Track b = raw;
  smooth_track(a, SmoothConfig{}, GapConfig{});
  smooth_track(b, SmoothConfig{}, GapConfig{});
  EXPECT_EQ(a.position, b.position);  // bit for bit
  // Unusable accuracies everywhere fall back to default_accuracy: same as no accuracy column.
  clean::Track c = raw;
  c.accuracy_m.assign(raw.size(), 0.0F);
  c.accuracy_m[1] = -1.0F;
  c.accuracy_m[2] = std::numeric_limits<float>::quiet_NaN();
  smooth_track(c, SmoothConfig{}, GapConfig{});
  EXPECT_EQ(c.position, a.position);
}

TEST(SmoothTrack, RejectsBadConfigAndMismatchedAccuracy) {
  clean::Track track = test::make_track({kOrigin, test::offset(kOrigin, 10, 0)}, regular_times(2, 1.0));
  EXPECT_THROW(smooth_track(track, config(0.0, 1.0), GapConfig{}), UsageError);
  EXPECT_THROW(smooth_track(track, config(std::numeric_limits<double>::quiet_NaN(), 1.0), GapConfig{}), UsageError);
  EXPECT_THROW(smooth_track(track, config(10.0, -1.0), GapConfig{}), UsageError);
  track.accuracy_m = {5.0F};
  EXPECT_THROW(smooth_track(track, SmoothConfig{}, GapConfig{}), std::invalid_argument);
}

}  // namespace
}  // namespace shiftline::reconstruct
