#include "kpiform/pipeline/process_tuning.h"

#include <malloc.h>

namespace kpiform::pipeline {

void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

}  // namespace kpiform::pipeline
