#include "shiftline/report/recurring_table.hpp"

#include "shiftline/report/csv_writer.hpp"
#include "shiftline/report/tables.hpp"

namespace shiftline::report {
namespace {

constexpr int kDegreeDecimals = 7;  // as dwells.csv
constexpr int kMetreDecimals = 2;

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

}  // namespace

std::string recurring_csv(const pipeline::Analysis& a, const std::vector<findings::Spot>& spots) {
  std::string out;
  CsvWriter csv(out);
  csv.header({"spot_id", "officer_id", "lat", "lon", "radius_m", "visits", "shifts", "days", "total_s", "first", "last",
              "vehicle_ids", "other_officers_n", "shared", "explained_visits", "nearest_place_id", "nearest_place_m",
              "dwell_ids"});
  const auto count = [](std::size_t n) { return static_cast<std::int64_t>(n); };
  for (const findings::Spot& s : spots) {
    if (!s.recurring) continue;
    std::vector<std::string> dwells;
    for (const findings::DwellRef& d : s.dwells) {
      const auto& v = a.run.vehicles.at(d.vehicle);
      dwells.push_back(dwell_id(a.run.vehicle_name(v), v.dwells.at(d.dwell).sequence));
    }
    csv.text(s.spot_id).text(s.officer_id).fixed(s.centre.lat, kDegreeDecimals).fixed(s.centre.lon, kDegreeDecimals);
    csv.fixed(s.radius.value, kMetreDecimals).integer(count(s.visits)).integer(count(s.shifts)).integer(count(s.days));
    csv.seconds(s.total).text(format_utc(s.first)).text(format_utc(s.last)).text(joined(s.vehicle_ids));
    csv.integer(count(s.other_officers)).text(s.shared ? "yes" : "no").integer(count(s.explained_visits));
    if (s.nearest_place) {
      csv.text(a.tables.place(*s.nearest_place).place_id).fixed(s.nearest_place_distance.value, kMetreDecimals);
    } else {
      csv.empty().empty();
    }
    csv.text(joined(dwells));
    csv.end_row();
  }
  return out;
}

}  // namespace shiftline::report
