package dev.switchboard.tls;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the metrics port (a Vert.x server), with the public port's files: its key and trust managers ask
 * {@link ServerTls} for the material at each handshake, so a renewal reaches this port with no rebuild.
 */
public final class MetricsPortTls {
  private static final String ALIAS = "switchboard";

  private MetricsPortTls() {}

  /** Turns TLS on in {@code opts}: the same files, protocols and client-certificate rule as the public port. */
  public static void apply(ServerTls tls, HttpServerOptions opts) {
    opts.setSsl(true)
        .setKeyCertOptions(KeyCertOptions.wrap(new CurrentKey(tls)))
        .setEnabledSecureTransportProtocols(Set.of(ServerTls.PROTOCOLS));
    if (tls.material().clientCas().length > 0) {
      opts.setTrustOptions(TrustOptions.wrap(new CurrentCas(tls)))
          .setClientAuth(tls.config().clientAuth().equals("optional") ? ClientAuth.REQUEST : ClientAuth.REQUIRED);
    }
  }

  /** One alias whose chain and key are whatever the files held at the last (re)load. */
  private static final class CurrentKey extends X509ExtendedKeyManager {
    private final ServerTls tls;

    CurrentKey(ServerTls tls) {
      this.tls = tls;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return tls.material().chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return tls.material().key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null; // a server only
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }

  /** The JDK's PKIX trust manager over the current CA bundle, rebuilt when a reload brings a new one. */
  private static final class CurrentCas extends X509ExtendedTrustManager {
    private final ServerTls tls;
    private TlsMaterial builtFrom;
    private X509ExtendedTrustManager delegate;

    CurrentCas(ServerTls tls) {
      this.tls = tls;
    }

    private synchronized X509ExtendedTrustManager current() throws CertificateException {
      TlsMaterial m = tls.material();
      if (m != builtFrom) {
        try {
          KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
          ks.load(null, null);
          for (int i = 0; i < m.clientCas().length; i++) {
            ks.setCertificateEntry("ca" + i, m.clientCas()[i]);
          }
          TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          f.init(ks);
          for (javax.net.ssl.TrustManager t : f.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) {
              delegate = x;
            }
          }
          builtFrom = m;
        } catch (GeneralSecurityException | java.io.IOException e) {
          throw new CertificateException("cannot use the client CA bundle: " + e.getMessage(), e);
        }
      }
      return delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a server-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a server-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a server-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return tls.material().clientCas().clone();
    }
  }
}
