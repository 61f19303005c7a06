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
  /// A text cell. NUL and bytes that are not valid UTF-8 are written as U+FFFD; a cell that a
  /// spreadsheet would run as a formula (spreadsheet_formula), or that starts with `'`, gets a
  /// leading `'` so that it is shown instead; reversible: a reader drops one leading `'`
  /// (docs/outputs.md).
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

/// A decimal number as CsvWriter writes numbers: optional sign, digits with an optional fraction,
/// optional exponent (`-1.5`, `-0.000123`, `1e-5`); not `-`, `-inf`, `--x` or a time.
[[nodiscard]] bool plain_number(std::string_view text);

/// `+HH:MM`, `-HH:MM`, `+HH:MM:SS` or `-HH:MM:SS`: a UTC offset as the *_offset columns write it.
[[nodiscard]] bool utc_offset_text(std::string_view text);

/// The cell starts as a spreadsheet formula would (OWASP, "CSV Injection"): with `=`, `@`, TAB
/// or CR; with `+` unless it is a utc_offset_text; with `-` unless it is a plain_number or a
/// utc_offset_text (numbers, times and offsets are written as they are). CsvWriter::text writes such a
/// cell with a leading `'`.
[[nodiscard]] bool spreadsheet_formula(std::string_view cell);

/// `value` with `decimals` fixed decimals, locale-free; "-0.0000000" is written as "0.0000000".
[[nodiscard]] std::string format_fixed(double value, int decimals);

}  // namespace shiftline::report
