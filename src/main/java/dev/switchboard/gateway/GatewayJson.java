package dev.switchboard.gateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON text pieces the gateway writes by hand (its frames are tiny and fixed in shape). */
final class GatewayJson {
  private GatewayJson() {}

  /** {@code s} as a JSON string literal, quotes included. */
  static String quoted(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
