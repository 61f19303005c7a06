
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/engine/reconstruct/smooth.cpp" "engine/CMakeFiles/shiftline_reconstruct.dir/reconstruct/smooth.cpp.o" "gcc" "engine/CMakeFiles/shiftline_reconstruct.dir/reconstruct/smooth.cpp.o.d"
  "/work/main/engine/reconstruct/track.cpp" "engine/CMakeFiles/shiftline_reconstruct.dir/reconstruct/track.cpp.o" "gcc" "engine/CMakeFiles/shiftline_reconstruct.dir/reconstruct/track.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/engine/CMakeFiles/shiftline_clean.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_ingest.dir/DependInfo.cmake"
  "/work/main/build/engine/CMakeFiles/shiftline_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
