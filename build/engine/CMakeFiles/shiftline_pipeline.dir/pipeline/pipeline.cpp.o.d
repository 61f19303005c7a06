engine/CMakeFiles/shiftline_pipeline.dir/pipeline/pipeline.cpp.o: \
 /work/main/engine/pipeline/pipeline.cpp /usr/include/stdc-predef.h
