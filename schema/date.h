// The one date of hqa: a document's last-updated day, written YYYY-MM-DD in every input and
// output and YYYYMMDD in the index's sortable value slot. Every path that takes a date (readers,
// POST /documents, --from/--to, from/to parameters, updated: in queries) reads it here, so a
// string that is not a real calendar day ("2024-13-45", "2024-02-30", "2024-ab-cd") is refused
// everywhere alike.
#ifndef HQA_SCHEMA_DATE_H_
#define HQA_SCHEMA_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace hqa {

struct Date {
  int year = 0;   // 0000 to 9999
  int month = 0;  // 1 to 12
  int day = 0;    // 1 to the length of the month (leap years counted)

  // "YYYY-MM-DD" naming a real day; nullopt for anything else.
  static std::optional<Date> parse(std::string_view text);
  // "YYYYMMDD" as the index stores it; nullopt for anything else.
  static std::optional<Date> parse_sortable(std::string_view text);

  std::string iso() const;       // "YYYY-MM-DD"
  std::string sortable() const;  // "YYYYMMDD": sorts as the days do
};

// Below and above every sortable() date: the open ends of a range of dates.
inline constexpr const char* kBeforeAllSortableDates = "00000000";
inline constexpr const char* kAfterAllSortableDates = "99999999";

// Date::parse, or InvalidInput saying that `field` must be a calendar date YYYY-MM-DD.
Date parse_date(std::string_view text, std::string_view field);

}  // namespace hqa

#endif  // HQA_SCHEMA_DATE_H_
