// Turns one input row's text fields into a ping (or a Problem). Shared by the CSV and OGR paths so
// that every format obeys exactly the same validation rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crs_transform_internal.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/ingest/ingest.hpp"

namespace shiftline::ingest {

/// Column names of one input, for messages, and which optional fields it has.
struct ResolvedColumns {
  std::string vehicle, time, first, second;  ///< first/second: lat/lon, or x/y when projected
  std::string accuracy, speed, heading, ignition;  ///< empty when absent
};

/// Text of one row's fields; an absent optional field is nullopt.
struct RowText {
  std::string_view vehicle, time, first, second;
  std::optional<std::string_view> accuracy, speed, heading, ignition;
};

class RowBuilder {
 public:
  RowBuilder(const IngestConfig& config, PingTable& pings, ProblemSink& problems, const CrsTransform* transform);
  /// Starts a new input: the optional columns it has get storage. `projected`: its positions are
  /// x,y, transformed with the builder's transform (which must then be given); else lat,lon WGS84.
  void begin_input(const ResolvedColumns& columns, bool projected = false);
  /// The transform for inputs read by x,y (null when none was configured).
  [[nodiscard]] const CrsTransform* projection() const noexcept { return m_projection; }
  /// Validates and appends one row; false (and a Problem) when the row is rejected.
  bool add(SourceRef where, const RowText& row);

 private:
  const IngestConfig& m_config;
  PingTable& m_pings;
  ProblemSink& m_problems;
  const CrsTransform* m_projection;       ///< for inputs read by x,y
  const CrsTransform* m_transform = nullptr;  ///< the current input's: m_projection or null
  TimeRules m_rules;
  ResolvedColumns m_columns;
};

}  // namespace shiftline::ingest
