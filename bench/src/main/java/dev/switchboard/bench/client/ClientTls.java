package dev.switchboard.bench.client;

import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for every client socket of a run ({@code --tls true}): WebSocket connections become wss:// and API
 * lanes https://. One context for the whole run, with OpenSSL's engine when it loads (the generator's own
 * cost per handshake and per record stays low and the same for every server). The server's certificate is
 * not checked: the generator only talks to a server on this machine.
 */
public final class ClientTls {
    private static volatile SslContext context;

    private ClientTls() {}

    /** Turns TLS on for the sockets made from now on. */
    public static void enable() throws SSLException {
        context = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }

    /** The engine in use, or "off". */
    public static String describe() {
        SslContext c = context;
        return c == null ? "off" : c instanceof io.netty.handler.ssl.OpenSslContext ? "openssl" : "jdk";
    }

    /** Puts a TLS handler first in {@code ch}'s pipeline when TLS is on. */
    public static void addTo(Channel ch, String host, int port) {
        SslContext c = context;
        if (c != null) {
            ch.pipeline().addFirst("tls", c.newHandler(ch.alloc(), host, port));
        }
    }
}
