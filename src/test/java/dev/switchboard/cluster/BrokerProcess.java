package dev.switchboard.cluster;

import dev.switchboard.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis or NATS server of the test's own, on a free loopback port, so tests can kill and restart it
 * without touching the machine's shared services.
 */
public final class BrokerProcess implements AutoCloseable {
  /** Redis Cluster's bus port is the client port plus this (redis.conf: cluster-port 0 means port + 10000). */
  private static final int CLUSTER_BUS_OFFSET = 10_000;
  private final List<String> command;
  private final int port;
  private final Path log;
  private Process process;

  private BrokerProcess(List<String> command, int port, Path log) {
    this.command = command;
    this.port = port;
    this.log = log;
  }

  public static BrokerProcess redis(String... extraArgs) {
    // a cluster node binds its cluster bus on port + 10000 too: that one must be free and below the ephemeral
    // range as well ("redis-server did not listen on 31368" when 41368 was an outgoing connection's)
    boolean clusterNode = List.of(extraArgs).contains("--cluster-enabled");
    int port = clusterNode ? NodeProcess.freePortWith(CLUSTER_BUS_OFFSET) : NodeProcess.freePort();
    List<String> cmd = new java.util.ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
        Integer.toString(port), "--save", "", "--appendonly", "no"));
    cmd.addAll(List.of(extraArgs));
    return new BrokerProcess(cmd, port, Path.of("target", "nodes", "redis-" + port + ".log")).start();
  }

  static BrokerProcess nats() throws IOException {
    return nats(Files.createTempDirectory("nats-js"));
  }

  /** A nats-server with JetStream storing in {@code dir}, which a test may empty between kill and start. */
  public static BrokerProcess nats(Path dir) {
    int port = NodeProcess.freePort();
    return new BrokerProcess(List.of(natsBinary(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd",
        dir.toString()), port, Path.of("target", "nodes", "nats-" + port + ".log")).start();
  }

  private static String natsBinary() {
    return Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
  }

  public int port() {
    return port;
  }

  public BrokerProcess start() {
    try {
      log.getParent().toFile().mkdirs();
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      long deadline = System.currentTimeMillis() + 15_000;
      while (System.currentTimeMillis() < deadline) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          return this;
        } catch (IOException notYet) {
          Thread.sleep(50); // waiting for a port to open; there is no event to wait on
        }
      }
      throw new IllegalStateException(command.get(0) + " did not listen on " + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
