package io.dataivr.api.http;

import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * A MockMvc request whose {@code Accept-Language} reaches the application as sent, as Tomcat passes it
 * on. MockMvc's own request parses that header when it is added and throws on some values a real
 * server accepts, so a test sending arbitrary headers through it would have to leave those out.
 */
final class RawHeaderRequest extends AbstractMockHttpServletRequestBuilder<RawHeaderRequest> {

    RawHeaderRequest(HttpMethod method, String path) {
        super(method);
        uri(path);
    }

    @Override
    protected MockHttpServletRequest createServletRequest(ServletContext context) {
        return new MockHttpServletRequest(context) {

            private String acceptLanguage;

            @Override
            public void addHeader(String name, Object value) {
                if (HttpHeaders.ACCEPT_LANGUAGE.equalsIgnoreCase(name)) {
                    acceptLanguage = String.valueOf(value);
                } else {
                    super.addHeader(name, value);
                }
            }

            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT_LANGUAGE.equalsIgnoreCase(name) ? acceptLanguage : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                if (!HttpHeaders.ACCEPT_LANGUAGE.equalsIgnoreCase(name)) {
                    return super.getHeaders(name);
                }
                return acceptLanguage == null ? Collections.emptyEnumeration()
                        : Collections.enumeration(List.of(acceptLanguage));
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
                if (acceptLanguage != null) {
                    names.add(HttpHeaders.ACCEPT_LANGUAGE);
                }
                return Collections.enumeration(names);
            }
        };
    }
}
