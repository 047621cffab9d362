#include "model/results/results_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "model/results/atomic_file.h"
#include "sim/replication_runner.h"

namespace fccsim::model {
namespace {

// Field numbers of the repeated and final fields written piece by piece (results.proto).
constexpr int kRunChannels = 9;
constexpr int kRunGroups = 10;
constexpr int kRunComplete = 1000;
constexpr int kChannelIntervals = 3;
constexpr int kGroupIntervals = 4;

// Appends `message`, its sizes cached by ByteSizeLong(), written straight into the string's
// new tail. (The results schema has no map fields, the only ones whose order serialisation
// may vary, so the bytes are those of a deterministic serialisation.)
void AppendMessage(const google::protobuf::MessageLite& message, std::string* out) {
  const std::size_t size = message.GetCachedSize();
  const std::size_t old = out->size();
  out->resize(old + size);
  message.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t*>(out->data() + old));
}

void AppendVarint(std::uint64_t value, std::string* out) {
  std::uint8_t bytes[10];
  const std::uint8_t* end =
      google::protobuf::io::CodedOutputStream::WriteVarint64ToArray(value, bytes);
  out->append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(end - bytes));
}

std::uint32_t LengthDelimitedTag(int number) {
  using google::protobuf::internal::WireFormatLite;
  return WireFormatLite::MakeTag(number, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
}

// The tag and length that open length-delimited field `number`, `length` bytes long.
void AppendFieldStart(int number, std::uint64_t length, std::string* out) {
  AppendVarint(LengthDelimitedTag(number), out);
  AppendVarint(length, out);
}

void AppendField(int number, std::string_view bytes, std::string* out) {
  AppendFieldStart(number, bytes.size(), out);
  out->append(bytes);
}

// Appends `message` as field `number`, its sizes cached by ByteSizeLong().
void AppendSubmessage(int number, const google::protobuf::MessageLite& message,
                      std::string* out) {
  AppendFieldStart(number, message.GetCachedSize(), out);
  AppendMessage(message, out);
}

// Builds rows first..count-1 with fill(k, row) and calls use(row) on each, until one returns
// false. One row is reused: fill overwrites every field, so its sub-messages are allocated
// once, not per row.
template <class Row, class Fill, class Use>
bool ForEachRow(int first, int count, const Fill& fill, const Use& use) {
  Row row;
  for (int k = first; k < count; ++k) {
    fill(k, &row);
    if (!use(row)) return false;
  }
  return true;
}

std::size_t VarintSize(std::uint64_t value) {
  return google::protobuf::io::CodedOutputStream::VarintSize64(value);
}

// Writes field `number` of the enclosing message: a message made of `head` (its fields
// numbered below the repeated one), `count` rows of its repeated field `row_number`, and
// `tail` (the fields above). The message's length must precede its rows, so the rows are
// serialised into a buffer until it is full and the rest only measured; then the buffer is
// written, and the rest built again and written as they come.
template <class Head, class Row, class Fill, class Append>
bool WriteNested(int number, const Head& head, const Head& tail, int row_number, int count,
                 std::size_t buffer_bytes, std::string* buffer, const Fill& fill,
                 const Append& append) {
  const std::size_t tag_size = VarintSize(LengthDelimitedTag(row_number));
  std::uint64_t length = head.ByteSizeLong() + tail.ByteSizeLong();
  std::string& buffered = *buffer;
  buffered.clear();
  int buffered_rows = 0;
  ForEachRow<Row>(0, count, fill, [&](const Row& row) {
    const std::size_t size = row.ByteSizeLong();
    length += tag_size + VarintSize(size) + size;
    if (buffered.size() < buffer_bytes) {  // once full, full: the rows buffered are a prefix
      AppendSubmessage(row_number, row, &buffered);
      ++buffered_rows;
    }
    return true;
  });
  std::string bytes;
  AppendFieldStart(number, length, &bytes);
  AppendMessage(head, &bytes);
  if (!append(bytes) || !append(buffered)) return false;
  const bool rows = ForEachRow<Row>(buffered_rows, count, fill, [&](const Row& row) {
    bytes.clear();
    row.ByteSizeLong();
    AppendSubmessage(row_number, row, &bytes);
    return append(bytes);
  });
  if (!rows) return false;
  bytes.clear();
  tail.ByteSizeLong();
  AppendMessage(tail, &bytes);
  return append(bytes);
}

// Serialises field `number` of the enclosing message, as WriteNested writes it, into *out,
// if its rows take at most `limit` bytes; false otherwise (*out then holds nothing useful).
template <class Head, class Row, class Fill>
bool SerializeNested(int number, const Head& head, const Head& tail, int row_number, int count,
                     std::size_t limit, const Fill& fill, std::string* out) {
  const std::size_t tag_size = VarintSize(LengthDelimitedTag(row_number));
  std::uint64_t estimate = 0;
  if (count > 0) {  // a table clearly too large is not built only to be given up
    Row first;
    fill(0, &first);
    const std::size_t size = first.ByteSizeLong();
    if (static_cast<std::uint64_t>(count) * size > limit) return false;
    estimate = static_cast<std::uint64_t>(count) * (tag_size + VarintSize(size) + size);
  }
  // The rows go straight into *out, after room for the longest field start and the head; the
  // room left over is cut once the start is known. *out is reserved for the table as its first
  // row measures (later rows differ by a few bytes): built by doubling, each step would copy
  // what is built into fresh pages, the costliest part of writing a small run's results.
  const std::size_t head_size = head.ByteSizeLong();
  const std::size_t room = VarintSize(LengthDelimitedTag(number)) + 10 + head_size;
  out->clear();
  out->reserve(room + std::min<std::uint64_t>(estimate + estimate / 8, limit) + 64);
  out->resize(room);
  const bool fits = ForEachRow<Row>(0, count, fill, [&](const Row& row) {
    row.ByteSizeLong();
    AppendSubmessage(row_number, row, out);
    return out->size() - room <= limit;
  });
  if (!fits) return false;
  const std::size_t rows = out->size() - room;
  const std::size_t tail_size = tail.ByteSizeLong();
  AppendMessage(tail, out);
  std::string start;
  AppendFieldStart(number, head_size + rows + tail_size, &start);
  const std::size_t unused = room - start.size() - head_size;
  std::memcpy(out->data() + unused, start.data(), start.size());
  head.SerializeWithCachedSizesToArray(
      reinterpret_cast<std::uint8_t*>(out->data() + unused + start.size()));
  out->erase(0, unused);
  return true;
}

// A streamed table's first rows are kept from its measuring pass up to this size, sparing
// their second build; more would cost more in fresh memory than it saves.
constexpr std::size_t kStreamedPrefixBytes = std::size_t{1} << 20;

// One repeated field of RunResult (a channel, or a group) and the two ways of writing it:
// serialised whole into memory, on any thread, when small enough; or streamed.
struct TableWriter {
  std::function<bool(std::size_t limit, std::string* out)> serialize;
  std::function<bool(std::size_t buffer_bytes, std::string* scratch,
                     const std::function<bool(const std::string&)>& append)>
      stream;
};

// The fields of `message` numbered in [from, to): what is serialised, in number order,
// between two fields written piece by piece. Found from the schema, so a field added to
// results.proto lands where deterministic serialisation puts it.
template <class M>
M FieldsNumbered(const M& message, int from, int to) {
  M part = message;
  const google::protobuf::Descriptor* type = M::descriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* f = type->field(i);
    if (f->number() < from || f->number() >= to) part.GetReflection()->ClearField(&part, f);
  }
  return part;
}

template <class Head, class Row, class Fill>
TableWriter MakeTable(int number, const Head& whole_head, int row_number, int count, Fill fill) {
  auto tail = std::make_shared<const Head>(
      FieldsNumbered(whole_head, row_number + 1, std::numeric_limits<int>::max()));
  auto shared_head = std::make_shared<const Head>(FieldsNumbered(whole_head, 0, row_number));
  TableWriter table;
  table.serialize = [=](std::size_t limit, std::string* out) {
    return SerializeNested<Head, Row>(number, *shared_head, *tail, row_number, count, limit,
                                      fill, out);
  };
  table.stream = [=](std::size_t buffer_bytes, std::string* scratch,
                     const std::function<bool(const std::string&)>& append) {
    return WriteNested<Head, Row>(number, *shared_head, *tail, row_number, count, buffer_bytes,
                                  scratch, fill, append);
  };
  return table;
}

bool ReadWholeFile(const std::string& path, std::string* contents, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": cannot open: " + std::strerror(errno);
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
      *error = path + ": cannot read: " + std::strerror(saved);
      return false;
    }
    if (got == 0) break;
    contents->append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return true;
}

}  // namespace

bool WriteResults(const ResultSource& source, const std::string& path, std::string* error,
                  std::size_t buffer_bytes, unsigned threads, OutputSet* set) {
  AtomicFile file(set);
  if (!file.Open(path, error)) return false;
  // Protobuf readers refuse a message of 2 GiB or more: such results are refused here, whole.
  std::uint64_t written = 0;
  const std::function<bool(const std::string&)> append = [&](const std::string& piece) {
    written += piece.size();
    if (written >= (std::uint64_t{1} << 31)) {
      *error = path + ": the results exceed protobuf's 2 GiB limit for one message (fewer "
                      "days or a longer interval would fit)";
      return false;
    }
    return file.Append(piece, error);
  };
  // The header's fields, around the channels and groups and before the completion marker.
  std::string bytes;
  const fccsim::RunResult before = FieldsNumbered(source.Header(), 0, kRunChannels);
  const fccsim::RunResult after = FieldsNumbered(source.Header(), kRunGroups + 1, kRunComplete);
  before.ByteSizeLong();
  AppendMessage(before, &bytes);
  if (!append(bytes)) return false;

  std::vector<TableWriter> tables;
  for (int c = 0; c < source.Channels(); ++c) {
    tables.push_back(MakeTable<fccsim::ChannelResult, fccsim::ChannelInterval>(
        kRunChannels, source.ChannelHead(c), kChannelIntervals, source.ChannelIntervals(c),
        [&source, c](int k, fccsim::ChannelInterval* row) { source.ChannelIntervalAt(c, k, row); }));
  }
  for (int g = 0; g < source.Groups(); ++g) {
    tables.push_back(MakeTable<fccsim::GroupResult, fccsim::GroupInterval>(
        kRunGroups, source.GroupHead(g), kGroupIntervals, source.GroupIntervals(g),
        [&source, g](int k, fccsim::GroupInterval* row) { source.GroupIntervalAt(g, k, row); }));
  }
  // Tables small enough are serialised on the worker threads and written in order as they are
  // ready; a larger one is streamed when its turn comes, by whichever thread holds the turn.
  threads = sim::WorkerThreads(threads, tables.size());
  const unsigned window = 2 * threads;
  std::vector<std::string> slots(window);
  std::vector<char> serialised(window, 0);
  std::string scratch;  // for streamed tables: reused, so its pages are touched once
  bool ok = true;
  sim::RunReplicationsInOrder(
      tables.size(), threads, window,
      [&](std::uint64_t t) {
        serialised[t % window] = tables[t].serialize(buffer_bytes, &slots[t % window]);
      },
      [&](std::uint64_t t) {
        if (!ok) return;
        ok = serialised[t % window]
                 ? append(slots[t % window])
                 : tables[t].stream(std::min(buffer_bytes, kStreamedPrefixBytes), &scratch, append);
      });
  if (!ok) return false;
  bytes.clear();
  after.ByteSizeLong();
  AppendMessage(after, &bytes);
  // Last, so that a file cut short at a field boundary still parses but lacks it.
  AppendField(kRunComplete, kResultsCompleteMarker, &bytes);
  if (!append(bytes)) return false;
  return file.Commit(error);
}

bool WriteResults(const fccsim::RunResult& result, const std::string& path, std::string* error) {
  return WriteResults(MessageSource(result), path, error);
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

}  // namespace fccsim::model
