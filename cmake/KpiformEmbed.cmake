# kpiform_embed_files(HEADER COMMENT FILE...): the rule that writes HEADER, a
# C++ header holding each FILE's bytes as `k_<file name>` (a
# std::string_view; see EmbedFiles.cmake), rebuilt when a file changes. Web
# pages and report templates are edited as files and shipped in the binary.
function(kpiform_embed_files header comment)
  add_custom_command(
    OUTPUT ${header}
    COMMAND ${CMAKE_COMMAND} "-DFILES=$<JOIN:${ARGN},|>" -DOUTPUT=${header}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "${comment}"
    VERBATIM)
endfunction()
