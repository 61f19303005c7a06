
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/engine/ingest/crs_transform.cpp" "engine/CMakeFiles/shiftline_ingest.dir/ingest/crs_transform.cpp.o" "gcc" "engine/CMakeFiles/shiftline_ingest.dir/ingest/crs_transform.cpp.o.d"
  "/work/main/engine/ingest/csv.cpp" "engine/CMakeFiles/shiftline_ingest.dir/ingest/csv.cpp.o" "gcc" "engine/CMakeFiles/shiftline_ingest.dir/ingest/csv.cpp.o.d"
  "/work/main/engine/ingest/ingest.cpp" "engine/CMakeFiles/shiftline_ingest.dir/ingest/ingest.cpp.o" "gcc" "engine/CMakeFiles/shiftline_ingest.dir/ingest/ingest.cpp.o.d"
  "/work/main/engine/ingest/row_builder.cpp" "engine/CMakeFiles/shiftline_ingest.dir/ingest/row_builder.cpp.o" "gcc" "engine/CMakeFiles/shiftline_ingest.dir/ingest/row_builder.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/engine/CMakeFiles/shiftline_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
