#include "shiftline/core/error.hpp"

namespace shiftline {

std::string located(const std::string& file, std::uint32_t line, const std::string& field,
                    const std::string& message) {
  std::string s = file;
  if (line != 0) s += ':' + std::to_string(line);
  if (!field.empty()) s += (s.empty() ? "" : ": ") + field;
  if (!s.empty()) s += ": ";
  return s + message;
}

}  // namespace shiftline
