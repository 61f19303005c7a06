# CMAKE generated file: DO NOT EDIT!
# Timestamp file for compiler generated dependencies management for test_dwell_stay_point_test.
