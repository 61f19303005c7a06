#!/usr/bin/env bash
# Regenerates the seed corpora of the input-reader fuzz targets from the bundled case (data/):
# corpus/tables/ (CSV), corpus/gpkg/, corpus/geojson/, corpus/kml/, corpus/gpx/, corpus/xlsx/, corpus/ods/, corpus/fgb/ and corpus/shp/. Each seed is one byte
# naming the table (0 pings, 1 shifts, 2 assignments, 3 places, 4 incidents, 5 events, 6 claims;
# fuzz_ingest.hpp) followed by the file. Small on purpose (a few rows each, GeoPackages vacuumed
# to 1 KiB pages) so that libFuzzer's mutations reach the readers' edges quickly. Needs GDAL's
# ogr2ogr and sqlite3. Crash inputs found later are added beside these by hand, never regenerated.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=tests/fuzz/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
roles=(pings shifts assignments places incidents events claims)
prefix() { printf "\\$(printf '%03o' "$1")"; }  # the role byte, NUL included
mkdir -p "$corpus"/{tables,gpkg,geojson,gpx,kml,xlsx,ods,fgb,shp}
for i in "${!roles[@]}"; do
  role=${roles[$i]}
  head -n 16 "data/$role.csv" >"$tmp/$role.csv"
  { prefix "$i"; cat "$tmp/$role.csv"; } >"$corpus/tables/$role.csv"
done
# Pings and places as points (their lat/lon kept as columns too); the other tables as attributes.
for role in "${roles[@]}"; do
  i=0; for r in "${roles[@]}"; do if [ "$r" = "$role" ]; then break; fi; i=$((i + 1)); done
  points=()
  case $role in (pings|places) points=(-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4326);; esac
  ogr2ogr -f XLSX "$tmp/$role.xlsx" "$tmp/$role.csv" -nln "$role"
  { prefix "$i"; cat "$tmp/$role.xlsx"; } >"$corpus/xlsx/$role.xlsx"
  ogr2ogr -f ODS "$tmp/$role.ods" "$tmp/$role.csv" -nln "$role"
  { prefix "$i"; cat "$tmp/$role.ods"; } >"$corpus/ods/$role.ods"
  # GeoPackages are 25-40 KB even vacuumed: pings and places (points) and shifts (attributes) only.
  case $role in
    (pings|places|shifts)
      ogr2ogr -f GPKG "$tmp/$role.gpkg" "$tmp/$role.csv" -nln "$role" "${points[@]}"
      sqlite3 "$tmp/$role.gpkg" 'PRAGMA page_size=1024; VACUUM;'
      { prefix "$i"; cat "$tmp/$role.gpkg"; } >"$corpus/gpkg/$role.gpkg";;
  esac
  if [ ${#points[@]} -gt 0 ]; then
    ogr2ogr -f GeoJSON "$tmp/$role.geojson" "$tmp/$role.csv" "${points[@]}"
    { prefix "$i"; cat "$tmp/$role.geojson"; } >"$corpus/geojson/$role.geojson"
    ogr2ogr -f KML "$tmp/$role.kml" "$tmp/$role.csv" "${points[@]}"
    { prefix "$i"; cat "$tmp/$role.kml"; } >"$corpus/kml/$role.kml"
    ogr2ogr -f FlatGeobuf "$tmp/$role.fgb" "$tmp/$role.csv" "${points[@]}"
    { prefix "$i"; cat "$tmp/$role.fgb"; } >"$corpus/fgb/$role.fgb"
    # A shapefile: the role byte, the .shp's and the .shx's lengths (4 bytes each, little-endian),
    # then the .shp, the .shx and the .dbf (fuzz_ingest.hpp, read_shapefile_as_table).
    ogr2ogr -f "ESRI Shapefile" "$tmp/$role.shp" "$tmp/$role.csv" "${points[@]}"
    le32() { local n=$1; printf "\\$(printf '%03o' $((n & 255)))\\$(printf '%03o' $((n >> 8 & 255)))\\$(printf '%03o' $((n >> 16 & 255)))\\$(printf '%03o' $((n >> 24 & 255)))"; }
    { prefix "$i"; le32 "$(stat -c %s "$tmp/$role.shp")"; le32 "$(stat -c %s "$tmp/$role.shx")"
      cat "$tmp/$role.shp" "$tmp/$role.shx" "$tmp/$role.dbf"; } >"$corpus/shp/$role.shp"
  fi
done
# GPX: one unit's track (track_points, as a GPS logger writes it) from the first pings of data/.
{
  prefix 0
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<gpx version="1.1" creator="shiftline make_seeds.sh" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>PV01</name><trkseg>'
  awk -F, 'NR > 1 && NR <= 16 { printf "<trkpt lat=\"%s\" lon=\"%s\"><time>%s</time></trkpt>\n", $3, $4, $2 }' data/pings.csv
  echo '</trkseg></trk></gpx>'
} >"$corpus/gpx/pings.gpx"
