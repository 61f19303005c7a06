
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/unit/dwell/stay_point_test.cpp" "tests/unit/dwell/CMakeFiles/test_dwell_stay_point_test.dir/stay_point_test.cpp.o" "gcc" "tests/unit/dwell/CMakeFiles/test_dwell_stay_point_test.dir/stay_point_test.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/tests/CMakeFiles/shiftline_test_support.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_pipeline.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_report.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_dwell.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_reconstruct.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_clean.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_ingest.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
