file(REMOVE_RECURSE
  "CMakeFiles/shiftline_test_support.dir/support/track_builder.cpp.o"
  "CMakeFiles/shiftline_test_support.dir/support/track_builder.cpp.o.d"
  "libshiftline_test_support.a"
  "libshiftline_test_support.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_test_support.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
