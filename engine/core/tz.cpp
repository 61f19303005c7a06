#include "shiftline/core/tz.hpp"

#include <fstream>

namespace shiftline {

const TimeZone* find_zone(std::string_view name) noexcept {
  try {
    return date::locate_zone(name);
  } catch (...) {
    return nullptr;
  }
}

LocalResolution resolve_local(const TimeZone& zone, std::chrono::local_time<Millis> local,
                              AmbiguityPolicy policy) {
  const auto seconds = date::floor<std::chrono::seconds>(local);
  const date::local_info info = zone.get_info(date::local_seconds{seconds.time_since_epoch()});
  LocalResolution r;
  const auto apply = [&](const date::sys_info& si) {
    r.instant = Instant{local.time_since_epoch() - std::chrono::duration_cast<Millis>(si.offset)};
  };
  switch (info.result) {
    case date::local_info::unique: apply(info.first); break;
    case date::local_info::nonexistent: r.error = LocalTimeError::nonexistent; break;
    case date::local_info::ambiguous:
      if (policy == AmbiguityPolicy::reject) r.error = LocalTimeError::ambiguous;
      else apply(policy == AmbiguityPolicy::earliest ? info.first : info.second);
      break;
  }
  return r;
}

std::chrono::seconds utc_offset(const TimeZone& zone, Instant t) {
  const auto info = zone.get_info(date::floor<std::chrono::seconds>(t));
  return info.offset;
}

std::chrono::year_month_day local_date(const TimeZone* zone, Instant t) {
  const Millis offset = zone ? Millis{utc_offset(*zone, t)} : Millis{0};
  const std::chrono::local_time<Millis> local{t.time_since_epoch() + offset};
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(local)};
}

Instant local_midnight(const TimeZone* zone, std::chrono::local_days day) {
  const std::chrono::local_time<Millis> local{day};
  if (!zone) return Instant{local.time_since_epoch()};
  const LocalResolution r = resolve_local(*zone, local, AmbiguityPolicy::earliest);
  if (r.error == LocalTimeError::none) return r.instant;
  const auto info = zone->get_info(date::local_seconds{std::chrono::floor<std::chrono::seconds>(local.time_since_epoch())});
  return Instant{info.second.begin};
}

std::string format_local(const TimeZone* zone, Instant t) {
  return zone ? format_with_offset(t, utc_offset(*zone, t)) : format_utc(t);
}

std::string tzdata_version() {
  std::ifstream in("/usr/share/zoneinfo/tzdata.zi");
  std::string line;
  if (in && std::getline(in, line) && line.rfind("# version ", 0) == 0) return line.substr(10);
  return "unknown";
}

}  // namespace shiftline
