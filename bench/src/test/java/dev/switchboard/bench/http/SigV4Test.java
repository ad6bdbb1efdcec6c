package dev.switchboard.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4Test {
    private static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /** aws-sig-v4-test-suite "get-vanilla". */
    @Test
    void getVanilla() {
        SigV4 s = new SigV4("AKIDEXAMPLE", SECRET, "us-east-1", "service");
        String auth = s.authorization("GET", "/", "",
                Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), new byte[0], AT);
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date,"
                + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", auth);
    }

    /** aws-sig-v4-test-suite "post-vanilla". */
    @Test
    void postVanilla() {
        SigV4 s = new SigV4("AKIDEXAMPLE", SECRET, "us-east-1", "service");
        String auth = s.authorization("POST", "/", "",
                Map.of("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), new byte[0], AT);
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date,"
                + " Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", auth);
    }

    /** The worked example of the SigV4 documentation (IAM ListUsers). */
    @Test
    void iamListUsersExample() {
        SigV4 s = new SigV4("AKIDEXAMPLE", SECRET, "us-east-1", "iam");
        String auth = s.authorization("GET", "/", "Action=ListUsers&Version=2010-05-08",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                        "Host", "iam.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), new byte[0], AT);
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
                + " SignedHeaders=content-type;host;x-amz-date,"
                + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", auth);
    }

    /**
     * A PostToConnection signed by the AWS SDK for Java v2 ({@code AwsV4HttpSigner}, http-auth-aws 2.x, fixed clock
     * 2026-12-06T21:00:00Z, {@code encodedPath("/@connections/aHZMOcv7jNl_74U%3D")}, which also signs
     * x-amz-content-sha256); its debug log showed the canonical URI {@code /%40connections/aHZMOcv7jNl_74U%253D}.
     */
    @Test
    void matchesTheAwsSdkSignerOnAPostToConnection() {
        SigV4 s = new SigV4("app-key", "app-secret", "us-east-1", "execute-api");
        byte[] body = "{\"seq\":1,\"t\":2,\"p\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String auth = s.authorization("POST", "/@connections/aHZMOcv7jNl_74U%3D", "", Map.of(
                "Content-Type", "application/json", "Host", "127.0.0.1:6301",
                "x-amz-content-sha256", "8de76d01b4b7aef78c9621f1a548b0dcd4e3e8be5637a54c823eb8b71dc63002",
                "X-Amz-Date", "20261206T210000Z"), body, Instant.parse("2026-12-06T21:00:00Z"));
        assertEquals("AWS4-HMAC-SHA256 Credential=app-key/20261206/us-east-1/execute-api/aws4_request,"
                + " SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,"
                + " Signature=7c8fd7dd392223975da92ee5f7efdedf99d280b640255e96321a1b9940f32e4b", auth);
        assertEquals("8de76d01b4b7aef78c9621f1a548b0dcd4e3e8be5637a54c823eb8b71dc63002", SigV4.hex(SigV4.sha256(body)));
        assertEquals("/%40connections/aHZMOcv7jNl_74U%253D", SigV4.canonicalUri("/@connections/aHZMOcv7jNl_74U%3D"));
    }

    @Test
    void pathSegmentsAreEncodedTwice() {
        assertEquals("/prod/%2540connections/a%253D", SigV4.canonicalUri("/prod/%40connections/a%3D"));
        assertEquals("/%40connections/Ab-_.~%253D", SigV4.canonicalUri("/@connections/Ab-_.~%3D"));
        assertEquals("a%3D%2Fb", SigV4.encodeSegment("a=/b"));
    }

    @Test
    void canonicalQueryIsSortedAndEncoded() {
        assertEquals("a=1&b=%20x&b=y", SigV4.canonicalQuery("b=y&a=1&b=%20x"));
    }

    @Test
    void postCarriesSignedHeadersAndBody() {
        SigV4 s = new SigV4("app-key", "app-secret", "us-east-1", "execute-api");
        byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        FullHttpRequest req = s.post("127.0.0.1:6001", "/@connections/abc%3D", body, AT);
        try {
            assertEquals("/@connections/abc%3D", req.uri());
            assertEquals("20150830T123600Z", req.headers().get("X-Amz-Date"));
            String auth = req.headers().get("Authorization");
            assertEquals(auth, s.authorization("POST", "/@connections/abc%3D", "", Map.of("host", "127.0.0.1:6001",
                    "x-amz-date", "20150830T123600Z", "content-type", "application/json"), body, AT));
            assertEquals(true, auth.startsWith("AWS4-HMAC-SHA256 Credential=app-key/20150830/us-east-1/execute-api/"
                    + "aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="), auth);
            assertEquals("{\"x\":1}", req.content().toString(StandardCharsets.UTF_8));
        } finally {
            req.release();
        }
    }
}
