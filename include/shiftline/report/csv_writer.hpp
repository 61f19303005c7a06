// Locale-free CSV output (R8): numbers through std::to_chars, RFC 4180 quoting only when a field
// needs it, LF line ends. Same values -> same bytes, whatever the locale or platform.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/time.hpp"

namespace shiftline::report {

class CsvWriter {
 public:
  explicit CsvWriter(std::string& out) : m_out(out) {}
  void header(std::initializer_list<std::string_view> names);
  void header(const std::vector<std::string>& names);
  CsvWriter& text(std::string_view value);
  CsvWriter& integer(std::int64_t value);
  /// Fixed decimals, e.g. degrees with 7 (about 1 cm) or metres with 2.
  CsvWriter& fixed(double value, int decimals);
  CsvWriter& seconds(Millis value) { return text(format_seconds(value)); }
  CsvWriter& empty() { return text({}); }
  void end_row();

 private:
  void separator();
  std::string& m_out;
  bool m_first = true;
};

/// `value` with `decimals` fixed decimals, locale-free; "-0.0000000" is written as "0.0000000".
[[nodiscard]] std::string format_fixed(double value, int decimals);

}  // namespace shiftline::report
