// @brief The top-level string members of a stored document's JSON, read in one pass.
#include "schema/stored_strings.h"

#include <cstdint>

#include "analysis/utf8.h"

namespace hqa {
namespace {

constexpr int kMaxDepth = 64;

// A cursor over the JSON text; every read returns false at the first thing JSON does not allow.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  bool at_end() {
    skip_space();
    return at_ == text_.size();
  }
  bool consume(char c) {
    skip_space();
    if (at_ == text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool peek(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
  }
  // A string, unescaped into `out` (or only checked when `out` is null).
  bool read_string(std::string* out);
  // Any value, checked and passed over.
  bool skip_value(int depth);

 private:
  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  bool read_escape(std::string* out);
  bool read_hex4(uint32_t& unit);
  bool skip_scalar();

  std::string_view text_;
  size_t at_ = 0;
};

void append_utf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

bool JsonCursor::read_string(std::string* out) {
  if (!consume('"')) return false;
  while (true) {
    // The run of plain characters up to the next quote, backslash or control character.
    const size_t run = at_;
    bool beyond_ascii = false;
    while (at_ < text_.size()) {
      const auto byte = static_cast<unsigned char>(text_[at_]);
      if (byte == '"' || byte == '\\' || byte < 0x20) break;
      beyond_ascii |= byte >= 0x80;
      ++at_;
    }
    const std::string_view plain = text_.substr(run, at_ - run);
    if (beyond_ascii && find_invalid_utf8(plain)) return false;
    if (out) out->append(plain);
    if (at_ == text_.size()) return false;  // unterminated
    const char c = text_[at_++];
    if (c == '"') return true;
    if (c != '\\' || !read_escape(out)) return false;  // a raw control character, or a bad escape
  }
}

bool JsonCursor::read_hex4(uint32_t& unit) {
  if (text_.size() - at_ < 4) return false;
  unit = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[at_++];
    unit <<= 4;
    if (c >= '0' && c <= '9') {
      unit |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      unit |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      unit |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  return true;
}

bool JsonCursor::read_escape(std::string* out) {
  if (at_ == text_.size()) return false;
  const char c = text_[at_++];
  char plain = 0;
  switch (c) {
    case '"':
    case '\\':
    case '/':
      plain = c;
      break;
    case 'b':
      plain = '\b';
      break;
    case 'f':
      plain = '\f';
      break;
    case 'n':
      plain = '\n';
      break;
    case 'r':
      plain = '\r';
      break;
    case 't':
      plain = '\t';
      break;
    case 'u': {
      uint32_t code = 0;
      if (!read_hex4(code)) return false;
      if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
      if (code >= 0xD800 && code <= 0xDBFF) {
        uint32_t low = 0;
        if (text_.substr(at_, 2) != "\\u") return false;
        at_ += 2;
        if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      }
      if (out) append_utf8(code, *out);
      return true;
    }
    default:
      return false;
  }
  if (out) *out += plain;
  return true;
}

// A number, true, false or null: JSON's grammar for each, checked as nlohmann checks it.
bool JsonCursor::skip_scalar() {
  skip_space();
  for (std::string_view literal : {"true", "false", "null"}) {
    if (text_.substr(at_, literal.size()) == literal) {
      at_ += literal.size();
      return true;
    }
  }
  auto digits = [this] {
    const size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return at_ - start;
  };
  if (at_ < text_.size() && text_[at_] == '-') ++at_;
  if (at_ < text_.size() && text_[at_] == '0') {
    ++at_;
  } else if (digits() == 0) {
    return false;
  }
  if (at_ < text_.size() && text_[at_] == '.') {
    ++at_;
    if (digits() == 0) return false;
  }
  if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
    ++at_;
    if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
    if (digits() == 0) return false;
  }
  return true;
}

bool JsonCursor::skip_value(int depth) {
  if (depth > kMaxDepth) return false;
  if (peek('"')) return read_string(nullptr);
  const bool object = peek('{');
  if (!object && !peek('[')) return skip_scalar();
  consume(object ? '{' : '[');
  const char close = object ? '}' : ']';
  if (consume(close)) return true;
  do {
    if (object && (!read_string(nullptr) || !consume(':'))) return false;
    if (!skip_value(depth + 1)) return false;
  } while (consume(','));
  return consume(close);
}

}  // namespace

std::optional<StoredStrings> read_stored_strings(
    std::string_view json, const std::function<bool(std::string_view key)>& wanted) {
  JsonCursor cursor(json);
  StoredStrings strings;
  if (!cursor.consume('{')) return std::nullopt;
  if (!cursor.consume('}')) {
    std::string key;
    do {
      key.clear();
      if (!cursor.read_string(&key) || !cursor.consume(':')) return std::nullopt;
      if (!wanted(key)) {
        if (!cursor.skip_value(1)) return std::nullopt;
        continue;
      }
      std::string value;
      if (!cursor.peek('"') || !cursor.read_string(&value)) return std::nullopt;
      bool replaced = false;
      for (auto& [seen, earlier] : strings) {
        if (seen == key) {
          earlier = std::move(value);
          replaced = true;
        }
      }
      if (!replaced) strings.emplace_back(key, std::move(value));
    } while (cursor.consume(','));
    if (!cursor.consume('}')) return std::nullopt;
  }
  if (!cursor.at_end()) return std::nullopt;
  return strings;
}

const std::string& stored_string(const StoredStrings& strings, std::string_view key) {
  static const std::string kNone;
  for (const auto& [name, value] : strings) {
    if (name == key) return value;
  }
  return kNone;
}

}  // namespace hqa
