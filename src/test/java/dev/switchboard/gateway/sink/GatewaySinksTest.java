package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ConfigException;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Config errors name the sink's key and field; valid configs build without touching the network. */
class GatewaySinksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "gateway.routes.send.sink";
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private static ConfigException error(String json) {
    return assertThrows(ConfigException.class, () -> GatewaySinks.create(vertx, KEY, JSON.readTree(json)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}                                                                    | driver",
      "{'driver':'kafka'}                                                    | driver",
      "{'driver':'redis_stream'}                                             | stream",
      "{'driver':'redis_stream','stream':'s','max_len':0}                    | max_len",
      "{'driver':'redis_stream','stream':'s','url':'http://h:1'}             | url",
      "{'driver':'redis_stream','stream':'s','strem':'t'}                    | strem",
      "{'driver':'redis_stream','stream':'s','retries':-1}                   | retries",
      "{'driver':'redis_stream','stream':'s','max_pending':'many'}           | max_pending",
      "{'driver':'redis_stream','stream':'s','envelope':'maybe'}             | envelope",
      "{'driver':'redis_stream','stream':'s','send_timeout_ms':0}            | send_timeout_ms",
      "{'driver':'redis_stream','stream':'s','dead_letter':{'driver':'x'}}   | dead_letter.driver",
      "{'driver':'redis_pubsub','channel':'c','envelope':false}              | envelope",
      "{'driver':'rabbitmq'}                                                 | queue",
      "{'driver':'rabbitmq_fanout','exchange':'a b'}                         | exchange",
      "{'driver':'nats','subject':'gateway.*'}                               | subject",
      "{'driver':'nats_jetstream','subject':'s'}                             | stream",
      "{'driver':'sqs'}                                                      | queue_url",
      "{'driver':'sqs','queue_url':'http://q/1/x','access_key_id':'k'}       | secret_access_key",
      "{'driver':'sqs','queue_url':'http://q/1/x','region':'US East'}        | region",
      "{'driver':'http','url':'ftp://h/x'}                                   | url",
      "{'driver':'http','url':'http://h/x','headers':'x'}                    | headers",
      "{'driver':'http','url':'http://h/x','headers':{'content-type':'a'}}   | headers.content-type",
      "{'driver':'http','url':'http://h/x','headers':{'X-Gateway-User-Id':'a'}} | headers.X-Gateway-User-Id",
      "{'driver':'http','url':'http://h/x','timeout_ms':0}                   | timeout_ms"})
  void aBadFieldIsNamedByItsFullKey(String json, String field) {
    ConfigException e = error(json.replace('\'', '"'));
    assertTrue(e.getMessage().startsWith("invalid config " + KEY + "." + field + "="), e.getMessage());
  }

  @Test
  void aSinkThatIsNotAnObjectIsNamedByItsKey() {
    assertTrue(error("\"redis\"").getMessage().startsWith("invalid config " + KEY + "="));
  }

  @Test
  void aPasswordInABadUrlIsHidden() {
    ConfigException e = error("{\"driver\":\"rabbitmq\",\"queue\":\"q\",\"url\":\"http://guest:hunter2@h:5672\"}");
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void everyDriverBuildsFromAValidConfigWithoutConnecting() throws Exception {
    String[] configs = {
        "{'driver':'redis_stream','url':'redis://127.0.0.1:1','stream':'s','max_len':10}",
        "{'driver':'redis_pubsub','url':'redis://127.0.0.1:1','channel':'c'}",
        "{'driver':'rabbitmq','url':'amqp://127.0.0.1:1','queue':'q','envelope':true}",
        "{'driver':'rabbitmq_fanout','url':'amqp://127.0.0.1:1','exchange':'e'}",
        "{'driver':'nats_jetstream','url':'nats://127.0.0.1:1','subject':'a.b','stream':'S'}",
        "{'driver':'nats','url':'nats://127.0.0.1:1','subject':'a.b'}",
        "{'driver':'sqs','queue_url':'http://127.0.0.1:1/1/q.fifo','endpoint':'http://127.0.0.1:1'}",
        "{'driver':'http','url':'https://127.0.0.1:1/x','headers':{'A':'b'},'secret':'s','retries':0,"
            + "'retry_backoff_ms':5,'retry_max_backoff_ms':50,'max_pending':3,"
            + "'dead_letter':{'driver':'redis_stream','url':'redis://127.0.0.1:1','stream':'dead'}}"};
    for (String c : configs) {
      GatewaySink s = GatewaySinks.create(vertx, KEY, JSON.readTree(c.replace('\'', '"')));
      assertInstanceOf(RetryingSink.class, s, c);
      s.close().await(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRetryPolicyDefaultsAndDoublesUpToItsCap() {
    RetryPolicy p = RetryPolicy.from(new SinkConfig(KEY, JSON.createObjectNode()));
    assertEquals(new RetryPolicy(5, 200, 30_000, 10_000, 10_000), p);
    assertEquals(200, p.delayMs(1));
    assertEquals(400, p.delayMs(2));
    assertEquals(30_000, p.delayMs(40));
  }
}
