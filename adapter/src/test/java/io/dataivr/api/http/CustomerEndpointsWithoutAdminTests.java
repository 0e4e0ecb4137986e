package io.dataivr.api.http;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.session.MenuLevel;
import io.dataivr.session.consult.ConnectionlessSessions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The admin security covers the admin paths only: the IP channel's REST endpoints answer without
 * any admin credentials (their own session secrets are the IP channel's business).
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
        given(sessions.level(id, "s3cret")).willReturn(new MenuLevel("m", 1, "en", List.of(), "Title", List.of()));

        mvc.perform(get("/api/v1/sessions/" + id + "/menu").header("Authorization", "Bearer s3cret"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Title"));
    }

    /** Content negotiation is decided before the endpoint runs: a refused request never reaches a use case. */
    @Test
    void aRequestThatAcceptsNoJsonIsRefusedWithAProblemDetailBeforeTheEndpointRuns() throws Exception {
        String session = "/api/v1/sessions/" + UUID.randomUUID();
        for (MockHttpServletRequestBuilder request : List.of(
                post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{}"),
                post("/api/v1/sessions/demo-tokens").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"client\":\"c\"}"),
                get(session + "/menu"),
                post(session + "/choices").contentType(MediaType.APPLICATION_JSON).content("{\"key\":\"1\"}"),
                post(session + "/back"),
                delete(session + "/call"),
                delete(session))) {
            mvc.perform(request.header("Authorization", "Bearer s3cret").accept(MediaType.APPLICATION_XML))
                    .andExpect(status().isNotAcceptable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("NOT_ACCEPTABLE"));
        }
        verifyNoInteractions(sessions);
    }
}
