package dev.switchboard.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of cluster messages: a type byte, the sender's node id, then type-specific fields as
 * length-prefixed UTF-8 strings, ints and byte arrays. Compact and cheap to decode on every node.
 */
final class ClusterMessage {
  static final byte EVENT = 1;
  static final byte MEMBER_JOINED = 2;
  static final byte MEMBER_LEFT = 3;
  static final byte COUNT = 4;
  static final byte USER_ONLINE = 5;
  static final byte USER_OFFLINE = 6;
  static final byte CONNECTIONS = 7;
  static final byte TERMINATE = 8;
  static final byte HEARTBEAT = 9;
  static final byte HELLO = 10;
  static final byte SYNC = 11;
  static final byte BYE = 12;
  /** A state confirmation marker ({@link Confirmations}); only its sender acts on it, older nodes ignore it. */
  static final byte CONFIRM = 13;
  /** A peer's ack of a confirmation marker: it has applied everything the marker's sender sent before it. */
  static final byte CONFIRMED = 14;
  /** Trailing flag of HELLO and HEARTBEAT: this node acks confirmation markers (older nodes send none). */
  static final int ACKS_CONFIRMATIONS = 1;
  /** A question for one node ({@link NodeRequests}) and its answer. */
  static final byte ASK = 15;
  static final byte ANSWER = 16;

  private ClusterMessage() {}

  /** Builds one message. */
  static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer(byte type, String node) {
      bytes.write(type);
      str(node);
    }

    Writer str(String s) {
      try {
        if (s == null) {
          out.writeInt(-1);
        } else {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Writer num(int n) {
      try {
        out.writeInt(n);
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Writer bytes(byte[] b) {
      try {
        out.writeInt(b.length);
        out.write(b);
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] done() {
      return bytes.toByteArray();
    }
  }

  /** Reads one message; malformed input throws {@link ClusterException}. */
  static final class Reader {
    final byte type;
    final String node;
    private final DataInputStream in;

    Reader(byte[] message) {
      if (message.length < 5) {
        throw new ClusterException("cluster message too short");
      }
      this.type = message[0];
      this.in = new DataInputStream(new ByteArrayInputStream(message, 1, message.length - 1));
      this.node = str();
    }

    String str() {
      byte[] b = nullableBytes();
      return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    int num() {
      try {
        return in.readInt();
      } catch (IOException e) {
        throw new ClusterException("truncated cluster message");
      }
    }

    byte[] bytes() {
      byte[] b = nullableBytes();
      if (b == null) {
        throw new ClusterException("missing bytes in cluster message");
      }
      return b;
    }

    /** Whether another field follows: fields added later go last, and older senders leave them out. */
    boolean more() {
      try {
        return in.available() > 0;
      } catch (IOException e) {
        return false;
      }
    }

    /** Passes over one string or byte-array field without decoding or copying it. */
    void skip() {
      try {
        int n = in.readInt();
        if (n > 0 && in.skipBytes(n) < n) {
          throw new ClusterException("truncated cluster message");
        }
      } catch (IOException e) {
        throw new ClusterException("truncated cluster message");
      }
    }

    private byte[] nullableBytes() {
      try {
        int n = in.readInt();
        if (n < 0) {
          return null;
        }
        if (n > in.available()) {
          throw new ClusterException("truncated cluster message");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
      } catch (IOException e) {
        throw new ClusterException("truncated cluster message");
      }
    }
  }
}
