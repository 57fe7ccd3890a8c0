// @brief Term and group statistics, as Xapian's weighting objects see them.
#include "searcher/bm25_stats.h"

#include <cmath>
#include <memory>

#include "searcher/field_weight.h"

namespace hqa {
namespace {

// Reads what Xapian weighs a group of terms with (OP_SYNONYM: their summed wdf, an estimate of
// their frequency, a wqf of 1): the statistics its weighting object is given.
class StatsRecorder : public Xapian::Weight {
 public:
  struct Seen {
    bool weighed = false;
    Xapian::doccount termfreq = 0;
    Xapian::termcount wqf = 0, wdf = 0;
  };
  explicit StatsRecorder(std::shared_ptr<Seen> seen) : seen_(std::move(seen)) {
    need_stat(TERMFREQ);
    need_stat(WQF);
    need_stat(WDF);
  }
  std::string name() const override { return "hqa::StatsRecorder"; }
  StatsRecorder* clone() const override { return new StatsRecorder(seen_); }
  void init(double factor) override {
    if (factor == 0) return;  // the term-independent part, or an unweighted term
    seen_->weighed = true;
    seen_->termfreq = get_termfreq();
    seen_->wqf = get_wqf();
  }
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount, Xapian::termcount) const override {
    seen_->wdf = wdf;
    return 1;
  }
  double get_maxpart() const override { return 1; }  // not 0: Xapian would weigh nothing
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  std::shared_ptr<Seen> seen_;
};

}  // namespace

double WeighingScheme::idf(double documents, double termfreq) const {
  double ratio = (documents - termfreq + 0.5) / (termfreq + 0.5);
  if (!bm25) return std::log(1.0 + ratio);  // FieldBm25Weight::init
  if (ratio < 2) ratio = ratio * 0.5 + 1;   // Xapian's BM25Weight::init
  return std::log(ratio);
}

Xapian::termcount wdf_of(const Xapian::Database& db, const std::string& term, Xapian::docid doc) {
  Xapian::PostingIterator it = db.postlist_begin(term);
  it.skip_to(doc);
  return it != db.postlist_end(term) && *it == doc ? it.get_wdf() : 0;
}

Bm25Stats term_stats(const Xapian::Database& db, const WeighingScheme& scheme,
                     const std::string& term, const std::string& field, Xapian::docid doc) {
  Bm25Stats stats;
  stats.termfreq = db.get_termfreq(term);
  stats.wdf = wdf_of(db, term, doc);
  stats.idf = scheme.idf(db.get_doccount(), static_cast<double>(stats.termfreq));
  stats.k1 = scheme.ranking.bm25_k1;
  // The query builder gives answer terms a wqf of 1 and the short fields' terms
  // kShortFieldWqf, from which FieldBm25Weight picks b.
  stats.b = scheme.bm25 || field == "answer" ? scheme.ranking.bm25_b : scheme.ranking.short_field_b;
  return stats;
}

std::optional<Bm25Stats> group_stats(const Xapian::Database& db, const WeighingScheme& scheme,
                                     const Xapian::Query& group, const std::string& id_term) {
  auto seen = std::make_shared<StatsRecorder::Seen>();
  Xapian::Enquire alone(db);
  alone.set_weighting_scheme(StatsRecorder(seen));
  alone.set_query(Xapian::Query(Xapian::Query::OP_FILTER, group, Xapian::Query(id_term)));
  if (alone.get_mset(0, 1).empty() || !seen->weighed) return std::nullopt;
  Bm25Stats stats;
  stats.termfreq = seen->termfreq;
  stats.wdf = seen->wdf;
  stats.idf = scheme.idf(db.get_doccount(), seen->termfreq);
  stats.k1 = scheme.ranking.bm25_k1;
  stats.b = !scheme.bm25 && seen->wqf >= FieldBm25Weight::kShortFieldWqf
                ? scheme.ranking.short_field_b
                : scheme.ranking.bm25_b;
  return stats;
}

}  // namespace hqa
