// The store on both engines: migrations, users and passwords, sessions, throttling,
// patients with versions, the audit chain and what tampering does to it, backup/restore.
#include <gtest/gtest.h>

#include "smp/store/audit_log.h"
#include "smp/store/login_sessions.h"
#include "smp/store/login_throttle.h"
#include "smp/store/patients.h"
#include "smp/store/clock.h"
#include "smp/store/secrets.h"
#include "smp/store/users.h"
#include "store_support.h"

namespace smp {
namespace {

using store::Access;
using store::Connection;
using store::Engine;
using store::Role;

class Store : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { db_ = testing::fresh_store(GetParam(), "store"); }
  template <class F>
  auto write(F&& f) {
    return db_->transaction(Access::write, std::forward<F>(f));
  }
  store::User staff(const std::string& name, Role role) {
    return write([&](Connection& c) { return store::add_user(c, name, role, "a long enough password"); });
  }
  std::unique_ptr<store::Database> db_;
};

INSTANTIATE_TEST_SUITE_P(Engines, Store, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         testing::engine_name);

TEST_P(Store, MigratesAFreshDatabaseOnceAndRecordsTheVersion) {
  EXPECT_EQ(store::schema_version(*db_), store::latest_schema_version());
  EXPECT_GE(store::latest_schema_version(), 1);
  EXPECT_TRUE(store::migrate(*db_).empty());  // nothing left to apply
}

TEST_P(Store, RefusesADatabaseNewerThanTheProgram) {
  write([](Connection& c) { c.query("UPDATE schema_version SET version = 99"); });
  try {
    store::migrate(*db_);
    FAIL() << "a newer database was accepted";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.kind(), store::StoreError::Kind::version);
    EXPECT_NE(std::string(e.what()).find("schema version 99, newer than this smp knows"), std::string::npos)
        << e.what();
  }
}

TEST_P(Store, PasswordsAreArgon2idAndAtLeastTwelveCharacters) {
  const store::User u = staff("dr.lee", Role::doctor);
  const std::string hash = write([&](Connection& c) {
    return c.query("SELECT password_hash FROM users WHERE id = ?", {u.id}).at(0).text(0);
  });
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find("a long enough password"), std::string::npos);
  write([&](Connection& c) {
    EXPECT_TRUE(store::check_password(c, "dr.lee", "a long enough password"));
    EXPECT_FALSE(store::check_password(c, "dr.lee", "a long enough passworD"));
    EXPECT_FALSE(store::check_password(c, "nobody", "a long enough password"));
  });
  try {
    write([&](Connection& c) { store::add_user(c, "short", Role::admin, "elevenchars"); });
    FAIL() << "an 11-character password was accepted";
  } catch (const store::FieldError& e) {
    EXPECT_EQ(e.field(), "password");
  }
  EXPECT_NO_THROW(write([&](Connection& c) { store::add_user(c, "twelve", Role::admin, "twelve chars"); }));
}

TEST_P(Store, ANameIsTakenOnceAndABadNameIsRefused) {
  staff("front", Role::front_desk);
  try {
    staff("front", Role::doctor);
    FAIL();
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.kind(), store::StoreError::Kind::conflict);
    EXPECT_EQ(e.field(), "name");
  }
  for (const std::string& bad : std::vector<std::string>{"", "has space", "semi;colon", std::string(65, 'a')}) {
    try {
      staff(bad, Role::doctor);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const store::FieldError& e) {
      EXPECT_EQ(e.field(), "name");
    }
  }
}

TEST_P(Store, ADisabledUserCannotSignInAndLosesTheirSessions) {
  const store::User u = staff("tech.kim", Role::technician);
  const store::LoginSession s = write([&](Connection& c) { return store::open_session(c, u); });
  EXPECT_EQ(s.token.size(), 64u);  // 256 bits in hex
  write([&](Connection& c) {
    EXPECT_TRUE(store::find_session(c, s.token));
    // Only the token's hash is kept.
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM login_sessions WHERE token_hash = ?", {s.token}).at(0).integer(0), 0);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM login_sessions WHERE token_hash = ?", {store::sha256_hex(s.token)})
                  .at(0)
                  .integer(0),
              1);
    store::disable_user(c, "tech.kim");
    EXPECT_FALSE(store::find_session(c, s.token));
    EXPECT_FALSE(store::check_password(c, "tech.kim", "a long enough password"));
  });
}

TEST_P(Store, ASessionIdleForThirtyMinutesHasEnded) {
  const store::User u = staff("dr.idle", Role::doctor);
  const store::LoginSession s = write([&](Connection& c) { return store::open_session(c, u); });
  write([&](Connection& c) {
    c.query("UPDATE login_sessions SET last_seen_at_ms = ?",
            {std::int64_t{store::now_unix_ms() - store::kIdleTimeoutMs + 5000}});
    EXPECT_TRUE(store::find_session(c, s.token)) << "29 min 55 s idle";
    c.query("UPDATE login_sessions SET last_seen_at_ms = ?",
            {std::int64_t{store::now_unix_ms() - store::kIdleTimeoutMs - 1000}});
    EXPECT_FALSE(store::find_session(c, s.token)) << "30 min 1 s idle";
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM login_sessions").at(0).integer(0), 0);
  });
}

TEST_P(Store, SignInLocksAfterFiveFailuresPerAccountAndTwentyPerAddress) {
  write([&](Connection& c) {
    for (int i = 0; i < store::kMaxAccountFailures - 1; ++i) store::record_sign_in_failure(c, "dr.x", "10.0.0.1");
    EXPECT_EQ(store::sign_in_wait_ms(c, "dr.x", "10.0.0.1"), 0);
    store::record_sign_in_failure(c, "dr.x", "10.0.0.1");
    const long long wait = store::sign_in_wait_ms(c, "dr.x", "10.0.0.2");
    EXPECT_GT(wait, store::kThrottleWindowMs - 10'000);
    EXPECT_LE(wait, store::kThrottleWindowMs);
    EXPECT_EQ(store::sign_in_wait_ms(c, "dr.y", "10.0.0.2"), 0);  // another account, address
    // One address trying many accounts.
    for (int i = 0; i < store::kMaxAddressFailures; ++i)
      store::record_sign_in_failure(c, "guess" + std::to_string(i), "10.0.0.9");
    EXPECT_GT(store::sign_in_wait_ms(c, "dr.y", "10.0.0.9"), 0);
    // Failures older than the window no longer count.
    c.query("UPDATE login_failures SET at_ms = at_ms - ?", {std::int64_t{store::kThrottleWindowMs + 1}});
    EXPECT_EQ(store::sign_in_wait_ms(c, "dr.x", "10.0.0.1"), 0);
    EXPECT_EQ(store::sign_in_wait_ms(c, "dr.y", "10.0.0.9"), 0);
  });
}

TEST_P(Store, PatientsArePseudonymousAndTheirDetailsVersioned) {
  const store::User desk = staff("desk", Role::front_desk);
  const store::Patient p = write([&](Connection& c) {
    return store::create_patient(c, {"Jonas Åberg", "1979-04-02", "+46 70 123 45 67", "jonas@example.org"}, desk);
  });
  EXPECT_TRUE(p.id.starts_with("P-"));
  EXPECT_EQ(p.id.size(), 12u);
  EXPECT_EQ(p.id.find("Jonas"), std::string::npos);
  EXPECT_EQ(p.identity_version, 1);
  write([&](Connection& c) {
    // The clinical table holds no identifying column: its id, when and by whom.
    const store::Rows rows = c.query("SELECT * FROM patients WHERE id = ?", {p.id});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].size(), 3u);
    EXPECT_EQ(rows[0].text(0), p.id);
    EXPECT_EQ(rows[0].text(2), desk.id);
  });
  store::PatientIdentity changed = p.identity;
  changed.phone = "+46 70 765 43 21";
  const store::Patient v2 = write([&](Connection& c) { return store::update_identity(c, p.id, changed, 1, desk); });
  EXPECT_EQ(v2.identity_version, 2);
  EXPECT_EQ(v2.identity.phone, "+46 70 765 43 21");
  // An edit made from version 1 after version 2 exists: refused, nothing changed.
  changed.phone = "+46 70 000 00 00";
  try {
    write([&](Connection& c) { store::update_identity(c, p.id, changed, 1, desk); });
    FAIL() << "a stale edit was accepted";
  } catch (const store::StoreError& e) {
    EXPECT_EQ(e.kind(), store::StoreError::Kind::conflict);
    EXPECT_EQ(e.field(), "version");
  }
  write([&](Connection& c) { EXPECT_EQ(store::find_patient(c, p.id)->identity.phone, "+46 70 765 43 21"); });
}

TEST_P(Store, PatientDetailsAreChecked) {
  const store::User desk = staff("desk", Role::front_desk);
  const std::vector<std::pair<store::PatientIdentity, std::string>> bad = {
      {{"", "1979-04-02", "", ""}, "full_name"},
      {{"Ann\nLee", "1979-04-02", "", ""}, "full_name"},
      {{"Ann Lee", "1979-02-30", "", ""}, "birth_date"},
      {{"Ann Lee", "02/04/1979", "", ""}, "birth_date"},
      {{"Ann Lee", "2999-01-01", "", ""}, "birth_date"},
      {{"Ann Lee", "1850-01-01", "", ""}, "birth_date"},
      {{"Ann Lee", "1979-04-02", "call me", ""}, "phone"},
      {{"Ann Lee", "1979-04-02", "", "ann.example.org"}, "email"},
      {{"Ann Lee", "1979-04-02", "", "a@b@c"}, "email"},
  };
  for (const auto& [identity, field] : bad) {
    try {
      write([&](Connection& c) { store::create_patient(c, identity, desk); });
      ADD_FAILURE() << "accepted a bad " << field;
    } catch (const store::FieldError& e) {
      EXPECT_EQ(e.field(), field) << e.what();
    }
  }
  write([&](Connection& c) { EXPECT_EQ(c.query("SELECT COUNT(*) FROM patients").at(0).integer(0), 0); });
}

TEST_P(Store, SearchFindsPartOfANameInAnyCaseAPageAtATime) {
  const store::User desk = staff("desk", Role::front_desk);
  write([&](Connection& c) {
    for (int i = 0; i < 30; ++i)
      store::create_patient(c, {"Patient " + std::to_string(100 + i) + (i % 3 == 0 ? " MacLeod" : " Smith"),
                                "1980-01-01", "", ""},
                            desk);
    store::create_patient(c, {"Under_score 100%", "1980-01-01", "", ""}, desk);
  });
  write([&](Connection& c) {
    const store::PatientPage first = store::search_patients(c, "macleod", 0, 4);
    EXPECT_EQ(first.total, 10);
    ASSERT_EQ(first.patients.size(), 4u);
    EXPECT_EQ(first.patients[0].identity.full_name, "Patient 100 MacLeod");
    const store::PatientPage last = store::search_patients(c, "MACLEOD", 8, 4);
    ASSERT_EQ(last.patients.size(), 2u);
    EXPECT_EQ(last.patients[1].identity.full_name, "Patient 127 MacLeod");
    // LIKE's wildcards in the text match themselves.
    EXPECT_EQ(store::search_patients(c, "%", 0, 50).total, 1);
    EXPECT_EQ(store::search_patients(c, "_", 0, 50).total, 1);
    EXPECT_EQ(store::search_patients(c, "", 0, 50).total, 31);
    EXPECT_THROW(store::search_patients(c, "", 0, 201), store::FieldError);
  });
}

TEST_P(Store, TheAuditChainVerifiesAndFindsAnEditedADeletedAndATruncatedRow) {
  for (int i = 0; i < 6; ++i)
    store::append_audit(*db_, {"u-1", "doctor", store::AuditAction::read, "patient", "P-" + std::to_string(i),
                               "127.0.0.1", store::AuditOutcome::ok});
  store::AuditCheck check = store::verify_audit(*db_);
  EXPECT_TRUE(check.ok()) << check.problems.front();
  EXPECT_EQ(check.rows, 6);
  // The log refuses changes through SQL...
  EXPECT_THROW(write([](Connection& c) { c.query("UPDATE audit_log SET entity_id = 'P-9' WHERE seq = 2"); }),
               store::StoreError);
  EXPECT_THROW(write([](Connection& c) { c.query("DELETE FROM audit_log WHERE seq = 4"); }), store::StoreError);
  // ... and a tamperer who removes that guard is found by the chain.
  write([](Connection& c) {
    if (c.engine() == Engine::sqlite)
      c.execute_script("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
    else
      c.execute_script("DROP TRIGGER audit_log_no_change ON audit_log");
    c.query("UPDATE audit_log SET entity_id = 'P-9' WHERE seq = 2");
    c.query("DELETE FROM audit_log WHERE seq = 4");
  });
  check = store::verify_audit(*db_);
  ASSERT_FALSE(check.ok());
  const std::string all = [&] {
    std::string s;
    for (const std::string& p : check.problems) s += p + "\n";
    return s;
  }();
  EXPECT_NE(all.find("row 2: its fields do not match its hash"), std::string::npos) << all;
  EXPECT_NE(all.find("rows 4 to 4 are missing"), std::string::npos) << all;
  // The last row deleted: the head still names it.
  write([](Connection& c) { c.query("DELETE FROM audit_log WHERE seq = 6"); });
  check = store::verify_audit(*db_);
  bool found = false;
  for (const std::string& p : check.problems) found |= p == "rows 6 to 6 are missing at the end";
  EXPECT_TRUE(found);
}

TEST_P(Store, AnAuditRowLandsWithItsChangeOrNotAtAll) {
  const store::User desk = staff("desk", Role::front_desk);
  EXPECT_THROW(write([&](Connection& c) {
                 store::create_patient(c, {"Ann Lee", "1979-04-02", "", ""}, desk);
                 store::append_audit(c, {desk.id, "front_desk", store::AuditAction::create, "patient", "x", "", {}});
                 throw std::runtime_error("the request failed after both");
               }),
               std::runtime_error);
  write([&](Connection& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM patients").at(0).integer(0), 0);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM audit_log").at(0).integer(0), 0);
  });
  EXPECT_TRUE(store::verify_audit(*db_).ok());
}

TEST(StoreSqlite, BackupWhileOpenAndRestoreGiveTheSameRecords) {
  const std::filesystem::path dir = testing::fresh_dir("backup");
  const store::StoreLocation where = store::StoreLocation::data_dir(dir / "live");
  auto db = store::Database::open(where);
  store::migrate(*db);
  db->transaction(Access::write, [](Connection& c) {
    const store::User u = store::add_user(c, "desk", Role::front_desk, "a long enough password");
    for (int i = 0; i < 50; ++i) store::create_patient(c, {"Ann Lee " + std::to_string(i), "1979-04-02", "", ""}, u);
  });
  store::backup_sqlite(where.sqlite_file, dir / "copy.db");
  EXPECT_FALSE(std::filesystem::exists(dir / "copy.db.partial"));
  const store::StoreLocation restored = store::StoreLocation::data_dir(dir / "restored");
  store::restore_sqlite(dir / "copy.db", restored.sqlite_file);
  auto back = store::Database::open(restored);
  back->transaction(Access::read, [](Connection& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM patients").at(0).integer(0), 50);
    EXPECT_EQ(c.query("PRAGMA integrity_check").at(0).text(0), "ok");
  });
  // A file that is not a database is refused, and the records stay.
  { std::ofstream(dir / "junk.db") << "not a database at all, just text"; }
  EXPECT_THROW(store::restore_sqlite(dir / "junk.db", restored.sqlite_file), store::StoreError);
  back->transaction(Access::read, [](Connection& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM patients").at(0).integer(0), 50);
  });
}

}  // namespace
}  // namespace smp
