package dev.switchboard.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key tables of docs/configuration.md: every Markdown table whose header starts {@code | Key | Env |}.
 * In each row, the backticked words of the first cell are config paths the code reads (the key, and any other
 * spelling of it the code also reads, such as soketi's {@code database.mysql.user}); those of the second cell
 * are environment variables, each of which must set one of the row's keys. Adding a key is adding one row.
 */
record ConfigDocTable(Map<String, Row> rowsByKey, List<Row> rows) {
  /** One table row: its line number, its keys and its environment variables. */
  record Row(int line, List<String> keys, List<String> envNames) {}

  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

  static ConfigDocTable read(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    List<Row> rows = new ArrayList<>();
    boolean inKeyTable = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (!line.startsWith("|")) {
        inKeyTable = false;
        continue;
      }
      List<String> cells = cells(line);
      if (!inKeyTable) {
        // a table's first line is its header; only key tables are read
        inKeyTable = cells.size() >= 2 && cells.get(0).equals("Key") && cells.get(1).equals("Env");
        continue;
      }
      if (line.matches("\\|[\\s:|-]+")) {
        continue; // the separator under the header
      }
      rows.add(new Row(i + 1, ticked(cells.get(0)), cells.size() > 1 ? ticked(cells.get(1)) : List.of()));
    }
    Map<String, Row> byKey = new LinkedHashMap<>();
    rows.forEach(r -> r.keys().forEach(k -> byKey.putIfAbsent(k, r)));
    return new ConfigDocTable(byKey, rows);
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
    List<String> out = new ArrayList<>();
    for (String c : inner.split("(?<!\\\\)\\|", -1)) {
      out.add(c.trim());
    }
    return out;
  }

  private static List<String> ticked(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = TICKED.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
