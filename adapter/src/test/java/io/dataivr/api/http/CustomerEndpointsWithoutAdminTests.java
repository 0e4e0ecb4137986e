package io.dataivr.api.http;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.session.MenuLevel;
import io.dataivr.session.ConnectionlessSessions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin security covers the admin paths only: the IP channel's REST endpoints answer without
 * any credentials (their own session tokens are the IP channel's business).
 */
@WebMvcTest(ConsultationController.class)
class CustomerEndpointsWithoutAdminTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ConnectionlessSessions sessions;

    @Test
    void aCustomerReadsTheMenuWithoutAdminCredentials() throws Exception {
        UUID id = UUID.randomUUID();
        given(sessions.level(id)).willReturn(new MenuLevel("m", 1, "en", List.of(), "Title", List.of()));

        mvc.perform(get("/api/v1/sessions/" + id + "/menu"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Title"));
    }
}
