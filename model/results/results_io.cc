#include "model/results/results_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace fccsim::model {
namespace {

std::string ErrnoText(int error_number) { return std::strerror(error_number); }

// The folder holding `path`, for the fsync that makes a rename durable.
std::string DirectoryOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool ReadWholeFile(const std::string& path, std::string* contents, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": cannot open: " + ErrnoText(errno);
    return false;
  }
  contents->clear();
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      *error = path + ": cannot read: " + ErrnoText(saved);
      return false;
    }
    if (got == 0) break;
    contents->append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return true;
}

// ---- CSV cells ----

// Shortest text that parses back to the same double (std::to_chars without a precision).
std::string Number(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}

std::string Number(std::uint64_t value) { return std::to_string(value); }

std::string Ci95(const fccsim::Estimate& estimate) {
  return estimate.has_ci95_half_width() ? Number(estimate.ci95_half_width()) : std::string();
}

// RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled.
std::string Text(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

class CsvWriter {
 public:
  explicit CsvWriter(std::initializer_list<std::string_view> header) {
    for (std::string_view column : header) Cell(std::string(column));
    EndRow();
  }
  CsvWriter& Cell(const std::string& cell) {
    if (!row_empty_) text_ += ',';
    text_ += cell;
    row_empty_ = false;
    return *this;
  }
  void EndRow() {
    text_ += '\n';
    row_empty_ = true;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool row_empty_ = true;
};

std::string ChannelSummaryCsv(const fccsim::RunResult& result) {
  CsvWriter csv({"channel", "offered", "offered_ci95", "answered", "abandoned", "short_abandoned",
                 "in_service_at_end", "waiting_at_end", "abandoned_fraction", "service_level",
                 "service_level_ci95", "target_answer_within_s", "target_fraction",
                 "target_max_average_answer_s", "target_met", "average_answer_s", "wait_p50_s",
                 "wait_p90_s", "wait_p95_s", "wait_max_s", "answered_under_10s",
                 "answered_10_to_60s", "answered_60s_or_more", "intervals_meeting_target"});
  for (const fccsim::ChannelResult& channel : result.channels()) {
    const fccsim::ChannelSummary& s = channel.summary();
    csv.Cell(Text(channel.name()))
        .Cell(Number(s.offered().mean()))
        .Cell(Ci95(s.offered()))
        .Cell(Number(s.answered().mean()))
        .Cell(Number(s.abandoned().mean()))
        .Cell(Number(s.short_abandoned().mean()))
        .Cell(Number(s.in_service_at_end().mean()))
        .Cell(Number(s.waiting_at_end().mean()))
        .Cell(Number(s.abandoned_fraction().mean()))
        .Cell(Number(s.service_level().mean()))
        .Cell(Ci95(s.service_level()))
        .Cell(Number(s.target_answer_within_s()))
        .Cell(Number(s.target_fraction()))
        .Cell(Number(s.target_max_average_answer_s()))
        .Cell(s.target_met() ? "1" : "0")
        .Cell(Number(s.average_answer_s().mean()))
        .Cell(Number(s.wait_p50_s().mean()))
        .Cell(Number(s.wait_p90_s().mean()))
        .Cell(Number(s.wait_p95_s().mean()))
        .Cell(Number(s.wait_max_s().mean()))
        .Cell(Number(s.answered_under_10s().mean()))
        .Cell(Number(s.answered_10_to_60s().mean()))
        .Cell(Number(s.answered_60s_or_more().mean()))
        .Cell(Number(s.intervals_meeting_target().mean()))
        .EndRow();
  }
  return csv.text();
}

std::string ChannelIntervalsCsv(const fccsim::RunResult& result) {
  CsvWriter csv({"channel", "index", "day", "weekday", "start", "offered", "answered", "abandoned",
                 "service_level", "service_level_ci95", "average_answer_s", "mean_queue_length"});
  for (const fccsim::ChannelResult& channel : result.channels()) {
    for (const fccsim::ChannelInterval& interval : channel.intervals()) {
      csv.Cell(Text(channel.name()))
          .Cell(Number(std::uint64_t{interval.index()}))
          .Cell(Number(std::uint64_t{interval.day()}))
          .Cell(fccsim::Weekday_Name(interval.weekday()))
          .Cell(Text(interval.start()))
          .Cell(Number(interval.offered().mean()))
          .Cell(Number(interval.answered().mean()))
          .Cell(Number(interval.abandoned().mean()))
          .Cell(Number(interval.service_level().mean()))
          .Cell(Ci95(interval.service_level()))
          .Cell(Number(interval.average_answer_s().mean()))
          .Cell(Number(interval.mean_queue_length().mean()))
          .EndRow();
    }
  }
  return csv.text();
}

std::string GroupIntervalsCsv(const fccsim::RunResult& result) {
  CsvWriter csv({"group", "index", "occupancy", "occupancy_ci95", "handlers_online"});
  for (const fccsim::GroupResult& group : result.groups()) {
    for (const fccsim::GroupInterval& interval : group.intervals()) {
      csv.Cell(Text(group.name()))
          .Cell(Number(std::uint64_t{interval.index()}))
          .Cell(Number(interval.occupancy().mean()))
          .Cell(Ci95(interval.occupancy()))
          .Cell(Number(interval.handlers_online().mean()))
          .EndRow();
    }
  }
  return csv.text();
}

}  // namespace

bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error) {
  // Unique per process and per call, so concurrent writers (threads, or processes sharing a
  // folder) never share a temporary file.
  static std::atomic<std::uint64_t> counter{0};
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter.fetch_add(1));

  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    *error = path + ": cannot create temporary file " + temporary + ": " + ErrnoText(errno);
    return false;
  }
  auto fail = [&](const std::string& what, int error_number) {
    ::unlink(temporary.c_str());
    *error = path + ": " + what + " " + temporary + ": " + ErrnoText(error_number);
    return false;
  };
  if (!WriteAll(fd, contents)) {
    const int saved = errno;
    ::close(fd);
    return fail("cannot write", saved);
  }
  // Without fsync a crash soon after the rename can leave an empty file under the final name.
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    return fail("cannot flush", saved);
  }
  if (::close(fd) != 0) return fail("cannot close", errno);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return fail("cannot rename", errno);

  // Makes the rename itself durable. Best effort: the new file is already in place, so a
  // failure here must not be reported as "nothing changed".
  const int dir_fd = ::open(DirectoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return true;
}

bool WriteResults(fccsim::RunResult result, const std::string& path, std::string* error) {
  result.set_complete(kResultsCompleteMarker);
  std::string bytes;
  {
    // Deterministic serialisation: the same result always gives the same bytes.
    google::protobuf::io::StringOutputStream string_stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&string_stream);
    coded.SetSerializationDeterministic(true);
    if (!result.SerializeToCodedStream(&coded) || coded.HadError()) {
      *error = path + ": cannot serialise the results (larger than 2 GiB?)";
      return false;
    }
  }
  return WriteFileAtomically(path, bytes, error);
}

bool ReadResults(const std::string& path, fccsim::RunResult* result, std::string* error) {
  std::string bytes;
  if (!ReadWholeFile(path, &bytes, error)) return false;
  if (bytes.empty()) {
    *error = path + ": empty file";
    return false;
  }
  fccsim::RunResult parsed;
  if (!parsed.ParseFromString(bytes)) {
    *error = path + ": not a results file or truncated";
    return false;
  }
  // `complete` is the highest field number, so it is serialised last: a file cut short at a
  // field boundary still parses but lacks it.
  if (parsed.complete() != kResultsCompleteMarker) {
    *error = path + ": incomplete or truncated results file";
    return false;
  }
  *result = std::move(parsed);
  return true;
}

bool WriteResultCsvs(const fccsim::RunResult& result, const std::string& dir,
                     std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create folder: " + ec.message();
    return false;
  }
  const std::filesystem::path folder(dir);
  return WriteFileAtomically((folder / "channel_summary.csv").string(), ChannelSummaryCsv(result),
                             error) &&
         WriteFileAtomically((folder / "channel_intervals.csv").string(),
                             ChannelIntervalsCsv(result), error) &&
         WriteFileAtomically((folder / "group_intervals.csv").string(), GroupIntervalsCsv(result),
                             error);
}

}  // namespace fccsim::model
