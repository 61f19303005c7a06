file(REMOVE_RECURSE
  "CMakeFiles/shiftline_dwell.dir/dwell/diameter.cpp.o"
  "CMakeFiles/shiftline_dwell.dir/dwell/diameter.cpp.o.d"
  "CMakeFiles/shiftline_dwell.dir/dwell/dwell.cpp.o"
  "CMakeFiles/shiftline_dwell.dir/dwell/dwell.cpp.o.d"
  "CMakeFiles/shiftline_dwell.dir/dwell/stay_point.cpp.o"
  "CMakeFiles/shiftline_dwell.dir/dwell/stay_point.cpp.o.d"
  "libshiftline_dwell.a"
  "libshiftline_dwell.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_dwell.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
