package io.dataivr.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataivr.IntegrationTest;
import io.dataivr.fixtures.AgentCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The adapter serves the customer page at /app/ to anyone (no admin or agent credentials asked,
 * none let in elsewhere), with the web SDK and JsSIP beside it, and the headers a page needs:
 * scripts and styles from the adapter only, WebSockets allowed, no sniffing, no framing.
 */
@IntegrationTest
class CustomerPageIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern REFERENCE = Pattern.compile("<(?:script|link)\\b[^>]*\\b(?:src|href)=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Test
    void thePageIsServedToAnyoneWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/app/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(CustomerPageConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(CustomerPageConfiguration.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self';", "connect-src 'self' ws: wss:", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Permissions-Policy")).hasValueSatisfying(p -> assertThat(p).contains("microphone=(self)"));
        assertThat(page.body()).as("no inline script: every <script> has a src")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("\\son[a-z]+=")
                .contains("<script type=\"module\" src=\"js/app.js\"></script>");
    }

    @Test
    void everyFileThePageNamesIsServedFromTheAdapterWithItsType() throws Exception {
        String html = get("/app/").body();
        List<String> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(html);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        assertThat(references).contains("js/app.js", "app.css", "../common/icon.svg", "../common/base.css")
                .allSatisfy(ref -> assertThat(ref).as("nothing from elsewhere").doesNotContain("//", ":"));
        for (String reference : references) {
            assertThat(get(URI.create("/app/").resolve(reference).toString()).statusCode()).as(reference)
                    .isEqualTo(200);
        }
        for (String module : List.of("js/app.js", "js/view.js", "js/i18n.js", "js/launch.js", "sdk/index.js",
                "sdk/client.js", "sdk/voice.js", "sdk/jssip-ua.js", "vendor/jssip.js")) {
            HttpResponse<String> script = get("/app/" + module);
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).as(module)
                    .hasValueSatisfying(type -> assertThat(type).matches("(text|application)/javascript.*"));
            assertThat(script.headers().firstValue("X-Content-Type-Options")).as(module).hasValue("nosniff");
        }
        assertThat(get("/app/vendor/jssip.js").body()).startsWith("/* JsSIP ");
    }

    @Test
    void theScriptsEveryPageSharesAreServedToAnyoneAsJavascript() throws Exception {
        for (String file : List.of("/common/base.css", "/common/js/words.js")) {
            assertThat(get(file).headers().firstValue("X-Content-Type-Options")).as(file).hasValue("nosniff");
        }
        HttpResponse<String> words = get("/common/js/words.js");
        assertThat(words.statusCode()).isEqualTo(200);
        assertThat(words.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).matches("(text|application)/javascript.*"));
        assertThat(words.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(words.body()).contains("export function wordsOf(");
        for (String page : List.of("/app/js/i18n.js", "/agent/js/i18n.js", "/wallboard/js/i18n.js")) {
            String source = Files.readString(Path.of("src/main/resources/static").resolve(page.substring(1)));
            assertThat(source).as(page).contains("from '../../common/js/words.js'");
        }
        assertThat(get("/common/js/nope.js").statusCode()).isEqualTo(404);
    }

    /** One icon for every page, served to anyone (the sign-in page's too): no tab asks for /favicon.ico. */
    @Test
    void everyPageNamesTheOneSharedIcon() throws Exception {
        HttpResponse<String> icon = get("/common/icon.svg");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("image/svg+xml"));
        for (String page : List.of("app", "agent", "wallboard", "login")) {
            String html = Files.readString(Path.of("src/main/resources/static", page, "index.html"));
            assertThat(html).as(page).containsPattern("<link rel=\"icon\" href=\"(\\.\\.|)/common/icon\\.svg\"");
        }
    }

    @Test
    void slashlessAppRedirectsToThePageAndAMissingFileIsAProblemNotAPage() throws Exception {
        HttpResponse<String> bare = get("/app");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/app/"));

        HttpResponse<String> missing = get("/app/nope.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void credentialsSentToThePageAreNeitherAskedForNorChecked() throws Exception {
        HttpResponse<String> withWrongAdmin = send(HttpRequest.newBuilder(uri("/app/"))
                .header("Authorization", AgentCredentials.basic(AgentCredentials.ADMIN, "wrong-password")).build());
        assertThat(withWrongAdmin.statusCode()).isEqualTo(200);
        // and the page's chain lets nobody into the admin API
        HttpResponse<String> admin = get("/api/v1/admin/menus");
        assertThat(admin.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
