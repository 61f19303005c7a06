# The installed package works for a program outside the build (ctest label `package`):
# installs the build into a temporary prefix, builds tests/consumer against it with
# find_package(Shiftline CONFIG REQUIRED), runs it on the bundled case, and checks that the
# dwells.csv it writes is byte-identical to the one `shiftline analyse` writes for the same run.
# Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()
run_step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
run_step(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK_DIR}/consumer-build
         -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release)
run_step(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer-build -j2)
run_step(${WORK_DIR}/consumer-build/consumer ${SOURCE_DIR}/data ${WORK_DIR}/from-consumer)
set(consumer_output "${step_output}")
message(STATUS "consumer printed:\n${consumer_output}")
set(data ${SOURCE_DIR}/data)
run_step(${WORK_DIR}/prefix/bin/shiftline analyse --pings ${data}/pings.csv --shifts ${data}/shifts.csv
         --assignments ${data}/assignments.csv --places ${data}/places.csv --incidents ${data}/incidents.csv
         --events ${data}/events.csv --tz Europe/London --out ${WORK_DIR}/from-cli --formats none --quiet)
foreach(table dwells.csv unexplained.csv visits.csv shifts.csv flags.csv gaps.csv rejected.csv warnings.csv)
  file(SHA256 ${WORK_DIR}/from-consumer/${table} a)
  file(SHA256 ${WORK_DIR}/from-cli/${table} b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${table}: the consumer's differs from the CLI's")
  endif()
endforeach()
if(NOT consumer_output MATCHES "unexplained dwells: [0-9]+")
  message(FATAL_ERROR "the consumer did not print its unexplained dwells")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
