package dev.gatehouse.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.MailResource;
import dev.gatehouse.support.MailServer;
import dev.gatehouse.support.OidcProviderResource;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An account a provider made signs in only through the provider: no local password can be set on it. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(OidcProviderResource.class)
@WithTestResource(MailResource.class)
class SsoAccountPasswordTest {

    @MailResource.InjectMail
    MailServer mail;

    @Inject
    UserDirectory directory;

    @Test
    void attackPasswordResetOfAnSsoAccountMailsNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ssoAddress = "sso-" + tag + "@idp.example";
        SsoFlow.nextSignIn("mock", "sub-" + tag, Map.of("email", ssoAddress, "email_verified", true));
        assertEquals(302, SsoFlow.signIn("mock", "/").statusCode());
        assertEquals(Optional.of(ssoAddress), directory.find("mock:sub-" + tag).orElseThrow().email());
        // A local account beside it, so that "no mail" means refused, not a mail server that sends nothing.
        String localAddress = "local-" + tag + "@example.com";
        directory.create(new User("local-" + tag, Set.of(Role.USER), User.Status.ACTIVE, User.Source.SIGNUP, Optional.of(localAddress),
                Optional.empty(), Instant.EPOCH), Optional.empty());

        given().contentType("application/json").body(Map.of("email", ssoAddress)).post("/auth/password/forgot").then().statusCode(202);
        given().contentType("application/json").body(Map.of("email", localAddress)).post("/auth/password/forgot").then().statusCode(202);
        mail.awaitCode(localAddress, Duration.ofSeconds(10));
        assertEquals(List.of(), mail.messagesTo(ssoAddress));
    }
}
