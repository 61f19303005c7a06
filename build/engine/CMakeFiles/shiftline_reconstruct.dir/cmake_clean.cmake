file(REMOVE_RECURSE
  "CMakeFiles/shiftline_reconstruct.dir/reconstruct/smooth.cpp.o"
  "CMakeFiles/shiftline_reconstruct.dir/reconstruct/smooth.cpp.o.d"
  "CMakeFiles/shiftline_reconstruct.dir/reconstruct/track.cpp.o"
  "CMakeFiles/shiftline_reconstruct.dir/reconstruct/track.cpp.o.d"
  "libshiftline_reconstruct.a"
  "libshiftline_reconstruct.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_reconstruct.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
