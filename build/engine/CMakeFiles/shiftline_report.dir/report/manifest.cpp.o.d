engine/CMakeFiles/shiftline_report.dir/report/manifest.cpp.o: \
 /work/main/engine/report/manifest.cpp /usr/include/stdc-predef.h
