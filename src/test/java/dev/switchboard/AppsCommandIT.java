package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.SqlFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard apps ...} through its real entry (the same {@link AppsCommand} as {@code bin/switchboard
 * apps}) on PostgreSQL: its output, its exit codes, one-line errors, and an app it created serving a client.
 */
class AppsCommandIT {
  private final String table = "cli_apps_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final Map<String, String> env = Map.of("APP_MANAGER_DRIVER", "postgres",
      "DATABASE_POSTGRES_HOST", "127.0.0.1", "DATABASE_POSTGRES_PORT", Integer.toString(SqlFixture.POSTGRES_PORT),
      "DATABASE_POSTGRES_USERNAME", "postgres", "DATABASE_POSTGRES_DATABASE", "test",
      "DATABASE_POSTGRES_TABLE_NAME", table, "DATABASE_POOL_MIN", "1");

  /** Exit code, stdout and stderr of one command. */
  private record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  private static Run apps(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new AppsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args), env);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run apps(String... args) {
    return apps(env, args);
  }

  /** A single line on stderr, starting with the program name. */
  private static void assertOneLineError(Run r) {
    assertTrue(r.err().startsWith("switchboard: ") && r.err().strip().lines().count() == 1, r.err());
  }

  @AfterEach
  void dropTable() {
    try (SqlFixture db = SqlFixture.postgres()) {
      db.exec("DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void createListShowUpdateDeleteWithGeneratedCredentials() throws Exception {
    Run created = apps("create", "--max-connections", "50");
    assertEquals(0, created.code(), created.err());
    JsonNode app = created.json();
    String id = app.path("id").asText();
    String key = app.path("key").asText();
    String secret = app.path("secret").asText();
    assertTrue(id.matches("[0-9]{6}"), id);
    assertTrue(key.matches("[0-9a-f]{20}") && secret.matches("[0-9a-f]{20}") && !key.equals(secret), key);
    assertEquals(50, app.path("max_connections").asInt());

    try (TestServer server = TestServer.start("{\"host\":\"127.0.0.1\",\"port\":0,\"event_loops\":1}", env);
        TestClient client = TestClient.connect(server.port(), key, secret, "u")) {
      client.subscribe("private-made-by-cli"); // signed with the generated secret
    }

    Run list = apps("list");
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().lines().anyMatch(l -> l.matches(id + " +" + key + " +true")), list.out());

    Run shown = apps("show", id);
    assertEquals(0, shown.code(), shown.err());
    assertEquals(key, shown.json().path("key").asText());

    Run updated = apps("update", id, "--enabled", "false", "--max-connections", "null");
    assertEquals(0, updated.code(), updated.err());
    assertEquals(false, updated.json().path("enabled").asBoolean(true));
    assertTrue(apps("show", id).json().path("max_connections").isMissingNode(), "null unsets the field");

    Run deleted = apps("delete", id);
    assertEquals(0, deleted.code(), deleted.err());
    assertEquals("deleted " + id, deleted.out().strip());
    Run gone = apps("show", id);
    assertEquals(1, gone.code());
    assertEquals("switchboard: no app with id " + id, gone.err().strip());
    assertEquals(1, apps("delete", id).code());
  }

  @Test
  void badArgumentsGiveOneLineAndExitCode2() {
    for (String[] args : List.of(new String[] {"create", "--max-connections", "lots"},
        new String[] {"create", "--no-such-field", "x"}, new String[] {"frobnicate"}, new String[] {"show"},
        new String[] {"update", "some-id", "--enabled"})) {
      Run r = apps(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertOneLineError(r);
      assertEquals("", r.out());
    }
    assertTrue(apps("create", "--max-connections", "lots").err().contains("max_connections"));
  }

  @Test
  void theMemoryDriverRefusesChangesItCouldNotKeep() {
    Map<String, String> memory = Map.of("APP_MANAGER_DRIVER", "memory");
    for (String[] args : List.of(new String[] {"create"}, new String[] {"update", "app-id", "--enabled", "false"},
        new String[] {"delete", "app-id"})) {
      Run r = apps(memory, args);
      assertEquals(2, r.code(), r.err());
      assertOneLineError(r);
      assertTrue(r.err().contains("app_manager.array.apps"), r.err());
    }
    Run list = apps(memory, "list");
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("app-id"), list.out());
  }
}
