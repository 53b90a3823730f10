package dev.gatehouse.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RedirectPolicyTest {

    private final RedirectPolicy policy = new RedirectPolicy(config(List.of("example.org")));

    @Test
    void allowsConfiguredDomainAndItsSubdomainsOverHttps() {
        assertEquals("https://grafana.example.org/d", policy.safe("https://grafana.example.org/d", "https://gate.example"));
        assertEquals("https://example.org/", policy.safe("https://example.org/", "https://gate.example"));
    }

    @Test
    void refusesConfiguredDomainOverPlainHttp() {
        assertEquals("/", policy.safe("http://grafana.example.org/", "https://gate.example"));
    }

    @Test
    void refusesLookalikeDomains() {
        assertEquals("/", policy.safe("https://evilexample.org/", "https://gate.example"));
        assertEquals("/", policy.safe("https://example.org.evil.example/", "https://gate.example"));
    }

    @Test
    void refusesOtherPortOfTheSameHost() {
        assertEquals("/", policy.safe("https://gate.example:9999/", "https://gate.example"));
    }

    private static SigninConfig config(List<String> domains) {
        return new SigninConfig() {
            @Override
            public String defaultRedirect() {
                return "/";
            }

            @Override
            public Optional<List<String>> allowedRedirectDomains() {
                return Optional.of(domains);
            }
        };
    }
}
