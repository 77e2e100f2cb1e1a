#include "bounded_queue.h"

#include <gtest/gtest.h>

#include <thread>

namespace kpiform::cli {
namespace {

TEST(BoundedQueue, PopsInOrderAndEndsWhenEveryProducerIsDone) {
  BoundedQueue<int> queue(4);
  EXPECT_TRUE(queue.push(1));
  EXPECT_TRUE(queue.push(2));
  queue.producer_done();
  EXPECT_EQ(queue.pop(1), 1);
  EXPECT_EQ(queue.pop(1), 2);
  EXPECT_EQ(queue.pop(1), std::nullopt);
}

TEST(BoundedQueue, CloseReleasesAProducerWaitingOnAFullQueue) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.push(1));
  bool pushed = true;
  // Blocks: the queue is full and nobody pops.
  std::thread producer([&] { pushed = queue.push(2); });
  queue.close();
  producer.join();
  EXPECT_FALSE(pushed);
  EXPECT_FALSE(queue.push(3)) << "a closed queue takes nothing more";
}

}  // namespace
}  // namespace kpiform::cli
