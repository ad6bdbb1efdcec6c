package dev.switchboard;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.console.ConsoleConfig;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.logging.ConsoleLogConfigurator;
import dev.switchboard.logging.LogConfig;
import dev.switchboard.signaling.SignalingConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point: {@code switchboard start [--config FILE]}. A bad config stops start-up with one line that
 * names the key; SIGTERM drains the server gracefully.
 */
public final class Switchboard {
  private Switchboard() {}

  public static void main(String[] args) throws Exception {
    // Netty 4.2 registers JFR events for its buffer allocators whenever JFR is present: ~200 classes loaded and
    // instrumented (metaspace, heap, start-up time) for telemetry nobody reads. -Dio.netty.jfr.enabled=true
    // brings them back. Set before anything touches Netty, whose PlatformDependent reads it once.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    if (args.length > 0 && args[0].equals("apps")) {
      if (System.getenv("SWITCHBOARD_LOG_LEVEL") == null) {
        System.setProperty("SWITCHBOARD_LOG_LEVEL", "ERROR"); // keep the command's output clean
      }
      java.util.List<String> rest = java.util.List.of(args).subList(1, args.length);
      System.exit(new AppsCommand(System.out, System.err).run(rest, System.getenv()));
    }
    Path config = null;
    String command = "start";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--config") && i + 1 < args.length) {
        config = Path.of(args[++i]);
      } else if (a.startsWith("--config=")) {
        config = Path.of(a.substring("--config=".length()));
      } else if (a.equals("-h") || a.equals("--help")) {
        System.out.println("usage: switchboard start [--config FILE]\n" + AppsCommand.USAGE);
        return;
      } else if (!a.startsWith("-")) {
        command = a;
      } else {
        fail("unknown option " + a + " (usage: switchboard start [--config FILE])");
      }
    }
    if (!command.equals("start")) {
      fail("unknown command " + command + " (usage: switchboard start [--config FILE])");
    }
    ServerConfig cfg;
    SignalingConfig.registerEnv();
    GatewayConfig.registerEnv();
    LogConfig.registerEnv();
    ConsoleConfig.registerEnv();
    try {
      cfg = ConfigLoader.load(config, System.getenv());
      ConsoleLogConfigurator.apply(LogConfig.from(cfg.tree()));
    } catch (ConfigException e) {
      fail(e.getMessage());
      return;
    }
    SwitchboardServer server;
    try {
      server = SwitchboardServer.start(cfg).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      fail("cannot start: " + rootMessage(e));
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().await(cfg.shutdownGraceMs() + 5_000L, TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      stopped.countDown();
    }, "switchboard-shutdown"));
    stopped.await();
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static void fail(String line) {
    System.err.println("switchboard: " + line);
    System.exit(2);
  }
}
