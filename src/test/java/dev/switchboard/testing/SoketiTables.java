package dev.switchboard.testing;

/**
 * soketi's {@code apps} table as its docs create it (its exact DDL and short column names such as
 * {@code max_backend_events_per_sec}), for MySQL/MariaDB and PostgreSQL, and one row written the way a
 * soketi user inserts an app.
 */
public final class SoketiTables {
  private SoketiTables() {}

  public static void createMysql(SqlFixture db, String table) {
    db.exec("DROP TABLE IF EXISTS `" + table + "`");
    db.exec("""
        CREATE TABLE IF NOT EXISTS `%s` (
            `id` varchar(255) NOT NULL,
            `key` varchar(255) NOT NULL,
            `secret` varchar(255) NOT NULL,
            `max_connections` integer(10) NOT NULL,
            `enable_client_messages` tinyint(1) NOT NULL,
            `enabled` tinyint(1) NOT NULL,
            `max_backend_events_per_sec` integer(10) NOT NULL,
            `max_client_events_per_sec` integer(10) NOT NULL,
            `max_read_req_per_sec` integer(10) NOT NULL,
            `webhooks` json,
            `max_presence_members_per_channel` tinyint(1) NULL,
            `max_presence_member_size_in_kb` tinyint(1) NULL,
            `max_channel_name_length` tinyint(1) NULL,
            `max_event_channels_at_once` tinyint(1) NULL,
            `max_event_name_length` tinyint(1) NULL,
            `max_event_payload_in_kb` tinyint(1) NULL,
            `max_event_batch_size` tinyint(1) NULL,
            `enable_user_authentication` tinyint(1) NOT NULL,
            PRIMARY KEY (`id`)
        )""".formatted(table));
  }

  public static void insertMysql(SqlFixture db, String table, String id, String key, String secret,
      int maxConnections) {
    db.exec("INSERT INTO `" + table + "` (id, `key`, secret, max_connections, enable_client_messages, enabled,"
        + " max_backend_events_per_sec, max_client_events_per_sec, max_read_req_per_sec, webhooks,"
        + " max_event_batch_size, enable_user_authentication) VALUES (?, ?, ?, ?, 1, 1, -1, -1, -1, '[]', 5, 0)",
        id, key, secret, maxConnections);
  }

  public static void createPostgres(SqlFixture db, String table) {
    db.exec("DROP TABLE IF EXISTS " + table);
    db.exec("""
        CREATE TABLE IF NOT EXISTS %s (
            id varchar(255) PRIMARY KEY,
            key varchar(255) NOT NULL,
            secret varchar(255) NOT NULL,
            max_connections integer NOT NULL,
            enable_client_messages smallint NOT NULL,
            enabled smallint NOT NULL,
            max_backend_events_per_sec integer NOT NULL,
            max_client_events_per_sec integer NOT NULL,
            max_read_req_per_sec integer NOT NULL,
            webhooks json,
            max_presence_members_per_channel integer DEFAULT NULL,
            max_presence_member_size_in_kb integer DEFAULT NULL,
            max_channel_name_length integer DEFAULT NULL,
            max_event_channels_at_once integer DEFAULT NULL,
            max_event_name_length integer DEFAULT NULL,
            max_event_payload_in_kb integer DEFAULT NULL,
            max_event_batch_size integer DEFAULT NULL,
            enable_user_authentication smallint NOT NULL
        )""".formatted(table));
  }

  public static void insertPostgres(SqlFixture db, String table, String id, String key, String secret,
      int maxConnections) {
    db.exec("INSERT INTO " + table + " (id, key, secret, max_connections, enable_client_messages, enabled,"
        + " max_backend_events_per_sec, max_client_events_per_sec, max_read_req_per_sec, webhooks,"
        + " max_event_batch_size, enable_user_authentication) VALUES ($1, $2, $3, $4, 1, 1, -1, -1, -1, '[]', 5, 0)",
        id, key, secret, maxConnections);
  }
}
