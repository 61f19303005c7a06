# Empty dependencies file for shiftline_report.
# This may be replaced when dependencies are built.
