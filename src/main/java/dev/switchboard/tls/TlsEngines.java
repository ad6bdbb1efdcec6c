package dev.switchboard.tls;

import dev.switchboard.config.TlsConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS engine serves: the JDK's own, or OpenSSL's API (BoringSSL) through netty-tcnative when its
 * native library loads (netty-tcnative-boringssl-static, shipped for linux-x86_64). {@code ssl.engine: auto}
 * takes OpenSSL's, the faster, when it loads (see docs/tls.md for the measurement); a named engine that cannot
 * load falls back to the JDK's with a WARN line.
 */
final class TlsEngines {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEngines.class);

  private TlsEngines() {}

  static SslProvider provider(TlsConfig c) {
    return switch (c.engine()) {
      case "jdk" -> SslProvider.JDK;
      case "openssl" -> {
        if (OpenSsl.isAvailable()) {
          yield SslProvider.OPENSSL;
        }
        LOG.warn("ssl.engine=openssl but the native TLS library cannot load ({}); using the JDK's engine",
            OpenSsl.unavailabilityCause() == null ? "unknown cause" : OpenSsl.unavailabilityCause().toString());
        yield SslProvider.JDK;
      }
      // auto: OpenSSL's engine, measured at 2.3-10x the JDK's full handshakes and 2.1-3.1x its record throughput
      // per CPU second (bench/results/20261206-tls.md); the JDK's where the native library does not load
      default -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    };
  }
}
