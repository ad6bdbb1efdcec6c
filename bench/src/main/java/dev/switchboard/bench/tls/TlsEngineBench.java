package dev.switchboard.bench.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * The server-side cost of the two TLS engines Switchboard can serve with, side by side in one JVM: the JDK's
 * and OpenSSL's API (BoringSSL, netty-tcnative). Client and server engines talk through in-memory buffers, so
 * no socket or scheduler is measured; only the thread CPU time spent inside the server engine's calls (and its
 * delegated tasks) is counted, so a loaded machine's waits for a core are not charged to either engine. The client engine is the same for both (OpenSSL when it loads).
 *
 * <pre>java -cp switchboard-bench.jar dev.switchboard.bench.tls.TlsEngineBench CERT.pem KEY.pem [seconds]</pre>
 *
 * Prints, per engine and round (rounds alternate, so drift hits both alike): full handshakes per second of
 * server CPU, and MB/s the server encrypts (16 KB records, server to client) and decrypts (client frames).
 */
public final class TlsEngineBench {
  private static final int RECORD = 16 * 1024;
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private TlsEngineBench() {}

  public static void main(String[] args) throws Exception {
    File cert = new File(args[0]);
    File key = new File(args[1]);
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
    System.out.println("openssl available: " + OpenSsl.isAvailable() + " (" + OpenSsl.versionString() + ")");
    SslContext client = SslContextBuilder.forClient().sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL
        : SslProvider.JDK).trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3", "TLSv1.2").build();
    List<SslProvider> engines = new ArrayList<>(List.of(SslProvider.JDK));
    if (OpenSsl.isAvailable()) {
      engines.add(SslProvider.OPENSSL);
    }
    System.out.println("engine   round  handshakes_per_cpu_s  encrypt_mb_per_cpu_s  decrypt_mb_per_cpu_s");
    for (int round = 0; round < 4; round++) {
      for (SslProvider p : engines) {
        SslContext server = SslContextBuilder.forServer(cert, key).sslProvider(p).protocols("TLSv1.3", "TLSv1.2")
            .build();
        double hs = handshakes(server, client, seconds);
        double[] mb = throughput(server, client, seconds);
        System.out.printf(Locale.ROOT, "%-8s %5d  %20.0f  %20.0f  %20.0f%n", p, round, hs, mb[0], mb[1]);
      }
    }
  }

  /** Full handshakes (no resumption) per second of server-engine time. */
  private static double handshakes(SslContext server, SslContext client, double seconds) throws Exception {
    long serverNs = 0;
    int n = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      Pair pair = new Pair(server, client);
      serverNs += pair.handshake();
      pair.release();
      n++;
    }
    return n / (serverNs / 1e9);
  }

  /** MB/s of server-engine time: [encrypting 16 KB records to the client, decrypting the client's records]. */
  private static double[] throughput(SslContext server, SslContext client, double seconds) throws Exception {
    Pair pair = new Pair(server, client);
    pair.handshake();
    ByteBuffer app = ByteBuffer.allocateDirect(RECORD);
    long encNs = 0;
    long decNs = 0;
    long bytes = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      app.clear();
      encNs += pair.transfer(pair.server, pair.client, app, true);
      app.clear();
      decNs += pair.transfer(pair.client, pair.server, app, false);
      bytes += RECORD;
    }
    pair.release();
    return new double[] {bytes / 1e6 / (encNs / 1e9), bytes / 1e6 / (decNs / 1e9)};
  }

  /** A client and a server engine joined by two in-memory network buffers. */
  private static final class Pair {
    final SSLEngine server;
    final SSLEngine client;
    final ByteBuffer toServer = ByteBuffer.allocateDirect(64 * 1024);
    final ByteBuffer toClient = ByteBuffer.allocateDirect(64 * 1024);
    final ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
    final ByteBuffer empty = ByteBuffer.allocateDirect(0);

    Pair(SslContext serverCtx, SslContext clientCtx) {
      server = serverCtx.newEngine(ByteBufAllocator.DEFAULT);
      client = clientCtx.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
    }

    /** Runs the handshake to its end; returns the nanoseconds spent in the server engine. */
    long handshake() throws Exception {
      client.beginHandshake();
      server.beginHandshake();
      long serverNs = 0;
      for (int i = 0; i < 100 && !(done(client) && done(server) && toServer.position() == 0
          && toClient.position() == 0); i++) {
        step(client, toServer, toClient);
        long t0 = CPU.getCurrentThreadCpuTime();
        step(server, toClient, toServer);
        serverNs += CPU.getCurrentThreadCpuTime() - t0;
      }
      if (!done(client) || !done(server)) {
        throw new IllegalStateException("handshake did not finish: " + client.getHandshakeStatus() + "/"
            + server.getHandshakeStatus());
      }
      return serverNs;
    }

    private static boolean done(SSLEngine e) {
      HandshakeStatus s = e.getHandshakeStatus();
      return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /** One turn of {@code e}: read what the peer sent ({@code in}), then write what it has ({@code out}). */
    private void step(SSLEngine e, ByteBuffer out, ByteBuffer in) throws Exception {
      in.flip();
      while (in.hasRemaining()) {
        sink.clear();
        SSLEngineResult r = e.unwrap(in, sink);
        tasks(e);
        if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
          break;
        }
      }
      in.compact();
      for (int i = 0; i < 8; i++) {
        SSLEngineResult r = e.wrap(empty, out);
        tasks(e);
        if (r.bytesProduced() == 0) {
          break;
        }
      }
    }

    private static void tasks(SSLEngine e) {
      Runnable t;
      while ((t = e.getDelegatedTask()) != null) {
        t.run();
      }
    }

    /** Encrypts {@code app} in {@code from} and decrypts it in {@code to}; returns the measured side's ns. */
    long transfer(SSLEngine from, SSLEngine to, ByteBuffer app, boolean measureFrom) throws Exception {
      ByteBuffer net = from == server ? toClient : toServer;
      net.clear();
      long t0 = CPU.getCurrentThreadCpuTime();
      from.wrap(app, net);
      long wrapNs = CPU.getCurrentThreadCpuTime() - t0;
      net.flip();
      sink.clear();
      t0 = CPU.getCurrentThreadCpuTime();
      while (net.hasRemaining()) {
        if (to.unwrap(net, sink).bytesConsumed() == 0) {
          break;
        }
      }
      long unwrapNs = CPU.getCurrentThreadCpuTime() - t0;
      net.clear();
      return measureFrom ? wrapNs : unwrapNs;
    }

    void release() {
      io.netty.util.ReferenceCountUtil.release(server);
      io.netty.util.ReferenceCountUtil.release(client);
    }
  }
}
