# Empty dependencies file for shiftline_reconstruct.
# This may be replaced when dependencies are built.
