// Process-wide settings for a batch of page images, made once at start by
// the programs that run the pipeline (the CLI and the benchmarks).
#pragma once

namespace kpiform::pipeline {

// Page images are tens of megabytes each and come and go with every page.
// Kept in the heap once freed, instead of being unmapped and mapped afresh
// (every new mapping is zeroed page by page by the kernel), they make OCR
// some 7% faster for ~10% more peak memory (bench-ocr).
void keep_freed_memory();

}  // namespace kpiform::pipeline
