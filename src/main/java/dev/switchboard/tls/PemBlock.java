package dev.switchboard.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN TYPE----- ... -----END TYPE-----} block of a PEM file: its type, its RFC 1421 headers
 * (OpenSSL's {@code Proc-Type} and {@code DEK-Info} on a legacy encrypted key) and its decoded bytes. Text
 * outside the blocks (certbot's and openssl's comments, "Bag Attributes") is skipped, as OpenSSL does.
 */
record PemBlock(String type, Map<String, String> headers, byte[] der) {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** Every block in {@code text}, in order; throws IllegalArgumentException on a block whose base64 is broken. */
  static List<PemBlock> parse(String text) {
    List<PemBlock> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder b64 = new StringBuilder();
      for (String line : m.group(2).split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        } else {
          b64.append(line.trim());
        }
      }
      try {
        out.add(new PemBlock(m.group(1), headers, Base64.getMimeDecoder().decode(b64.toString())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the " + m.group(1) + " block is not valid base64");
      }
    }
    return out;
  }
}
