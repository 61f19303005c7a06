# CMake generated Testfile for 
# Source directory: /work/main/tests/compile_fail
# Build directory: /work/main/build/tests/compile_fail
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
