#include "web_session.h"

#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

namespace kpiform::testing {

Background::Background(const std::vector<std::string>& arguments, const std::string& error_file) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_ends[1], 1);
    const int error = open(error_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (error >= 0) dup2(error, 2);
    const int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, 0);
    close(pipe_ends[0]);
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipe_ends[1]);
  output_ = pipe_ends[0];
}

Background::~Background() {
  stop();
  if (output_ >= 0) close(output_);
}

std::string Background::first_line(std::chrono::seconds timeout) {
  std::string line;
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    pollfd ready{output_, POLLIN, 0};
    if (poll(&ready, 1, 100) <= 0) continue;
    char c;
    if (read(output_, &c, 1) != 1) return "";
    if (c == '\n') return line;
    line += c;
  }
  return "";
}

int Background::stop() {
  if (status_) return *status_;
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return *status_;
}

int free_port() {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(socket_fd);
  return ntohs(address.sin_port);
}

namespace {

constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

std::string decoded_base64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) return "";
  std::size_t size = static_cast<std::size_t>(length);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;
  out.resize(size);
  return out;
}

}  // namespace

Browser::Browser() : port_(free_port()) {
  profile_ = (std::filesystem::temp_directory_path() /
              ("kpiform-browser-" + std::to_string(getpid()) + "-" + std::to_string(port_)))
                 .string();
  driver_.emplace(
      std::vector<std::string>{"/usr/bin/chromedriver", "--port=" + std::to_string(port_),
                               "--allowed-ips=127.0.0.1"},
      profile_ + ".driver.log");
  // chromedriver prints its start line when it listens.
  if (driver_->first_line(std::chrono::seconds(20)).empty()) {
    throw std::runtime_error("chromedriver did not start (see " + profile_ + ".driver.log)");
  }
  const nlohmann::json capabilities = {
      {"capabilities",
       {{"alwaysMatch",
         {{"browserName", "chrome"},
          {"goog:chromeOptions",
           {{"binary", "/usr/bin/chromium"},
            {"args",
             {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1500,1000", "--user-data-dir=" + profile_, "--proxy-server=direct://",
              "--no-first-run"}}}}}}}}};
  // Chromium may need a moment after chromedriver listens.
  for (int attempt = 0; attempt < 50 && session_.empty(); ++attempt) {
    try {
      session_ = call("POST", "/session", capabilities).at("sessionId").get<std::string>();
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  if (session_.empty()) throw std::runtime_error("Chromium did not start under chromedriver");
}

Browser::~Browser() {
  try {
    if (!session_.empty()) call("DELETE", "/session/" + session_);
  } catch (const std::exception&) {
  }
  driver_.reset();
  std::error_code error;
  std::filesystem::remove_all(profile_, error);
}

nlohmann::json Browser::call(const std::string& method, const std::string& path,
                             const nlohmann::json& body) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(60, 0);
  httplib::Result result =
      method == "GET" ? client.Get(path)
      : method == "DELETE"
          ? client.Delete(path)
          : client.Post(path, body.is_null() ? "{}" : body.dump(), "application/json");
  if (!result) throw std::runtime_error("WebDriver " + method + " " + path + ": no answer");
  const nlohmann::json answer = nlohmann::json::parse(result->body, nullptr, false);
  if (result->status != 200 || answer.is_discarded()) {
    throw std::runtime_error("WebDriver " + method + " " + path + ": " + result->body);
  }
  return answer.at("value");
}

void Browser::open(const std::string& url) {
  call("POST", "/session/" + session_ + "/url", {{"url", url}});
}

std::string Browser::find(const std::string& selector) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string last_error;
  while (std::chrono::steady_clock::now() < until) {
    try {
      return call("POST", "/session/" + session_ + "/element",
                  {{"using", "css selector"}, {"value", selector}})
          .at(kElementKey)
          .get<std::string>();
    } catch (const std::exception& error) {
      last_error = error.what();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  throw std::runtime_error("no element '" + selector + "' appeared: " + last_error);
}

void Browser::click(const std::string& element) {
  call("POST", "/session/" + session_ + "/element/" + element + "/click", nlohmann::json::object());
}

void Browser::type(const std::string& element, const std::string& keys) {
  call("POST", "/session/" + session_ + "/element/" + element + "/value", {{"text", keys}});
}

void Browser::clear(const std::string& element) {
  call("POST", "/session/" + session_ + "/element/" + element + "/clear", nlohmann::json::object());
}

std::string Browser::attribute(const std::string& element, const std::string& name) {
  const nlohmann::json value =
      call("GET", "/session/" + session_ + "/element/" + element + "/attribute/" + name);
  return value.is_string() ? value.get<std::string>() : "";
}

std::string Browser::text(const std::string& element) {
  return call("GET", "/session/" + session_ + "/element/" + element + "/text").get<std::string>();
}

nlohmann::json Browser::execute(const std::string& script) {
  return call("POST", "/session/" + session_ + "/execute/sync",
              {{"script", script}, {"args", nlohmann::json::array()}});
}

bool Browser::wait_for(const std::string& script) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < until) {
    if (execute(script) == true) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string Browser::screenshot() {
  return decoded_base64(call("GET", "/session/" + session_ + "/screenshot").get<std::string>());
}

}  // namespace kpiform::testing
