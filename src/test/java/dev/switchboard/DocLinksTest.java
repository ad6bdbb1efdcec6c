package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown files points at a file that exists and, with a {@code #anchor},
 * at a heading of that file (GitHub's anchor rules). Links outside the repository (http, mailto) are not checked.
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  @Test
  void everyRelativeLinkResolves() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    List<String> broken = new ArrayList<>();
    for (Path md : markdownFiles(root)) {
      for (String target : links(md)) {
        String problem = check(root, md, target);
        if (problem != null) {
          broken.add(root.relativize(md) + ": (" + target + ") " + problem);
        }
      }
    }
    assertEquals(List.of(), broken, "broken links in the Markdown files");
  }

  private static List<Path> markdownFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> {
            String r = root.relativize(p).toString();
            return !r.startsWith("target") && !r.contains("node_modules") && !r.startsWith(".")
                && !r.contains("/target/");
          })
          .sorted().toList();
    }
  }

  /** Link targets outside fenced code blocks. */
  private static List<String> links(Path md) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(md)) {
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher m = LINK.matcher(fenced ? "" : line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private String check(Path root, Path md, String target) throws IOException {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // http:, https:, mailto:
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path dest = file.isEmpty() ? md : md.getParent().resolve(file).normalize();
    if (!Files.exists(dest)) {
      return "no such file";
    }
    if (anchor != null && dest.toString().endsWith(".md") && !anchors(dest).contains(anchor)) {
      return "no heading with this anchor in " + root.relativize(dest);
    }
    return null;
  }

  private Set<String> anchors(Path md) throws IOException {
    Set<String> known = anchors.get(md);
    if (known == null) {
      known = headingAnchors(Files.readAllLines(md));
      anchors.put(md, known);
    }
    return known;
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2... */
  static Set<String> headingAnchors(List<String> lines) {
    Set<String> out = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
      }
      if (fenced || !line.matches("#{1,6} .*")) {
        continue;
      }
      String slug = line.replaceFirst("#+ ", "").trim().toLowerCase(Locale.ROOT)
          .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      out.add(n == 0 ? slug : slug + "-" + n);
    }
    return out;
  }
}
