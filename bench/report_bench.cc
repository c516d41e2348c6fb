// Reports in and progress out under load: real registry and progress gRPC
// servers in this process, over loopback, on a private redis-server, with
// the seed imported. Each report is checked against the registry (cached),
// appended with its summary update in one Lua step, and triggers a summary
// recomputation.
//
//   build/bench/report_bench --benchmark_min_time=3
#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "grpcpp/create_channel.h"
#include "services/progress/progress.h"
#include "services/progress/progress_service.h"
#include "services/progress/progress_watchers.h"
#include "services/progress/registry_client.h"
#include "services/registry/redis_registry_store.h"
#include "services/registry/registry.h"
#include "services/registry/registry_service.h"
#include "services/registry/table_import.h"
#include "services/server/service_host.h"
#include "tests/testing/examples.h"
#include "tests/testing/redis_server.h"

namespace targetwatch::bench {
namespace {

struct Stack {
  std::unique_ptr<testing::RedisServer> redis_server;
  std::unique_ptr<redis::RedisPool> pool;
  redis::KeySpace keys{"bench:"};
  ShiftedClock clock{absl::FromCivil(absl::CivilSecond(2020, 8, 7, 12, 0, 0),
                                     absl::FixedTimeZone(8 * 3600))};
  WorkerPool workers{16, 4096};
  std::unique_ptr<RedisRegistryStore> registry_store;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<RegistryServiceImpl> registry_service;
  std::unique_ptr<ServiceHost> registry_host;
  std::unique_ptr<RegistryClient> registry_client;
  std::unique_ptr<ProgressStore> store;
  std::unique_ptr<Progress> progress;
  ProgressWatchers watchers;
  std::unique_ptr<ProgressServiceImpl> service;
  std::unique_ptr<ServiceHost> host;
  std::unique_ptr<v1::ProgressService::Stub> stub;
  std::string project;
  std::string indicator;
};

Stack* Get() {
  static Stack* stack = [] {
    auto* s = new Stack();
    s->redis_server = *testing::RedisServer::Launch();
    redis::RedisOptions options = s->redis_server->options();
    options.pool_size = 16;
    s->pool = std::make_unique<redis::RedisPool>(options);
    s->registry_store = std::make_unique<RedisRegistryStore>(*s->pool, s->keys);
    s->registry = std::make_unique<Registry>(*s->registry_store);
    s->registry_service = std::make_unique<RegistryServiceImpl>(*s->registry, s->workers);
    ServerConfig config;
    s->registry_host = *ServiceHost::Start(
        config, {{s->registry_service.get(), "registry"}}, s->pool.get());
    s->registry_client = std::make_unique<RegistryClient>(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", s->registry_host->port()),
                            grpc::InsecureChannelCredentials()),
        options, ChangeChannel(s->keys));
    s->store = std::make_unique<ProgressStore>(*s->pool, s->keys);
    s->progress = std::make_unique<Progress>(*s->registry_client, *s->store, s->clock,
                                             CalcOptions{});
    s->service = std::make_unique<ProgressServiceImpl>(*s->progress, s->workers, s->watchers);
    s->host = *ServiceHost::Start(config, {{s->service.get(), "progress"}}, s->pool.get());
    s->stub = v1::ProgressService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", s->host->port()), grpc::InsecureChannelCredentials()));
    v1::ImportTargetTableRequest import;
    import.set_text(testing::ExampleTable(testing::kSeedTable));
    auto imported = ImportTable(*s->registry, import);
    s->project = imported->changes(1).project();
    v1::Project p = *s->registry_store->Get(LastId(s->project));
    for (const auto& ind : p.indicators()) {
      if (ind.title() == "投诉处理及时率") s->indicator = ind.name();
    }
    absl::SleepFor(absl::Milliseconds(500));  // the cache's subscription
    return s;
  }();
  return stack;
}

void BM_ReportMeasurement(benchmark::State& state) {
  Stack* s = Get();
  static std::atomic<int64_t> sequence{0};
  int64_t failures = 0;
  for (auto _ : state) {
    v1::ReportMeasurementRequest r;
    r.set_indicator(s->indicator);
    r.set_value(90 + (sequence % 10));
    r.mutable_context()->set_district("黄浦区");
    r.mutable_context()->set_request_id(absl::StrCat("bench-", sequence++));
    grpc::ClientContext context;
    v1::Measurement m;
    if (!s->stub->ReportMeasurement(&context, r, &m).ok()) ++failures;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["failures"] = static_cast<double>(failures);
}

void BM_GetProjectProgress(benchmark::State& state) {
  Stack* s = Get();
  int64_t failures = 0;
  for (auto _ : state) {
    v1::GetProjectProgressRequest r;
    r.set_name(s->project);
    grpc::ClientContext context;
    v1::ProjectProgress p;
    if (!s->stub->GetProjectProgress(&context, r, &p).ok()) ++failures;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["failures"] = static_cast<double>(failures);
}

BENCHMARK(BM_ReportMeasurement)->Threads(1)->Threads(16)->UseRealTime();
BENCHMARK(BM_GetProjectProgress)->Threads(1)->Threads(16)->UseRealTime();

}  // namespace
}  // namespace targetwatch::bench

BENCHMARK_MAIN();
