// Passwords, tokens and hashes, all through libsodium: Argon2id for passwords
// (crypto_pwhash_str, its "interactive" cost: 64 MiB, about 0.1 s here), 256-bit random
// tokens, SHA-256 for stored token hashes and the audit chain.
#pragma once

#include <string>
#include <string_view>

namespace smp::store {

inline constexpr std::size_t kMinPasswordLength = 12;  // issue 12; NIST SP 800-63B asks 8+

// The Argon2id hash string (algorithm, cost and salt inside it).
std::string hash_password(std::string_view password);
bool password_matches(std::string_view hash, std::string_view password);

// `bytes` random bytes as lower-case hex (32: a 256-bit token).
std::string random_hex(std::size_t bytes);
std::string sha256_hex(std::string_view data);

// A record's id: the prefix and `bytes` random bytes in upper-case hex ("P-3F9A1C7B2E").
std::string new_record_id(std::string_view prefix, std::size_t bytes);

}  // namespace smp::store
