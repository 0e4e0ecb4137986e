package io.dataivr.api.http.admin;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.menu.InvalidMenuFile;
import io.dataivr.menu.LocalizedText;
import io.dataivr.menu.Menu;
import io.dataivr.menu.MenuAdminService;
import io.dataivr.menu.MenuFileError;
import io.dataivr.menu.MenuItem;
import io.dataivr.session.record.SessionRecordService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The admin API with an admin configured: the admin's Basic credentials are required. */
@WebMvcTest(controllers = {AdminMenuController.class, AdminSessionController.class})
@TestPropertySource(properties = {"dataivr.admin.username=boss", "dataivr.admin.password=s3cret"})
class AdminSecurityTests {

    private static final byte[] FILE = "menu: m\n".getBytes();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MenuAdminService menus;
    @MockitoBean
    SessionRecordService records;

    @Test
    void withoutCredentialsTheAdminApiAnswers401WithItsCodeAndABasicChallenge() throws Exception {
        mvc.perform(get("/api/v1/admin/menus"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Basic realm=\"DataIVR admin\"")))
                .andExpect(jsonPath("$.code").value("ADMIN_AUTH_REQUIRED"));
        verifyNoInteractions(menus);
    }

    @Test
    void aWrongPasswordIsRefusedLikeNone() throws Exception {
        mvc.perform(get("/api/v1/admin/menus").with(httpBasic("boss", "guess")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("ADMIN_AUTH_REQUIRED"));
        mvc.perform(post("/api/v1/admin/menus").contentType("application/yaml").content(FILE)
                        .with(httpBasic("intruder", "s3cret")))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(menus);
    }

    @Test
    void theAdminsUserNameIsMatchedExactlyAsAnAgentsIs() throws Exception {
        for (String name : List.of("BOSS", "Boss", "boss ")) {
            mvc.perform(get("/api/v1/admin/menus").with(httpBasic(name, "s3cret")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("ADMIN_AUTH_REQUIRED"));
        }
        verifyNoInteractions(menus);
    }

    @Test
    void theAdminPublishesAYamlBodyAndIsRecordedAsThePublisher() throws Exception {
        given(menus.publish(any(), eq("boss"))).willReturn(menu().withVersion(3));

        mvc.perform(post("/api/v1/admin/menus").contentType("application/yaml").content(FILE)
                        .with(httpBasic("boss", "s3cret")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/admin/menus/m"))
                .andExpect(jsonPath("$.id").value("m"))
                .andExpect(jsonPath("$.version").value(3));
        verify(menus).publish(FILE, "boss");
    }

    @Test
    void plainTextIsAcceptedAsAMenuFileToo() throws Exception {
        given(menus.publish(any(), eq("boss"))).willReturn(menu().withVersion(1));
        mvc.perform(post("/api/v1/admin/menus").contentType("text/plain").content(FILE)
                        .with(httpBasic("boss", "s3cret")))
                .andExpect(status().isCreated());
    }

    @Test
    void anInvalidFileIs422WithEachErrorAndItsPath() throws Exception {
        given(menus.publish(any(), any())).willThrow(new InvalidMenuFile(List.of(
                new MenuFileError("items[1].key", "duplicate key \"1\""), new MenuFileError("title", "is missing"))));

        mvc.perform(post("/api/v1/admin/menus").contentType("application/yaml").content(FILE)
                        .with(httpBasic("boss", "s3cret")))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("MENU_FILE_INVALID"))
                .andExpect(jsonPath("$.errors[0].path").value("items[1].key"))
                .andExpect(jsonPath("$.errors[0].message").value("duplicate key \"1\""))
                .andExpect(jsonPath("$.errors[1].path").value("title"));
    }

    @Test
    void aMenuIsReadAsAJsonTreeWithOnlyItsKindsField() throws Exception {
        given(menus.published("m")).willReturn(menu());

        mvc.perform(get("/api/v1/admin/menus/m").with(httpBasic("boss", "s3cret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title.en").value("T"))
                .andExpect(jsonPath("$.items[0].content.en").value("c"))
                .andExpect(jsonPath("$.items[0].items").doesNotExist())
                .andExpect(jsonPath("$.items[1].items[0].voice").value("support"))
                .andExpect(jsonPath("$.items[1].content").doesNotExist());
    }

    @Test
    void theExportIsYamlInUtf8() throws Exception {
        given(menus.export("m")).willReturn("menu: m\ntitle: 电信\n");

        mvc.perform(get("/api/v1/admin/menus/m/export").with(httpBasic("boss", "s3cret")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/yaml;charset=UTF-8"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .bytes("menu: m\ntitle: 电信\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Menu menu() {
        return new Menu("m", 1, List.of("en"), LocalizedText.of("en", "T"), List.of(
                MenuItem.content("1", LocalizedText.of("en", "A"), LocalizedText.of("en", "c")),
                MenuItem.submenu("2", LocalizedText.of("en", "B"),
                        List.of(MenuItem.voice("0", LocalizedText.of("en", "Agent"), "support")))));
    }
}
