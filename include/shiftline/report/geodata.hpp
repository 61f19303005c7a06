// Geodata with time from an `analyse` run: report.gpkg, report.geojson and report.kml, so that a
// map program can show the case and play it in time (QGIS's Temporal Controller, Google Earth's
// time slider). docs/outputs.md lists every layer and field with its unit.
//
// The three files carry the same records as the CSV tables (the same dwell ids, `FILE:LINE` source
// rows, classes, crews, flags, verdicts), so a feature on a map can be traced to the row it came
// from. All three are byte-identical for equal inputs and parameters, whatever the thread count.
//
// Coordinates are WGS84 longitude, latitude (EPSG:4326 in traditional GIS order), rounded to 7
// decimals as in the CSV tables. Times are UTC; `*_local` text columns give `--tz` with offset.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "shiftline/core/geo.hpp"
#include "shiftline/core/progress.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/findings/findings.hpp"
#include "shiftline/pipeline/analysis.hpp"

namespace shiftline::report {

/// report.gpkg: a GeoPackage 1.2 written by GDAL's GPKG driver to /vsimem/ and returned as bytes
/// (the caller writes them atomically). Layers pings, tracks, dwells, gaps, places, place_areas,
/// incidents, visits and, when the run read a claims table, claims; DATETIME fields in UTC; a
/// `layer_styles` table that QGIS loads as each layer's default style (dwells coloured by class).
/// Determinism: gpkg_contents.last_change and layer_styles.update_time are the last ping's time
/// (OGR_CURRENT_DATE, set for this thread only while writing), not the wall clock.
///
/// `reach_speed` and `smoothed` are the run's --reach-speed-kmh and --smooth, which the claims'
/// explanations quote exactly as claims_csv does (no default speed on purpose: a wrong one would
/// misstate the evidence).
///
/// `found`, when given, is the run's findings: a `findings` layer (the columns of findings.csv,
/// at the place, spot or dwell centre, spanning start to end) comes first in all three files: the
/// first layer of the GeoPackage, the first features of the GeoJSON, the first folder of the KML.
///
/// Preconditions: the run kept its tracks (PipelineConfig::keep_tracks), else pings and tracks
/// could not be drawn: throws std::invalid_argument when a vehicle with pings has no track.
/// Throws OutputError when GDAL cannot write the GeoPackage.
///
/// `progress`, when given, is told each layer as it is written and the features so far (for the
/// progress line; nothing of it reaches the file). `track_steps` adds the track_steps layer (a
/// feature per step between pings: as many features again as the pings layer).
[[nodiscard]] std::string geopackage_bytes(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed,
                                           bool smoothed = false,
    const findings::Findings* found = nullptr, Progress* progress = nullptr, bool track_steps = false);

/// report.geojson: one RFC 7946 FeatureCollection (WGS84 lon,lat with 7 decimals, no `crs`) with
/// the features of every GeoPackage layer except `pings` (every position is already a vertex of
/// `tracks`; a point per ping would make the file several times larger than web map tools load
/// comfortably). Polygon places are Polygons (exterior ring anticlockwise) within the `places`
/// layer. Each feature's `properties` begin with `layer`; times are ISO 8601 strings. Same
/// preconditions as geopackage_bytes.
[[nodiscard]] std::string geojson_text(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed,
                                       bool smoothed = false,
    const findings::Findings* found = nullptr, Progress* progress = nullptr);

/// report.geojson's text and, with `per_layer`, one RFC 7946 FeatureCollection per layer (with a
/// `name` member, the layer's name; the same features, properties and order as in report.geojson),
/// for geojson/LAYER.geojson: a file per layer loads as one layer in QGIS and web map tools. Built
/// from one pass over the layers.
struct GeoJsonFiles {
  std::string all;
  std::vector<std::pair<std::string, std::string>> layers;  ///< (layer name, file text), in layer order
};
[[nodiscard]] GeoJsonFiles geojson_files(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed,
                                         bool smoothed, const findings::Findings* found, Progress* progress,
                                         bool per_layer);

/// report.kml: KML 2.2 with a folder per vehicle and, inside it, per local day (the day in `--tz`
/// of each feature's start) holding its tracks (gx:Track, one <when> per <gx:coord>, one per local
/// day), dwells (styled by class; a flagged one a triangle) and gaps; then folders of places,
/// incidents and claims. Every Placemark has a TimeSpan, so Google Earth's time slider plays the
/// case (places, which have no time of their own, span the whole case), and a description: what
/// it is, its times with their UTC offset, and its source rows. It names no icon file (see
/// kml_files). Same preconditions as geopackage_bytes.
[[nodiscard]] std::string kml_text(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed,
                                   bool smoothed = false,
    const findings::Findings* found = nullptr, Progress* progress = nullptr);

/// report.kml's text and, with `with_kmz`, report.kmz: a zip of doc.kml (the same document, its
/// styles naming the symbols) and files/circle.png, square.png, triangle.png and diamond.png, so
/// that Google Earth draws the case's symbols with nothing fetched. Built from one pass over the
/// layers.
struct KmlFiles {
  std::string kml;
  std::string kmz;  ///< empty unless asked for
};
[[nodiscard]] KmlFiles kml_files(const pipeline::Analysis& a, const TimeZone* zone, Speed reach_speed, bool smoothed,
                                 const findings::Findings* found, Progress* progress, bool with_kmz);

}  // namespace shiftline::report
