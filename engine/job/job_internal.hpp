// What the job stage shares between its files (and with the command line, which is part of it).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "shiftline/job/job.hpp"

namespace shiftline::job_internal {

/// --time-window resolved (naive times in --tz), or IngestConfig's default window. Throws
/// UsageError naming the flag.
[[nodiscard]] std::pair<Instant, Instant> time_window(const Job& job);
/// --from (which == "from") or --to as an instant (naive times through --tz); none when not given.
/// Throws UsageError naming the flag when the text is not a time.
[[nodiscard]] std::optional<Instant> scope_instant(const Job& job, std::string_view which);

/// The instant `text` names (ISO 8601; a naive local time in job.params.tz), as --time-window reads
/// its ends. Throws UsageError naming `flag`.
[[nodiscard]] Instant instant_parameter(std::string_view flag, const std::string& text, const Job& job);

/// `near`'s search from the job: --at or --place (exactly one; --place needs --places), --radius,
/// and the window [--from, --to] (--to after --from). Throws UsageError naming the flag.
[[nodiscard]] pipeline::NearSearch near_search(const Job& job);

/// Every flag that names an input file, given: pings, then each case table, claims, basemap. One
/// list, for the output checks and for repeating a recorded run.
void for_each_input(const Job& job, const std::function<void(const std::string&)>& fn);
void for_each_input(Job& job, const std::function<void(std::string&)>& fn);
[[nodiscard]] std::vector<std::string> input_paths(const Job& job);

}  // namespace shiftline::job_internal
