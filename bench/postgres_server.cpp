#include "postgres_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace kpiform::bench {

namespace {

// A port nothing listens on now (the kernel's choice for port 0).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// Debian's server binaries, newest version first.
std::filesystem::path server_binaries() {
  std::filesystem::path best;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    if (std::filesystem::exists(entry.path() / "bin" / "pg_ctl") && entry.path() > best) {
      best = entry.path();
    }
  }
  if (best.empty()) {
    throw std::runtime_error(
        "no PostgreSQL server in /usr/lib/postgresql (scripts/setup installs it)");
  }
  return best / "bin";
}

std::string shell_quote(const std::string& argument) {
  std::string quoted = "'";
  for (char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs `command`; its output goes to `log`, shown in the exception.
void run_or_throw(const std::string& command, const std::string& what,
                  const std::filesystem::path& log) {
  if (std::system((command + " >" + shell_quote(log.string()) + " 2>&1").c_str()) == 0) return;
  std::ifstream file(log);
  const std::string said((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  throw std::runtime_error(what + " failed: " + said);
}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::start() {
  std::unique_ptr<PostgresServer> server(new PostgresServer);
  server->bin_ = server_binaries();
  server->folder_ =
      std::filesystem::temp_directory_path() / ("kpiform-postgres-" + std::to_string(::getpid()));
  std::filesystem::remove_all(server->folder_);
  std::filesystem::create_directories(server->folder_);
  if (::geteuid() == 0) {
    server->as_owner_ = "runuser -u postgres -- ";
    run_or_throw("chown postgres " + shell_quote(server->folder_.string()), "chown",
                 server->folder_ / "setup.log");
  }
  server->port_ = free_port();
  const std::string data = (server->folder_ / "data").string();
  run_or_throw(server->as_owner_ + shell_quote((server->bin_ / "initdb").string()) + " -D " +
                   shell_quote(data) + " -A trust -U kpiform -E UTF8 --no-sync",
               "initdb", server->folder_ / "setup.log");
  run_or_throw(
      server->as_owner_ + shell_quote((server->bin_ / "pg_ctl").string()) + " -D " +
          shell_quote(data) + " -w -l " + shell_quote(data + "/server.log") + " -o " +
          shell_quote("-c listen_addresses=127.0.0.1 -p " + std::to_string(server->port_) + " -k " +
                      server->folder_.string() + " -c fsync=off -c synchronous_commit=off") +
          " start",
      "pg_ctl start", server->folder_ / "setup.log");
  return server;
}

PostgresServer::~PostgresServer() {
  const std::string stop = as_owner_ + shell_quote((bin_ / "pg_ctl").string()) + " -D " +
                           shell_quote((folder_ / "data").string()) +
                           " -m immediate -w stop >/dev/null 2>&1";
  [[maybe_unused]] const int stopped = std::system(stop.c_str());
  std::error_code error;
  std::filesystem::remove_all(folder_, error);
}

std::string PostgresServer::new_database(const std::string& name) {
  run_or_throw(shell_quote((bin_ / "createdb").string()) + " -h 127.0.0.1 -p " +
                   std::to_string(port_) + " -U kpiform " + shell_quote(name),
               "createdb " + name, folder_ / "setup.log");
  return "postgresql://kpiform@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

}  // namespace kpiform::bench
