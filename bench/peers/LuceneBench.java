// Lucene 8 peer of hqa for scripts/bench_scale.sh: indexes the same JSON Lines and runs the same
// queries, so that indexing time and query latency can be compared on one machine.
//   java LuceneBench index INDEX_DIR CORPUS.jsonl
//   java LuceneBench search INDEX_DIR QUERIES.tsv [--rounds N] [--warmup N]
// Index: EnglishAnalyzer, BM25; question, answer and focus are stored text with positions and
// offsets (so the UnifiedHighlighter reads offsets from the postings); id, source, qtype and
// focus are also exact terms and sorted doc values, as hqa keeps them for filters and facets.
// Search: lowercased, escaped query text over question (boost 2) and answer, OR, top 10, each hit's
// stored fields read and question + answer highlighted (one passage). Prints p50/p90/p99/max ms.
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

public final class LuceneBench {
  private static final FieldType TEXT = new FieldType(TextField.TYPE_STORED);

  static {
    TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    TEXT.freeze();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !(args[0].equals("index") || args[0].equals("search"))) {
      System.err.println("usage: LuceneBench index INDEX_DIR CORPUS.jsonl\n"
          + "       LuceneBench search INDEX_DIR QUERIES.tsv [--rounds N] [--warmup N]");
      System.exit(2);
    }
    if (args[0].equals("index")) {
      index(args[1], args[2]);
    } else {
      int rounds = 3;
      int warmup = 1;
      for (int i = 3; i + 1 < args.length; i += 2) {
        if (args[i].equals("--rounds")) rounds = Integer.parseInt(args[i + 1]);
        if (args[i].equals("--warmup")) warmup = Integer.parseInt(args[i + 1]);
      }
      search(args[1], args[2], rounds, warmup);
    }
  }

  private static String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  private static void keyword(Document doc, String field, String value) {
    if (value.isEmpty()) return;
    doc.add(new StringField(field, value, Field.Store.YES));
    doc.add(new SortedDocValuesField(field, new BytesRef(value)));
  }

  static void index(String indexDir, String corpus) throws Exception {
    long start = System.nanoTime();
    IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
    config.setSimilarity(new BM25Similarity());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(256);
    long docs = 0;
    try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(indexDir)), config);
         BufferedReader in = Files.newBufferedReader(Paths.get(corpus), StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonObject object = JsonParser.parseString(line).getAsJsonObject();
        String answer = text(object, "answer");
        if (answer.isBlank()) continue;  // hqa skips unanswered pairs too
        Document doc = new Document();
        keyword(doc, "id", text(object, "id"));
        doc.add(new Field("question", text(object, "question"), TEXT));
        doc.add(new Field("answer", answer, TEXT));
        String focus = text(object, "focus");
        doc.add(new Field("focus", focus, TEXT));
        keyword(doc, "focus_exact", focus);
        keyword(doc, "qtype", text(object, "qtype"));
        keyword(doc, "source", text(object, "source"));
        doc.add(new StoredField("url", text(object, "url")));
        writer.addDocument(doc);
        ++docs;
      }
      writer.commit();
    }
    System.out.printf(Locale.ROOT, "lucene index: %d documents in %.2f s (in-process)%n", docs,
        (System.nanoTime() - start) / 1e9);
  }

  static void search(String indexDir, String queriesFile, int rounds, int warmup)
      throws Exception {
    List<String> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(queriesFile), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab >= 0) queries.add(line.substring(tab + 1));
    }
    Analyzer analyzer = new EnglishAnalyzer();
    Map<String, Float> boosts = new HashMap<>();
    boosts.put("question", 2.0f);
    boosts.put("answer", 1.0f);
    String[] fields = {"question", "answer"};
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(indexDir)))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      UnifiedHighlighter highlighter = new UnifiedHighlighter(searcher, analyzer);
      long hits = 0;
      double[] ms = new double[rounds * queries.size()];
      int n = 0;
      for (int round = 0; round < warmup + rounds; ++round) {
        for (String text : queries) {
          long start = System.nanoTime();
          MultiFieldQueryParser parser = new MultiFieldQueryParser(fields, analyzer, boosts);
          Query query = parser.parse(QueryParser.escape(text.toLowerCase(Locale.ROOT)));
          TopDocs top = searcher.search(query, 10);
          Map<String, String[]> marked =
              highlighter.highlightFields(fields, query, top, new int[] {1, 1});
          for (ScoreDoc hit : top.scoreDocs) {
            Document doc = searcher.doc(hit.doc);
            hits += doc.get("id").length() > 0 ? 1 : 0;
          }
          hits += marked.get("answer").length;
          if (round >= warmup) ms[n++] = (System.nanoTime() - start) / 1e6;
        }
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "%-28s %8s %8s %8s %8s %8s%n", "search (top 10 + highlights)",
          "queries", "p50 ms", "p90 ms", "p99 ms", "max ms");
      System.out.printf(Locale.ROOT, "%-28s %8d %8.2f %8.2f %8.2f %8.2f%n", "lucene in-process", n,
          at(ms, 0.5), at(ms, 0.9), at(ms, 0.99), ms[n - 1]);
      if (hits == 0) System.err.println("lucene: no query found anything");
    }
  }

  // The same percentile rule as bench/search_latency.cc.
  private static double at(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
  }
}
