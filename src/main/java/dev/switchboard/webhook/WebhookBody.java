package dev.switchboard.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.pusher.PusherSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds the body {@code {"time_ms":..,"events":[..]}} and its signature. The JSON is compact and escapes
 * only what JSON requires (quote, backslash, control characters; lower-case hex), and writes every other
 * character as plain UTF-8, as JavaScript's {@code JSON.stringify} does, so a receiver that parses and
 * re-serialises the body gets the very bytes that were signed.
 */
public final class WebhookBody {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      // characters outside the BMP as 4-byte UTF-8, not as escaped surrogate pairs
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private WebhookBody() {}

  public static byte[] encode(long timeMs, List<WebhookEvent> events) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256); JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setCodec(JSON);
      g.writeStartObject();
      g.writeNumberField("time_ms", timeMs);
      g.writeArrayFieldStart("events");
      for (WebhookEvent e : events) {
        g.writeTree(e.json());
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HMAC-SHA256 of exactly {@code body} with the app secret, as lower-case hex. */
  public static String sign(String secret, byte[] body) {
    return PusherSignatures.hmacHex(secret, body);
  }

}
