file(REMOVE_RECURSE
  "libshiftline_ingest.a"
)
