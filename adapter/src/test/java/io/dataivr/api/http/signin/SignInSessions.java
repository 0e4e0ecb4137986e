package io.dataivr.api.http.signin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Signs in through the real form as a browser does (MockMvc): GET /login for the XSRF-TOKEN cookie,
 * then POST /login with it; what a browser then holds (session and CSRF cookie) comes back.
 */
record SignInSessions(MockMvc mvc) {

    /** A browser's state after the form: its session (null when refused), its CSRF token and where it was sent. */
    record Browser(MockHttpSession session, String csrf, String redirectedTo) {

        MockHttpServletRequestBuilder get(String path) {
            return session(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path));
        }

        /** A POST as a page sends it: with the session, the cookie and header X-XSRF-TOKEN. */
        MockHttpServletRequestBuilder post(String path) {
            return session(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path))
                    .header("X-XSRF-TOKEN", csrf);
        }

        /** A POST without the CSRF header (a forged request rides on the session cookie only). */
        MockHttpServletRequestBuilder postWithoutCsrf(String path) {
            return session(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path));
        }

        private MockHttpServletRequestBuilder session(MockHttpServletRequestBuilder request) {
            if (session != null) {
                request.session(session);
            }
            return request.cookie(new Cookie("XSRF-TOKEN", csrf));
        }
    }

    /** The XSRF-TOKEN cookie GET /login hands out. */
    String csrfFromLoginPage() throws Exception {
        Cookie cookie = mvc.perform(get("/login")).andReturn().getResponse().getCookie("XSRF-TOKEN");
        if (cookie == null) {
            throw new AssertionError("GET /login set no XSRF-TOKEN cookie");
        }
        return cookie.getValue();
    }

    Browser signIn(String name, String password) throws Exception {
        String csrf = csrfFromLoginPage();
        MvcResult result = mvc.perform(post("/login").param("username", name).param("password", password)
                .param("_csrf", csrf).cookie(new Cookie("XSRF-TOKEN", csrf))).andReturn();
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        Cookie rotated = result.getResponse().getCookie("XSRF-TOKEN");
        String token = csrf;
        if (rotated != null && !rotated.getValue().isEmpty()) {
            token = rotated.getValue();
        } else if (rotated != null) {
            // Signing in replaced the token: the next page load gets the new one.
            token = mvc.perform(get("/api/v1/me").session(session)).andReturn().getResponse().getCookie("XSRF-TOKEN")
                    .getValue();
        }
        return new Browser(session, token, result.getResponse().getRedirectedUrl());
    }
}
