# Empty dependencies file for shiftline_ingest.
# This may be replaced when dependencies are built.
