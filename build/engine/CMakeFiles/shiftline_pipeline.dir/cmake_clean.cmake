file(REMOVE_RECURSE
  "CMakeFiles/shiftline_pipeline.dir/pipeline/pipeline.cpp.o"
  "CMakeFiles/shiftline_pipeline.dir/pipeline/pipeline.cpp.o.d"
  "CMakeFiles/shiftline_pipeline.dir/pipeline/synth.cpp.o"
  "CMakeFiles/shiftline_pipeline.dir/pipeline/synth.cpp.o.d"
  "libshiftline_pipeline.a"
  "libshiftline_pipeline.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_pipeline.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
