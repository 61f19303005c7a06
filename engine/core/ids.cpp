#include "shiftline/core/ids.hpp"

#include <algorithm>
#include <numeric>

namespace shiftline {

VehicleIndex VehicleRegistry::intern(std::string_view name) {
  if (m_has_last && m_names[m_last] == name) return m_last;
  auto it = m_index.find(name);
  if (it == m_index.end()) {
    const auto index = static_cast<VehicleIndex>(m_names.size());
    m_names.emplace_back(name);
    it = m_index.emplace(m_names.back(), index).first;
  }
  m_last = it->second;
  m_has_last = true;
  return m_last;
}

VehicleIndex VehicleRegistry::find(std::string_view name) const {
  const auto it = m_index.find(name);
  return it == m_index.end() ? static_cast<VehicleIndex>(m_names.size()) : it->second;
}

std::vector<VehicleIndex> VehicleRegistry::sorted() const {
  std::vector<VehicleIndex> order(m_names.size());
  std::iota(order.begin(), order.end(), VehicleIndex{0});
  std::sort(order.begin(), order.end(), [this](VehicleIndex a, VehicleIndex b) { return m_names[a] < m_names[b]; });
  return order;
}

}  // namespace shiftline
