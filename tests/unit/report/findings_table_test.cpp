// findings.csv and the sentences (report/findings_table.hpp; docs/findings.md) on the hand-made
// analysis of tests/unit/findings/hand_case.hpp, whose values are written there.
#include "shiftline/report/findings_table.hpp"

#include <gtest/gtest.h>

#include <string>

#include "unit/findings/hand_case.hpp"

namespace shiftline::report {
namespace {

using namespace findings::hand_case;

const std::vector<std::string> kNames{"pings.csv", "shifts.csv", "places.csv", "incidents.csv", "events.csv", "claims.csv"};

TEST(FindingsTable, ListedAddressSentenceWordForWord) {
  const Built b = build();
  const findings::Findings f = findings::find_findings(b.a, findings::FindingsConfig{}, b.spots);
  ASSERT_GE(f.findings.size(), 5u);
  const findings::Finding& listed = f.findings[4];
  ASSERT_EQ(listed.kind, findings::FindingKind::listed_address_visit);
  // Dwell #2: 09:00Z + 180 min = 12:00Z = 13:00 BST, to 13:20 BST; 20 min; S1 is shifts.csv:2;
  // the dwell's pings are rows 200-209 (hand_case gives dwell n the rows 100n to 100n + 9).
  EXPECT_EQ(finding_sentence(b.a, f, listed, find_zone("Europe/London"), kNames),
            "PC1, on duty in PV01, was at Address B (ADDR-B) from 2024-10-26 13:00:00 +01:00 to 13:20:00 +01:00, "
            "20 min of it on duty with no base or incident to explain it; no flag was raised. Evidence rows: "
            "shifts.csv:2, pings.csv:200-209.");
}

TEST(FindingsTable, ColumnsIdsAndRobustnessCells) {
  const Built b = build();
  findings::Findings f = findings::find_findings(b.a, findings::FindingsConfig{}, b.spots);
  ASSERT_GE(f.findings.size(), 9u);
  f.findings[1].robustness = {true, true, {}};
  f.findings[2].robustness = {true, false, {"--min-dwell 300 s", "--gap 600 s"}};
  const std::string csv = findings_csv(b.a, f, nullptr);
  const std::string header =
      "finding_id,rank,kind,officer_id,vehicle_ids,place_id,place_label,lat,lon,start,end,start_local,end_local,"
      "duration_s,visits,robust,robustness,sentence,evidence_rows,dwell_ids\n";
  ASSERT_EQ(csv.substr(0, header.size()), header);
  // F001: the revisit, 62 min = 3720 s, not assessed; evidence rows by file then line, then the
  // dwell's ping rows (dwell #1: 100-109).
  EXPECT_NE(csv.find("\nF001,1,revisit_after_closure,PC1,PV01,ADDR-A,Address A,52.0000000,-1.0000000,"
                     "2024-10-26T10:00:00Z,2024-10-26T11:02:00Z,2024-10-26T10:00:00Z,2024-10-26T11:02:00Z,3720,1,,"
                     "not assessed,"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",shifts.csv:2;incidents.csv:2;pings.csv:100-109,PV01#1\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nF002,2,lookup_then_visit,PC1,PV01,ADDR-A,Address A,"), std::string::npos);
  EXPECT_NE(csv.find(",3720,1,yes,,"), std::string::npos);  // F002 robust
  // F003: the recurring spot SP1, its id in place_id; lost at two values.
  EXPECT_NE(csv.find("\nF003,3,recurring_place,PC1,PV01,SP1,,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",7200,3,no,not found with --min-dwell 300 s; --gap 600 s,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nF009,9,long_unexplained,PC2,"), std::string::npos);
  EXPECT_EQ(finding_id(12), "F012");
  EXPECT_EQ(finding_id(1000), "F1000");
}

}  // namespace
}  // namespace shiftline::report
