engine/CMakeFiles/shiftline_report.dir/report/output_dir.cpp.o: \
 /work/main/engine/report/output_dir.cpp /usr/include/stdc-predef.h
