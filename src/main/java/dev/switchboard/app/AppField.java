package dev.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every stored field of an app, with its canonical snake_case name (our SQL column and config name) and its
 * kind. Stores map these to their own column or attribute names; {@link #definition} turns any spelling of
 * an app object into the canonical form that the admin SPI speaks.
 */
public enum AppField {
  ID(Kind.TEXT), KEY(Kind.TEXT), SECRET(Kind.TEXT),
  ENABLED(Kind.BOOL), ENABLE_CLIENT_MESSAGES(Kind.BOOL), ENABLE_USER_AUTHENTICATION(Kind.BOOL),
  ENABLE_WATCHLIST_EVENTS(Kind.BOOL), ENABLE_SUBSCRIPTION_COUNT(Kind.BOOL),
  MAX_CONNECTIONS(Kind.INT), MAX_CLIENT_EVENTS_PER_SECOND(Kind.INT), MAX_READ_REQUESTS_PER_SECOND(Kind.INT),
  MAX_BACKEND_EVENTS_PER_SECOND(Kind.INT), MAX_PRESENCE_MEMBERS_PER_CHANNEL(Kind.INT),
  MAX_PRESENCE_MEMBER_SIZE_IN_KB(Kind.SIZE), MAX_CHANNEL_NAME_LENGTH(Kind.INT), MAX_EVENT_CHANNELS_AT_ONCE(Kind.INT),
  MAX_EVENT_NAME_LENGTH(Kind.INT), MAX_EVENT_PAYLOAD_IN_KB(Kind.SIZE), MAX_EVENT_BATCH_SIZE(Kind.INT),
  ALLOWED_ORIGINS(Kind.JSON), WEBHOOKS(Kind.JSON);

  /**
   * How a field is stored: text, boolean, integer (-1 = unlimited), a size in KB (-1 = unlimited; decimals
   * allowed, as soketi's JavaScript numbers allow them) or a JSON array.
   */
  public enum Kind { TEXT, BOOL, INT, SIZE, JSON }

  private final Kind kind;
  private final String column;
  private final String pascal;

  AppField(Kind kind) {
    this.kind = kind;
    this.column = name().toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    for (String part : column.split("_")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    this.pascal = sb.toString();
  }

  public Kind kind() {
    return kind;
  }

  /** The canonical snake_case name: our column, config key and admin JSON field. */
  public String column() {
    return column;
  }

  /** PascalCase name, as soketi's DynamoDB layout spells attributes ({@code MaxConnections}). */
  public String pascal() {
    return pascal;
  }

  private static final Map<String, AppField> BY_NORMALISED = buildIndex();

  private static Map<String, AppField> buildIndex() {
    Map<String, AppField> m = new java.util.HashMap<>();
    for (AppField f : values()) {
      m.put(AppParser.normaliseName(f.column), f);
    }
    return Map.copyOf(m);
  }

  /** The field that {@code anyName} (any case, soketi's short names too) stands for. */
  public static Optional<AppField> of(String anyName) {
    return Optional.ofNullable(BY_NORMALISED.get(AppParser.normaliseName(anyName)));
  }

  /**
   * The canonical definition of an app object written in any spelling: known fields under their snake_case
   * names, values checked and typed (JSON text parsed), nulls kept (they mean "unset"). Unknown fields fail.
   */
  public static ObjectNode definition(JsonNode obj) {
    if (obj == null || !obj.isObject()) {
      throw new AppException("an app must be a JSON object");
    }
    Map<AppField, JsonNode> found = new java.util.EnumMap<>(AppField.class);
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      AppField f = of(e.getKey()).orElseThrow(() -> new AppException("unknown app field " + e.getKey()));
      found.put(f, f.value(e.getValue()));
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    found.forEach((f, v) -> out.set(f.column, v));
    return out;
  }

  /** {@code raw} as this field's canonical JSON value; null or an empty string become JSON null (unset). */
  public JsonNode value(JsonNode raw) {
    JsonNodeFactory j = JsonNodeFactory.instance;
    if (raw == null || raw.isNull() || (raw.isTextual() && raw.asText().isBlank() && kind != Kind.TEXT)) {
      return j.nullNode();
    }
    return switch (kind) {
      case TEXT -> j.textNode(raw.asText());
      case BOOL -> j.booleanNode(AppParser.boolValue("app", column, raw));
      case INT -> j.numberNode(AppParser.limitValue("app", column, raw));
      case SIZE -> kbNode(AppParser.kbValue("app", column, raw));
      case JSON -> this == WEBHOOKS ? AppParser.webhooksValue("app", raw) : strings(AppParser.originsValue("app", raw));
    };
  }

  private static JsonNode strings(java.util.List<String> list) {
    var arr = JsonNodeFactory.instance.arrayNode();
    list.forEach(arr::add);
    return arr;
  }

  /** A size in KB as JSON: a whole number as an integer (as before sizes took decimals), else a decimal. */
  public static JsonNode kbNode(java.math.BigDecimal kb) {
    java.math.BigDecimal v = kb.stripTrailingZeros();
    return v.scale() <= 0 ? JsonNodeFactory.instance.numberNode(v.longValueExact())
        : JsonNodeFactory.instance.numberNode(v);
  }

  private static java.math.BigDecimal kb(long bytes) {
    return bytes < 0 ? java.math.BigDecimal.ONE.negate()
        : java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024));
  }

  /** The full definition of a resolved app (every field set), e.g. for an app from the config file. */
  public static ObjectNode definitionOf(App a) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", a.id()).put("key", a.key()).put("secret", a.secret()).put("enabled", a.enabled())
        .put("enable_client_messages", a.enableClientMessages())
        .put("enable_user_authentication", a.enableUserAuthentication())
        .put("enable_watchlist_events", a.enableWatchlistEvents())
        .put("enable_subscription_count", a.enableSubscriptionCount())
        .put("max_connections", a.maxConnections())
        .put("max_client_events_per_second", a.maxClientEventsPerSecond())
        .put("max_read_requests_per_second", a.maxReadRequestsPerSecond())
        .put("max_backend_events_per_second", a.maxBackendEventsPerSecond())
        .put("max_presence_members_per_channel", a.maxPresenceMembersPerChannel());
    o.set("max_presence_member_size_in_kb", kbNode(kb(a.maxPresenceMemberBytes())));
    o.put("max_channel_name_length", a.maxChannelNameLength())
        .put("max_event_channels_at_once", a.maxEventChannelsAtOnce())
        .put("max_event_name_length", a.maxEventNameLength());
    o.set("max_event_payload_in_kb", kbNode(kb(a.maxEventPayloadBytes())));
    o.put("max_event_batch_size", a.maxEventBatchSize());
    o.set("allowed_origins", strings(a.allowedOrigins()));
    o.set("webhooks", a.webhooks());
    return o;
  }
}
