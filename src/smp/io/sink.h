// Where a job's files go (docs/architecture.md "Jobs and sinks"): a folder for the CLI
// (io/folder_sink.h), memory for the tests and the server, the clinic's store later. A
// writer formats a file and puts its bytes; the sink only keeps them.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace smp {

// A job's files by their relative path ('/'-separated, e.g. "renders/top-healed.png").
using OutputFiles = std::map<std::string, std::string>;

class Sink {
 public:
  virtual ~Sink() = default;
  // Thread-safe: the writers put pictures from worker threads. A path put twice is an
  // error (std::logic_error): two writers would be fighting over one file.
  virtual void put(const std::string& path, std::string bytes) = 0;
};

// Keeps the files in memory.
class MemorySink : public Sink {
 public:
  void put(const std::string& path, std::string bytes) override;
  // The files put so far; the sink is empty after.
  OutputFiles take();

 private:
  std::mutex m_;
  OutputFiles files_;
};

// Puts every file into `sink` under `prefix` ("" or a folder ending in '/'); the second
// form moves the bytes.
void put_all(const OutputFiles& files, Sink& sink, const std::string& prefix = "");
void put_all(OutputFiles&& files, Sink& sink, const std::string& prefix = "");

// Puts into another sink under a folder: a plan's design files go to design/.
class PrefixSink : public Sink {
 public:
  PrefixSink(Sink& sink, std::string prefix) : sink_(sink), prefix_(std::move(prefix)) {}
  void put(const std::string& path, std::string bytes) override {
    sink_.put(prefix_ + path, std::move(bytes));
  }

 private:
  Sink& sink_;
  std::string prefix_;
};

}  // namespace smp
