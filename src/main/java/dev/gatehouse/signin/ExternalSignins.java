package dev.gatehouse.signin;

import java.util.List;
import java.util.Optional;

import dev.gatehouse.session.Session;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sign-in somewhere else (single sign-on providers), as the sign-in pages need to know it: a button
 * per provider on the login page, the origins a logout may be sent on to, and where the browser goes
 * once a session begun there has ended here. Declared here and implemented where the providers are,
 * so that the pages depend on no provider code.
 */
public interface ExternalSignins {

    /** A button on the login page: "Sign in with {@code label}", going to {@code path} with {@code ?rd=}. */
    record Button(String path, String label) {
    }

    List<Button> buttons();

    /** Origins ({@code https://idp.example.com}) a form's redirect may reach: the providers' logout pages. */
    List<String> formTargets();

    /** The provider's logout page for a session it began (ended here just now); empty for every other session. */
    Optional<String> logoutRedirect(Session session, HttpServerRequest request);

    /** Several kinds of provider (OpenID Connect, SAML...) as one: all their buttons and targets. */
    static ExternalSignins all(List<ExternalSignins> kinds) {
        List<ExternalSignins> each = List.copyOf(kinds);
        return new ExternalSignins() {
            @Override
            public List<Button> buttons() {
                return each.stream().flatMap(kind -> kind.buttons().stream()).toList();
            }

            @Override
            public List<String> formTargets() {
                return each.stream().flatMap(kind -> kind.formTargets().stream()).distinct().toList();
            }

            @Override
            public Optional<String> logoutRedirect(Session session, HttpServerRequest request) {
                return each.stream().map(kind -> kind.logoutRedirect(session, request)).flatMap(Optional::stream).findFirst();
            }
        };
    }
}
