// How the report names input files in every output (tables, geodata, timelines, the page).
#pragma once

#include <string>
#include <vector>

namespace shiftline::report {

/// How input files are named in outputs: the file name, or the path as given when two inputs share
/// a file name. Independent of the working folder and of how the path was spelt, where possible.
[[nodiscard]] std::vector<std::string> display_names(const std::vector<std::string>& paths);

}  // namespace shiftline::report
