package dev.switchboard.gateway.connections;

import java.util.function.Function;

/**
 * What a request looks like to the verifier.
 *
 * @param method the HTTP method, upper case as on the wire
 * @param rawPath the path as received on the wire, still percent-encoded (e.g.
 *     {@code /prod/%40connections/R0oXAdfD0kwCH6w%3D})
 * @param rawQuery the query without {@code '?'}, still percent-encoded, or null when there is none
 * @param header a header's value by case-insensitive name, or null when absent; a header sent several times
 *     is given as its values joined by {@code ','}, as SigV4 canonicalises it
 * @param body the body as received, or null for none
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Function<String, String> header,
    byte[] body) {}
