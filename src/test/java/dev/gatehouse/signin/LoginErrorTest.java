package dev.gatehouse.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginErrorTest {

    @ParameterizedTest(name = "{0} s: {1}")
    @CsvSource({ "0, 1 second", "1, 1 second", "2, 2 seconds", "59, 59 seconds", "60, 1 minute", "61, 2 minutes",
            "300, 5 minutes", "7140, 119 minutes", "7200, 2 hours", "7201, 3 hours" })
    void saysHowLongRoundedUp(long seconds, String said) {
        assertEquals(said, LoginError.duration(seconds));
    }

    @Test
    void readsOnlyWhatItSends() {
        assertEquals(Optional.of(LoginError.INVALID), LoginError.fromQuery("invalid", "5"));
        assertEquals("error=banned&retry_after=300", LoginError.fromQuery("banned", "300").orElseThrow().query());
        assertEquals("error=banned", LoginError.fromQuery("banned", "-1").orElseThrow().query());
        assertEquals("error=banned", LoginError.fromQuery("banned", "9999999999").orElseThrow().query());
        assertEquals(Optional.empty(), LoginError.fromQuery("INVALID", null));
        assertEquals(Optional.empty(), LoginError.fromQuery(null, null));
    }
}
