package dev.switchboard.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored app row written by a fuzz input: one line per column, {@code column=tag:value}, where the tag says
 * which Java type the store's driver hands over for it ({@code s} text, {@code n} decimal, {@code d} double,
 * {@code l} long, {@code i} int, {@code b} boolean, {@code x} bytes, {@code j} JSON text, {@code ls} a list of
 * texts separated by {@code |}). Each store test maps the tags onto its driver's types; a value its database
 * could not hold (a decimal that is no number) is left out.
 */
public final class StoreRow {
  /** One column: its name as stored, the type tag and the raw text. */
  public record Cell(String column, String tag, String text) {
    /** The text as a decimal, or null when it is none. */
    public BigDecimal decimal() {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    public Long longValue() {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    public Double doubleValue() {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private StoreRow() {}

  public static List<Cell> cells(byte[] data) {
    List<Cell> out = new ArrayList<>();
    for (String line : FuzzInput.text(data).split("\n", -1)) {
      int eq = line.indexOf('=');
      int colon = eq < 0 ? -1 : line.indexOf(':', eq);
      if (eq > 0 && colon > eq) {
        out.add(new Cell(line.substring(0, eq), line.substring(eq + 1, colon), line.substring(colon + 1)));
      }
    }
    return out;
  }
}
