package dev.switchboard.app.store.dynamodb;

import dev.switchboard.app.AppField;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;

/**
 * Settings of the DynamoDB store, from {@code database.dynamodb.*} (soketi's {@code app_manager.dynamodb.*}
 * is read when ours is absent).
 *
 * @param layout {@code soketi} (default) or {@code sockudo}: attribute names, key attribute and index
 * @param endpoint endpoint URL override (DynamoDB Local, LocalStack); empty for AWS
 * @param profile AWS profile for credentials; empty for the standard credential chain
 */
public record DynamoDbStoreConfig(String layout, String table, String region, String endpoint, String profile) {
  public DynamoDbStoreConfig {
    if (!layout.equals("soketi") && !layout.equals("sockudo")) {
      throw ConfigException.invalid("database.dynamodb.layout", layout, "soketi or sockudo");
    }
    if (table.isBlank()) {
      throw ConfigException.invalid("database.dynamodb.table_name", "\"\"", "a table name");
    }
    if (!endpoint.isEmpty() && !endpoint.matches("https?://.+")) {
      throw ConfigException.invalid("database.dynamodb.endpoint_url", endpoint, "an http:// or https:// URL");
    }
  }

  public static DynamoDbStoreConfig from(ConfigTree t) {
    String layout = t.string("database.dynamodb.layout", "soketi").toLowerCase(java.util.Locale.ROOT);
    String defTable = layout.equals("sockudo") ? "sockudo-applications" : "apps";
    return new DynamoDbStoreConfig(layout,
        t.string("database.dynamodb.table_name", t.string("app_manager.dynamodb.table", defTable)),
        t.string("database.dynamodb.region", t.string("app_manager.dynamodb.region", "us-east-1")),
        t.string("database.dynamodb.endpoint_url", t.string("app_manager.dynamodb.endpoint", "")),
        t.string("database.dynamodb.aws_profile_name", ""));
  }

  boolean soketi() {
    return layout.equals("soketi");
  }

  /** The attribute that holds {@code f} in this layout. */
  String attribute(AppField f) {
    if (!soketi()) {
      return f.column();
    }
    return switch (f) {
      case ID -> "AppId";
      case KEY -> "AppKey";
      case SECRET -> "AppSecret";
      default -> f.pascal();
    };
  }

  String keyIndex() {
    return soketi() ? "AppKeyIndex" : "KeyIndex";
  }

  String describe() {
    return "dynamodb " + table + " (" + region + (endpoint.isEmpty() ? "" : " at " + endpoint) + ")";
  }
}
