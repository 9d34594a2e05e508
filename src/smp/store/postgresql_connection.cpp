// The PostgreSQL engine over libpq: parameters sent apart from the statement (text, bytes
// in binary), results read by column type. Messages are suppressed from standard error
// (a NOTICE carries statement text, never patient data, but the server logs nothing raw).
#include <libpq-fe.h>

#include <charconv>

#include <fmt/format.h>

#include "smp/store/database.h"

namespace smp::store {
namespace {

// Type oids of pg_type (src/include/catalog/pg_type.dat).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

// `?` placeholders numbered $1, $2, ... outside quoted literals and identifiers.
std::string numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += fmt::format("${}", ++n);
    } else {
      out += c;
    }
  }
  return out;
}

StoreError error_of(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view s = state ? state : "";
  // Class 23: integrity constraint violation; 40001 serialisation failure, 40P01
  // deadlock, 55P03 lock not available (SQL standard / PostgreSQL appendix A).
  const StoreError::Kind kind = s.starts_with("23") ? StoreError::Kind::conflict
                                : (s == "40001" || s == "40P01" || s == "55P03")
                                    ? StoreError::Kind::busy
                                    : StoreError::Kind::other;
  std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return StoreError(kind, fmt::format("postgresql: {}: {}", what, message));
}

void ignore_notice(void*, const char*) {}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& uri) : conn_(PQconnectdb(uri.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      StoreError e = error_of(conn_, nullptr, "connect");
      PQfinish(conn_);
      throw e;
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
    execute_script("SET TIME ZONE 'UTC'");
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  Engine engine() const override { return Engine::postgresql; }

  Rows query(std::string_view sql, const std::vector<SqlValue>& params) override {
    const std::string text = numbered_placeholders(sql);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    std::vector<Oid> types(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        storage[i] = std::to_string(*n);
        types[i] = kInt8;
      } else if (const auto* d = std::get_if<double>(&v)) {
        storage[i] = fmt::format("{}", *d);
        types[i] = kFloat8;
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        storage[i] = *s;
      } else {
        storage[i] = std::get<Blob>(v).bytes;
        types[i] = kBytea;
        formats[i] = 1;
      }
      values[i] = storage[i].data();
      lengths[i] = static_cast<int>(storage[i].size());
    }
    PGresult* res =
        PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), types.data(),
                     values.data(), lengths.data(), formats.data(), /*resultFormat=*/0);
    std::unique_ptr<PGresult, decltype(&PQclear)> guard(res, PQclear);
    const ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) throw error_of(conn_, res, "query");
    Rows rows;
    const int n = PQntuples(res), columns = PQnfields(res);
    rows.reserve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
      std::vector<SqlValue> row(columns);
      for (int c = 0; c < columns; ++c)
        if (!PQgetisnull(res, r, c)) row[c] = value(res, r, c);
      rows.emplace_back(std::move(row));
    }
    return rows;
  }

  void execute_script(std::string_view sql) override {
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    std::unique_ptr<PGresult, decltype(&PQclear)> guard(res, PQclear);
    const ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw error_of(conn_, res, "script");
  }

  void begin(bool) override { execute_script("BEGIN"); }
  void commit() override { execute_script("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) execute_script("ROLLBACK");
    if (PQstatus(conn_) != CONNECTION_OK)
      throw StoreError(StoreError::Kind::other, "postgresql: connection lost");
  }

 private:
  static SqlValue value(const PGresult* res, int r, int c) {
    const char* p = PQgetvalue(res, r, c);
    const int len = PQgetlength(res, r, c);
    switch (PQftype(res, c)) {
      case kInt2:
      case kInt4:
      case kInt8: {
        std::int64_t n = 0;
        std::from_chars(p, p + len, n);
        return n;
      }
      case kFloat4:
      case kFloat8:
      case kNumeric:
        return std::stod(std::string(p, static_cast<std::size_t>(len)));
      case kBool:
        return static_cast<std::int64_t>(p[0] == 't');
      case kBytea: {
        std::size_t size = 0;
        unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(p), &size);
        Blob b{std::string(reinterpret_cast<const char*>(bytes), size)};
        PQfreemem(bytes);
        return b;
      }
      default:
        return std::string(p, static_cast<std::size_t>(len));
    }
  }

  PGconn* conn_;
};

}  // namespace

std::unique_ptr<Connection> open_postgresql(const std::string& uri) {
  return std::make_unique<PostgresConnection>(uri);
}

}  // namespace smp::store
