package dev.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.ServerLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one app object into an {@link App}. Field names are matched case- and underscore-insensitively,
 * so snake_case (SQL, Sockudo JSON), camelCase (soketi JSON) and PascalCase (soketi DynamoDB) all read the
 * same; soketi's short column names ({@code max_backend_events_per_sec}) are aliases. Values may be JSON
 * numbers or numeric strings; ids given as numbers become their decimal string.
 */
public final class AppParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Normalised alias → normalised canonical name. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("appid", "id"),
      Map.entry("appkey", "key"),
      Map.entry("appsecret", "secret"),
      Map.entry("maxconns", "maxconnections"),
      Map.entry("maxbackendeventspersec", "maxbackendeventspersecond"),
      Map.entry("maxclienteventspersec", "maxclienteventspersecond"),
      Map.entry("maxreadreqpersec", "maxreadrequestspersecond"),
      Map.entry("maxreadrequestspersec", "maxreadrequestspersecond"),
      Map.entry("maxpresencemembersize", "maxpresencemembersizeinkb"),
      Map.entry("maxpresencemembers", "maxpresencemembersperchannel"),
      Map.entry("enablesubscriptioncountevents", "enablesubscriptioncount"),
      Map.entry("subscriptioncountenabled", "enablesubscriptioncount"),
      Map.entry("enableclientevents", "enableclientmessages"),
      // soketi's SOKETI_DEFAULT_APP_USER_AUTHENTICATION
      Map.entry("userauthentication", "enableuserauthentication"));

  private AppParser() {}

  public static App parse(JsonNode obj, ServerLimits d) {
    if (obj == null || !obj.isObject()) {
      throw new AppException("an app must be a JSON object, got " + obj);
    }
    Map<String, Field> f = normalise(obj);
    String id = text(f, "id");
    String where = id == null ? "app" : "app " + id;
    return new App(
        id,
        text(f, "key"),
        text(f, "secret"),
        bool(f, where, "enabled", true),
        bool(f, where, "enableclientmessages", false),
        bool(f, where, "enableuserauthentication", false),
        bool(f, where, "enablewatchlistevents", false),
        bool(f, where, "enablesubscriptioncount", false),
        limit(f, where, "maxconnections", d.maxConnections()),
        limit(f, where, "maxclienteventspersecond", d.maxClientEventsPerSecond()),
        limit(f, where, "maxreadrequestspersecond", d.maxReadRequestsPerSecond()),
        limit(f, where, "maxbackendeventspersecond", d.maxBackendEventsPerSecond()),
        limit(f, where, "maxpresencemembersperchannel", d.maxPresenceMembersPerChannel()),
        size(f, where, "maxpresencemembersizeinkb", d.maxPresenceMemberBytes()),
        limit(f, where, "maxchannelnamelength", d.maxChannelNameLength()),
        limit(f, where, "maxeventchannelsatonce", d.maxEventChannelsAtOnce()),
        limit(f, where, "maxeventnamelength", d.maxEventNameLength()),
        size(f, where, "maxeventpayloadinkb", d.maxEventPayloadBytes()),
        limit(f, where, "maxeventbatchsize", d.maxEventBatchSize()),
        origins(f, where),
        webhooks(f, where));
  }

  /** A field's value and its name as the user spelled it, which error messages repeat. */
  private record Field(String name, JsonNode value) {}

  private static Map<String, Field> normalise(JsonNode obj) {
    Map<String, Field> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      if (e.getValue() == null || e.getValue().isNull()) {
        continue;
      }
      out.put(normaliseName(e.getKey()), new Field(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** A field name without case, underscores or dashes, with soketi's short names mapped to ours. */
  public static String normaliseName(String name) {
    String n = name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(n, n);
  }

  private static String text(Map<String, Field> f, String name) {
    Field n = f.get(name);
    return n == null ? null : n.value.asText();
  }

  private static boolean bool(Map<String, Field> f, String where, String name, boolean def) {
    Field n = f.get(name);
    return n == null ? def : boolValue(where, n.name, n.value);
  }

  /** A stored boolean: JSON boolean, 0/1, or the text true/false (any case). */
  public static boolean boolValue(String where, String name, JsonNode n) {
    try {
      return ConfigTree.parseBool(name, n);
    } catch (ConfigException e) {
      throw new AppException(where + ": " + name + "=" + n + ": expected true or false");
    }
  }

  private static int limit(Map<String, Field> f, String where, String name, int def) {
    Field n = f.get(name);
    if (n == null || (n.value.isTextual() && n.value.asText().isBlank())) {
      return def;
    }
    return limitValue(where, n.name, n.value);
  }

  /** A stored limit: -1 (unlimited) or a non-negative integer, as a JSON number or numeric text. */
  public static int limitValue(String where, String name, JsonNode n) {
    long v;
    if (n.isNumber()) {
      v = n.asLong();
    } else {
      try {
        v = Long.parseLong(n.asText().trim());
      } catch (NumberFormatException e) {
        throw new AppException(where + ": " + name + "=" + n + ": expected an integer (-1 for unlimited)");
      }
    }
    if (v < -1 || v > Integer.MAX_VALUE) {
      throw new AppException(where + ": " + name + "=" + v + ": expected -1 or a non-negative integer");
    }
    return (int) v;
  }

  /** A size limit in bytes from a field in KB; {@code def} is already in bytes. */
  private static long size(Map<String, Field> f, String where, String name, long def) {
    Field n = f.get(name);
    if (n == null || (n.value.isTextual() && n.value.asText().isBlank())) {
      return def;
    }
    return kbBytes(kbValue(where, n.name, n.value));
  }

  /**
   * A stored size in KB: -1 (unlimited) or a non-negative number up to 2^31-1, as a JSON number or numeric
   * text. Decimals are allowed: soketi's limits are JavaScript numbers ({@code 0.25} KB is 256 bytes).
   */
  public static BigDecimal kbValue(String where, String name, JsonNode n) {
    BigDecimal v;
    try {
      v = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new AppException(where + ": " + name + "=" + n + ": expected a number of KB (-1 for unlimited)");
    }
    if ((v.signum() < 0 && v.compareTo(BigDecimal.ONE.negate()) != 0)
        || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw new AppException(where + ": " + name + "=" + n + ": expected -1 or a non-negative number of KB");
    }
    // below 1e-30 KB is 0 bytes: kept as 0 so that no later step (bytes, the stored or echoed JSON, a
    // NUMERIC column's plain text) expands an exponent such as 1e-999999999 digit by digit
    return v.signum() > 0 && v.precision() - v.scale() < -30 ? BigDecimal.ZERO : v.stripTrailingZeros();
  }

  /** KB as whole bytes (rounded half up); -1 stays -1. */
  public static long kbBytes(BigDecimal kb) {
    return kb.signum() < 0 ? -1 : ConfigTree.roundedBytes(kb, 1024);
  }

  private static List<String> origins(Map<String, Field> f, String where) {
    Field n = f.get("allowedorigins");
    return n == null ? new ArrayList<>() : originsValue(where, n.value);
  }

  /** Allowed origins from a JSON array, JSON text or a comma-separated list. */
  public static List<String> originsValue(String where, JsonNode raw) {
    JsonNode n = parseIfString(raw, where, "allowed_origins");
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(o -> out.add(o.asText()));
    } else {
      for (String s : n.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static JsonNode webhooks(Map<String, Field> f, String where) {
    Field n = f.get("webhooks");
    return webhooksValue(where, n == null ? null : n.value);
  }

  /** Webhooks from a JSON array or its JSON text (as SQL and DynamoDB stores keep them). */
  public static JsonNode webhooksValue(String where, JsonNode raw) {
    JsonNode n = parseIfString(raw, where, "webhooks");
    if (n == null) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!n.isArray()) {
      throw new AppException(where + ": webhooks: expected a JSON array");
    }
    return (ArrayNode) n;
  }

  /** SQL and DynamoDB stores keep JSON columns as strings. */
  private static JsonNode parseIfString(JsonNode n, String where, String name) {
    if (n == null || !n.isTextual()) {
      return n;
    }
    String s = n.asText().trim();
    if (!s.startsWith("[") && !s.startsWith("{")) {
      return name.equals("allowed_origins") && !s.isEmpty() ? n : null;
    }
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AppException(where + ": " + name + " is not valid JSON");
    }
  }
}
