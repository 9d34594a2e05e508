#include "smp/server/answer_body.h"

#include <stdexcept>

#include <zlib.h>

namespace smp::server {
namespace {

// The types cpp-httplib compresses by their exact name (it compresses text/* whatever
// follows, so those stay its own: Brotli, as before).
bool ours_to_compress(const std::string& type) {
  return type == "application/json" || type == "application/javascript" || type == "image/svg+xml" ||
         type == "application/xml" || type == "application/xhtml+xml";
}

// gzip (RFC 1952) at zlib's fastest level.
std::string gzipped(const std::string& in) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (done != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

bool accepts_gzip(const httplib::Request& req) {
  return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

}  // namespace

std::string uncompressed_type(const std::string& content_type) {
  if (!ours_to_compress(content_type)) return content_type;
  return content_type + "; charset=utf-8";
}

void set_body(const httplib::Request& req, httplib::Response& res, std::string body, const std::string& content_type) {
  const std::string type = uncompressed_type(content_type);
  if (body.size() >= kCompressFromBytes && ours_to_compress(content_type) && accepts_gzip(req)) {
    res.set_header("Content-Encoding", "gzip");
    res.set_header("Vary", "Accept-Encoding");
    res.set_content(gzipped(body), type);
  } else {
    res.set_content(std::move(body), type);
  }
}

}  // namespace smp::server
