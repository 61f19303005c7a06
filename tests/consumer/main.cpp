// Runs the bundled case through Shiftline's job API and prints its unexplained dwells.
//
//   consumer DATA_DIR OUT_DIR
//
// The same run as `shiftline analyse --pings DATA/pings.csv --shifts ... --tz Europe/London --out
// OUT_DIR --formats none`, writing the same files and bytes.
#include <shiftline/shiftline.hpp>

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: consumer DATA_DIR OUT_DIR\n");
    return 2;
  }
  const std::string data = std::string(argv[1]) + "/";
  try {
    shiftline::Job job = shiftline::Job::from_args(
        {"analyse", "--pings", data + "pings.csv", "--shifts", data + "shifts.csv", "--assignments",
         data + "assignments.csv", "--places", data + "places.csv", "--incidents", data + "incidents.csv", "--events",
         data + "events.csv", "--tz", "Europe/London", "--out", argv[2], "--formats", "none"});
    const shiftline::Result result = shiftline::run(job);
    shiftline::write_outputs(result, job);

    // Typed results: no CSV to parse.
    const auto& a = result.analysis;
    std::size_t unexplained = 0;
    for (std::size_t v = 0; v < a.run.vehicles.size(); ++v) {
      const auto& vehicle = a.run.vehicles[v];
      for (std::size_t d = 0; d < vehicle.dwells.size(); ++d) {
        if (a.matches[v][d].dwell_class != shiftline::match::DwellClass::unexplained) continue;
        ++unexplained;
        if (unexplained <= 5)
          std::printf("%s %s to %s\n", a.run.vehicle_name(vehicle).c_str(),
                      shiftline::format_utc(vehicle.dwells[d].start).c_str(),
                      shiftline::format_utc(vehicle.dwells[d].end).c_str());
      }
    }
    std::printf("unexplained dwells: %zu\n", unexplained);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
}
