package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;

/** JSON text pieces the gateway writes by hand (its frames are tiny and fixed in shape). */
final class GatewayJson {
  private GatewayJson() {}

  /** {@code s} as a JSON string literal, quotes included. */
  static String quoted(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  /**
   * The text of the value {@code p} is on ({@code value} its first token), cut from {@code text} as written;
   * leaves the parser after the value.
   */
  static String raw(JsonParser p, String text, JsonToken value) throws IOException {
    int start = (int) p.currentTokenLocation().getCharOffset();
    if (value.isScalarValue()) {
      p.finishToken(); // a string is read lazily: its end is known only once it is finished
    } else {
      p.skipChildren();
    }
    return text.substring(start, (int) p.currentLocation().getCharOffset());
  }
}
