// A blocking queue of fixed capacity between worker threads and a consumer:
// producers wait when it is full, so memory stays bounded. A consumer that
// stops early closes it, so that no producer waits for it forever.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace kpiform::cli {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  // False, and the item dropped, once the queue is closed.
  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // The consumer has stopped: waiting and later pushes return false.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
  }

  // One more producer has finished; pop() returns nullopt once all have and
  // the queue is empty.
  void producer_done() {
    std::lock_guard lock(mutex_);
    ++finished_;
    not_empty_.notify_all();
  }

  std::optional<T> pop(std::size_t producers) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || finished_ == producers; });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  std::size_t finished_ = 0;
  bool closed_ = false;
};

}  // namespace kpiform::cli
