// An answer's body as the server sends it. cpp-httplib (Debian's 0.11) compresses every
// JSON, JavaScript and text answer for a browser with Brotli at quality 11: 2.7 s for a
// 640 kB hairline design, 29 ms for a 12 kB script. JSON, JavaScript, SVG and XML are
// therefore sent with their charset (which it leaves alone), and a large body is gzipped
// here at zlib's fastest level (15 ms for the design, a third of its size) when the
// client accepts it. text/* it compresses whatever the parameters: those stay its own.
#pragma once

#include <string>

#include <httplib.h>

namespace smp::server {

// Below this a body goes as it is: compressing costs more than the bytes.
inline constexpr std::size_t kCompressFromBytes = 16 * 1024;

void set_body(const httplib::Request& req, httplib::Response& res, std::string body, const std::string& content_type);

// The content type cpp-httplib's own compression leaves alone: those above with
// "; charset=utf-8"; any other type as it is.
std::string uncompressed_type(const std::string& content_type);

}  // namespace smp::server
