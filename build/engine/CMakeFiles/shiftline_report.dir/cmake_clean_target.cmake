file(REMOVE_RECURSE
  "libshiftline_report.a"
)
