package io.dataivr.api.http.admin;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.menu.MenuAdminService;
import io.dataivr.session.record.SessionRecordService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** No admin credentials configured (the production default): the admin API refuses everything. */
@WebMvcTest(controllers = {AdminMenuController.class, AdminSessionController.class})
@ExtendWith(OutputCaptureExtension.class)
class AdminSecurityNotConfiguredTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    MenuAdminService menus;
    @MockitoBean
    SessionRecordService records;

    @Test
    void everyAdminRequestIsRefusedWithAClearCodeWhateverItSends() throws Exception {
        mvc.perform(get("/api/v1/admin/menus"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ADMIN_NOT_CONFIGURED"));
        mvc.perform(delete("/api/v1/admin/menus/telecom").with(httpBasic("admin", "admin")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("ADMIN_NOT_CONFIGURED"));
        verifyNoInteractions(menus, records);
    }

    @Test
    void theStartWarnsHowToSetThemAndMakesUpNoPassword(CapturedOutput output) {
        org.assertj.core.api.Assertions.assertThat(output.getAll())
                .contains("WARN", "the admin API (/api/v1/admin/**) refuses every request", "DATAIVR_ADMIN_USERNAME")
                .doesNotContain("generated security password");
    }
}
