
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/engine/core/error.cpp" "engine/CMakeFiles/shiftline_core.dir/core/error.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/error.cpp.o.d"
  "/work/main/engine/core/geo.cpp" "engine/CMakeFiles/shiftline_core.dir/core/geo.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/geo.cpp.o.d"
  "/work/main/engine/core/ids.cpp" "engine/CMakeFiles/shiftline_core.dir/core/ids.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/ids.cpp.o.d"
  "/work/main/engine/core/problem.cpp" "engine/CMakeFiles/shiftline_core.dir/core/problem.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/problem.cpp.o.d"
  "/work/main/engine/core/sha256.cpp" "engine/CMakeFiles/shiftline_core.dir/core/sha256.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/sha256.cpp.o.d"
  "/work/main/engine/core/time.cpp" "engine/CMakeFiles/shiftline_core.dir/core/time.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/time.cpp.o.d"
  "/work/main/engine/core/tz.cpp" "engine/CMakeFiles/shiftline_core.dir/core/tz.cpp.o" "gcc" "engine/CMakeFiles/shiftline_core.dir/core/tz.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
