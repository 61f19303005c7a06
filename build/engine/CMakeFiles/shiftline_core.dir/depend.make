# Empty dependencies file for shiftline_core.
# This may be replaced when dependencies are built.
