file(REMOVE_RECURSE
  "libshiftline_pipeline.a"
)
