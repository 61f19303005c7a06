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
    names.push_back(count[base] > 1 ? p : base);
  }
  return names;
}

}  // namespace shiftline::report
