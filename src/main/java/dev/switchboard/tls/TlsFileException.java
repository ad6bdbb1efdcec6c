package dev.switchboard.tls;

/** A certificate or key file that cannot be used; the message says why, without the file's content. */
final class TlsFileException extends RuntimeException {
  TlsFileException(String message) {
    super(message, null, false, false);
  }
}
