package dev.gatehouse.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.gatehouse.support.OidcProviderResource;
import io.restassured.response.Response;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** A browser going through a sign-in at the test provider, one step at a time. */
final class SsoFlow {

    static final String PRE_LOGIN_COOKIE = "gatehouse_sso";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** What {@code start} gave the browser: the provider's URL and the pre-login cookie. */
    record Started(String providerUrl, String preLoginCookie) {
    }

    private SsoFlow() {
    }

    /** The provider will issue tokens for {@code subject} with {@code claims} at the next code exchange. */
    static void nextSignIn(String issuerId, String subject, Map<String, Object> claims) {
        OidcProviderResource.server().enqueueCallback(
                new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(OidcProviderResource.CLIENT_ID), claims, 3600));
    }

    static Started start(String provider, String rd) {
        Response answer = given().redirects().follow(false).queryParam("rd", rd).get("/auth/sso/" + provider + "/start");
        assertEquals(302, answer.statusCode(), answer.asString());
        return new Started(answer.header("Location"), answer.cookie(PRE_LOGIN_COOKIE));
    }

    /** The provider signs the person in at once and sends the browser back: the callback URL it sends it to. */
    static String atProvider(Started started) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(started.providerUrl())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, answer.statusCode(), answer.body());
            return answer.headers().firstValue("Location").orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response callback(String callbackUrl, String preLoginCookie) {
        var request = given().redirects().follow(false).urlEncodingEnabled(false);
        if (preLoginCookie != null) {
            request = request.cookie(PRE_LOGIN_COOKIE, preLoginCookie);
        }
        return request.get(callbackUrl);
    }

    /** The whole journey: start, the provider, the callback. */
    static Response signIn(String provider, String rd) {
        Started started = start(provider, rd);
        return callback(atProvider(started), started.preLoginCookie());
    }

    /** The value of query parameter {@code name} in {@code url}. */
    static String queryParam(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
