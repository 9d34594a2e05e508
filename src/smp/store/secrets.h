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

// Milliseconds since 1970-01-01 UTC, and that time as ISO 8601 ("2026-12-02T07:21:08.123Z").
long long now_unix_ms();
std::string iso_time(long long unix_ms);

}  // namespace smp::store
