// Running another program to its end, as the benchmarks compare kpiform
// with plain tools: its wall time, CPU time and peak memory.
#pragma once

#include <string>
#include <vector>

namespace kpiform::bench {

struct Run {
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user + system, of the program and its threads
  long peak_kib = 0;       // peak resident memory
  bool ok = false;         // started and exited 0
};

// Runs `arguments` (the program found on PATH), its standard output and
// error sent to /dev/null when `quiet`.
Run run(const std::vector<std::string>& arguments, bool quiet = false);

// What a shell `command` prints on its standard output (empty when it
// cannot start).
std::string output_of(const std::string& command);

}  // namespace kpiform::bench
