file(REMOVE_RECURSE
  "CMakeFiles/shiftline_report.dir/report/csv_writer.cpp.o"
  "CMakeFiles/shiftline_report.dir/report/csv_writer.cpp.o.d"
  "CMakeFiles/shiftline_report.dir/report/manifest.cpp.o"
  "CMakeFiles/shiftline_report.dir/report/manifest.cpp.o.d"
  "CMakeFiles/shiftline_report.dir/report/output_dir.cpp.o"
  "CMakeFiles/shiftline_report.dir/report/output_dir.cpp.o.d"
  "libshiftline_report.a"
  "libshiftline_report.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/shiftline_report.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
