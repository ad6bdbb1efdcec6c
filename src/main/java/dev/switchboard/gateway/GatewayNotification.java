package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A backend's notification, as SUMU's pusher Lambda takes it: {@code {"users":[...], "exclude_users":[...],
 * "data":<any JSON>}}. {@code data} is kept as the backend wrote it, since each socket receives exactly that
 * text. User ids may be strings or numbers (a number is its decimal text, as everywhere in the server).
 *
 * @param users the users to reach (duplicates once); empty means every gateway socket of the app
 * @param excluded users left out
 * @param data the JSON text every reached socket receives
 * @param appId the app it is for when the body names one ({@code app_id}, queue input only), else null
 */
record GatewayNotification(Set<String> users, Set<String> excluded, String data, String appId) {
  private static final JsonFactory JSON = new JsonFactory();

  /** Why a notification cannot be delivered however often it is tried. */
  static final class Malformed extends RuntimeException {
    Malformed(String why) {
      super(why, null, false, false);
    }
  }

  static GatewayNotification parse(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new Malformed("a notification is a JSON object with data, and users or exclude_users");
      }
      Set<String> users = new LinkedHashSet<>();
      Set<String> excluded = new LinkedHashSet<>();
      String data = null;
      String appId = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "users" -> ids(p, value, "users", users);
          case "exclude_users" -> ids(p, value, "exclude_users", excluded);
          case "data" -> data = GatewayJson.raw(p, text, value);
          case "app_id" -> {
            if (value.isScalarValue()) {
              appId = value == JsonToken.VALUE_NULL ? null : p.getText();
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new Malformed("text after the notification's JSON object");
      }
      if (data == null) {
        throw new Malformed("data is missing");
      }
      return new GatewayNotification(users, excluded, data, appId);
    } catch (JsonProcessingException e) {
      throw new Malformed("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Malformed("not valid JSON");
    }
  }

  private static void ids(JsonParser p, JsonToken value, String field, Set<String> into) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_ARRAY) {
      throw new Malformed(field + " must be a list of user ids");
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
        throw new Malformed(field + " must hold strings or integers");
      }
      String id = p.getText();
      if (id.isEmpty()) {
        throw new Malformed(field + " holds an empty user id");
      }
      into.add(id);
    }
  }

  /** True when every gateway socket of the app is meant (no users named). */
  boolean broadcast() {
    return users.isEmpty();
  }
}
