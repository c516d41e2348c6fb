// Measures one Redis-backed unary call under load with gRPC's synchronous
// API and with its callback API, to choose the services' threading model
// (docs/ARCHITECTURE.md). Client and servers run in this process over
// loopback; a private redis-server takes the INCRs.
//
//   build/bench/threading_bench --benchmark_min_time=2
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/common/worker_pool.h"
#include "services/redis/redis_pool.h"
#include "services/server/blocking_call.h"
#include "targetwatch/bench/threading_bench.grpc.pb.h"
#include "tests/testing/redis_server.h"

namespace targetwatch::bench {
namespace {

redis::RedisPool* Pool() {
  static redis::RedisPool* pool = [] {
    static auto server = testing::RedisServer::Launch();
    if (!server.ok()) std::abort();
    redis::RedisOptions options = (*server)->options();
    options.pool_size = 32;
    return new redis::RedisPool(options);
  }();
  return pool;
}

int64_t Incr(const std::string& key) {
  auto reply = Pool()->Command({"INCR", key});
  return reply.ok() ? reply->integer : -1;
}

class SyncBench final : public Bench::Service {
  grpc::Status Empty(grpc::ServerContext*, const BenchRequest*,
                     BenchReply*) override {
    return grpc::Status::OK;
  }
  grpc::Status Incr(grpc::ServerContext*, const BenchRequest* request,
                    BenchReply* reply) override {
    reply->set_value(bench::Incr(request->key()));
    return grpc::Status::OK;
  }
};

// Runs the blocking call inside the reaction, as a naive port would.
class CallbackBench final : public Bench::CallbackService {
  grpc::ServerUnaryReactor* Empty(grpc::CallbackServerContext* context,
                                  const BenchRequest*, BenchReply*) override {
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  grpc::ServerUnaryReactor* Incr(grpc::CallbackServerContext* context,
                                 const BenchRequest* request,
                                 BenchReply* reply) override {
    reply->set_value(bench::Incr(request->key()));
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

// Takes the call on gRPC's callback threads and hands the blocking Redis
// work to a bounded pool of workers.
class OffloadBench final : public Bench::CallbackService {
  grpc::ServerUnaryReactor* Empty(grpc::CallbackServerContext* context,
                                  const BenchRequest*, BenchReply*) override {
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  grpc::ServerUnaryReactor* Incr(grpc::CallbackServerContext* context,
                                 const BenchRequest* request,
                                 BenchReply* reply) override {
    return RunBlocking(context, workers_, [request, reply] {
      reply->set_value(bench::Incr(request->key()));
      return absl::OkStatus();
    });
  }
  WorkerPool workers_{8, 1024};
};

struct Running {
  std::unique_ptr<grpc::Service> service;
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<Bench::Stub> stub;
};

Running Start(std::unique_ptr<grpc::Service> service, int max_threads) {
  Running running;
  running.service = std::move(service);
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  if (max_threads > 0) {
    grpc::ResourceQuota quota;
    quota.SetMaxThreads(max_threads);
    builder.SetResourceQuota(quota);
  }
  builder.RegisterService(running.service.get());
  running.server = builder.BuildAndStart();
  running.stub = Bench::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  return running;
}

Running& Server(int which) {
  // 0: sync, default threads; 1: sync, at most 32 threads; 2: callback;
  // 3: callback handing Redis work to 8 workers.
  static Running* servers[4] = {
      new Running(Start(std::make_unique<SyncBench>(), 0)),
      new Running(Start(std::make_unique<SyncBench>(), 32)),
      new Running(Start(std::make_unique<CallbackBench>(), 0)),
      new Running(Start(std::make_unique<OffloadBench>(), 0)),
  };
  return *servers[which];
}

void Call(benchmark::State& state, bool incr) {
  Bench::Stub* stub = Server(static_cast<int>(state.range(0))).stub.get();
  BenchRequest request;
  request.set_key(absl::StrCat("bench:", state.thread_index()));
  int64_t failures = 0;
  for (auto _ : state) {
    grpc::ClientContext context;
    BenchReply reply;
    grpc::Status status = incr ? stub->Incr(&context, request, &reply)
                               : stub->Empty(&context, request, &reply);
    if (!status.ok() || reply.value() < 0) ++failures;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["failures"] = static_cast<double>(failures);
}

void BM_Empty(benchmark::State& state) { Call(state, false); }
void BM_RedisIncr(benchmark::State& state) { Call(state, true); }

// Arg: 0 sync (default threads), 1 sync (at most 32 threads), 2 callback
// with Redis inline, 3 callback with Redis on 8 workers.
// 16 client threads: 16 calls in flight.
BENCHMARK(BM_Empty)->Arg(0)->Arg(2)->Threads(16)->UseRealTime();
BENCHMARK(BM_RedisIncr)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Threads(16)->UseRealTime();

}  // namespace
}  // namespace targetwatch::bench

BENCHMARK_MAIN();
