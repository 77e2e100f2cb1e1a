#include "kpiform/workers/worker_pool.h"

#include <stdexcept>

namespace kpiform::workers {

WorkerPool::WorkerPool(int threads) {
  if (threads < 0) throw std::invalid_argument("WorkerPool: a negative number of threads");
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(tasks_);
  }
  stop();
}

bool WorkerPool::failed() const {
  std::lock_guard lock(mutex_);
  return failure_ != nullptr;
}

void WorkerPool::finish() {
  stop();
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void WorkerPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw std::logic_error("WorkerPool: a task submitted after finish()");
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void WorkerPool::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
      if (failure_) continue;  // the work has failed: the task is dropped
    }
    try {
      task();
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
    }
  }
}

}  // namespace kpiform::workers
