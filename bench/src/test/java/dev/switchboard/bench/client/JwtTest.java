package dev.switchboard.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtTest {
    @Test
    void signsTheRfcStyleExampleExactlyAsJwtIoDoes() {
        // the example token of jwt.io (HS256, secret "your-256-bit-secret")
        String token = new Jwt("your-256-bit-secret").sign("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}");
        assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0Ij"
                + "oxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", token);
    }

    @Test
    void claimsCarrySubIatAndExpAndTheTokenIsUrlSafe() {
        String claims = Jwt.claims("bench-abc-7", 1_700_000_000L, 1_700_003_600L);
        assertEquals("{\"sub\":\"bench-abc-7\",\"iat\":1700000000,\"exp\":1700003600}", claims);
        String token = new Jwt("0123456789abcdef0123456789abcdef").sign(claims);
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        assertEquals(claims, new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals(token, token.replaceAll("[^A-Za-z0-9._-]", "")); // nothing to URL-encode
        assertThrows(IllegalArgumentException.class, () -> Jwt.claims("a\"b", 1, 2));
    }
}
