package dev.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalCompactJwsTest {

    // Segment lengths 36 (no unused bits), 6 (4 unused bits: 'Q' = 010000), 7 (2 unused bits: 'E' = 000100).
    private static final String GOOD = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abcdefE";

    @Test
    void acceptsTheCanonicalSpelling() throws InvalidTokenException {
        CanonicalCompactJws.require(GOOD);
        CanonicalCompactJws.require("eyJh.eyJzdQ.c2lnbmF0dXJl");
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdR.abcdefE", // unused bits set (R = 010001)
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abcdefF", // unused bits set (F = 000101)
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abcdefE=", // padding
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abc!defE", // stray characters lenient decoders skip
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abc*defE",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abc~defE",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abc%defE",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.ab+/defE", // the other base64 alphabet
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.abcde", // length 5: impossible
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ.", // empty signature
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdQ", // two segments
            "a.b.c.d.e", "", "..", "eyJh eyJzdQ.c2ln" })
    void refusesEveryOtherSpelling(String token) {
        assertThrows(InvalidTokenException.class, () -> CanonicalCompactJws.require(token));
    }

    @Test
    void refusesTokensOverTheSizeLimitWithoutLookingFurther() {
        String huge = "eyJh." + "A".repeat(CanonicalCompactJws.MAX_LENGTH) + ".c2ln";
        assertThrows(InvalidTokenException.class, () -> CanonicalCompactJws.require(huge));
        assertThrows(InvalidTokenException.class, () -> CanonicalCompactJws.require(null));
    }
}
