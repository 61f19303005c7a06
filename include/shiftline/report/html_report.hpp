// report.html: the whole `analyse` run as one self-contained HTML page, to open offline and to
// archive with the case (docs/outputs.md, "report.html").
//
// Self-contained means: no scripts, no external style sheets, fonts, images, map tiles or requests
// of any kind. Styles are inline CSS, drawings inline SVG (the only URIs in the page are the SVG
// namespace name and same-page fragment links `#id`); hover text is each mark's <title>, and a
// link's target is highlighted with CSS :target, so everything works without script.
//
// Sections, in order:
// - findings (when options.findings is given): the rows of findings.csv in rank order, each with
//   its sentence, before anything else the investigator reads (docs/findings.md);
// - the case: title, tool version and commit, time zone and tz database, every run parameter with
//   its source, every input with its role, path as given, rows read and rejected and SHA-256
//   (before the run);
// - summary: per officer on-duty, crewed, covered and gap time, coverage, moving time and distance,
//   dwell time by class (report::ShiftFigures summed over the officer's shifts); per vehicle the
//   dwells by class (count and time, off duty included) and data gaps; dwells, flags and claims
//   counted by class, kind and verdict; rejected rows and warnings;
// - a map (inline SVG) in a transverse Mercator projection centred on the case (PROJ,
//   EPSG:4326 to `+proj=tmerc +lat_0=LAT +lon_0=LON +k=1 +x_0=0 +y_0=0 +datum=WGS84`): tracks
//   (when the run kept them, PipelineConfig::keep_tracks; else the page says so), data gaps as
//   dashed lines, dwells as circles whose area is proportional to their duration, coloured and
//   patterned by class, places, incidents and claimed positions as distinct symbols, a scale bar
//   and a north arrow; under them, when options.basemap is given, the analyst's own raster warped
//   by GDAL to the map's projection and extent (<image id="map-basemap">, a PNG data: URI);
// - tables of unexplained dwells (the rows of unexplained.csv, in its order), flags (flags.csv)
//   and claims (claims.csv, with claim_explanation's sentence): the values are those of the CSV
//   tables, read from the text the CSV writers produce; every row links to the officer-day
//   timelines that show it and to its mark on the map, and lists its source rows;
// - a timeline per officer and local day (officer_days, officer_day_svg), each in a <section>
//   whose id is svg_id_prefix(officer, day), e.g. `tl-PC1-20241027` (the embedded <svg>'s own id
//   becomes that prefix + `-svg`, so every id in the page is unique).
//
// Print: A4 landscape pages, each section on a new page. Colours are Okabe and Ito's (readable
// with every common colour-vision deficiency); dwell classes also differ by pattern and letter,
// verdicts by text, so the page reads in greyscale.
//
// Machine-readable hooks (for tests and scripts): tables have ids `findings-table`, `unexplained-table`,
// `flags-table` and `claims-table`, one <tr> per CSV row in <tbody>, with data-dwell-id or
// data-claim-id; timelines are <section class="timeline"> with data-officer and data-day; map
// marks are <g> elements with class `dwell`, `place`, `incident`, `claim`, `track`, `gap`, and
// the map's scale bar and north arrow have ids `map-scale-bar` and `map-north-arrow`.
//
// Deterministic: the same pipeline::Analysis and options give the same bytes (numbers are written
// locale-free with fixed decimals; nothing depends on the clock, the host or the thread count).
// The page does not say when it was written: manifest.json does.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "shiftline/core/tz.hpp"
#include "shiftline/findings/findings.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/report/manifest.hpp"
#include "shiftline/verify/verify.hpp"

namespace shiftline::report {

/// What the page needs that the pipeline::Analysis does not hold.
struct HtmlReportOptions {
  /// The page's <title> and heading, e.g. the case reference.
  std::string title = "Shiftline report";
  /// The tool that wrote the page; empty: this build's version and git commit (build_info).
  std::string tool_version;
  std::string tool_commit;
  /// Every run parameter, name -> (resolved value, "default" or "command line"), as in the
  /// manifest; listed in name order. Empty: the page says they were not given.
  std::map<std::string, Parameter> parameters;
  /// The run's --reach-speed-kmh (VerifyConfig::reach_speed), for the claim explanations.
  Speed reach_speed = verify::VerifyConfig{}.reach_speed;
  /// The run used --smooth: explanations and the map say positions are smoothed.
  bool smoothed = false;
  /// The run's --lookup-kinds (MatchConfig::lookup_kinds): events drawn as look-ups on timelines.
  std::vector<std::string> lookup_kinds{"records_lookup"};
  /// `--basemap`: a raster GDAL reads (GeoTIFF, MBTiles, ...) drawn under the map, warped to its
  /// projection and extent (report/basemap.hpp) at 2 image pixels per map px (sharp in print) and
  /// half opacity, so that the marks stay legible, also in greyscale. Empty: none.
  std::string basemap;
  /// The run's ranked findings (find_findings), shown first; null: the section says none were made.
  const findings::Findings* findings = nullptr;
  /// The run's scope (pipeline::ScopeConfig::describe) and what it left out, said at the top of
  /// the page, before anything else; empty: the run is not scoped.
  std::string scope;
};

/// The page (UTF-8 HTML5). `zone` is the run's --tz (null: UTC). Throws OutputError when PROJ
/// cannot build the map's projection (e.g. proj.db missing), InputError when the basemap cannot be
/// read or warped. Time: linear in the size of the
/// analysis plus, per officer-day, one officer_day_svg call (which looks at every record once).
[[nodiscard]] std::string html_report(const pipeline::Analysis& a, const TimeZone* zone, const HtmlReportOptions& options);

}  // namespace shiftline::report
