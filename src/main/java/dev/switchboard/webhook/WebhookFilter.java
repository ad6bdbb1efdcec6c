package dev.switchboard.webhook;

import java.util.regex.Pattern;

/**
 * Which channels a target hears about; every part that is set must match (AND, as soketi documents).
 * soketi's {@code channel_name_starts_with}/{@code _ends_with} and Sockudo's {@code channel_prefix},
 * {@code channel_suffix}, {@code channel_pattern} (a regular expression the whole name must match).
 */
public record WebhookFilter(String prefix, String suffix, Pattern pattern) {
  public static final WebhookFilter NONE = new WebhookFilter(null, null, null);

  public boolean matches(String channel) {
    if (this == NONE) {
      return true;
    }
    if (channel == null) {
      return false;
    }
    return (prefix == null || channel.startsWith(prefix)) && (suffix == null || channel.endsWith(suffix))
        && (pattern == null || pattern.matcher(channel).matches());
  }
}
