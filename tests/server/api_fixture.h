// The API suites' fixture: a real `smp serve` on SQLite or PostgreSQL with one user per
// role added by `smp user add`, and the steps many tests share (a patient, a consultation,
// a job waited for, the clinic's day).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "server_process.h"
#include "smp/case/case_json.h"
#include "smp/io/input_error.h"
#include "store_support.h"

namespace smp {

using store::Engine;
using testing::Answer;
using testing::ApiClient;
using testing::ServerProcess;

inline constexpr const char* kPassword = "a long enough password";

class Api : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    where_ = testing::fresh_location(GetParam(), "api");
    store_args_ = where_.engine == Engine::sqlite
                      ? std::vector<std::string>{"--data", where_.sqlite_file.parent_path().string()}
                      : std::vector<std::string>{"--database", where_.postgresql_uri};
    for (const auto& [name, role] : {std::pair{"admin", "admin"}, std::pair{"doctor", "doctor"},
                                     std::pair{"tech", "technician"}, std::pair{"desk", "front_desk"}}) {
      std::vector<std::string> args = {"user", "add", "--name", name, "--role", role};
      args.insert(args.end(), store_args_.begin(), store_args_.end());
      std::string out;
      ASSERT_EQ(testing::run_smp(args, std::string(kPassword) + "\n", &out), 0) << out;
    }
    server_args_ = store_args_;
    if (where_.engine == Engine::postgresql)
      server_args_.insert(server_args_.end(), {"--key-file", (testing::fresh_dir("key") / "clinic.key").string()});
    server_ = std::make_unique<ServerProcess>(server_args_);
  }

  ApiClient signed_in(const std::string& name) {
    ApiClient c(server_->port());
    const Answer a = c.sign_in(name, kPassword);
    EXPECT_EQ(a.status, 200) << a.body;
    return c;
  }
  std::unique_ptr<store::Database> open_store() { return store::Database::open(where_); }
  long long count(const std::string& sql) {
    return open_store()->transaction(store::Access::read, [&](store::Connection& c) {
      return c.query(sql).at(0).integer(0);
    });
  }
  std::string new_patient(ApiClient& desk, const std::string& name = "Jonas Åberg") {
    const Answer a = desk.post("/api/patients", {{"full_name", name},
                                                 {"birth_date", "1979-04-02"},
                                                 {"phone", "+46 70 123 45 67"},
                                                 {"email", "jonas@example.org"}});
    EXPECT_EQ(a.status, 201) << a.body;
    return a.json["patient"]["id"];
  }

  // A new patient's consultation of the Norwood VI example: its id (empty if refused).
  std::string norwood6_consultation(ApiClient& desk, ApiClient& doctor) {
    const Answer opened = doctor.post("/api/patients/" + new_patient(desk) + "/consultations",
                                      {{"case", example_case("norwood6-buzzcut.toml")}});
    EXPECT_EQ(opened.status, 201) << opened.body;
    return opened.status == 201 ? opened.json["consultation"]["id"].get<std::string>() : "";
  }

  // A bundled example as the API's JSON case (without its price book: the server keeps one).
  static nlohmann::json example_case(const std::string& name) {
    const std::string path = std::string(SMP_SOURCE_DIR) + "/examples/" + name;
    nlohmann::json j = case_json_from_toml(read_text_file(path, "case"), path);
    if (j.contains("plan")) j["plan"].erase("price_book");
    return j;
  }

  store::StoreLocation where_;
  std::vector<std::string> store_args_;   // for smp user add, import, ...
  std::vector<std::string> server_args_;  // and the key file on PostgreSQL
  std::unique_ptr<ServerProcess> server_;
};


// A consultation of the Norwood III example (a quick design), opened by the doctor.
inline std::string open_consultation(ApiClient& doctor, ApiClient& desk, const nlohmann::json& c) {
  const Answer p = desk.post("/api/patients", {{"full_name", "Job Test"}, {"birth_date", "1970-01-01"}});
  const Answer k = doctor.post("/api/patients/" + p.json["patient"]["id"].get<std::string>() + "/consultations", {{"case", c}});
  EXPECT_EQ(k.status, 201) << k.body;
  return k.json["consultation"]["id"];
}

// Waits for a job to end (at most 5 minutes); returns its last JSON.
inline nlohmann::json wait_for_job(ApiClient& c, const std::string& job) {
  for (int i = 0; i < 3000; ++i) {
    const Answer a = c.get("/api/jobs/" + job);
    const std::string state = a.json["job"]["state"];
    if (state == "done" || state == "failed" || state == "cancelled") return a.json["job"];
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "job " << job << " did not end";
  return {};
}

// The clinic's day: a room, the technician, a patient with a consultation.
struct Day {
  std::string room, technician, patient, consultation;
};
inline Day clinic_day(ApiClient& admin, ApiClient& tech, ApiClient& doctor, ApiClient& desk, const nlohmann::json& c) {
  Day d;
  const Answer room = admin.post("/api/rooms", {{"name", "Room 1"}});
  EXPECT_EQ(room.status, 201) << room.body;
  d.room = room.json["room"]["id"];
  d.technician = tech.get("/api/me").json["user"]["id"];
  d.consultation = open_consultation(doctor, desk, c);
  d.patient = doctor.get("/api/consultations/" + d.consultation).json["consultation"]["patient_id"];
  return d;
}

}  // namespace smp
