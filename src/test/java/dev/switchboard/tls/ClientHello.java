package dev.switchboard.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.HexFormat;

/**
 * A hand-written TLS ClientHello offering one protocol version, and what the server answered: the JDK's own
 * client refuses to even offer TLS 1.1 (it is disabled in java.security), so a test that the server refuses it
 * has to send the bytes itself. The hello offers ECDHE-RSA and ECDHE-ECDSA suites valid from TLS 1.0 to 1.2.
 */
final class ClientHello {
  /** The server's first record: a handshake (ServerHello) with its version, an alert, or nothing. */
  record Answer(int recordType, int version, int alertDescription) {
    boolean serverHello() {
      return recordType == 0x16;
    }
  }

  private ClientHello() {}

  /** Sends a hello for {@code version} (0x0302 is TLS 1.1, 0x0303 TLS 1.2) and reads the first answer. */
  static Answer send(int port, int version) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(hello(version));
      s.getOutputStream().flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      try {
        int type = in.readUnsignedByte();
        in.readUnsignedShort(); // record version
        in.readUnsignedShort(); // record length
        if (type == 0x15) {
          in.readUnsignedByte(); // alert level
          return new Answer(type, -1, in.readUnsignedByte());
        }
        in.readUnsignedByte(); // handshake type (2: ServerHello)
        in.readUnsignedByte();
        in.readUnsignedShort(); // handshake length
        return new Answer(type, in.readUnsignedShort(), -1);
      } catch (EOFException | java.net.SocketException e) {
        return new Answer(-1, -1, -1); // closed without a word
      }
    }
  }

  private static byte[] hello(int version) {
    HexFormat hex = HexFormat.of();
    byte[] extensions = hex.parseHex(
        "000a00060004001d0017" // supported_groups: x25519, secp256r1
        + "000b00020100" // ec_point_formats: uncompressed
        + "000d000a0008080404010403" + "0201"); // signature_algorithms: rsa_pss_rsae_sha256, rsa/ecdsa sha256, sha1
    byte[] suites = hex.parseHex("c02fc02bc013c009"); // ECDHE-RSA/ECDSA AES128 GCM (1.2) and CBC-SHA (1.0+)
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(version >> 8);
    body.write(version);
    body.writeBytes(new byte[32]); // client random
    body.write(0); // no session id
    body.write(0);
    body.write(suites.length);
    body.writeBytes(suites);
    body.write(1); // one compression method: null
    body.write(0);
    body.write(extensions.length >> 8);
    body.write(extensions.length);
    body.writeBytes(extensions);
    byte[] b = body.toByteArray();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.writeBytes(new byte[] {0x16, 0x03, 0x01, (byte) ((b.length + 4) >> 8), (byte) (b.length + 4), 0x01, 0,
        (byte) (b.length >> 8), (byte) b.length});
    rec.writeBytes(b);
    return rec.toByteArray();
  }
}
