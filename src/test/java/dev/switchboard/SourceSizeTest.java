package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The house size rule: no source file over 800 lines (tests 600), no line over 120 columns. */
class SourceSizeTest {
  @Test
  void sourceFilesStayWithinTheSizeRule() throws IOException {
    List<String> problems = new ArrayList<>();
    check(Path.of("src/main/java"), 800, problems);
    check(Path.of("src/test/java"), 600, problems);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static void check(Path root, int maxLines, List<String> problems) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        if (lines.size() > maxLines) {
          problems.add(f + ": " + lines.size() + " lines (max " + maxLines + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).length() > 120) {
            problems.add(f + ":" + (i + 1) + ": " + lines.get(i).length() + " columns");
          }
        }
      }
    }
  }
}
