// Fuzz target (R17): a FlatGeobuf input read as the table its first byte names, through the
// product's ingest entry points (fuzz_ingest.hpp says what is a valid outcome). Seeds: corpus/fgb/.
#include "fuzz_ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return shiftline_fuzz::read_as_table(data, size, ".fgb");
}
