package dev.gatehouse.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.http.CorsOrigins;

class CrossSiteGuardTest {

    private static final String OWN = "https://gate.example";

    private final CrossSiteGuard guard = new CrossSiteGuard(null, new RedirectPolicy(new SigninConfig() {
        @Override
        public String defaultRedirect() {
            return "/";
        }

        @Override
        public Optional<List<String>> allowedRedirectDomains() {
            return Optional.of(List.of("example.org"));
        }
    }), new CorsOrigins(() -> Optional.of(List.of("https://app.example.net"))));

    @ParameterizedTest(name = "Sec-Fetch-Site {0}, Origin {1}: cross-site {2}")
    @CsvSource(nullValues = "-", value = {
            "-, -, false", // curl and scripts send neither
            "same-origin, https://gate.example, false",
            "-, https://GATE.example, false",
            "same-site, https://grafana.example.org, false", // an allowed redirect domain
            "-, https://grafana.example.org, false",
            "cross-site, -, true", // the browser says so, whatever else
            "cross-site, https://gate.example, true",
            "-, https://evil.example, true",
            "-, http://grafana.example.org, true", // allowed domains over HTTPS only
            "-, https://gate.example:8443, true", // another port is another origin
            "-, null, true", // sandboxed frames and data: URLs
            "same-origin, null, false", // a form posted from a page with Referrer-Policy: no-referrer
            "same-site, null, true",
            "none, null, true",
            "-, https://example.org.evil.example, true",
            "cross-site, https://app.example.net, false", // listed for CORS: a trusted front-end
            "-, https://app.example.net, false",
            "cross-site, https://app.example.net.evil.example, true",
            "cross-site, http://app.example.net, true" })
    void refusesRequestsFromOtherSites(String fetchSite, String origin, boolean crossSite) {
        assertEquals(crossSite, guard.isCrossSite(fetchSite, origin, OWN));
    }
}
