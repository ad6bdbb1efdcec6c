package dev.switchboard.pusher;

import java.util.List;
import java.util.Locale;

/**
 * allowed_origins matching, in the forms soketi and Sockudo configs use: {@code *} (any origin), a full
 * origin ({@code https://app.example.com}), a host without a scheme that matches http and https alike
 * ({@code example.com}, {@code localhost:3000}), and a subdomain wildcard with or without a scheme
 * ({@code *.example.com}, {@code https://*.example.com}) that matches any depth of subdomain but not the bare
 * domain. A pattern without a port matches only the scheme's default port; {@code host:*} takes any port.
 */
final class Origins {
  private Origins() {}

  static boolean allowed(List<String> allowed, String origin) {
    if (allowed.isEmpty()) {
      return true;
    }
    Parts o = origin == null ? null : Parts.of(origin);
    for (String a : allowed) {
      String p = a.trim();
      if (p.equals("*")) {
        return true;
      }
      if (o != null && o.scheme != null && matches(Parts.of(p), o)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Parts p, Parts o) {
    if (p.scheme != null && !p.scheme.equals(o.scheme)) {
      return false;
    }
    boolean portOk = p.port.equals("*") || p.port.equals(o.port);
    if (!portOk) {
      return false;
    }
    if (p.host.equals("*")) {
      return true;
    }
    if (p.host.startsWith("*.")) {
      String base = p.host.substring(1); // ".example.com"
      return o.host.endsWith(base) && o.host.length() > base.length();
    }
    return p.host.equals(o.host);
  }

  /** scheme (null when absent), host, and port ("" for the scheme's default). */
  private record Parts(String scheme, String host, String port) {
    static Parts of(String s) {
      String v = s.trim().toLowerCase(Locale.ROOT);
      String scheme = null;
      int sep = v.indexOf("://");
      if (sep >= 0) {
        scheme = v.substring(0, sep);
        v = v.substring(sep + 3);
      }
      int slash = v.indexOf('/');
      if (slash >= 0) {
        v = v.substring(0, slash);
      }
      String port = "";
      int colon = v.lastIndexOf(':');
      if (colon >= 0 && v.indexOf(']', colon) < 0) { // not inside an IPv6 literal
        port = v.substring(colon + 1);
        v = v.substring(0, colon);
      }
      if (("http".equals(scheme) || "ws".equals(scheme)) && port.equals("80")
          || ("https".equals(scheme) || "wss".equals(scheme)) && port.equals("443")) {
        port = "";
      }
      return new Parts(scheme, v, port);
    }
  }
}
