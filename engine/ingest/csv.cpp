#include "shiftline/ingest/csv.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "shiftline/core/error.hpp"

namespace shiftline::ingest {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 20;

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

CsvReader::CsvReader(const std::string& path, char delimiter)
    : m_path(path), m_file(std::fopen(path.c_str(), "rb"), &std::fclose) {
  if (!m_file) throw InputError(located(path, 0, "", "cannot open for reading"));
  CsvRecord header;
  // Detect the delimiter on the raw header line before splitting it.
  fill();
  if (m_end - m_begin >= 3 && std::memcmp(m_buffer.data() + m_begin, "\xEF\xBB\xBF", 3) == 0) m_begin += 3;
  if (delimiter == 0) {
    // The header is the first line that is not blank (next() skips blank lines), so detect there.
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
  if (!next(header)) throw InputError(located(path, 1, "", "empty file: no header line"));
  for (const auto f : header.fields) m_header.emplace_back(trim(f));
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

bool CsvReader::next(CsvRecord& record) {
  while (next_raw(record)) {
    if (!(record.fields.size() == 1 && trim(record.fields[0]).empty())) return true;  // skip blank lines
  }
  return false;
}

bool CsvReader::next_raw(CsvRecord& record) {
  record.fields.clear();
  for (;;) {
    const char* data = m_buffer.data() + m_begin;
    const std::size_t avail = m_end - m_begin;
    const auto* nl = static_cast<const char*>(std::memchr(data, '\n', avail));
    if (!nl && !m_eof) {
      // fill() moves the unread bytes to the front of the buffer (and may reallocate it) even
      // when it reads nothing more, so `data` is stale either way: look again.
      fill();
      continue;
    }
    if (avail == 0 && m_eof) return false;
    const std::size_t len = nl ? static_cast<std::size_t>(nl - data) : avail;
    std::string_view line(data, len);
    if (line.find('"') != std::string_view::npos) {
      // Quoted fields may span lines: make sure the closing quote is in the buffer.
      bool in_quotes = false;
      std::size_t end = 0;
      std::uint32_t extra_lines = 0;
      for (;;) {
        const char* p = m_buffer.data() + m_begin;
        const std::size_t n = m_end - m_begin;
        std::size_t i = end;
        for (; i < n; ++i) {
          if (p[i] == '"') in_quotes = !in_quotes;
          else if (p[i] == '\n') {
            if (!in_quotes) break;
            ++extra_lines;
          }
        }
        if (i < n || m_eof) {
          if (in_quotes)
            throw InputError(located(m_path, m_line + 1, "", "quoted field is never closed"));
          end = i;
          break;
        }
        end = i;
        if (!fill()) {
          m_eof = true;
        }
      }
      std::string_view text(m_buffer.data() + m_begin, end);
      record.line = m_line + 1;
      m_line += 1 + extra_lines;
      m_begin += std::min(end + 1, m_end - m_begin);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      split_quoted(text, record);
      return true;
    }
    record.line = ++m_line;
    m_begin += nl ? len + 1 : len;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t start = 0;
    for (;;) {
      const auto* d = static_cast<const char*>(std::memchr(line.data() + start, m_delimiter, line.size() - start));
      if (!d) {
        record.fields.push_back(line.substr(start));
        break;
      }
      const auto pos = static_cast<std::size_t>(d - line.data());
      record.fields.push_back(line.substr(start, pos - start));
      start = pos + 1;
    }
    return true;
  }
}

void CsvReader::split_quoted(std::string_view text, CsvRecord& record) {
  // Unquoted copies go to m_unquoted, reserved up front so that views into it stay valid.
  m_unquoted.clear();
  m_unquoted.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  for (;;) {
    const std::size_t field_start = m_unquoted.size();
    bool quoted = false;
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
        } else {
          m_unquoted += c;
        }
        ++i;
        continue;
      }
      if (c == m_delimiter) break;
      if (c == '"') quoted = true;
      else m_unquoted += c;
      ++i;
    }
    record.fields.emplace_back(m_unquoted.data() + field_start, m_unquoted.size() - field_start);
    if (i >= n) break;
    ++i;  // the delimiter
  }
}

std::string CsvReader::finish_sha256() {
  if (!m_hash_done) {
    while (fill()) m_begin = m_end;
    m_hash_done = true;
  }
  return m_sha.hex_digest();
}

}  // namespace shiftline::ingest
