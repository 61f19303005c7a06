file(REMOVE_RECURSE
  "libshiftline_dwell.a"
)
