file(REMOVE_RECURSE
  "../shiftline"
  "../shiftline.pdb"
  "CMakeFiles/shiftline.dir/cli/main.cpp.o"
  "CMakeFiles/shiftline.dir/cli/main.cpp.o.d"
  "CMakeFiles/shiftline.dir/cli/options.cpp.o"
  "CMakeFiles/shiftline.dir/cli/options.cpp.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
