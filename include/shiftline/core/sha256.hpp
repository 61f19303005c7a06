// SHA-256 through OpenSSL's EVP interface (R5): GDAL does not install its own.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace shiftline {

/// Incremental SHA-256. Not copyable; one per stream.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  /// Lower-case hex digest; the object cannot be updated afterwards.
  [[nodiscard]] std::string hex_digest();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// SHA-256 of a whole file, read in 1 MiB blocks. Throws InputError when unreadable.
[[nodiscard]] std::string sha256_file(const std::string& path);
[[nodiscard]] std::string sha256_hex(std::string_view text);

}  // namespace shiftline
