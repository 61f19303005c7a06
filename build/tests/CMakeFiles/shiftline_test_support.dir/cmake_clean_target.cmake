file(REMOVE_RECURSE
  "libshiftline_test_support.a"
)
