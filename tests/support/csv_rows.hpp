// The rows of an output CSV as column -> value maps, for CLI tests that check tables by column.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace shiftline::test {

using CsvRow = std::map<std::string, std::string>;

/// The cells of every line of a CSV (header included) whose quoted fields hold no line breaks
/// (Shiftline writes none), RFC 4180 quoting undone.
inline std::vector<std::vector<std::string>> csv_cells(const std::string& csv) {
  std::vector<std::vector<std::string>> lines;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.emplace_back();
      } else {
        cells.back() += c;
      }
    }
    lines.push_back(cells);
  }
  return lines;
}

/// The data rows of such a CSV, keyed by the header's names; a short row's missing cells are empty.
inline std::vector<CsvRow> csv_rows(const std::string& csv) {
  const std::vector<std::vector<std::string>> lines = csv_cells(csv);
  std::vector<CsvRow> out;
  for (std::size_t r = 1; r < lines.size(); ++r) {
    CsvRow row;
    for (std::size_t c = 0; c < lines[0].size(); ++c) row[lines[0][c]] = c < lines[r].size() ? lines[r][c] : "";
    out.push_back(row);
  }
  return out;
}

}  // namespace shiftline::test
