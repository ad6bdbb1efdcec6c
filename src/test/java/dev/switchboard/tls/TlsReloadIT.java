package dev.switchboard.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.pusher.client.Pusher;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import com.pusher.rest.data.Result;
import dev.switchboard.TestServer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate renewed on disk the way certbot does it (new files in archive/, the live/ symlinks swapped)
 * is served to new connections within the poll interval, on the public port and the metrics port, while a
 * connection made before keeps working; a renewal that cannot be used leaves the served certificate as it was.
 */
class TlsReloadIT {
  @TempDir
  Path dir;

  @Test
  void renewedCertificateReachesNewConnectionsWhileAnOpenOneKeepsWorking() throws Exception {
    Path archive = Files.createDirectories(dir.resolve("archive"));
    Path live = Files.createDirectories(dir.resolve("live"));
    TlsFiles.Pair first = TlsFiles.selfSigned(archive, "cert1", "rsa");
    TlsFiles.Pair second = TlsFiles.selfSigned(archive, "cert2", "ec");
    link(live.resolve("fullchain.pem"), first.cert());
    link(live.resolve("privkey.pem"), first.key());
    Path[] both = {first.cert(), second.cert()};
    String config = TestServer.DEFAULT_CONFIG.replaceFirst("\\{", "{\"ssl\":{\"cert_path\":\""
        + live.resolve("fullchain.pem") + "\",\"key_path\":\"" + live.resolve("privkey.pem")
        + "\",\"reload_interval_sec\":1,\"metrics\":true},");
    try (TestServer server = TestServer.start(config, Map.of())) {
      assertEquals(serial(first.cert()), servedSerial(server.port(), both));
      assertEquals(serial(first.cert()), servedSerial(server.metricsPort(), both));
      BlockingQueue<PusherEvent> events = WssClients.queue();
      Pusher old = WssClients.trusting(dir, both, () -> WssClients.connect(server.port(), "renewal", "tick", events));
      String socketId = old.getConnection().getSocketId();
      try {
        // certbot: new files in archive/, then the live/ links point at them
        link(live.resolve("fullchain.pem"), second.cert());
        link(live.resolve("privkey.pem"), second.key());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!servedSerial(server.port(), both).equals(serial(second.cert())) && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertEquals(serial(second.cert()), servedSerial(server.port(), both), "the renewal was not picked up");
        assertEquals(serial(second.cert()), servedSerial(server.metricsPort(), both), "nor by the metrics port");

        try (com.pusher.rest.Pusher api = WssClients.api(server.port(), TlsFiles.clientContext(both))) {
          Result r = api.trigger("renewal", "tick", Map.of("n", 1));
          assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
        }
        PusherEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "the connection made before the renewal got nothing");
        assertEquals(ConnectionState.CONNECTED, old.getConnection().getState());
        assertEquals(socketId, old.getConnection().getSocketId(), "the old connection was replaced");

        // a broken renewal: the key link points at a file that is no key; the poll keeps the served certificate
        Path broken = archive.resolve("privkey3.pem");
        Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        link(live.resolve("privkey.pem"), broken);
        assertFalse(server.server().tls().reloadIfChanged());
        assertEquals(serial(second.cert()), servedSerial(server.port(), both));
        // the mismatched pair (certificate 2, key 1) is refused too
        link(live.resolve("privkey.pem"), first.key());
        assertFalse(server.server().tls().reloadIfChanged());
        assertEquals(serial(second.cert()), servedSerial(server.port(), both));
        link(live.resolve("privkey.pem"), second.key());
        link(live.resolve("fullchain.pem"), first.cert());
        link(live.resolve("privkey.pem"), first.key());
        // a good pair after broken ones is taken (by the timer or by this call, whichever comes first)
        server.server().tls().reloadIfChanged();
        assertEquals(serial(first.cert()), servedSerial(server.port(), both));
      } finally {
        old.disconnect();
      }
    }
  }

  /** Points {@code link} at {@code target} in one rename, as a symlink swap does. */
  private static void link(Path link, Path target) throws Exception {
    Path tmp = link.resolveSibling(link.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, target);
    Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static BigInteger serial(Path cert) throws Exception {
    return TlsFiles.certificate(cert).getSerialNumber();
  }

  /** The serial number of the certificate a new connection is served. */
  private static BigInteger servedSerial(int port, Path[] trusted) throws Exception {
    try (SSLSocket s = (SSLSocket) TlsFiles.clientContext(trusted).getSocketFactory()
        .createSocket("127.0.0.1", port)) {
      s.startHandshake();
      return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }
}
