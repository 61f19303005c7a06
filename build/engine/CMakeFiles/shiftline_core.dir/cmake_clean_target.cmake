file(REMOVE_RECURSE
  "libshiftline_core.a"
)
