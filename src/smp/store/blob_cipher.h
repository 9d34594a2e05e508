// Photos, pictures and reports sealed at rest with the clinic's key (libsodium's
// XChaCha20-Poly1305: a random 192-bit nonce per blob, so no nonce is ever reused; the
// blob's context, e.g. its job and path, is authenticated with it, so a sealed blob
// moved to another row does not open). The key file is made on first start, mode 0600,
// outside the database: a copy of clinic.db alone opens nothing (docs/server.md: back
// up the key apart from the database).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace smp::store {

class BlobCipher {
 public:
  // Reads the 32-byte key, or creates it (0600) if the file does not exist; StoreError
  // naming the file if it is not a key or is readable by others.
  static BlobCipher from_key_file(const std::filesystem::path& file);

  std::string seal(std::string_view plain, std::string_view context) const;
  // StoreError if the blob was altered, sealed for another context or with another key.
  std::string open(std::string_view sealed, std::string_view context) const;

  // A signature of `message` (HMAC-SHA-512-256, libsodium crypto_auth) with a key derived
  // from the clinic's for signing links, as hex; and its check in constant time.
  std::string sign(std::string_view message) const;
  bool signed_by_us(std::string_view message, std::string_view signature_hex) const;

 private:
  BlobCipher() = default;
  std::string key_;
};

}  // namespace smp::store
