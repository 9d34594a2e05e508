#include "smp/server/clinic_server.h"

#include <sys/socket.h>

#include <chrono>

#include <fmt/format.h>

#include "smp/server/answer_body.h"
#include "smp/server/api_routes.h"
#include "smp/server/live_designs.h"
#include "smp/store/field_error.h"

namespace smp::server {
namespace {

// Photos come in the largest bodies (issue 12: 50 MB); JSON is held to 1 MB by JsonBody.
constexpr std::size_t kMaxBodyBytes = 50u << 20;
constexpr int kReadTimeoutS = 30;
// cpp-httplib keeps a thread on each kept-alive connection: enough for a chain's load
// (bench/server-load.sh: 200 clients at once), each thread with its own database
// connection when it needs one (SQLite's page cache held to 1 MB each).
constexpr std::size_t kHttpThreads = 256;

httplib::Headers security_headers(bool tls) {
  httplib::Headers h{
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cache-Control", "no-store"},  // medical records stay out of caches
  };
  if (tls) h.emplace("Strict-Transport-Security", "max-age=31536000");
  return h;
}

}  // namespace

ListenAddress parse_listen(const std::string& listen) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw store::FieldError("--listen", "'" + listen + "' is not HOST:PORT");
  ListenAddress a;
  a.host = listen.substr(0, colon);
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']') a.host = a.host.substr(1, a.host.size() - 2);
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535)
    throw store::FieldError("--listen", "port '" + port + "' is not 0-65535");
  a.port = std::stoi(port);
  a.loopback = a.host == "localhost" || a.host == "::1" || a.host.starts_with("127.");
  return a;
}

struct ClinicServer::Impl {
  std::optional<store::BlobCipher> cipher;
  std::unique_ptr<JobRunner> jobs;
  std::unique_ptr<httplib::Server> http;
  LiveDesigns live_designs;         // before router: its handlers point into it
  std::unique_ptr<Router> router;  // after http: its handlers point into it
  socket_t listening_socket = -1;
  ListenAddress address;
  bool tls = false;
  int port = 0;
};

ClinicServer::ClinicServer(store::Database& db, const ServerOptions& o) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.address = parse_listen(o.listen);
  if (o.tls_cert.empty() != o.tls_key.empty())
    throw store::FieldError(o.tls_cert.empty() ? "--tls-cert" : "--tls-key", "give both --tls-cert and --tls-key");
  s.tls = !o.tls_cert.empty();
  if (!s.tls && !s.address.loopback && !o.insecure_listen)
    throw store::FieldError("--listen", fmt::format("{} is not a loopback address: plain HTTP would carry patients' "
                                                    "records unencrypted; use --tls-cert/--tls-key, or "
                                                    "--insecure-listen behind a TLS proxy",
                                                    s.address.host));
  if (s.tls) {
    for (const auto& [flag, path] : {std::pair{"--tls-cert", o.tls_cert}, std::pair{"--tls-key", o.tls_key}})
      if (!std::filesystem::is_regular_file(path)) throw store::FieldError(flag, path.string() + ": no such file");
    auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!ssl->is_valid())
      throw store::FieldError("--tls-cert", "the certificate and key could not be loaded (PEM files that match?)");
    s.http = std::move(ssl);
  } else {
    s.http = std::make_unique<httplib::Server>();
  }
  httplib::Server& http = *s.http;
  http.new_task_queue = [] { return new httplib::ThreadPool(kHttpThreads); };
  http.set_payload_max_length(kMaxBodyBytes);
  // A browser keeps its connection for many requests (cpp-httplib closes it after 5).
  http.set_keep_alive_max_count(1000);
  // cpp-httplib 0.11 listens with a backlog of 5: 200 clients reconnecting at once had
  // their SYNs dropped and retried after 1, 3 and 7 s (bench/server-load.sh: timeouts,
  // none in the handlers). The listening socket is kept to listen again with the
  // system's backlog once bound.
  http.set_socket_options([&s](socket_t sock) {
    httplib::default_socket_options(sock);
    s.listening_socket = sock;
  });
  http.set_read_timeout(kReadTimeoutS, 0);
  // An answer's headers and body go out as two writes: with Nagle's algorithm the body
  // waited for the client's delayed ACK of the headers, 40 ms on Linux, on every small
  // answer (a hairline preview took 56 ms with 9 ms of planning).
  http.set_tcp_nodelay(true);
  http.set_default_headers(security_headers(s.tls));
  // No request line with its query (a search text is a patient's name): method, path, status.
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    fmt::print(stderr, "smp serve: {} {} {}\n", req.method, req.path, res.status);
  });
  // A compressed body is refused before it is read: cpp-httplib inflates it whole before
  // the size limit applies (a 0.3 MB gzip of zeros cost 590 MB), and nothing we take
  // needs it (photos are compressed already).
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (encoding.empty() || encoding == "identity") return httplib::Server::HandlerResponse::Unhandled;
    res.status = 415;
    res.set_content(error_body("unsupported_media_type", "Content-Encoding " + encoding + ": send the body uncompressed",
                               "Content-Encoding")
                        .dump(),
                    uncompressed_type("application/json"));
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a route's own error answer
    const std::string message = res.status == 404   ? "no such endpoint: " + req.method + " " + req.path
                                : res.status == 413 ? fmt::format("the body is over {} bytes", kMaxBodyBytes)
                                                    : "the request could not be answered";
    res.set_content(error_body(res.status == 404 ? "not_found" : res.status == 413 ? "too_large" : "bad_request",
                               message, res.status == 413 ? "body" : "")
                        .dump(),
                    uncompressed_type("application/json"));
  });

  // The web app: plain files (web/), under the same headers as the API; a path that is no
  // file falls through to the routes.
  if (!o.web_root.empty()) {
    if (!std::filesystem::is_regular_file(o.web_root / "index.html"))
      throw store::FieldError("--web", o.web_root.string() + ": no index.html there");
    if (!http.set_mount_point("/", o.web_root.string()))
      throw store::FieldError("--web", o.web_root.string() + ": cannot be served");
    // Scripts and the icon with their charset, so that cpp-httplib does not Brotli them at
    // every request (answer_body.h); they are small. The page and the style sheet are
    // text/*, which it compresses whatever the type says.
    for (const auto& [ext, type] : {std::pair{"js", "application/javascript"}, std::pair{"svg", "image/svg+xml"}})
      http.set_file_extension_and_mimetype_mapping(ext, uncompressed_type(type));
  }

  if (o.key_file.empty()) throw store::FieldError("--key-file", "the server needs a key file");
  s.cipher = store::BlobCipher::from_key_file(o.key_file);
  // One SQLite server per file: a job it shows running was left by a server that stopped.
  if (db.engine() == store::Engine::sqlite)
    db.transaction(store::Access::write, [](store::Connection& c) { store::requeue_running_jobs(c); });

  s.router = std::make_unique<Router>(http, db);
  add_auth_api(*s.router, {s.tls});
  add_user_api(*s.router);
  add_patient_api(*s.router);
  add_consultation_api(*s.router);
  add_audit_api(*s.router);
  add_appointment_api(*s.router);
  add_session_log_api(*s.router);
  add_follow_up_api(*s.router);
  add_photo_api(*s.router, *s.cipher);
  add_consent_api(*s.router);
  add_billing_api(*s.router, *s.cipher);
  add_recall_api(*s.router);
  add_calendar_feed_api(*s.router);
  add_clinic_contact_api(*s.router);
  add_price_book_api(*s.router);
  add_holiday_api(*s.router);
  add_patient_link_api(*s.router, *s.cipher);
  add_gallery_api(*s.router, *s.cipher);
  add_photo_analysis_api(*s.router, *s.cipher);
  add_live_design_api(*s.router, s.live_designs);
  add_session_move_api(*s.router, *s.cipher);
  s.jobs = std::make_unique<JobRunner>(db, *s.cipher, o.jobs);
  add_job_api(*s.router, {*s.cipher, [jobs = s.jobs.get()] { jobs->wake(); }});

  s.port = s.address.port == 0 ? http.bind_to_any_port(s.address.host)
                               : (http.bind_to_port(s.address.host, s.address.port) ? s.address.port : -1);
  if (s.port <= 0) throw store::FieldError("--listen", fmt::format("cannot listen on {} (in use?)", o.listen));
  if (::listen(s.listening_socket, SOMAXCONN) != 0)
    throw std::runtime_error(fmt::format("cannot listen on {} with a backlog of {}", o.listen, SOMAXCONN));
}

ClinicServer::~ClinicServer() = default;

int ClinicServer::port() const { return impl_->port; }

std::string ClinicServer::url() const {
  const std::string host = impl_->address.host.find(':') != std::string::npos ? "[" + impl_->address.host + "]"
                                                                               : impl_->address.host;
  return fmt::format("{}://{}:{}", impl_->tls ? "https" : "http", host, impl_->port);
}

void ClinicServer::run() { impl_->http->listen_after_bind(); }

void ClinicServer::stop() { impl_->http->stop(); }

}  // namespace smp::server
