package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorsOriginsTest {

    private static CorsOrigins of(String... origins) {
        return new CorsOrigins(() -> Optional.of(List.of(origins)));
    }

    @Test
    void onlyExactOriginsAreListed() {
        CorsOrigins origins = of("https://app.example.com", "http://localhost:3000", "https://[2001:db8::1]:8443");
        assertTrue(origins.listed("https://app.example.com"));
        assertTrue(origins.listed("http://localhost:3000"));
        assertTrue(origins.listed("https://[2001:db8::1]:8443"));
        assertFalse(origins.listed("https://app.example.com:443"));
        assertFalse(origins.listed("http://app.example.com"));
        assertFalse(origins.listed("https://APP.example.com"));
        assertFalse(origins.listed(null));
        assertFalse(new CorsOrigins(Optional::empty).listed("https://app.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", "/.*\\.example\\.com/", "https://*.example.com", "https://App.example.com", "https://app.example.com/",
            "https://app.example.com/path", "app.example.com", " https://app.example.com", "null", "ftp://app.example.com", "https://user@app.example.com" })
    void anythingButAnExactOriginStopsTheStart(String entry) {
        assertThrows(IllegalStateException.class, () -> of("https://ok.example", entry));
    }
}
