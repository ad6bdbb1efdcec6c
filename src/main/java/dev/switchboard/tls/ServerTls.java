package dev.switchboard.tls;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.TlsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Vertx;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public port's TLS: the current {@link SslContext}, handed to each new connection, and a poll of the
 * files that builds a new one when they change (a certbot renewal) and swaps it in. Connections already open
 * keep the context they were made with; a renewal that cannot be used keeps the old context and logs one
 * WARN line. The poll reads files on a worker thread, never on an event loop.
 */
public final class ServerTls {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final TlsConfig config;
  private final SslProvider provider;
  private volatile SslContext context;
  private volatile TlsMaterial material;
  /** The digest of the last files tried, used or not: a broken renewal is reported once, not every poll. */
  private volatile String lastTried;
  private long timer = -1;

  private ServerTls(TlsConfig config, SslProvider provider, TlsMaterial material) {
    this.config = config;
    this.provider = provider;
    this.material = material;
    this.lastTried = material.digest();
    this.context = build(config, provider, material);
  }

  /** Reads the files and builds the first context; a file that cannot be used throws a ConfigException. */
  public static ServerTls load(TlsConfig config) {
    return new ServerTls(config, TlsEngines.provider(config), TlsMaterial.load(config));
  }

  public TlsConfig config() {
    return config;
  }

  /** The engine in use: OPENSSL (BoringSSL through netty-tcnative) or JDK. */
  public SslProvider provider() {
    return provider;
  }

  /** A handler for one new connection, from the context current now. */
  public SslHandler newHandler(ByteBufAllocator alloc) {
    return context.newHandler(alloc);
  }

  /** The material in use, for the metrics port's key and trust managers. */
  TlsMaterial material() {
    return material;
  }

  /** Starts the renewal poll (unless ssl.reload_interval_sec is 0); {@link #stop} ends it. */
  public synchronized void start(Vertx vertx) {
    if (config.reloadIntervalSec() == 0 || timer >= 0) {
      return;
    }
    timer = vertx.setPeriodic(config.reloadIntervalSec() * 1000L, id ->
        vertx.executeBlocking(() -> {
          reloadIfChanged();
          return null;
        }, false));
  }

  public synchronized void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Checks the files once; when they changed and can be used, builds and swaps in a new context. Returns
   * whether it did. Blocking (file reads, key parsing): call it off the event loops.
   */
  public synchronized boolean reloadIfChanged() {
    String digest;
    try {
      digest = TlsMaterial.digest(config);
    } catch (ConfigException e) {
      return warnOnce("unreadable:" + e.getMessage(), e.getMessage());
    }
    if (digest.equals(lastTried)) {
      return false;
    }
    try {
      TlsMaterial next = TlsMaterial.load(config);
      SslContext built = build(config, provider, next);
      material = next;
      context = built;
      lastTried = next.digest();
      LOG.info("TLS certificate reloaded from {}: {}, valid until {}", config.certPath(),
          next.chain()[0].getSubjectX500Principal().getName(), next.chain()[0].getNotAfter().toInstant());
      return true;
    } catch (ConfigException e) {
      // certbot replaces cert and key one after the other: a poll in between sees a pair that does not match,
      // and the next poll sees the finished pair (a changed digest, so it is tried again)
      return warnOnce(digest, e.getMessage());
    }
  }

  private boolean warnOnce(String tried, String why) {
    if (!tried.equals(lastTried)) {
      lastTried = tried;
      LOG.warn("TLS files changed but cannot be used; still serving the previous certificate: {}", why);
    }
    return false;
  }

  static SslContext build(TlsConfig config, SslProvider provider, TlsMaterial m) {
    try {
      SslContextBuilder b = SslContextBuilder.forServer(m.key(), m.chain())
          .sslProvider(provider)
          .protocols(PROTOCOLS);
      if (m.clientCas().length > 0) {
        b.trustManager(m.clientCas())
            .clientAuth(config.clientAuth().equals("optional") ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (SSLException | RuntimeException e) {
      throw new ConfigException("invalid config " + config.label("ssl.cert_path") + "=" + config.certPath()
          + ": the " + provider + " TLS engine refused the certificate or key: " + e.getMessage());
    }
  }
}
