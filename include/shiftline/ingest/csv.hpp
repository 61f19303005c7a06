// A streaming CSV reader for the hot path (GDAL's CSV driver reads about 1 M rows/s, an order of
// magnitude too slow for fleet-scale pings; docs/architecture.md, "Dependencies").
//
// RFC 4180: fields separated by one delimiter byte, optionally quoted with `"` (a quote inside a
// quoted field is written `""`; quoted fields may hold the delimiter and line breaks). Lines end
// in LF or CRLF. A UTF-8 byte-order mark at the start is skipped. Blank lines are skipped. The file
// is read in blocks of 1 MiB, never mapped whole, so memory does not grow with the file; every
// byte read also feeds a SHA-256 so the input is hashed in the same pass (R3).
//
// Records can be read one by one (next) or handed out as blocks of whole records (next_block) for
// parsing on other threads with CsvBlockParser; both use the same parser, so they give the same
// records and line numbers.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/problem.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline::ingest {

/// One record: its fields (views valid until the next call to next()) and the physical line where
/// it starts (1-based).
struct CsvRecord {
  std::vector<std::string_view> fields;
  std::uint32_t line = 0;
  /// Index of the first field with a quote where RFC 4180 allows none (inside an unquoted field,
  /// `=HYPERLINK("x")`, or after a closing quote, `"V4"x`), else -1. Such a field's text is not
  /// what the writer meant, so the row must not be used (check_record).
  int malformed_field = -1;
};

/// Whether `record` is a usable row of a table with `header`; reports why not: `field_count` when
/// it has more or fewer fields than the header (a decimal comma or an unquoted comma in a note
/// shifts every later field: never truncated or padded), `malformed_csv` for a stray quote
/// (naming the column). Every CSV table goes through it.
[[nodiscard]] bool check_record(const CsvRecord& record, const std::vector<std::string>& header, SourceRef where,
                                ProblemSink& problems);

/// Parses the records of a text that holds whole records only (it may end without a newline).
class CsvBlockParser {
 public:
  /// `first_line` is the physical line number of the text's first byte; `path` is for messages.
  CsvBlockParser(std::string_view text, std::uint32_t first_line, char delimiter, const std::string* path);
  /// The next non-blank record; false at the end. Throws InputError on a quoted field that never
  /// closes, naming the line where it opened.
  bool next(CsvRecord& record);
  /// Physical lines consumed so far (the line of the next byte is line() + 1).
  [[nodiscard]] std::uint32_t line() const noexcept { return m_line; }
  [[nodiscard]] std::size_t position() const noexcept { return m_pos; }

 private:
  void split(std::string_view text, CsvRecord& record);
  void split_quoted(std::string_view text, CsvRecord& record);

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::uint32_t m_line = 0;
  char m_delimiter = ',';
  const std::string* m_path = nullptr;
  std::string m_unquoted;  // storage for fields with quotes removed
};

/// Whole records copied out of a file, for parsing on another thread.
struct CsvBlock {
  std::vector<char> bytes;
  std::uint32_t first_line = 0;  ///< physical line of bytes[0]
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
  [[nodiscard]] const std::string& path() const noexcept { return m_path; }

  /// Reads the next non-empty record; false at the end of the file. Throws InputError on a quoted
  /// field that never closes, naming the line where it opened.
  bool next(CsvRecord& record);

  /// Moves the next run of whole records (about a block of the file) into `block`; false at the
  /// end. Do not mix with next() after the first call.
  bool next_block(CsvBlock& block);

  /// Reads and hashes whatever is left, then returns the SHA-256 of every byte of the file.
  [[nodiscard]] std::string finish_sha256();
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return m_bytes; }

 private:
  bool fill();
  /// Length of the longest prefix of the unread bytes that holds whole records only.
  [[nodiscard]] std::size_t whole_records() const;
  /// Makes m_parser cover the next run of whole records; false at the end of the file.
  bool next_region();

  std::string m_path;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_file;
  std::vector<char> m_buffer;
  std::size_t m_begin = 0;  // start of unread data in m_buffer
  std::size_t m_end = 0;    // end of valid data in m_buffer
  bool m_eof = false;
  std::uint32_t m_line = 0;  // physical lines before m_begin
  std::uint64_t m_bytes = 0;
  char m_delimiter = ',';
  std::vector<std::string> m_header;
  CsvBlockParser m_parser{{}, 0, ',', nullptr};
  std::size_t m_region = 0;  // bytes of m_buffer from m_begin that m_parser covers
  Sha256 m_sha;
  bool m_hash_done = false;
};

}  // namespace shiftline::ingest
