// Programs a test serves or drives over HTTP on loopback: a command started
// with its standard output read for the address it prints (kpiform review),
// and a browser driven through WebDriver (Debian's chromedriver and
// Chromium, headless). Both are stopped when the object goes.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kpiform::testing {

// A program running beside the test; SIGTERM and a wait when destroyed.
class Background {
 public:
  // Starts `arguments` (argv; the program by path). Standard output is kept
  // for first_line(); standard error goes to `error_file`.
  Background(const std::vector<std::string>& arguments, const std::string& error_file);
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // The first line the program printed, waiting up to `timeout`; empty
  // when it printed none or ended.
  std::string first_line(std::chrono::seconds timeout);
  // Sends SIGTERM, waits; the exit status (-1 when killed by a signal).
  int stop();

 private:
  pid_t pid_ = -1;
  int output_ = -1;
  std::optional<int> status_;
};

// A free TCP port on 127.0.0.1 at the time of asking.
int free_port();

// A W3C WebDriver session in headless Chromium through chromedriver.
class Browser {
 public:
  Browser();  // throws std::runtime_error when the browser cannot start
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  void open(const std::string& url);
  // The element matching the CSS `selector`, waiting up to 10 s; throws
  // std::runtime_error naming the selector when none appears.
  std::string find(const std::string& selector);
  void click(const std::string& element);
  void type(const std::string& element, const std::string& keys);  // WebDriver keys
  void clear(const std::string& element);
  std::string attribute(const std::string& element, const std::string& name);
  std::string text(const std::string& element);
  // Runs `script` (a function body) in the page; its return value.
  nlohmann::json execute(const std::string& script);
  // Waits up to 10 s for `script` to return true; false when it never does.
  bool wait_for(const std::string& script);
  // A PNG of the window.
  std::string screenshot();

 private:
  nlohmann::json call(const std::string& method, const std::string& path,
                      const nlohmann::json& body = nullptr);

  int port_ = 0;
  std::optional<Background> driver_;
  std::string session_;
  std::string profile_;
};

}  // namespace kpiform::testing
