#include "shiftline/findings/robustness.hpp"

namespace shiftline::findings {

// Placeholder until the robustness grid lands (issue 14): nothing is assessed.
void assess_robustness(const pipeline::AnalyseConfig&, const pipeline::Analysis&, const FindingsConfig&, Findings&) {}

}  // namespace shiftline::findings
