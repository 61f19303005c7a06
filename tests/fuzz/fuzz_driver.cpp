// A stand-in for libFuzzer's main, so that GCC builds every fuzz target as a plain ctest (R17):
//
//   fuzz_<name> [CORPUS_DIR] [N]
//
// runs LLVMFuzzerTestOneInput on every file of CORPUS_DIR (sorted by name), then on N inputs
// (default 20,000) made deterministically from a fixed seed: a third random bytes over an alphabet
// of characters that matter to our parsers, two thirds mutations of corpus files (byte flips,
// inserts, deletes, duplicated or spliced chunks). A failed property traps; the signal handler
// prints the input in hex so that it can be added to the corpus as a regression input.
#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, portable, fully specified.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t m_state;
};

// Characters that steer the ISO 8601, duration and CSV parsers, plus a few hostile bytes.
constexpr char kAlphabet[] = "0123456789012345678901234567890123456789-:T Z+.,;\t|\"\r\n\n\nzt sminhd\x00\xff\xef\xbb\xbf";
constexpr std::size_t kAlphabetSize = sizeof kAlphabet - 1;

// The input being run, for the crash report.
const std::uint8_t* g_current = nullptr;
std::size_t g_current_size = 0;
char g_report[2 * 4096 + 64];

extern "C" void report_input(int sig) {
  // Only async-signal-safe calls here: format into a static buffer, write(2), re-raise.
  static const char kHex[] = "0123456789abcdef";
  std::size_t n = 0;
  const char prefix[] = "\nfuzz_driver: failing input (hex, first 4096 bytes): ";
  std::memcpy(g_report, prefix, sizeof prefix - 1);
  n = sizeof prefix - 1;
  for (std::size_t i = 0; i < g_current_size && i < 4096; ++i) {
    g_report[n++] = kHex[g_current[i] >> 4];
    g_report[n++] = kHex[g_current[i] & 0xF];
  }
  g_report[n++] = '\n';
  (void)!::write(2, g_report, n);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void run(const Bytes& input) {
  g_current = input.data();
  g_current_size = input.size();
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

Bytes random_input(SplitMix64& rng) {
  Bytes b(rng.below(64));
  for (auto& c : b) c = static_cast<std::uint8_t>(kAlphabet[rng.below(kAlphabetSize)]);
  return b;
}

Bytes mutate(const Bytes& seed, const std::vector<Bytes>& corpus, SplitMix64& rng) {
  Bytes b = seed;
  const std::size_t steps = 1 + rng.below(4);
  for (std::size_t s = 0; s < steps; ++s) {
    switch (rng.below(7)) {
      case 0:  // replace a byte with an alphabet character
        if (!b.empty()) b[rng.below(b.size())] = static_cast<std::uint8_t>(kAlphabet[rng.below(kAlphabetSize)]);
        break;
      case 1:  // flip a bit
        if (!b.empty()) b[rng.below(b.size())] ^= static_cast<std::uint8_t>(1U << rng.below(8));
        break;
      case 2:  // insert a character
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)),
                 static_cast<std::uint8_t>(kAlphabet[rng.below(kAlphabetSize)]));
        break;
      case 3:  // delete a short run
        if (!b.empty()) {
          const std::size_t at = rng.below(b.size());
          const std::size_t len = 1 + rng.below(std::min<std::size_t>(4, b.size() - at));
          b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + len));
        }
        break;
      case 4:  // duplicate a chunk
        if (!b.empty() && b.size() < 4096) {
          const std::size_t at = rng.below(b.size());
          const std::size_t len = 1 + rng.below(b.size() - at);
          const Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + len));
          b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)), chunk.begin(), chunk.end());
        }
        break;
      case 5: {  // splice with another corpus entry
        const Bytes& other = corpus[rng.below(corpus.size())];
        const std::size_t keep = rng.below(b.size() + 1);
        const std::size_t from = rng.below(other.size() + 1);
        b.resize(keep);
        b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
        break;
      }
      default:  // truncate
        b.resize(rng.below(b.size() + 1));
        break;
    }
  }
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGILL, report_input);
  std::signal(SIGABRT, report_input);
  std::signal(SIGSEGV, report_input);
  std::signal(SIGFPE, report_input);
  std::signal(SIGBUS, report_input);
  std::signal(SIGTRAP, report_input);

  std::vector<Bytes> corpus;
  if (argc > 1) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(argv[1]))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  const long n = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20000;
  const std::size_t seeds = corpus.size();
  for (const Bytes& input : corpus) run(input);
  if (corpus.empty()) corpus.emplace_back();

  SplitMix64 rng(0x5348494654'4C494EULL);  // "SHIFTLIN"
  for (long i = 0; i < n; ++i) {
    Bytes input = rng.below(3) == 0 ? random_input(rng) : mutate(corpus[rng.below(corpus.size())], corpus, rng);
    // One in a thousand is repeated past 2 MiB, beyond the CSV reader's first read and its
    // 1 MiB refills (libFuzzer's default max_len of 4096 never gets there).
    if (i % 1000 == 999 && !input.empty()) {
      const std::size_t target = (std::size_t{2} << 20) + rng.below(std::size_t{1} << 20);
      const Bytes unit = input;
      while (input.size() < target) input.insert(input.end(), unit.begin(), unit.end());
    }
    run(input);
  }
  std::printf("fuzz_driver: %zu corpus inputs and %ld generated inputs passed\n", seeds, n);
  return 0;
}
