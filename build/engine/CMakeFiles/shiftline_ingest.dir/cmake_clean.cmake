file(REMOVE_RECURSE
  "CMakeFiles/shiftline_ingest.dir/ingest/crs_transform.cpp.o"
  "CMakeFiles/shiftline_ingest.dir/ingest/crs_transform.cpp.o.d"
  "CMakeFiles/shiftline_ingest.dir/ingest/csv.cpp.o"
  "CMakeFiles/shiftline_ingest.dir/ingest/csv.cpp.o.d"
  "CMakeFiles/shiftline_ingest.dir/ingest/ingest.cpp.o"
  "CMakeFiles/shiftline_ingest.dir/ingest/ingest.cpp.o.d"
  "CMakeFiles/shiftline_ingest.dir/ingest/row_builder.cpp.o"
  "CMakeFiles/shiftline_ingest.dir/ingest/row_builder.cpp.o.d"
  "libshiftline_ingest.a"
  "libshiftline_ingest.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_ingest.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
