#include "smp/store/blob_cipher.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "smp/store/sql.h"

namespace smp::store {
namespace {

constexpr unsigned char kFormat = 1;  // the first byte of a sealed blob
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kKey = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;

StoreError key_error(const std::filesystem::path& file, const std::string& why) {
  return StoreError(StoreError::Kind::other, fmt::format("{}: {}", file.string(), why), "--key-file");
}

}  // namespace

BlobCipher BlobCipher::from_key_file(const std::filesystem::path& file) {
  if (sodium_init() < 0) throw StoreError(StoreError::Kind::other, "libsodium could not be initialised");
  BlobCipher c;
  if (!std::filesystem::exists(file)) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::string key(kKey, '\0');
    crypto_aead_xchacha20poly1305_ietf_keygen(reinterpret_cast<unsigned char*>(key.data()));
    // Created 0600 and whole, or not at all (O_EXCL: two servers starting at once).
    const std::string partial = file.string() + ".partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) throw key_error(file, "cannot create the key file");
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || std::rename(partial.c_str(), file.c_str()) != 0) {
      std::filesystem::remove(partial);
      throw key_error(file, "cannot write the key file");
    }
    c.key_ = std::move(key);
    return c;
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) throw key_error(file, "cannot read the key file");
  if (st.st_mode & (S_IRWXG | S_IRWXO)) throw key_error(file, "the key file is readable by others (chmod 600)");
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  c.key_ = s.str();
  if (c.key_.size() != kKey) throw key_error(file, fmt::format("not a key ({} bytes, expected {})", c.key_.size(), kKey));
  return c;
}

std::string BlobCipher::seal(std::string_view plain, std::string_view context) const {
  std::string out(1 + kNonce + plain.size() + kTag, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kFormat;
  randombytes_buf(p + 1, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      p + 1 + kNonce, &written, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, p + 1,
      reinterpret_cast<const unsigned char*>(key_.data()));
  return out;
}

std::string BlobCipher::open(std::string_view sealed, std::string_view context) const {
  if (sealed.size() < 1 + kNonce + kTag || static_cast<unsigned char>(sealed[0]) != kFormat)
    throw StoreError(StoreError::Kind::other, "a sealed blob is damaged (format)");
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(sealed.size() - 1 - kNonce - kTag, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &written, nullptr,
                                                 p + 1 + kNonce, sealed.size() - 1 - kNonce,
                                                 reinterpret_cast<const unsigned char*>(context.data()),
                                                 context.size(), p + 1,
                                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    throw StoreError(StoreError::Kind::other, "a sealed blob does not open: altered, moved or another clinic's key");
  out.resize(written);
  return out;
}

namespace {

// The links' key, never the sealing key itself (libsodium's key derivation, context "smplinks").
std::string link_key(const std::string& key) {
  std::string sub(crypto_auth_KEYBYTES, '\0');
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(sub.data()), sub.size(), 1, "smplinks",
                             reinterpret_cast<const unsigned char*>(key.data()));
  return sub;
}

}  // namespace

std::string BlobCipher::sign(std::string_view message) const {
  unsigned char mac[crypto_auth_BYTES];
  const std::string k = link_key(key_);
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(k.data()));
  char hex[2 * crypto_auth_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool BlobCipher::signed_by_us(std::string_view message, std::string_view signature_hex) const {
  unsigned char mac[crypto_auth_BYTES];
  std::size_t length = 0;
  if (signature_hex.size() != 2 * crypto_auth_BYTES ||
      sodium_hex2bin(mac, sizeof mac, signature_hex.data(), signature_hex.size(), nullptr, &length, nullptr) != 0 ||
      length != sizeof mac)
    return false;
  const std::string k = link_key(key_);
  return crypto_auth_verify(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                            reinterpret_cast<const unsigned char*>(k.data())) == 0;
}

}  // namespace smp::store
