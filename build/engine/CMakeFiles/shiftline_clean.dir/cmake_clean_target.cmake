file(REMOVE_RECURSE
  "libshiftline_clean.a"
)
