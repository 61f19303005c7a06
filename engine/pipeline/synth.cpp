// The synthetic fleet generator (synth.hpp states what it promises).
//
// Each vehicle is a small state machine with its own random engine: it drives a straight leg
// from where it is to a random destination in the area, parks there, and drives on. Driving
// steps are 125-250 m (30-60 km/h at 15 s), and a parked position is exactly one step beyond the
// last driving ping, so with noise of at most 3 * 8 m no driving ping is within 50 m of its
// neighbour or of a parked ping, while every parked ping is within 48 m of every other one: a
// stay-point detector with a 50 m radius and a 120 s minimum sees exactly the planted parks.
//
// The vehicles' streams are merged on the shared time grid: tick by tick, vehicles in phase order.
// Rows go through one large buffer; nothing is allocated per row.
#include "shiftline/pipeline/synth.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/synth_internal.hpp"
#include "shiftline/core/error.hpp"

namespace shiftline::pipeline {
namespace {

using detail::distance;
using detail::mix64;
using detail::Point;
using detail::Random;
using detail::uniform_in_disc;

// Bounds that the guarantees in synth.hpp rest on (see the file comment).
constexpr Millis kMinInterval{Millis{15'000}};   // 30 km/h * 15 s = 125 m: a driving step
constexpr Millis kMaxInterval{Millis{300'000}};  // longer would be a gap (reconstruct::GapConfig)
constexpr double kMaxNoise = 8.0;                // 2 * 3 sigma = 48 m < the 50 m stay radius
constexpr double kNoiseCut = 3.0;                // noise is cut at this many sigma
constexpr double kMinArea = 1'000.0;
constexpr double kMaxArea = 50'000.0;            // local-frame stepping stays within 0.1%
constexpr double kMaxCentreLat = 80.0;
// Driving speeds 30-60 km/h, as metres per millisecond of interval: 30 km/h = 1/120 m/ms, so a
// 15 s step is 125-250 m, exactly.
constexpr double kMsPerMetreSlow = 120.0;
constexpr double kMsPerMetreFast = 60.0;
constexpr double kMinLeg = 500.0;                // metres of driving between two dwells, at least
constexpr Millis kMinPark{Millis{180'000}};      // planted dwells last longer than this
constexpr Millis kMaxPark{Millis{40 * 60'000}};
constexpr Millis kGapThreshold{Millis{300'000}};  // a silence longer than this is a gap
constexpr Millis kMaxGap{Millis{30 * 60'000}};
constexpr std::size_t kBufferSize = std::size_t{4} << 20;
constexpr std::size_t kMaxRow = 256;             // longest row we can write (id <= 64 bytes)

// Random numbers (Random, mix64) and the flat frame (Point) live in synth_internal.hpp.

// --- Text. Rows are `id,YYYY-MM-DDThh:mm:ss[.mmm]Z,lat,lon\n`, written into a caller's buffer.

char* write_2(char* p, std::int64_t v) noexcept {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

// Degrees * 1e7 as a decimal with exactly 7 fraction digits: exactly the value ingest stores.
char* write_e7(char* p, std::int32_t e7) noexcept {
  std::int64_t v = e7;
  if (v < 0) {
    *p++ = '-';
    v = -v;
  }
  p = std::to_chars(p, p + 12, v / 10'000'000).ptr;
  *p++ = '.';
  std::int64_t frac = v % 10'000'000;
  for (int i = 6; i >= 0; --i) {
    p[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  return p + 7;
}

class CsvOut {
 public:
  explicit CsvOut(std::ostream& out) : m_out(out), m_buffer(kBufferSize) {}

  void text(std::string_view s) {
    reserve_row();
    std::memcpy(m_buffer.data() + m_used, s.data(), s.size());
    m_used += s.size();
  }

  void row(std::string_view id, Instant t, std::int32_t lat_e7, std::int32_t lon_e7) {
    reserve_row();
    char* p = m_buffer.data() + m_used;
    std::memcpy(p, id.data(), id.size());
    p += id.size();
    *p++ = ',';
    p = write_time(p, t);
    *p++ = ',';
    p = write_e7(p, lat_e7);
    *p++ = ',';
    p = write_e7(p, lon_e7);
    *p++ = '\n';
    m_used = static_cast<std::size_t>(p - m_buffer.data());
  }

  void flush() {
    if (m_used > 0) m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_used));
    m_used = 0;
    if (!m_out) throw OutputError("synthetic fleet: cannot write the CSV stream");
  }

 private:
  void reserve_row() {
    if (m_buffer.size() - m_used < kMaxRow) flush();
  }

  // format_utc's text, without its allocation: the date part comes from format_utc once a day.
  char* write_time(char* p, Instant t) {
    constexpr std::int64_t kDay = 86'400'000;
    const std::int64_t ms = t.time_since_epoch().count();
    std::int64_t day = ms / kDay;
    if (ms % kDay < 0) --day;
    if (!m_day || *m_day != day) {
      const std::string s = format_utc(Instant{Millis{day * kDay}});
      m_date.assign(s, 0, s.find('T') + 1);  // "YYYY-MM-DDT"
      m_day = day;
    }
    std::memcpy(p, m_date.data(), m_date.size());
    p += m_date.size();
    const std::int64_t in_day = ms - day * kDay;
    const std::int64_t s = in_day / 1000;
    p = write_2(p, s / 3600);
    *p++ = ':';
    p = write_2(p, s / 60 % 60);
    *p++ = ':';
    p = write_2(p, s % 60);
    if (const std::int64_t sub = in_day % 1000; sub != 0) {
      *p++ = '.';
      *p++ = static_cast<char>('0' + sub / 100);
      p = write_2(p, sub % 100);
    }
    *p++ = 'Z';
    return p;
  }

  std::ostream& m_out;
  std::vector<char> m_buffer;
  std::size_t m_used = 0;
  std::optional<std::int64_t> m_day;
  std::string m_date;
};

// --- The fleet.

// Shortest leg: 500 m, and at least two of the longest steps, so that a leg can always be cut
// into whole steps of 30-60 km/h.
double min_leg_m(Millis interval) noexcept {
  return std::max(kMinLeg, 2.0 * static_cast<double>(interval.count()) / kMsPerMetreFast);
}

struct Limits {
  std::size_t min_park = 0;  // pings of the shortest planted dwell (lasts > kMinPark)
  std::size_t max_park = 0;  // pings of the longest (lasts <= kMaxPark)
  std::size_t min_gap = 0;   // grid points skipped by the shortest gap (silence > kGapThreshold)
  std::size_t max_gap = 0;   // ... by the longest (silence <= kMaxGap)
};

Limits limits_for(Millis interval) {
  Limits l;
  l.min_park = static_cast<std::size_t>(kMinPark / interval) + 2;
  l.max_park = std::max(l.min_park, static_cast<std::size_t>(kMaxPark / interval) + 1);
  l.min_gap = static_cast<std::size_t>(kGapThreshold / interval);
  l.max_gap = std::max(l.min_gap, static_cast<std::size_t>(kMaxGap / interval) - 1);
  return l;
}

class Vehicle {
 public:
  Vehicle(const SynthConfig& config, const Limits& limits, const LocalFrame& frame, std::size_t number,
          std::size_t quota, std::string id)
      : m_config(config),
        m_limits(limits),
        m_frame(frame),
        m_id(std::move(id)),
        m_random(mix64(mix64(config.seed) ^ (0x9E3779B97F4A7C15ULL * (number + 1)))),
        m_quota(quota),
        m_total(quota) {
    const std::int64_t iv = config.interval.count();
    // Whole seconds when the interval allows, so that times need no fraction.
    const std::int64_t unit = iv % 1000 == 0 ? 1000 : 1;
    m_phase = Millis{unit * static_cast<std::int64_t>(m_random.between(0, static_cast<std::uint64_t>(iv / unit - 1)))};
    m_here = uniform_in_disc(m_random, config.area_radius.value);
    if (m_quota > 0) begin_leg();
  }

  [[nodiscard]] const std::string& id() const noexcept { return m_id; }
  [[nodiscard]] Millis phase() const noexcept { return m_phase; }
  [[nodiscard]] bool done() const noexcept { return m_quota == 0; }

  /// Advances one grid point to time `t`. Returns true with the position in `out` when the vehicle
  /// pings; false in a planted silence. Precondition: !done().
  bool tick(Instant t, Point& out, std::vector<PlantedDwell>& dwells, std::vector<PlantedGap>& gaps) {
    if (m_parked) {
      if (m_park_left > 0) {
        --m_park_left;
        return emit(t, m_here, out);
      }
      m_parked = false;
      begin_leg();
    }
    ++m_step;
    if (m_step == m_steps) {  // arrival: park for the rest of the planned dwell
      m_here = m_to;
      m_parked = true;
      const std::size_t n = std::min<std::size_t>(m_random.between(m_limits.min_park, m_limits.max_park), m_quota);
      m_park_left = n - 1;
      dwells.push_back(PlantedDwell{m_id, t, t + m_config.interval * static_cast<std::int64_t>(n - 1), to_latlon(m_to)});
      return emit(t, m_here, out);
    }
    const Point on_leg{m_from.x + m_dir.x * m_step_m * static_cast<double>(m_step),
                       m_from.y + m_dir.y * m_step_m * static_cast<double>(m_step)};
    if (m_silent_left > 0) {
      --m_silent_left;
      return false;
    }
    if (gap_due() && m_step >= 2 && !m_final_leg) {
      // The ping after the silence must still be a driving ping of this leg.
      const std::size_t room = m_steps - 1 - m_step;
      if (room >= m_limits.min_gap) {
        const auto skip = static_cast<std::size_t>(m_random.between(m_limits.min_gap, std::min(m_limits.max_gap, room)));
        gaps.push_back(PlantedGap{m_id, m_last, t + m_config.interval * static_cast<std::int64_t>(skip)});
        ++m_gaps_done;
        m_silent_left = skip - 1;
        return false;
      }
    }
    return emit(t, on_leg, out);
  }

  [[nodiscard]] LatLon to_latlon(Point p) const noexcept {
    const double lon = wrap_longitude(m_config.centre.lon + p.x / m_frame.metres_per_deg_lon);
    return LatLon::from_degrees(m_config.centre.lat + p.y / m_frame.metres_per_deg_lat, lon);
  }

 private:
  [[nodiscard]] bool gap_due() const noexcept {
    const std::size_t planned = m_config.gaps_per_vehicle;
    if (m_gaps_done >= planned) return false;
    // Gap g (0-based) is due once (g + 1) / (planned + 1) of the vehicle's pings are written.
    const std::size_t written = m_total - m_quota;
    return written * (planned + 1) >= (m_gaps_done + 1) * m_total;
  }

  bool emit(Instant t, Point truth, Point& out) {
    // Isotropic noise, cut at kNoiseCut sigma from the true position.
    const double sigma = m_config.gps_noise.value;
    double ex = m_random.normal() * sigma;
    double ey = m_random.normal() * sigma;
    const double r2 = ex * ex + ey * ey;
    const double cut = kNoiseCut * sigma;
    if (r2 > cut * cut) {
      const double k = cut / std::sqrt(r2);
      ex *= k;
      ey *= k;
    }
    out = Point{truth.x + ex, truth.y + ey};
    --m_quota;
    m_last = t;
    return true;
  }

  // A straight leg from m_here. Its step is 125-250 m (at 15 s); it arrives either after the data
  // ends or with at least min_park pings left, so that every dwell is planted whole.
  void begin_leg() {
    const auto iv_ms = static_cast<double>(m_config.interval.count());
    const double s_min = iv_ms / kMsPerMetreSlow;
    const double s_max = iv_ms / kMsPerMetreFast;
    const double s_drawn = m_random.uniform(s_min, s_max);  // the step at the drawn speed
    const double radius = m_config.area_radius.value;
    const double min_leg = min_leg_m(m_config.interval);
    Point to;
    double d = 0.0;
    do {
      to = uniform_in_disc(m_random, radius);
      d = distance(m_here, to);
    } while (d < min_leg);
    // Steps between ceil(d / s_max) >= 2 and floor(d / s_min) (a range of length >= 2 as
    // d >= 2 s_max = 4 s_min), nearest to the drawn speed's.
    const auto lo = static_cast<std::size_t>(std::ceil(d / s_max));
    const auto hi = static_cast<std::size_t>(std::floor(d / s_min));
    const auto steps_at_speed = static_cast<std::size_t>(std::llround(d / s_drawn));
    std::size_t steps = std::clamp(steps_at_speed, lo, hi);
    double step = d / static_cast<double>(steps);
    m_final_leg = false;
    // Pings left on arrival: the arrival ping is the first parked one.
    const std::size_t driving = steps - 1;
    if (m_quota > driving && m_quota - driving < m_limits.min_park) {
      const std::size_t shortfall = m_limits.min_park - (m_quota - driving);
      if (steps > shortfall && static_cast<double>(steps - shortfall) * step >= min_leg) {
        // Stop earlier on the same line, arriving with exactly min_park pings left.
        steps -= shortfall;
        to = Point{m_here.x + (to.x - m_here.x) / d * step * static_cast<double>(steps),
                   m_here.y + (to.y - m_here.y) / d * step * static_cast<double>(steps)};
        d = step * static_cast<double>(steps);
      } else {
        // Too few pings left for a leg and a dwell: drive through the centre until the data ends.
        const double r = std::sqrt(m_here.x * m_here.x + m_here.y * m_here.y);
        const Point dir = r > 1.0 ? Point{-m_here.x / r, -m_here.y / r} : Point{1.0, 0.0};
        step = s_drawn;
        steps = m_quota + 1;
        d = step * static_cast<double>(steps);
        to = Point{m_here.x + dir.x * d, m_here.y + dir.y * d};
        m_final_leg = true;
      }
    } else if (m_quota <= driving) {
      m_final_leg = true;
    }
    m_from = m_here;
    m_to = to;
    m_dir = Point{(to.x - m_here.x) / d, (to.y - m_here.y) / d};
    m_step_m = step;
    m_steps = steps;
    m_step = 0;
  }

  const SynthConfig& m_config;
  const Limits& m_limits;
  const LocalFrame& m_frame;  // metres <-> degrees around the centre
  std::string m_id;
  Random m_random;
  Millis m_phase{0};
  std::size_t m_quota = 0;  // pings still to write
  std::size_t m_total = 0;
  Instant m_last{};         // time of the last ping written
  Point m_here;             // where the vehicle is parked, or where its leg started
  bool m_parked = false;
  std::size_t m_park_left = 0;
  Point m_from, m_to, m_dir;
  double m_step_m = 0.0;
  std::size_t m_steps = 0;  // the leg arrives at step m_steps
  std::size_t m_step = 0;
  bool m_final_leg = false;
  std::size_t m_silent_left = 0;
  std::size_t m_gaps_done = 0;
};

void validate(const SynthConfig& c) {
  const auto fail = [](const std::string& what) { throw UsageError("synthetic fleet: " + what); };
  if (c.vehicles == 0) fail("vehicles must be at least 1");
  if (c.pings == 0) fail("pings must be at least 1");
  if (c.interval < kMinInterval || c.interval > kMaxInterval)
    fail("interval must be between 15 s and 5 min (driving steps of >= 125 m, no unplanned gaps)");
  if (!(c.gps_noise.value >= 0.0 && c.gps_noise.value <= kMaxNoise))
    fail("gps_noise must be between 0 and 8 m (a parked car must fit in a 50 m stay radius)");
  if (!(c.area_radius.value >= kMinArea && c.area_radius.value <= kMaxArea))
    fail("area_radius must be between 1 and 50 km");
  if (c.interval >= kMinInterval && c.area_radius.value < 2.0 * min_leg_m(c.interval))
    fail("area_radius must be at least twice the shortest leg (500 m, or two steps at 60 km/h): " +
         std::to_string(std::llround(2.0 * min_leg_m(c.interval))) + " m for this interval");
  if (!(std::abs(c.centre.lat) <= kMaxCentreLat) || !(std::abs(c.centre.lon) <= 180.0))
    fail("centre must have |latitude| <= 80 and |longitude| <= 180");
}

template <typename T>
void sort_by_vehicle_then_start(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) {
    if (a.vehicle_id != b.vehicle_id) return a.vehicle_id < b.vehicle_id;
    return a.start < b.start;
  });
}

}  // namespace

std::vector<PlantedDwell> write_synthetic_fleet(const SynthConfig& config, std::ostream& csv) {
  std::vector<PlantedGap> gaps;
  return write_synthetic_fleet(config, csv, gaps);
}

std::vector<PlantedDwell> write_synthetic_fleet(const SynthConfig& config, std::ostream& csv,
                                                std::vector<PlantedGap>& gaps) {
  validate(config);
  const Limits limits = limits_for(config.interval);
  const LocalFrame frame = LocalFrame::at(config.centre.lat);
  const int width = std::max(4, static_cast<int>(std::to_string(config.vehicles).size()));

  std::vector<Vehicle> fleet;
  fleet.reserve(config.vehicles);
  for (std::size_t k = 0; k < config.vehicles; ++k) {
    const std::size_t quota = config.pings / config.vehicles + (k < config.pings % config.vehicles ? 1 : 0);
    std::string number = std::to_string(k + 1);
    std::string id = "V" + std::string(static_cast<std::size_t>(width) - number.size(), '0') + number;
    fleet.emplace_back(config, limits, frame, k, quota, std::move(id));
  }

  std::vector<PlantedDwell> dwells;
  gaps.clear();
  CsvOut out(csv);
  out.text("vehicle_id,timestamp,lat,lon\n");
  const auto write = [&](Vehicle& v, std::int64_t tick) {
    const Instant t = config.start + v.phase() + config.interval * tick;
    Point p;
    if (v.tick(t, p, dwells, gaps)) {
      const LatLon ll = v.to_latlon(p);
      out.row(v.id(), t, to_e7(ll.lat), to_e7(ll.lon));
    }
  };
  if (config.interleave) {
    // All vehicles share the grid start + i * interval and have phases below one interval, so
    // going tick by tick, vehicles in phase order, is time order.
    std::vector<std::size_t> order(fleet.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&fleet](std::size_t a, std::size_t b) { return fleet[a].phase() < fleet[b].phase(); });
    std::erase_if(order, [&fleet](std::size_t k) { return fleet[k].done(); });
    for (std::int64_t tick = 0; !order.empty(); ++tick) {
      for (const std::size_t k : order) write(fleet[k], tick);
      std::erase_if(order, [&fleet](std::size_t k) { return fleet[k].done(); });
    }
  } else {
    for (Vehicle& v : fleet)
      for (std::int64_t tick = 0; !v.done(); ++tick) write(v, tick);
  }
  out.flush();
  sort_by_vehicle_then_start(dwells);
  sort_by_vehicle_then_start(gaps);
  return dwells;
}

}  // namespace shiftline::pipeline
