package dev.switchboard.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Worked examples of https://pusher.com/docs/channels/library_auth_reference/auth-signatures/ */
class SignaturesTest {
    private static final String KEY = "278d425bdf160c739803";
    private static final String SECRET = "7ad3773142a6692b25b8";

    @Test
    void privateChannelAuthMatchesPusherWorkedExample() {
        assertEquals(KEY + ":58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
                Signatures.privateChannelAuth(KEY, SECRET, "1234.1234", "private-foobar"));
    }

    @Test
    void presenceChannelAuthSignsChannelDataToo() {
        String channelData = "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Pusher\"}}";
        assertEquals(KEY + ":afaed3695da2ffd16931f457e338e6c9f2921fa133ce7dac49f529792be6304c",
                Signatures.presenceChannelAuth(KEY, SECRET, "1234.1234", "presence-foobar", channelData));
    }

    @Test
    void md5IsLowercaseHex() {
        assertEquals("912ec803b2ce49e4a541068d495ab570", Signatures.md5Hex("asdf".getBytes()));
    }
}
