// Case-table rows for tests of the duty and match stages, built in one line each.
#pragma once

#include <cstdint>
#include <string>

#include "shiftline/ingest/case_tables.hpp"

namespace shiftline::test {

/// A shift of `officer` over [start, end), from line `line` of input file 0.
inline ingest::ShiftRow shift(std::string id, std::string officer, Instant start, Instant end,
                              std::string vehicle = {}, std::string callsign = {}, std::uint32_t line = 2) {
  ingest::ShiftRow s;
  s.shift_id = std::move(id);
  s.officer_id = std::move(officer);
  s.start = start;
  s.end = end;
  s.vehicle_id = std::move(vehicle);
  s.callsign = std::move(callsign);
  s.source = SourceRef{0, line};
  return s;
}

}  // namespace shiftline::test
