// Robustness of findings (evidence requirement R19): does each finding still hold with every
// parameter in its documented range? Re-runs only what a parameter changes, for only the vehicles
// a finding rests on (docs/findings.md, "Robustness").
#pragma once

#include "shiftline/findings/findings.hpp"
#include "shiftline/pipeline/analyse.hpp"

namespace shiftline::findings {

/// Sets Finding::robustness of every finding of `found`, from `analysis` made with `config`.
void assess_robustness(const pipeline::AnalyseConfig& config, const pipeline::Analysis& analysis,
                       const FindingsConfig& findings_config, Findings& found);

}  // namespace shiftline::findings
