package dev.switchboard.gateway.connections;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request,
 * SignedHeaders=a;b, Signature=hex} header.
 *
 * @param signedHeaders the signed header names, lower-cased, sorted, distinct
 */
record SigV4Authorization(String accessKeyId, String date, String region, String service,
    List<String> signedHeaders, String signature) {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Pattern DATE = Pattern.compile("\\d{8}");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+");

  /** The credential scope as it appears in the string to sign. */
  String scope() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }

  static SigV4Authorization parse(String header) {
    if (header == null || header.isBlank()) {
      throw new SigV4Refusal("Missing Authorization header");
    }
    String h = header.strip();
    if (!h.startsWith(ALGORITHM + " ")) {
      throw new SigV4Refusal("Authorization header must start with " + ALGORITHM);
    }
    Map<String, String> parts = components(h.substring(ALGORITHM.length() + 1));
    String[] credential = credential(parts.get("Credential"));
    return new SigV4Authorization(credential[0], credential[1], credential[2], credential[3],
        signedHeaders(parts.get("SignedHeaders")), signature(parts.get("Signature")));
  }

  // Components are "Name=value" separated by commas; the SDKs write ", " but whitespace is not significant.
  private static Map<String, String> components(String rest) {
    Map<String, String> parts = new HashMap<>();
    for (String part : rest.split(",", -1)) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new SigV4Refusal("Authorization header component is not Name=value");
      }
      String name = p.substring(0, eq);
      if (!List.of("Credential", "SignedHeaders", "Signature").contains(name)) {
        throw new SigV4Refusal("Authorization header has an unknown component " + name);
      }
      if (parts.put(name, p.substring(eq + 1)) != null) {
        throw new SigV4Refusal("Authorization header repeats " + name);
      }
    }
    for (String name : List.of("Credential", "SignedHeaders", "Signature")) {
      if (!parts.containsKey(name)) {
        throw new SigV4Refusal("Authorization header lacks " + name);
      }
    }
    return parts;
  }

  // AKID/yyyymmdd/region/service/aws4_request: the scope is the last four fields, the key id the rest.
  private static String[] credential(String value) {
    String[] f = value.split("/", -1);
    if (f.length < 5 || !f[f.length - 1].equals("aws4_request")) {
      throw new SigV4Refusal("Credential must be AKID/yyyymmdd/region/service/aws4_request");
    }
    String key = String.join("/", java.util.Arrays.copyOf(f, f.length - 4));
    String date = f[f.length - 4];
    String region = f[f.length - 3];
    String service = f[f.length - 2];
    if (key.isEmpty() || region.isEmpty() || !DATE.matcher(date).matches()) {
      throw new SigV4Refusal("Credential must be AKID/yyyymmdd/region/service/aws4_request");
    }
    if (!service.equals("execute-api")) {
      throw new SigV4Refusal("Credential should be scoped to correct service: 'execute-api'");
    }
    return new String[] {key, date, region, service};
  }

  private static List<String> signedHeaders(String value) {
    TreeSet<String> names = new TreeSet<>();
    for (String n : value.split(";", -1)) {
      String name = n.strip().toLowerCase(Locale.ROOT);
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new SigV4Refusal("SignedHeaders must be header names separated by ';'");
      }
      if (!names.add(name)) {
        throw new SigV4Refusal("SignedHeaders repeats " + name);
      }
    }
    if (!names.contains("host")) {
      throw new SigV4Refusal("SignedHeaders must include host");
    }
    return List.copyOf(names);
  }

  private static String signature(String value) {
    if (!HEX64.matcher(value).matches()) {
      throw new SigV4Refusal("Signature must be 64 lower-case hex digits");
    }
    return value;
  }
}
