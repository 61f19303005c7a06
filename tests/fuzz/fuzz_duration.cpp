// Fuzz target for parse_duration (command-line durations such as "90s", "1.5h"; R17).
//
// Properties: a parsed duration is never negative, and the exact decimal text that
// format_seconds writes for it parses back to the same number of milliseconds, with and without
// the "s" unit. Signed overflow in the parser would be caught by UBSan under scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shiftline/core/time.hpp"

namespace {
void require(bool condition) {
  if (!condition) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<shiftline::Millis> d = shiftline::parse_duration(text);
  if (!d) return 0;
  require(d->count() >= 0);
  const std::string seconds = shiftline::format_seconds(*d);
  require(shiftline::parse_duration(seconds) == d);
  require(shiftline::parse_duration(seconds + "s") == d);
  // The same value in milliseconds, when it has no fraction of a second it is also whole seconds.
  require(shiftline::parse_duration(std::to_string(d->count()) + "ms") == d);
  return 0;
}
