# Warning flags and sanitizers shared by every kpiform target.

add_library(kpiform_warnings INTERFACE)
target_compile_options(kpiform_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion)
if(KPIFORM_WERROR)
  target_compile_options(kpiform_warnings INTERFACE -Werror)
endif()

if(KPIFORM_SANITIZE)
  # Applied globally so that every object, including GoogleTest's main, shares
  # one runtime.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(KPIFORM_FUZZ)
  # Coverage instrumentation for the libraries under test, not only the
  # fuzz targets themselves.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
