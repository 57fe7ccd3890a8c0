// BM25 with length normalisation per kind of field, for Xapian, which has one document length
// for all fields. A match in a short field (the question, the condition, a whole name) is not
// penalised for the length of the answer beside it; a match in the answer is, as in BM25.
//
// Xapian gives a weighting object no way to see which term it weighs, so the query builder
// marks short-field terms with a large within-query frequency (kShortFieldWqf; wqf is summed
// when a term occurs twice in a query, so any wqf at or above the mark is a short field), and
// this weight reads the kind from the wqf and otherwise ignores it.
#ifndef HQA_SEARCHER_FIELD_WEIGHT_H_
#define HQA_SEARCHER_FIELD_WEIGHT_H_

#include <xapian.h>

#include <string>

namespace hqa {

class FieldBm25Weight : public Xapian::Weight {
 public:
  static constexpr Xapian::termcount kShortFieldWqf = 1000;

  // k1: term frequency saturation; b_long: length normalisation of answer terms; b_short:
  // of short-field terms, relative to the document length (0: none).
  FieldBm25Weight(double k1 = 0.9, double b_long = 0.35, double b_short = 0.0);

  std::string name() const override;
  std::string serialise() const override;
  FieldBm25Weight* unserialise(const std::string& serialised) const override;
  FieldBm25Weight* clone() const override;
  void init(double factor) override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                     Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxextra() const override;

 private:
  double k1_, b_long_, b_short_;
  double b_ = 0;            // of the term being weighed
  double term_weight_ = 0;  // factor * idf * (k1 + 1)
  // k1 * ((1 - b) + b * doclen / average) = k1_fixed_ + k1_per_length_ * doclen, set by init()
  // so that get_sumpart, called for every candidate document, does no division.
  double k1_fixed_ = 0;
  double k1_per_length_ = 0;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_FIELD_WEIGHT_H_
