// Where a value came from: every ping, dwell and problem points back to an input row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shiftline {

/// A row of an input: `file` indexes the run's InputFiles, `line` is the 1-based physical line
/// for text formats (the header is line 1) or the OGR feature id (GDAL numbers CSV features from
/// 1). Ordered by file, then line.
struct SourceRef {
  std::uint16_t file = 0;
  std::uint32_t line = 0;
  friend constexpr auto operator<=>(SourceRef, SourceRef) noexcept = default;
};

/// The inputs of a run, in the order given on the command line. Index = SourceRef::file.
struct InputFiles {
  std::vector<std::string> paths;  ///< as given
  [[nodiscard]] const std::string& path(SourceRef ref) const { return paths.at(ref.file); }
};

}  // namespace shiftline
