# kpiform_add_test(NAME SOURCES... LIBS... LABELS...)
#   Builds one GoogleTest executable and registers each of its tests with
#   CTest, labelled so that subsets can be run (ctest -L unit).
include(GoogleTest)

function(kpiform_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main
                                        kpiform_warnings)
  gtest_discover_tests(${name} TEST_LIST ${name}_TESTS DISCOVERY_TIMEOUT 60)
  # Properties are set once the tests are discovered: gtest_discover_tests
  # flattens a list value ("ocr;e2e") into separate property arguments.
  # OMP_THREAD_LIMIT=1: Tesseract's OpenMP threads only spin against the
  # test's own workers. LSAN_OPTIONS: leaks inside Tesseract (lsan.supp).
  set(environment
      "OMP_THREAD_LIMIT=1;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp")
  set(properties_file ${CMAKE_CURRENT_BINARY_DIR}/${name}_properties.cmake)
  file(WRITE ${properties_file}
       "set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${ARG_LABELS}\" "
       "ENVIRONMENT \"${environment}\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${properties_file})
endfunction()
