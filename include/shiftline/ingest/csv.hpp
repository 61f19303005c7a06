// A streaming CSV reader for the hot path (GDAL's CSV driver reads about 1 M rows/s, an order of
// magnitude too slow for fleet-scale pings; time-and-evidence.md section 4).
//
// RFC 4180: fields separated by one delimiter byte, optionally quoted with `"` (a quote inside a
// quoted field is written `""`; quoted fields may hold the delimiter and line breaks). Lines end
// in LF or CRLF. A UTF-8 byte-order mark at the start is skipped. The file is read in blocks of
// 1 MiB, never mapped whole, so memory does not grow with the file; every byte read also feeds a
// SHA-256 so the input is hashed in the same pass (R3).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/sha256.hpp"

namespace shiftline::ingest {

/// One record: its fields (views valid until the next call to CsvReader::next) and the physical
/// line where it starts (1-based).
struct CsvRecord {
  std::vector<std::string_view> fields;
  std::uint32_t line = 0;
};

class CsvReader {
 public:
  /// Opens `path` read-only. `delimiter` 0 means: detect from the header line (the first of
  /// `,` `;` TAB `|` that occurs there, else `,`). Throws InputError when it cannot open.
  explicit CsvReader(const std::string& path, char delimiter = 0);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// The header's column names (trimmed of surrounding spaces).
  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return m_header; }
  [[nodiscard]] char delimiter() const noexcept { return m_delimiter; }

  /// Reads the next non-empty record; false at the end of the file. Throws InputError on a quoted
  /// field that never closes, naming the line where it opened.
  bool next(CsvRecord& record);

  /// Reads and hashes whatever is left, then returns the SHA-256 of every byte of the file.
  [[nodiscard]] std::string finish_sha256();
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return m_bytes; }

 private:
  bool fill();
  bool next_raw(CsvRecord& record);
  void split_quoted(std::string_view text, CsvRecord& record);

  std::string m_path;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_file;
  std::vector<char> m_buffer;
  std::size_t m_begin = 0;  // start of unread data in m_buffer
  std::size_t m_end = 0;    // end of valid data in m_buffer
  bool m_eof = false;
  std::uint32_t m_line = 0;  // physical lines consumed so far
  std::uint64_t m_bytes = 0;
  char m_delimiter = ',';
  std::vector<std::string> m_header;
  std::string m_unquoted;  // storage for fields with quotes removed
  Sha256 m_sha;
  bool m_hash_done = false;
};

}  // namespace shiftline::ingest
