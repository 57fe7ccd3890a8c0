// Admission of searches to the CPU: at most a given number run at once, the rest wait in
// arrival order. httplib gives every connection a thread; without a gate, dozens of searches
// would share two cores and a long query would take dozens of times its own time. With it, a
// request waits its turn and then runs at full speed.
#ifndef HQA_SERVICE_SEARCH_GATE_H_
#define HQA_SERVICE_SEARCH_GATE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace hqa {

// The order matters under load: a semaphore wakes waiters in no order, and some would wait many
// times longer than the queue is long.
class SearchGate {
 public:
  explicit SearchGate(size_t limit) : free_(limit == 0 ? 1 : limit) {}

  class Pass {
   public:
    explicit Pass(SearchGate& gate) : gate_(gate) { gate_.acquire(); }
    ~Pass() { gate_.release(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    SearchGate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable turn;
    bool granted = false;
  };

  void acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (free_ > 0 && waiting_.empty()) {
      --free_;
      return;
    }
    Waiter me;
    waiting_.push_back(&me);
    me.turn.wait(lock, [&me] { return me.granted; });
  }
  // Hands the slot straight to the longest waiter, if any, so that no newcomer overtakes it.
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (waiting_.empty()) {
      ++free_;
      return;
    }
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    next->granted = true;
    next->turn.notify_one();
  }

  std::mutex mutex_;
  size_t free_;
  std::deque<Waiter*> waiting_;
};

}  // namespace hqa

#endif  // HQA_SERVICE_SEARCH_GATE_H_
