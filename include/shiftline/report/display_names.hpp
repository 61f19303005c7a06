// How the report names input files in every output (tables, geodata, timelines, the page).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shiftline::report {

/// How input files are named in outputs: the file name, or the path as given when two inputs share
/// a file name. Independent of the working folder and of how the path was spelt, where possible.
/// Citations (`FILE:LINE`, `FILE:FIRST-LAST`, `;`-separated lists) must stay parseable, so each
/// name is citation_name()-encoded.
[[nodiscard]] std::vector<std::string> display_names(const std::vector<std::string>& paths);

/// A file name as it appears in a citation: `%`, `;`, `:`, `,` and control characters (bytes below
/// 0x20 and 0x7F) percent-encoded as `%XX` (upper-case hex, RFC 3986 style); every other byte as
/// it is. A name without those bytes is unchanged, and decoding `%XX` gives the name back.
[[nodiscard]] std::string citation_name(std::string_view name);

}  // namespace shiftline::report
