package dev.gatehouse.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The static description of /auth/verify is merged with the one generated from the resources. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class OpenApiTest {

    private static final String VERIFY = "paths.'/auth/verify'.get";

    @Test
    void documentsTheGateway() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getList(VERIFY + ".parameters.name"), hasItems("role", "permission", "resource", "X-Original-URL"));
        assertThat(doc.getString(VERIFY + ".parameters.find { it.name == 'role' }.in"), equalTo("query"));
        assertThat(doc.getString(VERIFY + ".parameters.find { it.name == 'role' }.description"),
                containsString("`*` alone admits any signed-in identity"));
        assertThat(doc.getString(VERIFY + ".parameters.find { it.name == 'X-Original-URL' }.in"),
                equalTo("header"));
        assertThat(doc.getMap(VERIFY + ".responses"), hasKey("200"));
        assertThat(doc.getMap(VERIFY + ".responses"), hasKey("401"));
        assertThat(doc.getMap(VERIFY + ".responses"), hasKey("403"));
        for (String header : new String[] { "Remote-User", "Remote-Groups", "Remote-Email" }) {
            assertThat(header, doc.getMap(VERIFY + ".responses.'200'.headers"), hasKey(header));
        }
        assertThat(doc.getMap(VERIFY + ".responses.'401'.headers"), hasKey("Location"));
        assertThat(doc.getMap(VERIFY + ".responses.'401'.headers"), hasKey("WWW-Authenticate"));
        assertThat(doc.getList(VERIFY + ".security.collect { it.keySet() }.flatten()"),
                hasItems("bearer", "session"));
        assertThat(doc.getMap("components.securitySchemes").keySet(), contains("bearer", "session"));
        assertThat(doc.getString("components.securitySchemes.bearer.scheme"), equalTo("bearer"));
        assertThat(doc.getString("components.securitySchemes.session.in"), equalTo("cookie"));
        // The generated part is still there, with the configured title.
        assertThat(doc.getMap("paths.'/auth/session'.post.requestBody.content").keySet(),
                hasItems("application/json", "application/x-www-form-urlencoded"));
        assertThat(doc.get("paths.'/auth/forbidden'.get"), notNullValue());
        assertThat(doc.getString("info.title"), equalTo("Gatehouse API"));
    }

    @Test
    void theYamlDocumentHasItToo() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/auth/verify:"))
                .body(containsString("Remote-Groups"));
    }
}
