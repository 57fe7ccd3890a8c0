// @brief Calendar dates as hqa reads and stores them.
#include "schema/date.h"

#include <cstdio>

#include "schema/errors.h"

namespace hqa {
namespace {

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap_year(year) ? 29 : kDays[month - 1];
}

// The number the ASCII digits of `text` spell, or -1 if any is not a digit.
int digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Date> checked(int year, int month, int day) {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return Date{year, month, day};
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return checked(digits(text.substr(0, 4)), digits(text.substr(5, 2)), digits(text.substr(8, 2)));
}

std::optional<Date> Date::parse_sortable(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  return checked(digits(text.substr(0, 4)), digits(text.substr(4, 2)), digits(text.substr(6, 2)));
}

std::string Date::iso() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

std::string Date::sortable() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", year, month, day);
  return text;
}

Date parse_date(std::string_view text, std::string_view field) {
  if (std::optional<Date> date = Date::parse(text)) return *date;
  throw InvalidInput(std::string(field) + " must be a calendar date YYYY-MM-DD, not '" +
                     std::string(text.substr(0, 40)) + "'");
}

}  // namespace hqa
