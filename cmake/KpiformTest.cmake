# kpiform_add_test(NAME SOURCES... LIBS... LABELS...)
#   Builds one GoogleTest executable and registers each of its tests with
#   CTest, labelled so that subsets can be run (ctest -L unit).
include(GoogleTest)

function(kpiform_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main
                                        kpiform_warnings)
  # OMP_THREAD_LIMIT=1: Tesseract's OpenMP threads only spin against the
  # test's own workers.
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "OMP_THREAD_LIMIT=1"
    DISCOVERY_TIMEOUT 60)
endfunction()
