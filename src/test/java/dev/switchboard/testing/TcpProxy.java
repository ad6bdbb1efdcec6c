package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a database, so a test can cut the database off (every open connection
 * dropped, new ones closed at once), or make it hang (connections stay open and new ones are accepted, but no
 * byte goes through: a database that stopped answering, or a network that drops packets), and restore it,
 * without touching the shared database service.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private final Object flow = new Object();
  private boolean hung;

  public TcpProxy(int targetPort) {
    this.target = targetPort;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + targetPort);
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Drops every connection and refuses new ones until {@link #restore}. */
  public void cut() {
    cut = true;
    open.forEach(TcpProxy::quietClose);
    open.clear();
  }

  /**
   * Stops forwarding bytes in both directions until {@link #restore}, keeping every connection open. Bytes in
   * flight are held, not dropped, so the streams carry on intact afterwards, as after a network partition heals.
   */
  public void hang() {
    synchronized (flow) {
      hung = true;
    }
  }

  public void restore() {
    cut = false;
    synchronized (flow) {
      hung = false;
      flow.notifyAll();
    }
  }

  private void awaitFlow() throws IOException {
    synchronized (flow) {
      while (hung) {
        try {
          flow.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (cut) {
          quietClose(client);
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // closed, or the target refused: the client sees its connection drop
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          awaitFlow();
          out.write(buf, 0, n);
        }
      } catch (IOException e) {
        // one side went away
      } finally {
        quietClose(from);
        quietClose(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void quietClose(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
    restore(); // releases pumps held by hang(); their sockets are closed already
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
