# Empty dependencies file for shiftline_dwell.
# This may be replaced when dependencies are built.
