// Rejected rows judged per table (docs/cli.md, "Exit codes"; docs/input-formats.md, "Rejected
// rows"): a table of which every row was rejected is unusable (exit 3, before anything is
// written), and --max-rejected applies to each table on its own (pings, shifts, assignments,
// places, incidents, events, claims), so that a large table cannot dilute a small one's share.
#pragma once

#include <string>

#include "shiftline/pipeline/result.hpp"

namespace shiftline::job_internal {

/// Why the first table (in input order) all of whose rows were rejected cannot be used: its name
/// and files, the commonest reason with one example row (FILE:LINE) and the likely fix. Empty
/// when every table kept a row (or has none). Tables are grouped by role: all `--pings` files
/// are one table.
[[nodiscard]] std::string unusable_table(const pipeline::RunResult& run);

/// Why --max-rejected (`limit`: "N" rows or "P%" of the table's rows read) is exceeded by the
/// first table over it, said as unusable_table says it; empty when none is. Claims are the
/// questions asked: with no `limit` a single rejected claim is over it (a claim that cannot be
/// tested must not pass unnoticed).
[[nodiscard]] std::string table_over_limit(const pipeline::RunResult& run, const std::string& limit);

}  // namespace shiftline::job_internal
