package dev.switchboard.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER that wrapping a PKCS#1 or SEC1 key into PKCS#8 takes: reading one element's tag and bounds,
 * and writing a SEQUENCE or OCTET STRING around bytes. Not a general ASN.1 parser.
 */
final class Der {
  static final int SEQUENCE = 0x30;
  static final int OCTET_STRING = 0x04;

  /** One element: its tag and where its content lies in the buffer it was read from. */
  record Element(int tag, int start, int end, int contentStart) {
    byte[] whole(byte[] buf) {
      return Arrays.copyOfRange(buf, start, end);
    }
  }

  private Der() {}

  /** The element starting at {@code pos}; throws IllegalArgumentException when the bytes are not DER. */
  static Element read(byte[] buf, int pos) {
    if (pos + 2 > buf.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = buf[pos] & 0xff;
    int len = buf[pos + 1] & 0xff;
    int at = pos + 2;
    if (len > 0x80) {
      int n = len & 0x7f;
      if (n > 3 || at + n > buf.length) {
        throw new IllegalArgumentException("bad DER length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (buf[at++] & 0xff);
      }
    } else if (len == 0x80) {
      throw new IllegalArgumentException("indefinite DER length");
    }
    if (at + len > buf.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    return new Element(tag, pos, at + len, at);
  }

  /** {@code tag} around the concatenated {@code parts}. */
  static byte[] wrap(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    int len = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
