# CMake generated Testfile for 
# Source directory: /work/main/tests/unit/ingest
# Build directory: /work/main/build/tests/unit/ingest
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
