# CMake generated Testfile for 
# Source directory: /work/main/tests/unit/dwell
# Build directory: /work/main/build/tests/unit/dwell
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
include("/work/main/build/tests/unit/dwell/test_dwell_stay_point_test[1]_include.cmake")
