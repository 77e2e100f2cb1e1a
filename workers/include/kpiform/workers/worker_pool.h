// A fixed set of threads running submitted tasks in order of submission.
// The first task to throw fails the pool: tasks not yet begun are dropped
// and finish() rethrows its exception.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace kpiform::workers {

class WorkerPool {
 public:
  // `threads` workers; with 0 each task runs inside submit(), on the caller,
  // and its exception leaves submit() at once.
  explicit WorkerPool(int threads);
  // Drops the tasks not begun and waits for the running ones, without
  // rethrowing: an exception of the caller's own may be on its way.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`, which may be move-only (it may own a page's pixels); it
  // is destroyed once it has run or been dropped.
  template <typename Task>
  void submit(Task&& task) {
    if (threads_.empty()) {
      task();
      return;
    }
    auto owned = std::make_shared<std::decay_t<Task>>(std::forward<Task>(task));
    enqueue([owned] { (*owned)(); });
  }

  // Whether a task has thrown: the caller stops submitting.
  bool failed() const;

  // Waits for every task; rethrows the first failure. The pool takes no
  // task afterwards.
  void finish();

 private:
  void enqueue(std::function<void()> task);
  void stop();
  void work();

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;
};

}  // namespace kpiform::workers
