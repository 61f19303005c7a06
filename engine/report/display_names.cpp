#include "shiftline/report/display_names.hpp"

#include <filesystem>
#include <map>

namespace shiftline::report {

std::vector<std::string> display_names(const std::vector<std::string>& paths) {
  std::map<std::string, int> count;
  std::vector<std::string> names;
  for (const auto& p : paths) ++count[std::filesystem::path(p).filename().string()];
  for (const auto& p : paths) {
    const std::string base = std::filesystem::path(p).filename().string();
    names.push_back(citation_name(count[base] > 1 ? p : base));
  }
  return names;
}

std::string citation_name(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size());
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '%' || c == ';' || c == ':' || c == ',' || byte < 0x20 || byte == 0x7F) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace shiftline::report
