package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.client.Pusher;
import com.pusher.client.channel.PusherEvent;
import com.pusher.rest.data.Result;
import dev.switchboard.TestServer;
import io.netty.handler.ssl.SslProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server with TLS on, configured with soketi's environment variables the way a soketi deployment sets
 * them, and the real SDKs talking to it: the HTTP API over https, a Pusher socket over wss, the metrics
 * port over https, and the protocol versions it takes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsServerIT {
  Path dir;
  TlsFiles.Pair cert;
  TestServer server;

  /** The ssl.engine this class runs with (a subclass runs the same tests on the other engine). */
  String engine() {
    return "auto";
  }

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    cert = TlsFiles.selfSigned(dir, "server", "rsa");
    server = TestServer.start(TestServer.DEFAULT_CONFIG, Map.of(
        "SOKETI_SSL_CERT", cert.cert().toString(),
        "SOKETI_SSL_KEY", cert.key().toString(),
        "SWITCHBOARD_SSL_METRICS", "true",
        "SWITCHBOARD_SSL_ENGINE", engine()));
  }

  @Test
  void theChosenEngineServes() {
    // auto is OpenSSL's engine wherever netty-tcnative loads (linux-x86_64, as here)
    assertEquals(engine().equals("jdk") ? SslProvider.JDK : SslProvider.OPENSSL, server.server().tls().provider());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void signedApiCallOverHttpsReachesAWssSubscriber() throws Exception {
    BlockingQueue<PusherEvent> events = WssClients.queue();
    Pusher client = WssClients.trusting(dir, new Path[] {cert.cert()},
        () -> WssClients.connect(server.port(), "tls-news", "headline", events));
    try (com.pusher.rest.Pusher api = WssClients.api(server.port(), TlsFiles.clientContext(cert.cert()))) {
      Result r = api.trigger("tls-news", "headline", Map.of("text", "over https"));
      assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
      PusherEvent e = events.poll(10, TimeUnit.SECONDS);
      assertNotNull(e, "the wss subscriber got nothing");
      assertEquals("headline", e.getEventName());
      assertTrue(e.getData().contains("over https"), e.getData());
    } finally {
      client.disconnect();
    }
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswer() {
    HttpClient http = HttpClient.newHttpClient();
    assertThrows(java.io.IOException.class, () -> http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void tls13AndTls12AreServedAndTls11IsRefused() throws Exception {
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      try (SSLSocket s = (SSLSocket) TlsFiles.clientContext(cert.cert()).getSocketFactory()
          .createSocket("127.0.0.1", server.port())) {
        s.setEnabledProtocols(new String[] {protocol});
        s.startHandshake();
        assertEquals(protocol, s.getSession().getProtocol());
      }
    }
    ClientHello.Answer tls12 = ClientHello.send(server.port(), 0x0303);
    assertTrue(tls12.serverHello(), "a hand-made TLS 1.2 hello is answered: " + tls12);
    assertEquals(0x0303, tls12.version());
    ClientHello.Answer tls11 = ClientHello.send(server.port(), 0x0302);
    assertFalse(tls11.serverHello(), "TLS 1.1 got a ServerHello: " + tls11);
    assertTrue(tls11.recordType() == -1 || tls11.alertDescription() == 70,
        "expected a protocol_version alert (70) or a close: " + tls11);
  }

  @Test
  void metricsPortServesHttpsWithTheSameCertificate() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(TlsFiles.clientContext(cert.cert())).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("# TYPE switchboard_"), r.body().substring(0, Math.min(300, r.body().length())));
  }
}
