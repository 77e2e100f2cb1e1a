#include "kpiform/workers/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace kpiform::workers {
namespace {

TEST(WorkerPool, RunsEveryTaskOnceIntoItsOwnSlot) {
  std::vector<int> squares(200, -1);
  WorkerPool pool(3);
  for (int i = 0; i < 200; ++i) {
    pool.submit([&squares, i] { squares[static_cast<std::size_t>(i)] = i * i; });
  }
  pool.finish();
  for (int i = 0; i < 200; ++i) EXPECT_EQ(squares[static_cast<std::size_t>(i)], i * i) << i;
}

TEST(WorkerPool, WithoutThreadsRunsEachTaskInSubmitOnTheCaller) {
  WorkerPool pool(0);
  std::thread::id ran_on;
  pool.submit([&] { ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_THROW(pool.submit([] { throw std::runtime_error("page 3"); }), std::runtime_error);
  EXPECT_NO_THROW(pool.finish());
}

TEST(WorkerPool, FinishRethrowsTheFirstFailureAndDropsTheTasksNotBegun) {
  std::atomic<int> ran{0};
  auto held = std::make_shared<int>(0);  // owned by the dropped tasks
  WorkerPool pool(1);
  pool.submit([] { throw std::runtime_error("page 1 failed"); });
  for (int i = 0; i < 20; ++i) {
    pool.submit([&ran, held] { ++ran; });
  }
  try {
    pool.finish();
    ADD_FAILURE() << "finish() did not rethrow";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "page 1 failed");
  }
  EXPECT_EQ(ran, 0);
  EXPECT_EQ(held.use_count(), 1) << "a dropped task kept what it owned";
}

TEST(WorkerPool, TakesMoveOnlyTasksAndReleasesThemOnceRun) {
  auto pixels = std::make_unique<int>(7);
  std::weak_ptr<int> watched;
  int seen = 0;
  {
    auto owned = std::make_shared<int>(1);
    watched = owned;
    WorkerPool pool(2);
    pool.submit([pixels = std::move(pixels), owned = std::move(owned), &seen] { seen = *pixels; });
    pool.finish();
    EXPECT_TRUE(watched.expired()) << "the task outlived its run";
  }
  EXPECT_EQ(seen, 7);
}

// A failed task and no finish(): the destructor stops without rethrowing
// (a rethrow there would end the program while another error unwinds).
TEST(WorkerPool, DestructorAfterAFailureDoesNotThrow) {
  EXPECT_NO_THROW({
    WorkerPool pool(2);
    pool.submit([] { throw std::runtime_error("render failed"); });
  });
}

TEST(WorkerPool, RefusesTasksAfterFinish) {
  WorkerPool pool(1);
  pool.finish();
  EXPECT_THROW(pool.submit([] {}), std::logic_error);
}

TEST(WorkerPool, RefusesANegativeThreadCount) {
  EXPECT_THROW(WorkerPool(-1), std::invalid_argument);
}

}  // namespace
}  // namespace kpiform::workers
