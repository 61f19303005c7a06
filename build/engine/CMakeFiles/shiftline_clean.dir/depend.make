# Empty dependencies file for shiftline_clean.
# This may be replaced when dependencies are built.
