package dev.switchboard.tls;

/** {@link TlsServerIT} on the JDK's TLS engine ({@code ssl.engine: jdk}) instead of OpenSSL's. */
class TlsServerJdkEngineIT extends TlsServerIT {
  @Override
  String engine() {
    return "jdk";
  }
}
