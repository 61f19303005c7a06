# CMake generated Testfile for 
# Source directory: /work/main/tests/unit/clean
# Build directory: /work/main/build/tests/unit/clean
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
