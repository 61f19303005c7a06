file(REMOVE_RECURSE
  "CMakeFiles/test_dwell_stay_point_test.dir/stay_point_test.cpp.o"
  "CMakeFiles/test_dwell_stay_point_test.dir/stay_point_test.cpp.o.d"
  "test_dwell_stay_point_test"
  "test_dwell_stay_point_test.pdb"
  "test_dwell_stay_point_test[1]_tests.cmake"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/test_dwell_stay_point_test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
