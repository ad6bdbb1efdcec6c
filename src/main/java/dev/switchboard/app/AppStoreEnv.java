package dev.switchboard.app;

import dev.switchboard.config.EnvAliases;

/**
 * Environment names of the database app stores: ours ({@code SWITCHBOARD_} + path), Sockudo's
 * ({@code DATABASE_*}, {@code APP_MANAGER_*}) and soketi 1.6's ({@code SOKETI_DB_*}, {@code SOKETI_APP_MANAGER_*},
 * and the same without the prefix). Later names win, so Sockudo's names override soketi's.
 */
public final class AppStoreEnv {
  private AppStoreEnv() {}

  public static void register() {
    EnvAliases.register("app_manager.cache.negative_ttl");
    for (String db : new String[] {"mysql", "postgres"}) {
      String up = db.toUpperCase(java.util.Locale.ROOT);
      String p = "database." + db + ".";
      EnvAliases.register(p + "host", "DB_" + up + "_HOST", "SOKETI_DB_" + up + "_HOST", "DATABASE_" + up + "_HOST");
      EnvAliases.register(p + "port", "DB_" + up + "_PORT", "SOKETI_DB_" + up + "_PORT", "DATABASE_" + up + "_PORT");
      EnvAliases.register(p + "username", "DB_" + up + "_USERNAME", "SOKETI_DB_" + up + "_USERNAME",
          "DATABASE_" + up + "_USERNAME");
      EnvAliases.register(p + "password", "DB_" + up + "_PASSWORD", "SOKETI_DB_" + up + "_PASSWORD",
          "DATABASE_" + up + "_PASSWORD");
      EnvAliases.register(p + "database", "DB_" + up + "_DATABASE", "SOKETI_DB_" + up + "_DATABASE",
          "DATABASE_" + up + "_DATABASE");
      EnvAliases.register(p + "table_name", "APP_MANAGER_" + up + "_TABLE", "SOKETI_APP_MANAGER_" + up + "_TABLE",
          "DATABASE_" + up + "_TABLE_NAME");
      EnvAliases.register(p + "connection_pool_size", "DATABASE_" + up + "_CONNECTION_POOL_SIZE");
      EnvAliases.register(p + "pool_min", "DATABASE_" + up + "_POOL_MIN");
      EnvAliases.register(p + "pool_max", "DATABASE_" + up + "_POOL_MAX");
    }
    EnvAliases.register("database.connection_pool_size", "DATABASE_CONNECTION_POOL_SIZE");
    EnvAliases.register("database_pooling.enabled", "DB_POOLING_ENABLED", "SOKETI_DB_POOLING_ENABLED",
        "DATABASE_POOLING_ENABLED");
    EnvAliases.register("database_pooling.min", "DB_POOLING_MIN", "SOKETI_DB_POOLING_MIN", "DATABASE_POOL_MIN");
    EnvAliases.register("database_pooling.max", "DB_POOLING_MAX", "SOKETI_DB_POOLING_MAX", "DATABASE_POOL_MAX");
    String d = "database.dynamodb.";
    EnvAliases.register(d + "table_name", "APP_MANAGER_DYNAMODB_TABLE", "SOKETI_APP_MANAGER_DYNAMODB_TABLE",
        "DATABASE_DYNAMODB_TABLE_NAME");
    EnvAliases.register(d + "region", "APP_MANAGER_DYNAMODB_REGION", "SOKETI_APP_MANAGER_DYNAMODB_REGION",
        "DATABASE_DYNAMODB_REGION");
    EnvAliases.register(d + "endpoint_url", "APP_MANAGER_DYNAMODB_ENDPOINT", "SOKETI_APP_MANAGER_DYNAMODB_ENDPOINT",
        "DATABASE_DYNAMODB_ENDPOINT_URL");
    EnvAliases.register(d + "aws_profile_name", "DATABASE_DYNAMODB_AWS_PROFILE_NAME");
    EnvAliases.register(d + "layout", "DATABASE_DYNAMODB_LAYOUT");
    String s = "app_manager.scylladb.";
    for (String k : new String[] {"nodes", "keyspace", "table_name", "username", "password", "replication_class",
        "replication_factor", "local_datacenter"}) {
      String up = k.toUpperCase(java.util.Locale.ROOT);
      EnvAliases.register(s + k, "SCYLLADB_" + up, "DATABASE_SCYLLADB_" + up);
    }
  }
}
