package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an app's {@code webhooks} array. Keys are matched ignoring case and underscores, so soketi's
 * snake_case ({@code lambda_function}, {@code event_types}), camelCase ({@code eventTypes},
 * {@code lambdaFunction}) and Sockudo's names read alike; soketi's documented {@code filters} and its code's
 * {@code filter} both work. A bad entry fails with a message naming it.
 */
public final class WebhookTargets {
  private WebhookTargets() {}

  public static List<WebhookTarget> parse(JsonNode webhooks) {
    List<WebhookTarget> out = new ArrayList<>();
    if (webhooks == null || webhooks.isNull()) {
      return out;
    }
    if (!webhooks.isArray()) {
      throw new WebhookException("webhooks: expected a JSON array");
    }
    for (int i = 0; i < webhooks.size(); i++) {
      out.add(parseOne(webhooks.get(i), "webhooks[" + i + "]"));
    }
    return out;
  }

  public static WebhookTarget parseOne(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new WebhookException(where + ": expected a JSON object");
    }
    Map<String, JsonNode> f = fields(n);
    for (String unsupported : List.of("retry", "requesttimeoutms")) {
      if (f.containsKey(unsupported)) {
        // Sockudo's per-webhook settings: refused rather than silently replaced by the global ones
        throw new WebhookException(where + ": per-webhook " + (unsupported.equals("retry") ? "retry"
            : "request_timeout_ms") + " is not supported; use webhooks.retry.* or webhooks.timeout_ms");
      }
    }
    JsonNode lambdaNode = f.get("lambda");
    Map<String, JsonNode> lambda = lambdaNode != null && lambdaNode.isObject() ? fields(lambdaNode) : Map.of();
    String function = text(f.get("lambdafunction"));
    if (function == null) {
      function = text(lambda.get("functionname"));
    }
    String url = text(f.get("url"));
    if ((url == null) == (function == null)) {
      throw new WebhookException(where + ": expected exactly one of url or lambda_function");
    }
    return new WebhookTarget(url == null ? null : url(url, where), function == null ? null
        : lambda(function, f, lambda, where), eventTypes(f.get("eventtypes"), where),
        headers(f.get("headers"), where), filter(f.containsKey("filter") ? f.get("filter") : f.get("filters"), where),
        n);
  }

  static Map<String, JsonNode> fields(JsonNode obj) {
    Map<String, JsonNode> out = new HashMap<>();
    obj.properties().forEach(e -> {
      if (e.getValue() != null && !e.getValue().isNull()) {
        out.put(e.getKey().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT), e.getValue());
      }
    });
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
  }

  private static URI url(String s, String where) {
    try {
      URI u = URI.create(s);
      if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
        return u;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    throw new WebhookException(where + ".url=" + s + ": expected an http or https URL");
  }

  private static LambdaTarget lambda(String function, Map<String, JsonNode> f, Map<String, JsonNode> l, String where) {
    JsonNode opts = l.get("clientoptions");
    Map<String, JsonNode> o = opts != null && opts.isObject() ? fields(opts) : Map.of();
    JsonNode credsNode = o.get("credentials");
    Map<String, JsonNode> creds = credsNode != null && credsNode.isObject() ? fields(credsNode) : Map.of();
    String region = text(l.get("region"));
    region = region != null ? region : text(o.get("region"));
    region = region != null ? region : text(f.get("region"));
    String invocation = text(l.get("invocationtype"));
    boolean async = invocation != null ? invocation.equalsIgnoreCase("Event")
        : l.containsKey("async") && l.get("async").asBoolean(l.get("async").asText().equalsIgnoreCase("true"));
    String endpoint = text(o.get("endpoint"));
    return new LambdaTarget(function, async, region == null ? "us-east-1" : region,
        endpoint == null ? null : url(endpoint, where + ".lambda.client_options.endpoint"),
        text(creds.get("accesskeyid")), text(creds.get("secretaccesskey")));
  }

  private static Set<String> eventTypes(JsonNode n, String where) {
    Set<String> out = new LinkedHashSet<>();
    if (n == null) {
      return out;
    }
    if (!n.isArray()) {
      throw new WebhookException(where + ".event_types: expected an array of event names");
    }
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static Map<String, String> headers(JsonNode n, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    if (!n.isObject()) {
      throw new WebhookException(where + ".headers: expected an object of header names to values");
    }
    n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static final Set<String> FILTER_KEYS = Set.of("channelnamestartswith", "channelnameendswith",
      "channelprefix", "channelsuffix", "channelpattern");

  private static WebhookFilter filter(JsonNode n, String where) {
    if (n == null || n.isObject() && n.isEmpty()) {
      return WebhookFilter.NONE;
    }
    if (!n.isObject()) {
      throw new WebhookException(where + ".filter: expected an object");
    }
    // a key we do not understand (e.g. Sockudo's channel_namespace) must not leave a filter that matches more
    n.properties().forEach(e -> {
      if (!FILTER_KEYS.contains(e.getKey().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT))) {
        throw new WebhookException(where + ".filter." + e.getKey() + ": not supported; use channel_prefix,"
            + " channel_suffix or channel_pattern (a regular expression)");
      }
    });
    Map<String, JsonNode> f = fields(n);
    String prefix = text(f.containsKey("channelnamestartswith") ? f.get("channelnamestartswith")
        : f.get("channelprefix"));
    String suffix = text(f.containsKey("channelnameendswith") ? f.get("channelnameendswith")
        : f.get("channelsuffix"));
    String pattern = text(f.get("channelpattern"));
    try {
      return new WebhookFilter(prefix, suffix, pattern == null ? null : Pattern.compile(pattern));
    } catch (PatternSyntaxException e) {
      throw new WebhookException(where + ".filter.channel_pattern: not a regular expression: " + e.getDescription());
    }
  }
}
