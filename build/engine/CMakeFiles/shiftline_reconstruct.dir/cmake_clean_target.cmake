file(REMOVE_RECURSE
  "libshiftline_reconstruct.a"
)
