package dev.switchboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Switchboard node in its own JVM, started the way a user starts it ({@code bin/switchboard start}, env
 * vars only), on a free loopback port. Its output goes to {@code target/nodes/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {
  private final String name;
  private final int port;
  private final Process process;

  private NodeProcess(String name, int port, Process process) {
    this.name = name;
    this.port = port;
    this.process = process;
  }

  public static NodeProcess start(String name, Map<String, String> env) {
    return start(name, env, new String[0]);
  }

  /** Starts a node with extra command-line arguments after {@code start} (e.g. {@code --config FILE}). */
  public static NodeProcess start(String name, Map<String, String> env, String... args) {
    int port = freePort();
    Path log = Path.of("target", "nodes", name + ".log");
    log.getParent().toFile().mkdirs();
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", "bin/switchboard", "start"));
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> e = pb.environment();
    e.put("SWITCHBOARD_HOST", "127.0.0.1");
    e.put("SWITCHBOARD_PORT", Integer.toString(port));
    e.put("SWITCHBOARD_METRICS_ENABLED", "false");
    e.put("SWITCHBOARD_EVENT_LOOPS", "1");
    // test nodes drain briefly so teardown stays quick; tests of the drain itself set their own
    e.put("SWITCHBOARD_SHUTDOWN_GRACE_PERIOD_MS", "300");
    e.put("JAVA_OPTS", "-Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto");
    e.putAll(env);
    try {
      NodeProcess n = new NodeProcess(name, port, pb.directory(new File(".")).start());
      n.awaitReady(30_000);
      return n;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Waits for /ready to answer 200, as a load balancer would: listening and, if clustered, connected. */
  private void awaitReady(long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + name + " exited with " + process.exitValue()
            + "; see target/nodes/" + name + ".log");
      }
      try {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection)
            java.net.URI.create("http://127.0.0.1:" + port + "/ready").toURL().openConnection();
        c.setConnectTimeout(1_000);
        c.setReadTimeout(1_000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(50); // polling a node that is coming up; there is no event to wait on
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("node " + name + " was not ready within " + timeoutMs + " ms");
  }

  /**
   * A port free now, below the kernel's ephemeral range: a port from {@code new ServerSocket(0)} comes from
   * that range, and between the probe and the node's bind an outgoing connection (another node's Redis
   * client, say) could take it as its source port ("Address already in use" at start-up).
   */
  public static int freePort() {
    return freePortWith();
  }

  /**
   * A free port {@code p} whose derived ports {@code p + offset} are free too, every one of them below the
   * ephemeral range, for a child process that binds more than the port it is given: a Redis Cluster node
   * also binds its bus on {@code port + 10000}, which for a port picked near the range's low end landed
   * inside it, where an outgoing connection could hold it by the time redis-server bound it.
   */
  public static int freePortWith(int... offsets) {
    int below = ephemeralLow();
    int reach = java.util.Arrays.stream(offsets).max().orElse(0);
    int low = below / 2;
    int high = below - reach;
    if (high - low < 1024) {
      low = Math.max(1024, high - 8192);
    }
    if (high <= low) {
      throw new IllegalStateException("no room below " + below + " for ports " + reach + " apart");
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(low, high);
      if (allFree(port, offsets)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port below " + high);
  }

  /** True when {@code port} and each {@code port + offset} can be bound now (all held together while probing). */
  private static boolean allFree(int port, int... offsets) {
    java.util.List<ServerSocket> held = new java.util.ArrayList<>();
    try {
      held.add(bound(port));
      for (int offset : offsets) {
        held.add(bound(port + offset));
      }
      return true;
    } catch (IOException taken) {
      return false;
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // a probe socket that will not close holds nothing we need
        }
      }
    }
  }

  private static ServerSocket bound(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static int ephemeralLow() {
    try {
      // readString would trust the size /proc reports and stop short; a line read does not
      String range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
          .get(0);
      int low = Integer.parseInt(range.trim().split("\\s+")[0]);
      return low > 2048 ? low : 32768; // a range starting that low leaves no room below it: use Linux's default
    } catch (IOException | RuntimeException e) {
      return 32768; // Linux's default low end
    }
  }

  public int port() {
    return port;
  }

  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** SIGKILL: the node vanishes without saying goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM without waiting: the node starts its graceful drain. */
  public void sigterm() {
    process.destroy();
  }

  /** Waits up to {@code timeoutMs} for the process to end; true when it did. */
  public boolean awaitExit(long timeoutMs) throws InterruptedException {
    return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: graceful drain
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
