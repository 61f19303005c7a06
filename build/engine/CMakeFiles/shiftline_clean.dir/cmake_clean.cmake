file(REMOVE_RECURSE
  "CMakeFiles/shiftline_clean.dir/clean/clean.cpp.o"
  "CMakeFiles/shiftline_clean.dir/clean/clean.cpp.o.d"
  "libshiftline_clean.a"
  "libshiftline_clean.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_clean.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
