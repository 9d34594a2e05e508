// A real `smp serve` process on a free loopback port, and a client that signs in to it
// (cookie and CSRF token as a browser keeps them).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace smp::testing {

// Runs `smp args...` to its end with `input` on standard input; returns the exit code.
inline int run_smp(const std::vector<std::string>& args, const std::string& input = "",
                   std::string* output = nullptr) {
  std::string cmd = SMP_CLI;
  for (const std::string& a : args) cmd += " '" + a + "'";
  const std::filesystem::path in = std::filesystem::path(::testing::TempDir()) / ("stdin-" + std::to_string(getpid()));
  { std::ofstream(in) << input; }
  cmd += " < '" + in.string() + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class ServerProcess {
 public:
  // `store_args`: {"--data", DIR} or {"--database", URI}.
  explicit ServerProcess(std::vector<std::string> store_args, std::vector<std::string> extra = {},
                         std::string scheme_host = "http://127.0.0.1:")
      : log_(std::filesystem::path(::testing::TempDir()) /
             ("serve-" + std::to_string(getpid()) + "-" + std::to_string(counter()++) + ".log")) {
    std::vector<std::string> args = {SMP_CLI, "serve", "--listen", "127.0.0.1:0"};
    args.insert(args.end(), store_args.begin(), store_args.end());
    args.insert(args.end(), extra.begin(), extra.end());
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      const int err = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(err, STDERR_FILENO);
      close(out[0]);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    // "smp serve: listening on http://127.0.0.1:PORT (...)", after what --demo prints.
    std::string line;
    char ch;
    while (read(out[0], &ch, 1) == 1) {
      if (ch != '\n') {
        line += ch;
      } else if (line.find("listening on") != std::string::npos) {
        break;
      } else {
        banner_ += line + "\n";
        line.clear();
      }
    }
    close(out[0]);
    const std::size_t at = line.find(scheme_host);
    if (at == std::string::npos) {
      stop();
      throw std::runtime_error("smp serve did not start: " + line + "\n" + log());
    }
    port_ = std::stoi(line.substr(at + scheme_host.size()));
  }
  ~ServerProcess() { stop(); }

  int port() const { return port_; }
  // What the server printed before it listened (the demo's accounts).
  const std::string& banner() const { return banner_; }
  // Everything the server wrote to standard error.
  std::string log() const {
    std::ifstream f(log_);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  void kill_hard() { signal_and_wait(SIGKILL); }
  // SIGTERM; returns the exit code.
  int stop() { return signal_and_wait(SIGTERM); }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  int signal_and_wait(int sig) {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  std::filesystem::path log_;
  std::string banner_;
  pid_t pid_ = -1;
  int port_ = 0, exit_code_ = 0;
};

struct Answer {
  int status = 0;
  nlohmann::json json;
  httplib::Headers headers;
  std::string body;
  std::string header(const std::string& key) const {
    const auto it = headers.find(key);
    return it == headers.end() ? "" : it->second;
  }
  // The error's field ("" if none).
  std::string error_field() const {
    return json.contains("error") && json["error"]["field"].is_string() ? json["error"]["field"].get<std::string>()
                                                                         : "";
  }
};

class ApiClient {
 public:
  explicit ApiClient(int port) : http_("127.0.0.1", port) { http_.set_read_timeout(30, 0); }

  Answer sign_in(const std::string& name, const std::string& password) {
    Answer a = post("/api/login", {{"name", name}, {"password", password}});
    if (a.status == 200) {
      const std::string cookie = a.header("Set-Cookie");
      cookie_ = cookie.substr(0, cookie.find(';'));
      csrf_ = a.json["csrf_token"];
      role_ = a.json["user"]["role"];
    }
    return a;
  }
  Answer get(const std::string& path) { return record("GET", path, answer(http_.Get(path.c_str(), headers()))); }
  // As a browser asks, accepting every encoding: the answer's headers, the body as sent.
  Answer get_as_browser(const std::string& path) {
    httplib::Headers h = headers();
    h.emplace("Accept-Encoding", "gzip, deflate, br");
    http_.set_decompress(false);
    Answer a = answer(http_.Get(path.c_str(), h));
    http_.set_decompress(true);
    return a;
  }
  Answer post(const std::string& path, const nlohmann::json& body) { return send("POST", path, body.dump()); }
  Answer put(const std::string& path, const nlohmann::json& body) { return send("PUT", path, body.dump()); }
  Answer send(const std::string& method, const std::string& path, const std::string& body,
              const std::string& type = "application/json") {
    httplib::Result r = method == "POST" ? http_.Post(path.c_str(), headers(), body, type.c_str())
                                         : http_.Put(path.c_str(), headers(), body, type.c_str());
    return record(method, path, answer(std::move(r)));
  }
  void forget_csrf() { csrf_.clear(); }
  const std::string& cookie() const { return cookie_; }

 private:
  httplib::Headers headers() const {
    httplib::Headers h;
    if (!cookie_.empty()) h.emplace("Cookie", cookie_);
    if (!csrf_.empty()) h.emplace("X-CSRF-Token", csrf_);
    return h;
  }
  // Every answer, for tests/server/openapi_contract.py: one JSON line per answer in
  // $SMP_TEST_SERVER_DIR/api-answers/<pid>.jsonl (method, path, the caller's role,
  // status, body).
  Answer record(const std::string& method, const std::string& path, Answer a) const {
    static const char* build = std::getenv("SMP_TEST_SERVER_DIR");
    if (!build || a.status == 0) return a;
    const std::string dir = std::string(build) + "/api-answers";
    const std::string type = a.header("Content-Type");
    nlohmann::json line = {{"method", method},
                           {"path", path.substr(0, path.find('?'))},
                           {"role", role_},
                           {"status", a.status},
                           {"content_type", type}};
    if (type.starts_with("application/json")) line["body"] = a.json;
    std::filesystem::create_directories(dir);
    std::ofstream(std::filesystem::path(dir) / (std::to_string(getpid()) + ".jsonl"), std::ios::app)
        << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return a;
  }
  static Answer answer(httplib::Result r) {
    Answer a;
    if (!r) {  // status 0: no answer (a test that expects one fails on the status)
      a.body = "no answer: " + httplib::to_string(r.error());
      return a;
    }
    a.status = r->status;
    a.headers = r->headers;
    a.body = r->body;
    if (!r->body.empty() && r->get_header_value("Content-Type").starts_with("application/json"))
      a.json = nlohmann::json::parse(r->body, nullptr, false);
    return a;
  }
  httplib::Client http_;
  std::string cookie_, csrf_, role_;
};

}  // namespace smp::testing
