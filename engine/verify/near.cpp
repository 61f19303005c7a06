#include "shiftline/verify/near.hpp"

#include <algorithm>
#include <tuple>

#include "shiftline/match/match.hpp"

namespace shiftline::verify {

NearVehicle near_vehicle(std::string_view vehicle_id, const clean::Track& track, const NearQuery& query,
                         const VerifyConfig& config) {
  NearVehicle v;
  v.vehicle_id = std::string(vehicle_id);
  v.speed = fastest_speed(track, config.reach_speed);
  const std::size_t n = track.size();
  if (n == 0) return v;
  const Interval window = query.window;
  const match::PlaceShape shape(query.place);
  // match::place_holds's rule (distance_to_place <= radius) on a measured ping: its recorded
  // position, no margin. The margin widens only the prism (approach), as in verify.
  const auto inside = [&](const Sighting& s) { return s.distance <= query.place.radius; };
  const auto in_window = [&](Instant t) { return t >= window.start && t <= window.end; };

  // Pings that can touch the window: the one before it, those in it, the one after it.
  const auto lo = static_cast<std::size_t>(std::lower_bound(track.time.begin(), track.time.end(), window.start) -
                                           track.time.begin());
  const auto hi = static_cast<std::size_t>(std::upper_bound(track.time.begin(), track.time.end(), window.end) -
                                           track.time.begin());
  const std::size_t first = lo > 0 ? lo - 1 : 0;
  const std::size_t last = std::min(hi, n - 1);

  std::optional<Sighting> previous;
  for (std::size_t i = first; i <= last; ++i) {
    Sighting here = measure(vehicle_id, track, i, query.place, shape, config);
    const bool here_inside = inside(here);
    const bool joined = previous && inside(*previous) && here_inside && here.at - previous->at <= config.gap;
    if (in_window(here.at)) {
      if (!v.closest || here.distance < v.closest->distance) v.closest = here;
      if (here_inside) {
        // A new entry unless the step from an inside ping in the window joins it.
        if (!joined || !in_window(previous->at)) ++v.entries;
        if (!v.first_in) v.first_in = here;
        v.last_in = here;
      }
    }
    if (previous) {
      const Interval part{std::max(previous->at, window.start), std::min(here.at, window.end)};
      if (part.end > part.start) {
        if (joined) {
          v.inside += part.length();
        } else {
          const Reach r = reach(Anchor{previous->at, previous->approach}, Anchor{here.at, here.approach}, part.start,
                                part.end, v.speed);
          if (r.longest_stay() > Millis{0}) {
            v.could_have_been += r.longest_stay();
            v.possible.push_back(PossibleStay{*previous, here, r});
          }
        }
      }
    }
    previous = std::move(here);
  }
  return v;
}

std::vector<Interval> near_spans(const NearVehicle& v) {
  std::vector<Interval> spans;
  const auto add = [&spans](Instant a, Instant b) { spans.push_back({a, std::max(b, a + Millis{1})}); };
  if (v.first_in) add(v.first_in->at, v.last_in->at);
  for (const auto& p : v.possible) add(p.reach.earliest_arrival, p.reach.latest_departure);
  return spans;
}

std::vector<std::string> officers_near(const duty::Roster& roster, const NearVehicle& v) {
  std::vector<std::string> out;
  for (const Interval& span : near_spans(v)) {
    const duty::CrewOnDuty crew = duty::crew_during(roster, v.vehicle_id, span.start, span.end);
    out.insert(out.end(), crew.officer_ids.begin(), crew.officer_ids.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool near_order(const NearVehicle& a, const NearVehicle& b) noexcept {
  const auto key = [](const NearVehicle& v) {
    const Instant when = v.first_in          ? v.first_in->at
                         : v.possible.empty() ? Instant{}
                                              : v.possible.front().reach.earliest_arrival;
    return std::make_tuple(!v.observed(), when, std::string_view(v.vehicle_id));
  };
  return key(a) < key(b);
}

}  // namespace shiftline::verify
