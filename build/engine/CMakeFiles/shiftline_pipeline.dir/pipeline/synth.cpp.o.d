engine/CMakeFiles/shiftline_pipeline.dir/pipeline/synth.cpp.o: \
 /work/main/engine/pipeline/synth.cpp /usr/include/stdc-predef.h
