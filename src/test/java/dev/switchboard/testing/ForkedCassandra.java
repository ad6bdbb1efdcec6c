package dev.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apache Cassandra 5.0 ({@code cassandra-all} from Maven Central) as a forked JDK 17 process bound to 127.0.0.1
 * on free ports, with a small heap and its data under target/. Its classpath is fetched once into
 * target/cassandra/lib by the Maven dependency plugin (src/test/cassandra/pom.xml). One instance serves the
 * whole test JVM and is stopped when that JVM exits.
 */
public final class ForkedCassandra {
  private static ForkedCassandra shared;
  private final Process process;
  private final int port;
  private final Path dir;

  private ForkedCassandra() throws IOException, InterruptedException {
    Path base = Path.of(System.getProperty("user.dir"));
    Path lib = base.resolve("target/cassandra/lib");
    fetchClasspath(base, lib);
    dir = Files.createTempDirectory(Files.createDirectories(base.resolve("target/cassandra")), "run-");
    port = dev.switchboard.NodeProcess.freePort(); // below the ephemeral range, see there
    int storage = dev.switchboard.NodeProcess.freePort();
    while (storage == port) { // both probes closed their sockets: the same free port can come back twice
      storage = dev.switchboard.NodeProcess.freePort();
    }
    Files.writeString(dir.resolve("cassandra.yaml"), yaml(storage));
    Files.writeString(dir.resolve("logback.xml"), """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{20} - %%msg%%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="FILE"/></root>
        </configuration>
        """.formatted(dir.resolve("system.log")));
    List<String> cmd = new ArrayList<>(List.of(java17(), "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
        "-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(), "-Dcassandra-foreground=yes",
        "-Dcassandra.storagedir=" + dir, "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
        "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=100",
        "-Djava.net.preferIPv4Stack=true"));
    cmd.addAll(jdk17Opens());
    cmd.addAll(List.of("-cp", lib + File.separator + "*", "org.apache.cassandra.service.CassandraDaemon"));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "cassandra-stop"));
    waitForPort();
  }

  /** The shared instance, started on first use. */
  public static synchronized ForkedCassandra get() {
    if (shared == null) {
      try {
        shared = new ForkedCassandra();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  public int port() {
    return port;
  }

  private static void fetchClasspath(Path base, Path lib) throws IOException, InterruptedException {
    if (Files.isDirectory(lib) && Files.exists(lib.resolve("cassandra-all-5.0.9.jar"))) {
      return;
    }
    Process p = new ProcessBuilder(base.resolve("mvnw").toString(), "-q", "-B", "-ntp", "-f",
        base.resolve("src/test/cassandra/pom.xml").toString(), "dependency:copy-dependencies",
        "-DoutputDirectory=" + lib).directory(base.toFile()).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("could not fetch cassandra-all into " + lib);
    }
  }

  private static String java17() {
    String home = System.getenv().getOrDefault("CASSANDRA_JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64");
    Path java = Path.of(home, "bin", "java");
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException("Cassandra 5 needs JDK 17 at " + home + " (set CASSANDRA_JAVA_HOME)");
    }
    return java.toString();
  }

  /** The module openings Cassandra's own jvm17-server.options passes. */
  private static List<String> jdk17Opens() {
    List<String> out = new ArrayList<>();
    for (String e : List.of("java.base/jdk.internal.misc", "java.base/jdk.internal.ref", "java.base/sun.nio.ch",
        "java.management.rmi/com.sun.jmx.remote.internal.rmi", "java.rmi/sun.rmi.registry",
        "java.rmi/sun.rmi.server", "java.sql/java.sql")) {
      out.add("--add-exports");
      out.add(e + "=ALL-UNNAMED");
    }
    for (String o : List.of("java.base/java.lang.module", "java.base/jdk.internal.loader",
        "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect", "java.base/jdk.internal.math",
        "java.base/jdk.internal.module", "java.base/jdk.internal.util.jar",
        "jdk.management/com.sun.management.internal",
        "java.base/sun.nio.ch", "java.base/java.io", "java.base/java.nio", "java.base/java.util.concurrent",
        "java.base/java.util", "java.base/java.util.concurrent.atomic", "java.base/java.lang", "java.base/java.math",
        "java.base/java.lang.reflect", "java.base/java.net")) {
      out.add("--add-opens");
      out.add(o + "=ALL-UNNAMED");
    }
    return out;
  }

  private String yaml(int storage) {
    Path d = dir.resolve("data");
    return """
        cluster_name: switchboard-test
        num_tokens: 1
        initial_token: 0
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: "127.0.0.1:%d"
        listen_address: 127.0.0.1
        rpc_address: 127.0.0.1
        storage_port: %d
        native_transport_port: %d
        start_native_transport: true
        endpoint_snitch: SimpleSnitch
        data_file_directories: [%s/data]
        commitlog_directory: %s/commitlog
        saved_caches_directory: %s/saved_caches
        hints_directory: %s/hints
        cdc_raw_directory: %s/cdc_raw
        concurrent_compactors: 1
        """.formatted(storage, storage, port, d, d, d, d, d);
  }

  private void waitForPort() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Cassandra exited: " + tail());
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(250); // waiting for an external process to open its port
      }
    }
    stop();
    throw new IllegalStateException("Cassandra did not open port " + port + ": " + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("out.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
