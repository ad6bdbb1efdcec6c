package dev.switchboard.gateway;

import dev.switchboard.transport.Admission;

/**
 * Refusals of a gateway upgrade as HTTP answers, in API Gateway's body shape ({@code {"message":...}})
 * with the reason named, so a client or its developer can tell an expired token from a full app.
 */
final class GatewayAdmission {
  private GatewayAdmission() {}

  static Admission refuse(GatewayStats stats, GatewayStats.Refusal why, String reason) {
    stats.refused(why);
    int status = switch (why) {
      case UNAUTHORIZED -> 401;
      case FORBIDDEN, APP_DISABLED -> 403;
      case UNKNOWN_APP -> 404;
      case QUOTA, RATE -> 429;
      case DRAINING, UNAVAILABLE -> 503;
    };
    String message = switch (status) {
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      default -> "Service Unavailable";
    };
    return Admission.refuseWith(status, "{\"message\":\"" + message + "\",\"reason\":" + GatewayJson.quoted(reason)
        + "}");
  }
}
