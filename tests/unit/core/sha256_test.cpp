// Tests for include/shiftline/core/sha256.hpp (R3, R5).
//
// Digests are the FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and the long-message vectors), each
// also checked with coreutils `sha256sum`; file digests are compared with `sha256sum` at run time.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "support/temp_dir.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"

namespace shiftline {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr const char* kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr const char* kMillionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
constexpr const char* k448Bits = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
constexpr const char* k896Bits = "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";

constexpr const char* kMsg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr const char* kMsg896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

using test::TempDir;

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

/// 64 hex digits printed by `sha256sum FILE`, or empty when the tool is unavailable.
std::string sha256sum_tool(const std::string& path) {
  const std::string command = "sha256sum '" + path + "' 2>/dev/null";
  const std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), &::pclose);
  if (!pipe) return {};
  std::array<char, 65> buf{};
  if (std::fread(buf.data(), 1, 64, pipe.get()) != 64) return {};
  return std::string(buf.data(), 64);
}

/// Deterministic bytes: byte i = (131 i + floor(i / 256)) mod 256.
std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + (i >> 8)) & 0xFF);
  return s;
}

TEST(Sha256, Fips180Vectors) {
  EXPECT_EQ(sha256_hex("abc"), kAbc);
  EXPECT_EQ(sha256_hex(""), kEmpty);
  EXPECT_EQ(sha256_hex(kMsg448), k448Bits);
  EXPECT_EQ(sha256_hex(kMsg896), k896Bits);
  EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')), kMillionA);
}

TEST(Sha256, IncrementalEqualsOneShot) {
  // One million 'a' in uneven pieces, including empty updates and pieces that straddle the 64-byte
  // block boundary.
  Sha256 h;
  const std::string chunk(997, 'a');
  std::size_t fed = 0;
  std::size_t step = 0;
  while (fed < 1'000'000) {
    const std::size_t n = std::min<std::size_t>({1 + (step * 37) % 997, chunk.size(), 1'000'000 - fed});
    h.update(chunk.data(), n);
    h.update(chunk.data(), 0);
    fed += n;
    ++step;
  }
  EXPECT_EQ(h.hex_digest(), kMillionA);

  // Every split point of a 112-byte message gives the same digest.
  const std::string msg = kMsg896;
  for (std::size_t split = 0; split <= msg.size(); ++split) {
    Sha256 two;
    two.update(std::string_view(msg).substr(0, split));
    two.update(std::string_view(msg).substr(split));
    ASSERT_EQ(two.hex_digest(), k896Bits) << split;
  }

  Sha256 bytes;
  for (const char c : std::string("abc")) bytes.update(&c, 1);
  EXPECT_EQ(bytes.hex_digest(), kAbc);
}

TEST(Sha256, DigestIsLowerCaseHex) {
  const std::string d = sha256_hex("anything");
  ASSERT_EQ(d.size(), 64U);
  for (const char c : d) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << c;
}

TEST(Sha256File, KnownFilesAgreeWithSha256sum) {
  const TempDir dir("shiftline-sha256");
  struct Case {
    std::string name;
    std::string bytes;
    const char* expected;  // from `sha256sum` when the file was designed; nullptr: tool only
  };
  const Case cases[] = {
      {"empty.bin", "", kEmpty},
      {"abc.txt", "abc", kAbc},
      {"million-a.txt", std::string(1'000'000, 'a'), kMillionA},
      // Exactly one read block (1 MiB), and 2.5 MiB + 1 (three blocks, the last of one byte).
      // python3 -c '...((i*131 + (i>>8)) & 0xff)...' | sha256sum
      {"one-block.bin", pattern(std::size_t{1} << 20),
       "c5a21e51df649a4dac048e947d52ab1164616932732d122c8fc75e5955f0b589"},
      {"blocks.bin", pattern((std::size_t{5} << 19) + 1),
       "683cd64d2f6212d881a63d094db8d707f5270914ea39fd03db624e93f7f98682"},
      {"binary.bin", std::string("\0\r\n\xff\xfe\x00zz", 8), nullptr},
  };
  for (const Case& c : cases) {
    const std::string path = dir.file(c.name);
    write_file(path, c.bytes);
    const std::string digest = sha256_file(path);
    if (c.expected) {
      EXPECT_EQ(digest, c.expected) << c.name;
    }
    EXPECT_EQ(digest, sha256_hex(c.bytes)) << c.name;
    const std::string tool = sha256sum_tool(path);
    if (tool.empty()) {
      ADD_FAILURE() << "sha256sum not available; cannot cross-check " << c.name;
    } else {
      EXPECT_EQ(digest, tool) << c.name;
    }
  }
}

TEST(Sha256File, MissingFileIsAnInputError) {
  const TempDir dir("shiftline-sha256");
  EXPECT_THROW((void)sha256_file(dir.file("does-not-exist")), InputError);
}

}  // namespace
}  // namespace shiftline
