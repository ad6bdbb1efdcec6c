package dev.switchboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.AppParser;
import dev.switchboard.app.store.memory.MemoryAppStore;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsoleAccessTest {
  private static final String TOKEN = "admin-token-0123456789";
  private final ConsoleAccess access = new ConsoleAccess(new MemoryAppStore(List.of(AppParser.parse(
      parse("{\"id\":\"app-id\",\"key\":\"app-key\",\"secret\":\"app-secret\"}"), ServerLimits.DEFAULTS))), TOKEN);

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String pair) {
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static ConsoleUser await(Future<ConsoleUser> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static int refusal(Future<ConsoleUser> f) {
    try {
      await(f);
    } catch (Exception e) {
      return e.getCause() instanceof ConsoleException c ? c.status : -1;
    }
    return 200;
  }

  @Test
  void theTokenAsBearerIsTheAdmin() throws Exception {
    assertTrue(await(access.check("Bearer " + TOKEN)).admin());
    assertTrue(await(access.check("bearer  " + TOKEN + " ")).admin());
  }

  @Test
  void anAppsKeyAndSecretAsBasicIsThatAppOnly() throws Exception {
    ConsoleUser u = await(access.check(basic("app-key:app-secret")));
    assertEquals(ConsoleUser.of("app-id"), u);
    assertTrue(u.mayUse("app-id"));
    assertTrue(!u.mayUse("other-id"));
  }

  @Test
  void missingWrongOrMalformedCredentialsAre401() {
    for (String h : new String[] {null, "", "Bearer wrong", "Bearer " + TOKEN + "x", basic("app-key:wrong"),
        basic("nobody:app-secret"), basic("app-key"), "Basic !!!", "Digest abc", basic(":app-secret")}) {
      assertEquals(401, refusal(access.check(h)), "for " + h);
    }
  }

  @Test
  void withoutAConfiguredTokenNoBearerIsTheAdmin() {
    ConsoleAccess appsOnly = new ConsoleAccess(new MemoryAppStore(List.of()), "");
    assertEquals(401, refusal(appsOnly.check("Bearer ")));
    assertEquals(401, refusal(appsOnly.check("Bearer anything-at-all-here")));
  }
}
