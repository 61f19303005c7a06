file(REMOVE_RECURSE
  "CMakeFiles/shiftline_core.dir/core/error.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/error.cpp.o.d"
  "CMakeFiles/shiftline_core.dir/core/geo.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/geo.cpp.o.d"
  "CMakeFiles/shiftline_core.dir/core/ids.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/ids.cpp.o.d"
  "CMakeFiles/shiftline_core.dir/core/problem.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/problem.cpp.o.d"
  "CMakeFiles/shiftline_core.dir/core/sha256.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/sha256.cpp.o.d"
  "CMakeFiles/shiftline_core.dir/core/time.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/time.cpp.o.d"
  "CMakeFiles/shiftline_core.dir/core/tz.cpp.o"
  "CMakeFiles/shiftline_core.dir/core/tz.cpp.o.d"
  "libshiftline_core.a"
  "libshiftline_core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
