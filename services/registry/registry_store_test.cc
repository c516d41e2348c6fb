// The RegistryStore contract, run against the Redis store (on a private
// redis-server) and the in-memory fake the service tests use.
#include <functional>
#include <memory>
#include <thread>

#include "gtest/gtest.h"
#include "services/registry/memory_registry_store.h"
#include "services/registry/redis_registry_store.h"
#include "tests/testing/redis_server.h"

namespace targetwatch {
namespace {

using Mode = RegistryStore::Mode;
using Kind = RegistryStore::Outcome::Kind;

struct Backend {
  const char* name;
  bool redis;
};

class RegistryStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().redis) {
      auto server = testing::RedisServer::Launch();
      ASSERT_TRUE(server.ok()) << server.status();
      server_ = *std::move(server);
      pool_ = std::make_unique<redis::RedisPool>(server_->options());
      store_ = std::make_unique<RedisRegistryStore>(*pool_, redis::KeySpace("t:"));
    } else {
      store_ = std::make_unique<MemoryRegistryStore>();
    }
  }

  static v1::Project Doc(const std::string& title, int year, const std::string& etag,
                         const std::string& department = "上海市房屋管理局") {
    v1::Project p;
    p.set_title(title);
    p.set_department(department);
    p.set_fiscal_year(year);
    p.set_category("其他一次性项目");
    p.add_districts("浦东新区");
    p.set_etag(etag);
    p.add_indicators()->set_title("预算执行率");
    return p;
  }

  RegistryStore::Outcome Put(Mode mode, const std::string& id, const v1::Project& doc,
                             const std::string& expected = "",
                             const std::string& request_id = "",
                             const std::string& response = "") {
    RegistryStore::Write write;
    write.mode = mode;
    write.id = id;
    write.document = doc;
    write.expected_etag = expected;
    write.request_id = request_id;
    write.response = response;
    auto outcome = store_->Apply(write);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.value_or(RegistryStore::Outcome{});
  }

  std::unique_ptr<testing::RedisServer> server_;
  std::unique_ptr<redis::RedisPool> pool_;
  std::unique_ptr<RegistryStore> store_;
};

TEST_P(RegistryStoreTest, CreatedDocumentReadsBackWhole) {
  Put(Mode::kCreate, "a1", Doc("甲", 2020, "e1"));
  auto got = store_->Get("a1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title(), "甲");
  EXPECT_EQ(got->indicators_size(), 1);
  EXPECT_EQ(got->etag(), "e1");
  EXPECT_EQ(store_->Get("zz").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(RegistryStoreTest, CreateOfATakenIdReportsTheExistingDocument) {
  Put(Mode::kCreate, "a1", Doc("甲", 2020, "e1"));
  RegistryStore::Outcome again = Put(Mode::kCreate, "a1", Doc("乙", 2020, "e2"));
  EXPECT_EQ(again.kind, Kind::kExists);
  v1::Project existing;
  ASSERT_TRUE(existing.ParseFromString(again.stored));
  EXPECT_EQ(existing.title(), "甲");
  EXPECT_EQ(store_->Get("a1")->title(), "甲");
}

TEST_P(RegistryStoreTest, UpdateWithStaleEtagIsAbortedAndChangesNothing) {
  Put(Mode::kCreate, "a1", Doc("甲", 2020, "e1"));
  Put(Mode::kUpdate, "a1", Doc("甲2", 2020, "e2"), "e1");
  RegistryStore::Write stale;
  stale.mode = Mode::kUpdate;
  stale.id = "a1";
  stale.expected_etag = "e1";
  stale.document = Doc("甲3", 2020, "e3");
  EXPECT_EQ(store_->Apply(stale).status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_->Get("a1")->title(), "甲2");
}

TEST_P(RegistryStoreTest, UpdateOrDeleteOfMissingProjectIsNotFound) {
  RegistryStore::Write write;
  write.mode = Mode::kUpdate;
  write.id = "nope";
  write.document = Doc("x", 2020, "e");
  EXPECT_EQ(store_->Apply(write).status().code(), absl::StatusCode::kNotFound);
  write.mode = Mode::kDelete;
  EXPECT_EQ(store_->Apply(write).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(RegistryStoreTest, RequestIdReplaysTheFirstResponse) {
  Put(Mode::kCreate, "a1", Doc("甲", 2020, "e1"), "", "req-1", "first");
  RegistryStore::Outcome again = Put(Mode::kCreate, "a1", Doc("甲", 2020, "e9"), "", "req-1", "second");
  EXPECT_EQ(again.kind, Kind::kReplayed);
  EXPECT_EQ(again.stored, "first");
  EXPECT_EQ(store_->Replay("a1", "req-1").value().value_or(""), "first");
  EXPECT_FALSE(store_->Replay("a1", "req-2").value().has_value());
  // A delete retried answers as the first did, though the project is gone.
  Put(Mode::kDelete, "a1", v1::Project(), "", "req-del", "deleted");
  RegistryStore::Outcome retried = Put(Mode::kDelete, "a1", v1::Project(), "", "req-del", "x");
  EXPECT_EQ(retried.kind, Kind::kReplayed);
  EXPECT_EQ(retried.stored, "deleted");
}

TEST_P(RegistryStoreTest, ScanPagesByIdThroughAnIndex) {
  for (const char* id : {"c3", "a1", "b2", "d4"}) {
    Put(Mode::kCreate, id, Doc(id, std::string(id) == "d4" ? 2021 : 2020, "e"));
  }
  EXPECT_EQ(store_->Scan(std::nullopt, "", 2).value(),
            (std::vector<std::string>{"a1", "b2"}));
  EXPECT_EQ(store_->Scan(std::nullopt, "b2", 10).value(),
            (std::vector<std::string>{"c3", "d4"}));
  IndexTerm year{"fiscal_year", "2021"};
  EXPECT_EQ(store_->Scan(year, "", 10).value(), (std::vector<std::string>{"d4"}));
  IndexTerm district{"district", "浦东新区"};
  EXPECT_EQ(store_->Scan(district, "", 10).value().size(), 4u);
}

TEST_P(RegistryStoreTest, IndexesFollowUpdatesAndDeletes) {
  Put(Mode::kCreate, "a1", Doc("甲", 2020, "e1"));
  Put(Mode::kUpdate, "a1", Doc("甲", 2021, "e2"));
  EXPECT_TRUE(store_->Scan(IndexTerm{"fiscal_year", "2020"}, "", 10).value().empty());
  EXPECT_EQ(store_->Scan(IndexTerm{"fiscal_year", "2021"}, "", 10).value().size(), 1u);
  Put(Mode::kDelete, "a1", v1::Project());
  EXPECT_TRUE(store_->Scan(std::nullopt, "", 10).value().empty());
  EXPECT_TRUE(store_->Scan(IndexTerm{"fiscal_year", "2021"}, "", 10).value().empty());
}

TEST_P(RegistryStoreTest, NaturalKeyIsClaimedOnceEvenUnderRace) {
  std::vector<std::string> winners(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      winners[i] = store_->ClaimNaturalKey("k", "id" + std::to_string(i)).value_or("");
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& w : winners) EXPECT_EQ(w, winners[0]);
  EXPECT_FALSE(winners[0].empty());
}

TEST_P(RegistryStoreTest, FindNaturalKeyReadsWithoutClaiming) {
  EXPECT_FALSE(store_->FindNaturalKey("k").value().has_value());
  ASSERT_EQ(store_->ClaimNaturalKey("k", "a1").value(), "a1");
  EXPECT_EQ(store_->FindNaturalKey("k").value().value_or(""), "a1");
}

TEST_P(RegistryStoreTest, DeleteReleasesTheNaturalKey) {
  v1::Project doc = Doc("甲", 2020, "e1");
  ASSERT_EQ(store_->ClaimNaturalKey(NaturalKeyOf(doc), "a1").value(), "a1");
  Put(Mode::kCreate, "a1", doc);
  Put(Mode::kDelete, "a1", v1::Project());
  EXPECT_EQ(store_->ClaimNaturalKey(NaturalKeyOf(doc), "b2").value(), "b2");
}

TEST_P(RegistryStoreTest, GetManyKeepsOrderAndGaps) {
  Put(Mode::kCreate, "a1", Doc("甲", 2020, "e"));
  Put(Mode::kCreate, "c3", Doc("丙", 2020, "e"));
  auto many = store_->GetMany({"c3", "b2", "a1"});
  ASSERT_TRUE(many.ok());
  ASSERT_EQ(many->size(), 3u);
  EXPECT_EQ((*many)[0]->title(), "丙");
  EXPECT_FALSE((*many)[1].has_value());
  EXPECT_EQ((*many)[2]->title(), "甲");
}

TEST_P(RegistryStoreTest, GlobalReplayKeepsImportAnswers) {
  EXPECT_FALSE(store_->ReplayGlobal("imp-1").value().has_value());
  ASSERT_TRUE(store_->RememberGlobal("imp-1", "answer").ok());
  EXPECT_EQ(store_->ReplayGlobal("imp-1").value().value_or(""), "answer");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryStoreTest,
                         ::testing::Values(Backend{"memory", false},
                                           Backend{"redis", true}),
                         [](const auto& info) { return std::string(info.param.name); });

class RedisRegistryStoreTest : public ::testing::Test {};

TEST_F(RedisRegistryStoreTest, UnavailableWhileRedisIsDownNothingHalfWritten) {
  auto server = testing::RedisServer::Launch();
  ASSERT_TRUE(server.ok());
  redis::RedisOptions options = (*server)->options();
  options.pool_wait = absl::Milliseconds(200);
  redis::RedisPool pool(options);
  RedisRegistryStore store(pool, redis::KeySpace("t:"));
  (*server)->Stop();
  RegistryStore::Write write;
  write.id = "a1";
  write.document.set_title("甲");
  write.document.set_etag("e");
  EXPECT_EQ(store.Apply(write).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store.Get("a1").status().code(), absl::StatusCode::kUnavailable);
  ASSERT_TRUE((*server)->Start().ok());
  EXPECT_EQ(store.Get("a1").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace targetwatch
