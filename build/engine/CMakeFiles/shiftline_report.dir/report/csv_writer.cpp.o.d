engine/CMakeFiles/shiftline_report.dir/report/csv_writer.cpp.o: \
 /work/main/engine/report/csv_writer.cpp /usr/include/stdc-predef.h
