# Empty dependencies file for shiftline.
# This may be replaced when dependencies are built.
