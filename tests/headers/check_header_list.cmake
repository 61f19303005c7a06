# The public headers in include/shiftline are exactly those tests/headers/CMakeLists.txt compiles
# alone (a new header must be added there).
file(GLOB_RECURSE found RELATIVE ${INCLUDE_DIR} ${INCLUDE_DIR}/*.hpp)
string(REPLACE "," ";" listed "${LISTED}")
list(SORT found)
list(SORT listed)
if(NOT found STREQUAL listed)
  set(missing ${found})
  list(REMOVE_ITEM missing ${listed})
  set(extra ${listed})
  list(REMOVE_ITEM extra ${found})
  message(FATAL_ERROR "public headers not compiled alone: ${missing}; listed but absent: ${extra}")
endif()
