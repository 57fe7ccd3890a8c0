// @brief FieldBm25Weight: BM25 whose length normalisation depends on the field.
#include "searcher/field_weight.h"

#include <cmath>
#include <sstream>

namespace hqa {

FieldBm25Weight::FieldBm25Weight(double k1, double b_long, double b_short)
    : k1_(k1), b_long_(b_long), b_short_(b_short) {
  need_stat(COLLECTION_SIZE);
  need_stat(TERMFREQ);
  need_stat(WDF);
  need_stat(WDF_MAX);
  need_stat(WQF);
  need_stat(DOC_LENGTH);
  need_stat(DOC_LENGTH_MIN);
  need_stat(AVERAGE_LENGTH);
}

std::string FieldBm25Weight::name() const { return "hqa::FieldBm25Weight"; }

std::string FieldBm25Weight::serialise() const {
  std::ostringstream out;
  out.precision(17);
  out << k1_ << ' ' << b_long_ << ' ' << b_short_;
  return out.str();
}

FieldBm25Weight* FieldBm25Weight::unserialise(const std::string& serialised) const {
  std::istringstream in(serialised);
  double k1 = 0.9, b_long = 0.35, b_short = 0;
  in >> k1 >> b_long >> b_short;
  return new FieldBm25Weight(k1, b_long, b_short);
}

FieldBm25Weight* FieldBm25Weight::clone() const {
  return new FieldBm25Weight(k1_, b_long_, b_short_);
}

void FieldBm25Weight::init(double factor) {
  const double documents = get_collection_size();
  const double with_term = get_termfreq();
  // Lucene's idf: never negative, so a very common word still counts a little.
  const double idf = std::log(1.0 + (documents - with_term + 0.5) / (with_term + 0.5));
  b_ = get_wqf() >= kShortFieldWqf ? b_short_ : b_long_;
  term_weight_ = factor * idf * (k1_ + 1);
  const double average = get_average_length();
  k1_fixed_ = average > 0 ? k1_ * (1 - b_) : k1_;
  k1_per_length_ = average > 0 ? k1_ * b_ / average : 0;
}

double FieldBm25Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                                    Xapian::termcount) const {
  if (wdf == 0) return 0;
  return term_weight_ * wdf / (k1_fixed_ + k1_per_length_ * doclen + wdf);
}

double FieldBm25Weight::get_maxpart() const {
  // wdf / (k1 * norm + wdf) grows with wdf and shrinks with the length: its bound is at the
  // largest wdf and the shortest document, computed as get_sumpart computes, so that no sumpart
  // can round above it.
  const double wdf = get_wdf_upper_bound();
  if (wdf <= 0) return 0;
  return term_weight_ * wdf / (k1_fixed_ + k1_per_length_ * get_doclength_lower_bound() + wdf);
}

double FieldBm25Weight::get_sumextra(Xapian::termcount, Xapian::termcount) const { return 0; }

double FieldBm25Weight::get_maxextra() const { return 0; }

}  // namespace hqa
