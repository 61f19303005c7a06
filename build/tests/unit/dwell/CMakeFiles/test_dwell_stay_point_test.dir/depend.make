# Empty dependencies file for test_dwell_stay_point_test.
# This may be replaced when dependencies are built.
