// A throwaway PostgreSQL server for a test program or a benchmark: its own data folder
// under /tmp, listening on 127.0.0.1 only, on a free port, trusted local
// connections, stopped and removed when the object goes. Run as root (as CI
// is), the server runs as the `postgres` user Debian's package creates (the
// server refuses root).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace kpiform::bench {

class PostgresServer {
 public:
  // Throws std::runtime_error saying why it cannot start (no server
  // binaries: scripts/setup installs the `postgresql` package).
  static std::unique_ptr<PostgresServer> start();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A new, empty database; its postgresql:// URL.
  std::string new_database(const std::string& name);

 private:
  PostgresServer() = default;
  std::filesystem::path folder_;
  std::filesystem::path bin_;
  std::string as_owner_;  // "runuser -u postgres -- " when run as root
  int port_ = 0;
};

}  // namespace kpiform::bench
