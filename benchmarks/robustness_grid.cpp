// shiftline_robustness_grid CASE_DIR [THREADS] [all]: the robustness grid's own cost
// (docs/findings.md, "Robustness"). Runs `analyse` on a `shiftline synth-case` folder in process
// (as `analyse --formats none` would, without writing), then times the grid alone with the run's
// findings, or, while they are too few to load it, a stand-in finder: every unexplained dwell of
// at least --long-dwell and every flagged dwell. `all` makes every vehicle a finding's vehicle
// (what a recurring spot of every officer costs: the worst case). Prints
//   run_s=R grid_s=G findings=F vehicles=V of N points=P
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "findings/robustness_internal.hpp"
#include "shiftline/job/job.hpp"

namespace {

using namespace shiftline;

findings::Findings stand_in(const pipeline::Analysis& a, const findings::FindingsConfig& config, bool all) {
  findings::Findings out;
  for (std::size_t k = 0; k < a.run.vehicles.size(); ++k) {
    bool any = false;
    for (std::size_t d = 0; d < a.run.vehicles[k].dwells.size(); ++d) {
      const auto& dwell = a.run.vehicles[k].dwells[d];
      const auto& m = a.matches[k][d];
      const bool long_one = m.dwell_class == match::DwellClass::unexplained && dwell.end - dwell.start >= config.long_dwell;
      const bool last = all && !any && d + 1 == a.run.vehicles[k].dwells.size();
      if (!long_one && m.flags.empty() && !last) continue;
      any = true;
      findings::Finding f;
      f.kind = m.flags.empty() ? findings::FindingKind::long_unexplained : findings::FindingKind::revisit_after_closure;
      f.officer_id = m.officers.empty() ? "" : m.officers.front().officer_id;
      f.vehicle_ids = {a.run.vehicle_name(a.run.vehicles[k])};
      f.location = dwell.location;
      f.start = dwell.start;
      f.end = dwell.end;
      f.dwells = {findings::DwellRef{k, d}};
      out.findings.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::fprintf(stderr, "usage: shiftline_robustness_grid CASE_DIR [THREADS] [all]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::string threads = argc > 2 ? argv[2] : "1";
  const bool all = argc > 3 && std::string(argv[3]) == "all";
  const Job job = Job::from_args({"analyse", "--pings", dir + "/pings.csv", "--shifts", dir + "/shifts.csv",
                                  "--assignments", dir + "/assignments.csv", "--places", dir + "/places.csv",
                                  "--incidents", dir + "/incidents.csv", "--events", dir + "/events.csv", "--tz",
                                  "Europe/London", "--formats", "none", "--robustness", "off", "--threads", threads,
                                  "--out", dir + "/unused-out"});
  const auto t0 = std::chrono::steady_clock::now();
  const Result r = run(job);
  const auto t1 = std::chrono::steady_clock::now();
  const bool real = !r.findings.findings.empty() && !all;
  const findings::robustness_internal::Finder finder = [&](const pipeline::Analysis& a) {
    return real ? findings::find_findings(a, r.findings_config) : stand_in(a, r.findings_config, all);
  };
  findings::Findings found = finder(r.analysis);
  const auto points = findings::robustness_internal::grid(r.config, !r.analysis.tables.incidents.empty(),
                                                          !r.analysis.tables.claims.empty());
  const auto vehicles = findings::robustness_internal::vehicles_of(r.config, r.analysis, found);
  const auto t2 = std::chrono::steady_clock::now();
  findings::robustness_internal::assess(r.config, r.analysis, r.findings_config, found, finder);
  const auto t3 = std::chrono::steady_clock::now();
  std::size_t robust = 0;
  for (const auto& f : found.findings) robust += f.robustness.robust ? 1 : 0;
  const auto s = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("run_s=%.3f grid_s=%.3f findings=%zu robust=%zu vehicles=%zu of %zu points=%zu finder=%s\n", s(t0, t1),
              s(t2, t3), found.findings.size(), robust, vehicles.size(), r.analysis.run.vehicles.size(), points.size(),
              real ? "find_findings" : (all ? "stand-in, every vehicle" : "stand-in"));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "shiftline_robustness_grid: %s\n", e.what());
  return 1;
}
