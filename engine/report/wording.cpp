#include "shiftline/report/wording.hpp"

#include <cstdio>

namespace shiftline::report {

std::string duration_text(Millis d) {
  if (d <= Millis{0}) return "0 s";
  // Whole seconds, truncated: rounding down is in the subject's favour (docs/findings.md).
  const std::int64_t s = d.count() / 1000;
  if (s == 0) return "under 1 s";
  if (s < 60) return std::to_string(s) + " s";
  const std::int64_t h = s / 3600, m = s % 3600 / 60;
  if (h == 0) return std::to_string(m) + " min";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld h %02lld min", static_cast<long long>(h), static_cast<long long>(m));
  return buf;
}

std::string duration_text(Millis d, Millis other) {
  const std::string text = duration_text(d);
  if (d.count() / 1000 == other.count() / 1000 || text != duration_text(other) || d < Millis{60'000}) return text;
  const std::int64_t sec = d.count() / 1000 % 60;
  if (sec == 0) return text;  // "1 min" is exact; the other side carries the seconds
  return text + (sec < 10 && d >= Millis{3'600'000} ? " 0" : " ") + std::to_string(sec) + " s";
}

std::string time_text(const TimeZone* zone, Instant t) {
  std::string s = format_local(zone, t);  // 2024-10-26T11:02:13+01:00 or ...Z
  s[10] = ' ';
  if (s.back() == 'Z') return s.substr(0, s.size() - 1) + " UTC";
  return s.insert(s.find_last_of("+-"), " ");
}

std::string span_text(const TimeZone* zone, Instant start, Instant end) {
  const std::string a = time_text(zone, start), b = time_text(zone, end);
  // The same local date: "YYYY-MM-DD " is the first 11 characters of both.
  return "from " + a + " to " + (a.compare(0, 11, b, 0, 11) == 0 ? b.substr(11) : b);
}

std::string place_text(const std::string& label, const std::string& id) {
  if (label.empty() || label == id) return id;
  if (id.empty()) return label;
  return label + " (" + id + ")";
}

std::string metres_text(Meters m) {
  char buf[32];
  if (m.value < 10.0) std::snprintf(buf, sizeof buf, "%.1f m", m.value);
  else if (m.value < 999.5) std::snprintf(buf, sizeof buf, "%.0f m", m.value);
  else std::snprintf(buf, sizeof buf, "%.1f km", m.value / 1000.0);
  return buf;
}

std::string listed(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i)
    s += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return s;
}

}  // namespace shiftline::report
