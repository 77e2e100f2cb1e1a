# kpiform_embed_files(TARGET HEADER FILE...): gives TARGET a generated
# header HEADER (included as "HEADER") holding each FILE's bytes — FILEs
# relative to the target's source folder — as `k_<file name>`, a
# std::string_view (see EmbedFiles.cmake), rebuilt when a file changes. Web
# pages and report templates are edited as files and shipped in the binary.
function(kpiform_embed_files target header)
  set(files)
  foreach(file IN LISTS ARGN)
    list(APPEND files ${CMAKE_CURRENT_SOURCE_DIR}/${file})
  endforeach()
  set(output ${CMAKE_CURRENT_BINARY_DIR}/generated/${header})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} "-DFILES=$<JOIN:${files},|>" -DOUTPUT=${output}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${header}"
    VERBATIM)
  target_sources(${target} PRIVATE ${output})
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated)
endfunction()
