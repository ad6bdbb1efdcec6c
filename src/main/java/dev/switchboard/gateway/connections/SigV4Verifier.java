package dev.switchboard.gateway.connections;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 on a request signed for the {@code execute-api} service, as the AWS SDKs sign
 * calls to an API Gateway management endpoint. Stateless and thread-safe; pure CPU, no I/O, no logging.
 */
public final class SigV4Verifier {
  /** How far X-Amz-Date may be from now, either side, as AWS allows. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern AMZ_DATE_SHAPE = Pattern.compile("\\d{8}T\\d{6}Z");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private final Clock clock;

  /** {@code clock} decides whether X-Amz-Date is within 15 minutes of now. */
  public SigV4Verifier(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks the request's {@code Authorization} header. {@code secretFor} maps an access key id (an app key) to
   * its secret, or to null when the key is unknown. Every refusal is an {@link SigV4Result.Invalid} with a
   * message safe to return to the caller; no input makes this throw.
   */
  public SigV4Result verify(SignedRequest r, Function<String, String> secretFor) {
    try {
      SigV4Authorization auth = SigV4Authorization.parse(r.header().apply("authorization"));
      String amzDate = requestDate(r.header());
      if (!amzDate.startsWith(auth.date())) {
        throw new SigV4Refusal("Credential date " + auth.date() + " does not match the request date " + amzDate);
      }
      String secret = secretFor.apply(auth.accessKeyId());
      if (secret == null) {
        throw new SigV4Refusal("Unknown access key id " + auth.accessKeyId());
      }
      String canonicalRequest = canonicalRequest(r, auth);
      String stringToSign = SigV4Authorization.ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n"
          + SigV4Hashing.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
      String expected = SigV4Hashing.signatureHex(SigV4Hashing.signingKey(secret, auth), stringToSign);
      // constant time, so the time taken does not tell how many leading digits were right
      if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
          auth.signature().getBytes(StandardCharsets.US_ASCII))) {
        throw new SigV4Refusal("The request signature we calculated does not match the signature you provided."
            + " Check your secret and signing method.");
      }
      return new SigV4Result.Valid(auth.accessKeyId());
    } catch (SigV4Refusal e) {
      return new SigV4Result.Invalid(e.getMessage());
    }
  }

  private static String canonicalRequest(SignedRequest r, SigV4Authorization auth) {
    if (r.method() == null || r.method().isEmpty()) {
      throw new SigV4Refusal("Request has no method");
    }
    return r.method() + "\n"
        + SigV4Canonical.uri(r.rawPath()) + "\n"
        + SigV4Canonical.query(r.rawQuery()) + "\n"
        + SigV4Canonical.headers(auth.signedHeaders(), r.header()) + "\n"
        + String.join(";", auth.signedHeaders()) + "\n"
        + payloadHash(r);
  }

  // A client may state the body's hash in x-amz-content-sha256 (S3 style); it must then be the body's hash,
  // unless it is UNSIGNED-PAYLOAD. Without the header the body's own hash is signed (every non-S3 SDK call).
  private static String payloadHash(SignedRequest r) {
    String bodyHash = SigV4Hashing.sha256Hex(r.body() == null ? new byte[0] : r.body());
    String declared = r.header().apply("x-amz-content-sha256");
    if (declared == null) {
      return bodyHash;
    }
    String d = declared.strip();
    if (d.equals(UNSIGNED_PAYLOAD)) {
      return d;
    }
    if (!HEX64.matcher(d).matches()) {
      throw new SigV4Refusal("x-amz-content-sha256 must be the body's SHA-256 in hex or UNSIGNED-PAYLOAD");
    }
    if (!d.equalsIgnoreCase(bodyHash)) {
      throw new SigV4Refusal("x-amz-content-sha256 does not match the SHA-256 of the body");
    }
    return d;
  }

  /** X-Amz-Date (or Date), in the basic ISO 8601 form the string to sign uses, within 15 minutes of now. */
  private String requestDate(Function<String, String> header) {
    String amz = header.apply("x-amz-date");
    Instant at;
    if (amz != null) {
      amz = amz.strip();
      if (!AMZ_DATE_SHAPE.matcher(amz).matches()) {
        throw new SigV4Refusal("X-Amz-Date must be yyyyMMdd'T'HHmmss'Z'");
      }
      at = parse(amz, AMZ_DATE, "X-Amz-Date must be yyyyMMdd'T'HHmmss'Z'");
    } else {
      String date = header.apply("date");
      if (date == null) {
        throw new SigV4Refusal("Missing X-Amz-Date (or Date) header");
      }
      at = parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME, "Date must be an RFC 1123 date");
      amz = AMZ_DATE.format(at);
    }
    Instant now = clock.instant();
    if (at.isBefore(now.minus(MAX_SKEW))) {
      throw new SigV4Refusal("Signature expired: " + amz + " is more than 15 minutes before "
          + AMZ_DATE.format(now));
    }
    if (at.isAfter(now.plus(MAX_SKEW))) {
      throw new SigV4Refusal("Signature not yet current: " + amz + " is more than 15 minutes after "
          + AMZ_DATE.format(now));
    }
    return amz;
  }

  private static Instant parse(String value, DateTimeFormatter format, String message) {
    try {
      return ZonedDateTime.parse(value, format).toInstant();
    } catch (DateTimeParseException e) {
      throw new SigV4Refusal(message);
    }
  }
}
