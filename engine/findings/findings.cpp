#include "shiftline/findings/findings.hpp"

namespace shiftline::findings {

std::string_view name(FindingKind k) noexcept {
  switch (k) {
    case FindingKind::revisit_after_closure: return "revisit_after_closure";
    case FindingKind::lookup_then_visit: return "lookup_then_visit";
    case FindingKind::recurring_place: return "recurring_place";
    case FindingKind::listed_address_visit: return "listed_address_visit";
    case FindingKind::off_duty_use: return "off_duty_use";
    case FindingKind::claim_contradicted: return "claim_contradicted";
    case FindingKind::long_unexplained: return "long_unexplained";
  }
  return "";
}

// Placeholder until the findings rules land (issue 14).
Findings find_findings(const pipeline::Analysis& analysis, const FindingsConfig& config) {
  Findings f;
  f.spots = find_spots(analysis, config.spots);
  return f;
}

}  // namespace shiftline::findings
