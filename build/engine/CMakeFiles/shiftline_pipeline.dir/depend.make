# Empty dependencies file for shiftline_pipeline.
# This may be replaced when dependencies are built.
