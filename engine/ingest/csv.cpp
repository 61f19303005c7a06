#include "shiftline/ingest/csv.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/text_internal.hpp"
#include "shiftline/core/error.hpp"

namespace shiftline::ingest {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 20;

// CSV and spreadsheet fields: surrounding spaces and tabs are not part of the value.
std::string_view trim(std::string_view s) noexcept { return shiftline::trim(s, " \t"); }

bool blank(std::string_view line) noexcept { return line.find_first_not_of(" \t") == std::string_view::npos; }

// Where a record starting at data[0] ends. RFC 4180: only a quote that is a field's first
// character (after spaces or tabs) opens a quoted section; a quote anywhere else (`V9"`,
// `"V4"x`, `=HYPERLINK("x")`) is a stray character of that field (malformed_csv, one row) and
// never spans lines, so one stray quote cannot swallow the rows after it (issue 13, defect 15).
// The parser and the block splitter both find record ends here, so one file gives the same
// records whether it is read row by row or in blocks on several threads.
struct RecordEnd {
  std::size_t newline = std::string_view::npos;  // index of the LF that ends it; npos: none in [0, avail)
  std::uint32_t inner_lines = 0;                 // LFs inside quoted fields before it
  bool open_quote = false;                       // the bytes end inside a quoted field
};

RecordEnd find_record_end(const char* data, std::size_t avail, char delimiter) noexcept {
  enum class State : std::uint8_t { field_start, text, quoted };
  State state = State::field_start;
  RecordEnd out;
  for (std::size_t i = 0; i < avail; ++i) {
    const char c = data[i];
    if (state == State::quoted) {
      if (c == '"') {
        if (i + 1 < avail && data[i + 1] == '"') ++i;  // `""`: a quote inside the field
        else state = State::text;                       // closed: later quotes in the field are stray
      } else if (c == '\n') {
        ++out.inner_lines;
      }
      continue;
    }
    if (c == '\n') {
      out.newline = i;
      return out;
    }
    if (c == delimiter) state = State::field_start;
    else if (state == State::field_start && c == '"') state = State::quoted;
    else if (c != ' ' && c != '\t') state = State::text;
  }
  out.open_quote = state == State::quoted;
  return out;
}

}  // namespace

// ---- CsvBlockParser ------------------------------------------------------------------------------

CsvBlockParser::CsvBlockParser(std::string_view text, std::uint32_t first_line, char delimiter,
                               const std::string* path)
    : m_text(text), m_line(first_line == 0 ? 0 : first_line - 1), m_delimiter(delimiter), m_path(path) {}

bool CsvBlockParser::next(CsvRecord& record) {
  const std::size_t n = m_text.size();
  while (m_pos < n) {
    const char* data = m_text.data() + m_pos;
    const std::size_t avail = n - m_pos;
    const auto* nl = static_cast<const char*>(std::memchr(data, '\n', avail));
    std::size_t len = nl ? static_cast<std::size_t>(nl - data) : avail;
    const std::uint32_t start_line = m_line + 1;
    std::string_view text(data, len);
    const bool quoted = text.find('"') != std::string_view::npos;
    if (quoted) {
      // A quoted field may hold line breaks: the record ends at the first newline outside one.
      const RecordEnd end = find_record_end(data, avail, m_delimiter);
      if (end.open_quote)
        throw InputError(located(m_path ? *m_path : std::string(), start_line, "", "quoted field is never closed"));
      len = end.newline == std::string_view::npos ? avail : end.newline;
      text = std::string_view(data, len);
      m_line += end.inner_lines;
    }
    m_line += 1;
    m_pos += len < avail ? len + 1 : len;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    record.line = start_line;
    record.fields.clear();
    record.malformed_field = -1;
    if (quoted) split_quoted(text, record);
    else split(text, record);
    if (record.fields.size() == 1 && blank(record.fields[0])) continue;  // a blank line
    return true;
  }
  return false;
}

void CsvBlockParser::split(std::string_view line, CsvRecord& record) {
  std::size_t start = 0;
  for (;;) {
    const auto* d = static_cast<const char*>(std::memchr(line.data() + start, m_delimiter, line.size() - start));
    if (!d) {
      record.fields.push_back(line.substr(start));
      return;
    }
    const auto pos = static_cast<std::size_t>(d - line.data());
    record.fields.push_back(line.substr(start, pos - start));
    start = pos + 1;
  }
}

void CsvBlockParser::split_quoted(std::string_view text, CsvRecord& record) {
  // Unquoted copies go to m_unquoted, reserved up front so that views into it stay valid.
  m_unquoted.clear();
  m_unquoted.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  for (;;) {
    const std::size_t field_start = m_unquoted.size();
    bool quoted = false;
    bool closed = false;    // a quoted section has ended: only blanks may follow before the delimiter
    bool has_text = false;  // the field holds a character other than a blank
    while (i < n) {
      const char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            m_unquoted += '"';
            i += 2;
            continue;
          }
          quoted = false;
          closed = true;
        } else {
          m_unquoted += c;
        }
        ++i;
        continue;
      }
      if (c == m_delimiter) break;
      // RFC 4180: a quote opens a field (blanks before it are tolerated) and nothing but blanks
      // follows the closing one. Anywhere else it is malformed (`"V4"x`, `=HYPERLINK("x")`,
      // `V9"`): kept as a character of the field, never opening a quoted section (the same rule
      // as find_record_end); the mark is what keeps the row from being used.
      const bool blank_char = c == ' ' || c == '\t';
      const bool opens = c == '"' && !closed && !has_text;
      if (c == '"' ? !opens : closed && !blank_char) {
        if (record.malformed_field < 0) record.malformed_field = static_cast<int>(record.fields.size());
      }
      if (opens) {
        quoted = true;
      } else {
        has_text = has_text || !blank_char;
        m_unquoted += c;
      }
      ++i;
    }
    record.fields.emplace_back(m_unquoted.data() + field_start, m_unquoted.size() - field_start);
    if (i >= n) break;
    ++i;  // the delimiter
  }
}

bool check_record(const CsvRecord& record, const std::vector<std::string>& header, SourceRef where,
                  ProblemSink& problems) {
  if (record.fields.size() != header.size()) {
    problems.report(where, ProblemCode::field_count, "",
                    "the row has " + std::to_string(record.fields.size()) + " fields, the header " +
                        std::to_string(header.size()) +
                        " (an unquoted delimiter, e.g. a decimal comma, shifts every later field); not used");
    return false;
  }
  if (record.malformed_field >= 0) {
    const auto i = static_cast<std::size_t>(record.malformed_field);
    problems.report(where, ProblemCode::malformed_csv, header[i],
                    quote(record.fields[i]) +
                        " has a quote inside an unquoted field (RFC 4180: quote the whole field and double the "
                        "quotes in it); not used");
    return false;
  }
  return true;
}

// ---- CsvReader -----------------------------------------------------------------------------------

CsvReader::CsvReader(const std::string& path, char delimiter)
    : m_path(path), m_file(std::fopen(path.c_str(), "rb"), &std::fclose) {
  if (!m_file) throw InputError(located(path, 0, "", "cannot open for reading"));
  fill();
  if (m_end - m_begin >= 3 && std::memcmp(m_buffer.data() + m_begin, "\xEF\xBB\xBF", 3) == 0) m_begin += 3;
  if (delimiter == 0) {
    // The header is the first line that is not blank (blank lines are skipped), so detect there.
    std::string_view rest(m_buffer.data() + m_begin, m_end - m_begin);
    std::string_view first;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      first = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (first.find_first_not_of(" \t\r") != std::string_view::npos) break;
    }
    delimiter = ',';
    for (const char candidate : {',', ';', '\t', '|'}) {
      if (first.find(candidate) != std::string_view::npos) {
        delimiter = candidate;
        break;
      }
    }
  }
  m_delimiter = delimiter;
  CsvRecord header;
  if (!next(header)) throw InputError(located(path, 1, "", "empty file: no header line"));
  // Column names reach the manifest (JSON, UTF-8) and messages: NUL and invalid UTF-8 become U+FFFD.
  for (const auto f : header.fields) m_header.push_back(replace_invalid_utf8(trim(f)));
}

CsvReader::~CsvReader() = default;

bool CsvReader::fill() {
  if (m_eof) return false;
  if (m_begin > 0) {
    std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
    m_end -= m_begin;
    m_begin = 0;
  }
  // Room for a block, or for what is left of a smaller file (plus one byte, to see the end): a
  // reader of a 100-byte file does not allocate and zero 2 MiB, which made fuzzing under ASan
  // crawl (about 30 inputs/s). fstat each time, so a file that grows is still read in blocks.
  std::size_t want = kBlock;
  struct stat st {};
  if (::fstat(::fileno(m_file.get()), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
      static_cast<std::uint64_t>(st.st_size) >= m_bytes)
    want = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, static_cast<std::uint64_t>(st.st_size) - m_bytes + 1));
  if (m_buffer.size() - m_end < want) m_buffer.resize(m_end + want);  // also: a record longer than a block
  const std::size_t n = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_file.get());
  if (n == 0) {
    if (std::ferror(m_file.get())) throw InputError(located(m_path, m_line, "", "read error"));
    m_eof = true;
    return false;
  }
  m_sha.update(m_buffer.data() + m_end, n);
  m_bytes += n;
  m_end += n;
  return true;
}

std::size_t CsvReader::whole_records() const {
  const char* data = m_buffer.data() + m_begin;
  const std::size_t avail = m_end - m_begin;
  if (m_eof) return avail;  // the last record may lack its newline
  if (!std::memchr(data, '"', avail)) {
    const auto* nl = static_cast<const char*>(::memrchr(data, '\n', avail));
    return nl ? static_cast<std::size_t>(nl - data) + 1 : 0;
  }
  // With quotes, a newline ends a record only outside a quoted field: walk record by record from
  // m_begin (always a record start) with the parser's own rule.
  std::size_t end = 0;
  for (;;) {
    const RecordEnd r = find_record_end(data + end, avail - end, m_delimiter);
    if (r.newline == std::string_view::npos) return end;
    end += r.newline + 1;
  }
}

bool CsvReader::next_region() {
  m_begin += m_region;
  m_line = m_parser.line();
  m_region = 0;
  for (;;) {
    m_region = whole_records();
    if (m_region > 0) break;
    if (!fill() && m_end == m_begin) return false;
  }
  m_parser = CsvBlockParser(std::string_view(m_buffer.data() + m_begin, m_region), m_line + 1, m_delimiter, &m_path);
  return true;
}

bool CsvReader::next(CsvRecord& record) {
  for (;;) {
    if (m_region > 0 && m_parser.next(record)) return true;
    if (!next_region()) return false;
  }
}

bool CsvReader::next_block(CsvBlock& block) {
  // What the parser has not consumed yet (after the header) goes first, then whole regions.
  std::size_t from = 0;
  std::uint32_t first_line = 0;
  if (m_region > 0 && m_parser.position() < m_region) {
    from = m_parser.position();
    first_line = m_parser.line() + 1;
  } else {
    if (!next_region()) return false;
    first_line = m_line + 1;
  }
  block.first_line = first_line;
  block.bytes.assign(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_begin + from),
                     m_buffer.begin() + static_cast<std::ptrdiff_t>(m_begin + m_region));
  // The region is used up: step past it, with an empty parser carrying the line count on.
  const auto newlines = static_cast<std::uint32_t>(std::count(block.bytes.begin(), block.bytes.end(), '\n'));
  m_begin += m_region;
  m_region = 0;
  m_parser = CsvBlockParser(std::string_view(), first_line + newlines, m_delimiter, &m_path);
  return true;
}

std::string CsvReader::finish_sha256() {
  if (!m_hash_done) {
    while (fill()) m_begin = m_end;
    m_hash_done = true;
  }
  return m_sha.hex_digest();
}

}  // namespace shiftline::ingest
