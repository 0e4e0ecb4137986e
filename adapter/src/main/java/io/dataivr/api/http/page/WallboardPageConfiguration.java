package io.dataivr.api.http.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The supervisor's wallboard page, {@value #PAGE}: static files ({@code static/wallboard/}) reading
 * {@code /ws/v1/wallboard}. Who may open it (supervisors and the admin, signed in) is the sign-in's security
 * chain's business; the page loads nothing from elsewhere and sets text only as text, so the same
 * Content-Security-Policy as the customer page's fits it (scripts and styles from the adapter, no inline
 * script, WebSockets to this origin).
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WallboardPageConfiguration implements WebMvcConfigurer {

    static final String PAGE = "/wallboard/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/wallboard", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }
}
