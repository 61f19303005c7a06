// Fuzz target for the streaming CSV reader (R17): the bytes become a file that CsvReader reads
// to the end, record by record and block by block. It must never crash; InputError (unclosed
// quote, no header) is a valid outcome.
//
// The streaming reader is also compared with a whole-buffer reference model of the same rules
// (csv.hpp): BOM skipped; delimiter = first of , ; TAB | on the first non-blank line; a record ends
// at the first LF outside quotes (only a quote first in a field, after blanks, opens quotes; a
// stray quote is a character of its field and opens nothing), one trailing CR is dropped; fields split on
// the delimiter outside quotes, `""` inside quotes is a quote; records of one blank field are
// skipped; the header is the first record, trimmed, NUL and invalid UTF-8 as U+FFFD; line = 1 +
// LFs before the record; a record's malformed_field is its first field with a quote after other
// text or text after a closing quote (RFC 4180; issue 13, defect 15). The model has no buffers to
// refill, so a disagreement points at the block handling (the stale-pointer bug that corrupted a
// last line without newline would have shown up here at once).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/ingest/csv.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

struct Record {
  std::uint32_t line = 0;
  std::vector<std::string> fields;
  int malformed_field = -1;  // the first field with a quote RFC 4180 does not allow
  bool operator==(const Record&) const = default;
};

struct Outcome {
  bool error = false;  // InputError
  char delimiter = 0;
  std::vector<std::string> header;
  std::vector<Record> records;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Header names with NUL, bytes outside well-formed UTF-8, U+FFFE and U+FFFF replaced by U+FFFD,
// one per byte.
// Written from RFC 3629's table of well-formed sequences, independently of the engine's code.
std::string cleaned(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto at = [&](std::size_t k) -> unsigned {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100U;
    };
    const auto in = [&](std::size_t k, unsigned lo, unsigned hi) { return at(k) >= lo && at(k) <= hi; };
    const unsigned c = at(0);
    std::size_t n = 0;
    if (c >= 0x01 && c <= 0x7F) n = 1;
    else if (c >= 0xC2 && c <= 0xDF && in(1, 0x80, 0xBF)) n = 2;
    else if (c == 0xE0 && in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF)) n = 3;
    else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF)) n = 3;
    else if (c == 0xED && in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF)) n = 3;
    else if (c == 0xF0 && in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) n = 4;
    else if (c >= 0xF1 && c <= 0xF3 && in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) n = 4;
    else if (c == 0xF4 && in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) n = 4;
    // U+FFFE and U+FFFF are well-formed but no character XML 1.0 allows; the engine's one rule
    // for text (read and written alike) replaces them too, so that the HTML and KML can carry it.
    if (n == 3 && c == 0xEF && at(1) == 0xBF && at(2) >= 0xBE) n = 0;
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

Outcome reference(std::string_view s) {
  Outcome out;
  std::size_t pos = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  // Delimiter from the first line with something other than spaces, tabs and CR.
  {
    std::string_view rest = s.substr(pos);
    std::string_view first;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      first = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (first.find_first_not_of(" \t\r") != std::string_view::npos) break;
    }
    out.delimiter = ',';
    for (const char c : {',', ';', '\t', '|'})
      if (first.find(c) != std::string_view::npos) {
        out.delimiter = c;
        break;
      }
  }
  std::uint32_t line = 1;
  bool have_header = false;
  while (pos < s.size()) {
    // Find the end of the record: a quote opens a quoted section only as a field's first
    // character after blanks; `""` inside one is a quote; a stray quote opens nothing.
    bool in_quotes = false;
    bool at_field_start = true;
    std::size_t end = pos;
    std::uint32_t newlines = 0;
    for (; end < s.size(); ++end) {
      const char c = s[end];
      if (in_quotes) {
        if (c == '"' && end + 1 < s.size() && s[end + 1] == '"') ++end;
        else if (c == '"') in_quotes = false;
        else if (c == '\n') ++newlines;
      } else if (c == '\n') {
        break;
      } else if (c == out.delimiter) {
        at_field_start = true;
      } else if (c == '"' && at_field_start) {
        in_quotes = true;
        at_field_start = false;
      } else if (c != ' ' && c != '\t') {
        at_field_start = false;
      }
    }
    if (in_quotes) {
      out.error = true;
      return out;
    }
    std::string_view text = s.substr(pos, end - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    Record r;
    r.line = line;
    std::string field;
    bool quoted = false;
    bool was_quoted = false;  // a quoted section of this field has closed
    bool has_text = false;    // a character other than space or tab outside quotes
    const auto malformed = [&r] {
      if (r.malformed_field < 0) r.malformed_field = static_cast<int>(r.fields.size());
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            quoted = false;
            was_quoted = true;
          }
        } else {
          field += c;
        }
      } else if (c == out.delimiter) {
        r.fields.push_back(field);
        field.clear();
        was_quoted = has_text = false;
      } else if (c == '"' && !was_quoted && !has_text) {
        quoted = true;  // RFC 4180: a quote only opens a field (after blanks at most)
      } else if (c == '"') {
        malformed();  // a stray quote is a character of the field and opens nothing
        has_text = true;
        field += c;
      } else {
        if (was_quoted && c != ' ' && c != '\t') malformed();  // text after a closing quote
        has_text = has_text || (c != ' ' && c != '\t');
        field += c;
      }
    }
    r.fields.push_back(field);
    line += 1 + newlines;
    pos = end + 1;  // past the LF (or past the end)
    if (r.fields.size() == 1 && trim(r.fields[0]).empty()) continue;
    if (!have_header) {
      for (const auto& f : r.fields) out.header.push_back(cleaned(trim(f)));
      have_header = true;
    } else {
      out.records.push_back(std::move(r));
    }
  }
  if (!have_header) out.error = true;
  return out;
}

// The reader takes a path. An in-memory file (memfd) behind /proc/self/fd/N is much faster than a
// temp file on disk (ms per input on some file systems); a temp file is the fallback.
struct Scratch {
  int fd = -1;
  std::string path;
};

const Scratch& scratch() {
  static const Scratch s = [] {
    Scratch out;
    out.fd = ::memfd_create("shiftline-fuzz-csv", 0);
    if (out.fd >= 0) {
      out.path = "/proc/self/fd/" + std::to_string(out.fd);
      return out;
    }
    const char* dir = std::getenv("TMPDIR");
    out.path = std::string(dir && *dir ? dir : "/tmp") + "/shiftline-fuzz-csv-XXXXXX";
    out.fd = ::mkstemp(out.path.data());
    if (out.fd < 0) std::abort();
    return out;
  }();
  return s;
}

void write_scratch(const std::uint8_t* data, std::size_t size) {
  const Scratch& s = scratch();
  if (::ftruncate(s.fd, 0) != 0) std::abort();
  std::size_t done = 0;
  while (done < size) {
    const ::ssize_t n = ::pwrite(s.fd, data + done, size - done, static_cast<::off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  write_scratch(data, size);
  const std::string& path = scratch().path;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const Outcome expected = reference(bytes);

  Outcome got;
  std::string digest;
  std::uint64_t bytes_read = 0;
  try {
    shiftline::ingest::CsvReader reader(path);
    got.delimiter = reader.delimiter();
    got.header = reader.header();
    shiftline::ingest::CsvRecord rec;
    std::uint32_t previous = 0;
    while (reader.next(rec)) {
      require(rec.line > previous);
      previous = rec.line;
      got.records.push_back(
          Record{rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end()), rec.malformed_field});
    }
    digest = reader.finish_sha256();
    bytes_read = reader.bytes_read();
  } catch (const shiftline::InputError&) {
    got.error = true;
  }
  require(got.error == expected.error);
  if (!got.error) {
    require(got.delimiter == expected.delimiter);
    require(got.header == expected.header);
    require(got.records == expected.records);
    require(digest == shiftline::sha256_hex(bytes));
    require(bytes_read == size);
  }

  // The same file read as blocks of whole records (the multi-threaded ingest path) must give the
  // same records and line numbers.
  Outcome blocks;
  try {
    shiftline::ingest::CsvReader reader(path);
    blocks.delimiter = reader.delimiter();
    blocks.header = reader.header();
    shiftline::ingest::CsvBlock block;
    shiftline::ingest::CsvRecord rec;
    while (reader.next_block(block)) {
      const std::string view_path = path;
      shiftline::ingest::CsvBlockParser parser(std::string_view(block.bytes.data(), block.bytes.size()),
                                               block.first_line, reader.delimiter(), &view_path);
      while (parser.next(rec))
        blocks.records.push_back(
            Record{rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end()), rec.malformed_field});
    }
  } catch (const shiftline::InputError&) {
    blocks.error = true;
  }
  require(blocks.error == expected.error);
  if (!blocks.error) require(blocks.records == expected.records);
  return 0;
}
