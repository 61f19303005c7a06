# Empty dependencies file for shiftline_test_support.
# This may be replaced when dependencies are built.
