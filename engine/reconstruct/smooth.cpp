// Constant-velocity Kalman filter + Rauch-Tung-Striebel smoother, one segment between gaps at a
// time. Equation numbers refer to Särkkä (2013), "Bayesian Filtering and Smoothing", Cambridge
// University Press: Kalman filter Theorem 4.2, prediction (4.20) and update (4.21); RTS smoother
// Theorem 8.2.
//
// Model, per segment, in a LocalFrame at the latitude of the segment's first ping (east/north
// metres from that ping):
//   state x = [east, north, v_east, v_north]
//   x_k = A_k x_{k-1} + w_k,  A_k = [[I, dt I], [0, I]],
//   w_k ~ N(0, Q_k), Q_k = q [[dt^3/3 I, dt^2/2 I], [dt^2/2 I, dt I]]  (white-noise acceleration
//                                      of spectral density q = acceleration_psd, per axis)
//   z_k = H x_k + r_k,  H = [I 0],  r_k ~ N(0, sigma_k^2 I)
// sigma_k is the ping's accuracy_m when present, finite and > 0, else default_accuracy.
//
// Initialisation from the first ping: m_0 = [z_0, 0, 0], P_0 = diag(sigma_0^2, sigma_0^2, V, V)
// with V = kInitialSpeedSigma^2. This is exactly the posterior after z_0 under a flat prior on
// position and a N(0, V) prior on velocity, so the smoothed means are the minimisers of
//   sum_k |z_k - p_k|^2 / sigma_k^2 + sum_k |x_k - A_k x_{k-1}|^2_{Q_k^-1} + |v_0|^2 / V.
//
// Everything is block-diagonal per axis, so east and north are in fact two independent 2-state
// filters; the 4-state form is kept because it is the textbook one and costs little.

#include "shiftline/reconstruct/smooth.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/core/time.hpp"

namespace shiftline::reconstruct {
namespace {

using Vec2 = Eigen::Vector2d;
using Vec4 = Eigen::Vector4d;
using Mat2 = Eigen::Matrix2d;
using Mat4 = Eigen::Matrix4d;
using Mat42 = Eigen::Matrix<double, 4, 2>;

/// Standard deviation of the velocity prior at the start of a segment, m/s. It stands for "speed
/// unknown": 1000 m/s is far above any speed cleaning lets through (max_speed_kmh 250 = 69 m/s).
/// A finite V = kInitialSpeedSigma^2 pulls the initial velocity towards 0 by about Var(v_0 | pings)
/// / V of itself; for 1-10 s pings of 10 m accuracy and q = 1 that is about 1e-5, i.e. positions
/// move by about 0.1 mm at 10 m/s (100 m/s would give 1 cm, hence the larger value).
/// Larger values buy nothing and only worsen the conditioning of the first prediction. Not in
/// SmoothConfig because it is not a tuning knob: any value this large gives the same positions to
/// within a millimetre.
constexpr double kInitialSpeedSigma = 1000.0;

/// Seconds between two instants, as a double (milliseconds / 1000, to within one rounding).
double seconds_between(Instant a, Instant b) { return std::chrono::duration<double>(b - a).count(); }

/// A parameter's value for a message, as %g writes it (1e+200, 0.5).
std::string number(double v) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%g", v);
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}

/// Transition A for a step of dt seconds.
Mat4 transition(double dt) {
  Mat4 a = Mat4::Identity();
  a(0, 2) = dt;
  a(1, 3) = dt;
  return a;
}

/// Discrete white-noise-acceleration process noise for a step of dt seconds: the exact
/// discretisation of a continuous white-noise acceleration of spectral density q on each axis.
Mat4 process_noise(double q, double dt) {
  const double q11 = q * dt * dt * dt / 3.0;
  const double q12 = q * dt * dt / 2.0;
  const double q22 = q * dt;
  Mat4 m = Mat4::Zero();
  m(0, 0) = q11;
  m(1, 1) = q11;
  m(0, 2) = q12;
  m(2, 0) = q12;
  m(1, 3) = q12;
  m(3, 1) = q12;
  m(2, 2) = q22;
  m(3, 3) = q22;
  return m;
}

/// What smoothing one segment needs to keep per step: the filtered mean m_k, the predicted mean
/// m^-_{k+1} and the RTS gain G_k. Storing G_k (computed as soon as P^-_{k+1} is known) instead of
/// P_k and P^-_{k+1} halves the memory; the operations are the same.
struct Scratch {
  std::vector<Vec4> filtered;
  std::vector<Vec4> predicted;  ///< predicted[k] = m^-_k (k >= 1)
  std::vector<Mat4> gain;       ///< gain[k] = G_k (k <= n - 2)
};

class Smoother {
 public:
  Smoother(Track& track, const SmoothConfig& config) : m_track(track), m_config(config) {}

  /// Smooths pings [first, last] in place. Precondition: last > first.
  void segment(std::size_t first, std::size_t last) {
    const std::size_t n = last - first + 1;
    m_scratch.filtered.resize(n);
    m_scratch.predicted.resize(n);
    m_scratch.gain.resize(n);

    const LatLon origin = m_track.position[first];
    const LocalFrame frame = LocalFrame::at(origin.lat);
    const auto measurement = [&](std::size_t i) {
      const LatLon p = m_track.position[i];
      return Vec2(frame.east(p.lon - origin.lon), frame.north(p.lat - origin.lat));
    };

    // Initialisation from the first ping (see the file comment).
    const double s0 = sigma(first);
    Vec4 m;
    m << measurement(first), 0.0, 0.0;
    Mat4 p = Mat4::Zero();
    p(0, 0) = s0 * s0;
    p(1, 1) = s0 * s0;
    p(2, 2) = kInitialSpeedSigma * kInitialSpeedSigma;
    p(3, 3) = kInitialSpeedSigma * kInitialSpeedSigma;
    m_scratch.filtered[0] = m;

    // Forward pass: Kalman filter (Särkkä 2013, Theorem 4.2).
    for (std::size_t k = 1; k < n; ++k) {
      const std::size_t i = first + k;
      const double dt = seconds_between(m_track.time[i - 1], m_track.time[i]);
      const Mat4 a = transition(dt);
      // Prediction (4.20): m^- = A m, P^- = A P A^T + Q.
      const Vec4 m_pred = a * m;
      Mat4 p_pred = a * p * a.transpose() + process_noise(m_config.acceleration_psd, dt);
      p_pred = symmetric(p_pred);

      // RTS gain for step k-1 (Theorem 8.2): G = P_{k-1} A^T (P^-_k)^-1, computed as the solution
      // of P^-_k G^T = A P_{k-1} (both P symmetric). P^-_k can be badly conditioned: after the first
      // prediction the position and velocity variances differ by orders of magnitude and are
      // almost perfectly correlated (the position spread is mostly dt times the velocity spread),
      // and with a sub-metre accuracy_m the position variance is tiny. An explicit 4x4 inverse
      // (cofactors) loses accuracy there; LDLT with pivoting is backward stable.
      m_scratch.gain[k - 1] = p_pred.ldlt().solve(a * p).transpose();

      // Update (4.21): v = z - H m^-, S = H P^- H^T + R, K = P^- H^T S^-1, m = m^- + K v.
      const double s = sigma(i);
      const Vec2 innovation = measurement(i) - m_pred.head<2>();
      const Mat2 s_mat = p_pred.topLeftCorner<2, 2>() + (s * s) * Mat2::Identity();
      // S is 2x2, symmetric positive definite with eigenvalues >= sigma^2 > 0, and diagonal up to
      // rounding because the axes are uncoupled: its closed-form inverse (adjugate / determinant)
      // involves no cancellation, so it is as accurate as a factorisation and cheaper.
      // With an extreme q the determinant of S overflows (S ~ 1e155 m^2): its inverse is then 0, the
      // gain vanishes and the filter silently ignores every fix; a few steps on the covariance is
      // inf and the means NaN. Either way there is no result to give.
      if (!p_pred.allFinite() || !std::isfinite(s_mat.determinant())) overflowed(i);
      const Mat42 k_gain = p_pred.leftCols<2>() * s_mat.inverse();
      m = m_pred + k_gain * innovation;
      // Covariance in Joseph form, (I - K H) P^- (I - K H)^T + K R K^T: algebraically equal to
      // (4.21)'s P^- - K S K^T, but a sum of positive semidefinite terms, so it stays positive
      // definite when a tiny accuracy_m makes K H nearly the identity on position and the
      // subtraction would cancel.
      Mat4 i_kh = Mat4::Identity();
      i_kh.leftCols<2>() -= k_gain;
      p = symmetric(i_kh * p_pred * i_kh.transpose() + (s * s) * k_gain * k_gain.transpose());

      m_scratch.predicted[k] = m_pred;
      m_scratch.filtered[k] = m;
    }

    // Backward pass: RTS smoother (Särkkä 2013, Theorem 8.2), means only:
    // m^s_k = m_k + G_k (m^s_{k+1} - m^-_{k+1}), starting from m^s_{n-1} = m_{n-1}.
    Vec4 smoothed = m_scratch.filtered[n - 1];
    store(first + n - 1, origin, frame, smoothed);
    for (std::size_t k = n - 1; k-- > 0;) {
      smoothed = m_scratch.filtered[k] + m_scratch.gain[k] * (smoothed - m_scratch.predicted[k + 1]);
      store(first + k, origin, frame, smoothed);
    }
  }

 private:
  /// Measurement standard deviation of ping i, metres.
  [[nodiscard]] double sigma(std::size_t i) const {
    if (!m_track.accuracy_m.empty()) {
      const double a = static_cast<double>(m_track.accuracy_m[i]);
      if (std::isfinite(a) && a > 0.0) return a;
    }
    return m_config.default_accuracy.value;
  }

  /// (M + M^T) / 2: keeps covariances exactly symmetric, since LDLT reads one triangle only.
  [[nodiscard]] static Mat4 symmetric(const Mat4& m) { return 0.5 * (m + m.transpose()); }

  /// Writes a smoothed state back as degrees, through the same frame that made the metres. A
  /// state that is not finite (the filter overflowed: a process noise q dt^3 beyond a double, or
  /// inf - inf in the covariance) stops the run: a NaN position would become NaN dwells, distances
  /// and invalid GeoJSON, and nothing downstream can tell it from a place.
  void store(std::size_t i, LatLon origin, const LocalFrame& frame, const Vec4& state) {
    const double lon = wrap_longitude(origin.lon + state(0) / frame.metres_per_deg_lon);
    const double lat = origin.lat + state(1) / frame.metres_per_deg_lat;
    if (!std::isfinite(lat) || !std::isfinite(lon)) overflowed(i);
    m_track.position[i] = LatLon::from_degrees(lat, lon);
  }

  /// Stops the run (exit 2): the parameters give no finite result at ping i.
  [[noreturn]] void overflowed(std::size_t i) const {
    throw UsageError("smoothing gave no finite position for the ping at " + format_utc(m_track.time[i]) +
                     " (--smooth-accel " + number(m_config.acceleration_psd) + " m^2/s^3, --smooth-accuracy-m " +
                     number(m_config.default_accuracy.value) +
                     " m): the filter overflows or underflows with these values; use values nearer the defaults "
                     "(docs/smoothing.md)");
  }

  Track& m_track;
  const SmoothConfig& m_config;
  Scratch m_scratch;
};

void check(const Track& track, const SmoothConfig& config) {
  const double a = config.default_accuracy.value;
  if (!std::isfinite(a) || a <= 0.0)
    throw UsageError("smoothing: default accuracy must be finite and > 0 m, got " + std::to_string(a));
  const double q = config.acceleration_psd;
  if (!std::isfinite(q) || q < 0.0)
    throw UsageError("smoothing: acceleration noise must be finite and >= 0 m^2/s^3, got " + std::to_string(q));
  if (!track.accuracy_m.empty() && track.accuracy_m.size() != track.size())
    throw std::invalid_argument("smooth_track: accuracy_m has " + std::to_string(track.accuracy_m.size()) +
                                " values for " + std::to_string(track.size()) + " pings");
}

}  // namespace

void smooth_track(Track& track, const SmoothConfig& config, const GapConfig& gaps) {
  check(track, config);
  if (track.size() < 2) return;
  Smoother smoother(track, config);
  std::size_t first = 0;
  const auto run = [&](std::size_t last) {
    if (last > first) smoother.segment(first, last);  // a single-ping segment stays as it is
  };
  for (const Gap& gap : find_gaps(track, gaps)) {
    run(gap.before);
    first = gap.after();
  }
  run(track.size() - 1);
}

}  // namespace shiftline::reconstruct
