package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The merged configuration as one JSON tree addressed by dotted paths ({@code app_manager.cache.ttl}).
 * Every source (file, soketi dot-keys, environment) writes into it; typed readers validate on the way
 * out and name the key in their error.
 */
public final class ConfigTree {
  private final ObjectNode root;
  /** path → the env variable or file key that set it, where that differs from the path. */
  private final java.util.Map<String, String> labels = new java.util.HashMap<>();
  /** Arrays created by an indexed key (see {@link #set(String, JsonNode)}). */
  private final java.util.Set<String> indexedArrays = new java.util.HashSet<>();
  private boolean soketiForm;
  /** Paths read and the classes that read them; null (nothing recorded) unless {@link #recordReads} was called. */
  private volatile java.util.Map<String, java.util.Set<String>> reads;

  public ConfigTree(ObjectNode root) {
    this.root = root;
  }

  public static ConfigTree empty() {
    return new ConfigTree(JsonNodeFactory.instance.objectNode());
  }

  public ObjectNode root() {
    return root;
  }

  /**
   * True when the configuration came in soketi's form: a flat dot-key file or a {@code SOKETI_*} variable.
   * Defaults where soketi and Pusher (or Sockudo) differ follow it, so a soketi deployment moves over unchanged.
   */
  public boolean soketiForm() {
    return soketiForm;
  }

  void markSoketiForm() {
    soketiForm = true;
  }

  /**
   * From now on remembers every path read through this tree and which class read it, so a test can compare
   * the keys the code reads with the documented ones (ConfigDocTest). Off in the server: nothing is recorded.
   */
  public void recordReads() {
    reads = new java.util.concurrent.ConcurrentHashMap<>();
  }

  /** Path → simple names of the classes that read it, since {@link #recordReads}; empty when not recording. */
  public java.util.Map<String, java.util.Set<String>> reads() {
    return reads == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(reads);
  }

  private void recordRead(String path) {
    String reader = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
            .filter(c -> c != ConfigTree.class).findFirst().map(Class::getName).orElse("?"));
    reads.computeIfAbsent(path, p -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(reader);
  }

  /** The node at {@code path}, or null when absent; numeric segments index arrays ({@code apps.0.id}). */
  public JsonNode node(String path) {
    if (reads != null) {
      recordRead(path);
    }
    JsonNode cur = root;
    for (String part : path.split("\\.")) {
      if (cur == null || !cur.isContainerNode()) {
        return null;
      }
      cur = cur.isArray() ? (index(part) < 0 ? null : cur.get(index(part))) : cur.get(part);
    }
    return cur == null || cur.isNull() ? null : cur;
  }

  /** Sets {@code path} as {@link #set(String, JsonNode)} does, remembering that {@code label} set it. */
  public void set(String path, JsonNode value, String label) {
    setAt(path, value, label);
    if (!label.equals(path)) {
      labels.put(path, label);
    }
  }

  /** The env variable or file key that set {@code path}, or the path itself. */
  public String label(String path) {
    return labels.getOrDefault(path, path);
  }

  /**
   * Sets {@code path} to {@code value}, creating intermediate objects. A numeric segment indexes an array, as
   * soketi's dot-path setter does ({@code app_manager.array.apps.0.webhooks}): an array that is missing is
   * created (and remembered, see {@link #createdByIndex}), one too short is padded with nulls.
   */
  public void set(String path, JsonNode value) {
    setAt(path, value, path);
  }

  /** {@link #set(String, JsonNode)}; an error names {@code label}, the key as the user wrote it. */
  private void setAt(String path, JsonNode value, String label) {
    labels.remove(path);
    indexedArrays.removeIf(p -> p.equals(path) || p.startsWith(path + "."));
    String[] parts = path.split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty()) { // "." or "a..b": soketi's setter would make a "" key nobody reads; found by fuzzing
        throw new ConfigException("invalid config " + label + ": a segment between dots is empty");
      }
    }
    JsonNode cur = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = child(cur, parts[i], label);
      boolean wantArray = index(parts[i + 1]) >= 0;
      if (next.isArray() && !wantArray) {
        arrayIndex(parts[i + 1], label); // a list given whole is not replaced by a stray key: say so
      }
      if (wantArray ? !next.isContainerNode() : !next.isObject()) {
        next = wantArray ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
        put(cur, parts[i], next, label);
        if (wantArray) {
          indexedArrays.add(String.join(".", java.util.Arrays.copyOf(parts, i + 1)));
        }
      }
      cur = next;
    }
    put(cur, parts[parts.length - 1], value, label);
  }

  /**
   * True when the array at {@code path} was created by an indexed key rather than given whole: for
   * {@code app_manager.array.apps} that means the keys amend soketi's default app instead of listing apps.
   */
  public boolean createdByIndex(String path) {
    return indexedArrays.contains(path);
  }

  /** {@code part} as an array index, or -1 when it is not one. */
  private static int index(String part) {
    return part.matches("\\d{1,4}") ? Integer.parseInt(part) : -1;
  }

  private static JsonNode child(JsonNode container, String part, String label) {
    JsonNode n = container.isArray() ? container.get(arrayIndex(part, label)) : container.get(part);
    return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
  }

  private static void put(JsonNode container, String part, JsonNode value, String label) {
    if (container instanceof ObjectNode o) {
      o.set(part, value);
      return;
    }
    ArrayNode a = (ArrayNode) container;
    int i = arrayIndex(part, label);
    while (a.size() <= i) {
      a.addNull();
    }
    a.set(i, value);
  }

  private static int arrayIndex(String part, String label) {
    int i = index(part);
    if (i < 0) {
      throw new ConfigException("invalid config " + label + ": " + part + " is not an index (0 to 9999) into a list");
    }
    return i;
  }

  public String string(String path, String def) {
    JsonNode n = node(path);
    if (n == null) {
      return def;
    }
    if (!n.isValueNode()) {
      throw ConfigException.invalid(path, n, "a string");
    }
    return n.asText();
  }

  public int integer(String path, int def) {
    long v = longValue(path, def);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw ConfigException.invalid(path, v, "an integer within 32 bits");
    }
    return (int) v;
  }

  public long longValue(String path, long def) {
    JsonNode n = node(path);
    return n == null ? def : parseLong(path, n);
  }

  /** An integer as a JSON number (without fraction) or numeric text; the error names {@code key}. */
  public static long parseLong(String key, JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble())) {
      return (long) n.asDouble();
    }
    if (n.isTextual()) {
      String s = n.asText().trim();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(key, "\"" + s + "\"", "an integer");
      }
    }
    throw ConfigException.invalid(key, n, "an integer");
  }

  /**
   * A size given in units of {@code unit} bytes (1024 for a {@code _kb} key): soketi's numbers are JavaScript
   * numbers, so decimals are allowed ({@code 0.25} KB is 256 bytes), rounded to whole bytes; -1 (unlimited)
   * stays -1. {@code def} is in units too.
   */
  public long bytes(String path, long def, long unit) {
    JsonNode n = node(path);
    return n == null ? def * unit : parseBytes(path, n, unit);
  }

  /** {@link #bytes} of one value: a JSON number or numeric text; the error names {@code key}. */
  public static long parseBytes(String key, JsonNode n, long unit) {
    java.math.BigDecimal v;
    try {
      v = n.isNumber() ? n.decimalValue() : n.isTextual() ? new java.math.BigDecimal(n.asText().trim()) : null;
    } catch (NumberFormatException e) {
      v = null;
    }
    if (v == null || (v.signum() < 0 && v.compareTo(java.math.BigDecimal.ONE.negate()) != 0)) {
      throw ConfigException.invalid(key, n.isTextual() ? "\"" + n.asText().trim() + "\"" : n,
          "a number (decimals allowed) or -1 for unlimited");
    }
    if (v.signum() < 0) {
      return -1;
    }
    try {
      return roundedBytes(v, unit);
    } catch (ArithmeticException e) {
      throw ConfigException.invalid(key, n, "a size below 2^63 bytes");
    }
  }

  /**
   * {@code amount} (not negative) times {@code unit}, rounded half up to whole bytes, at a cost bounded by the
   * digits written rather than by the exponent: {@code 1e-999999999} would otherwise expand a power of ten of a
   * billion digits (seconds of CPU, then an overflow). Below 1e-30 the amount is 0 bytes, as it rounds anyway;
   * an amount over 2^63 throws {@link ArithmeticException} before anything is expanded.
   */
  public static long roundedBytes(java.math.BigDecimal amount, long unit) {
    if (amount.signum() == 0 || amount.precision() - amount.scale() < -30) {
      return 0;
    }
    if (amount.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new ArithmeticException("more than 2^63");
    }
    return amount.multiply(java.math.BigDecimal.valueOf(unit)).setScale(0, java.math.RoundingMode.HALF_UP)
        .longValueExact();
  }

  public boolean bool(String path, boolean def) {
    JsonNode n = node(path);
    if (n == null) {
      return def;
    }
    return parseBool(path, n);
  }

  /** Accepts JSON booleans, 0/1 and the strings true/false/1/0/yes/no. */
  public static boolean parseBool(String key, JsonNode n) {
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isNumber()) {
      return n.asInt() != 0;
    }
    if (n.isTextual()) {
      switch (n.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1", "yes", "on" -> {
          return true;
        }
        case "false", "0", "no", "off", "" -> {
          return false;
        }
        default -> {}
      }
    }
    throw ConfigException.invalid(key, n, "true or false");
  }

  public ArrayNode array(String path) {
    JsonNode n = node(path);
    if (n == null) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw ConfigException.invalid(path, abbreviate(n), "a JSON array");
    }
    return (ArrayNode) n;
  }

  static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
