package io.dataivr.api.http.page;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The agent console, {@value #PAGE}: static files ({@code static/agent/}) that use the agent API
 * ({@code /api/v1/agents/{agent}/…}) and the agent socket ({@code /ws/v1/agent}) with the signed-in user's
 * session. Who may open it is the sign-in's security chain's business.
 */
@Profile("!admin")
@Configuration(proxyBeanMethods = false)
class AgentConsolePageConfiguration implements WebMvcConfigurer {

    static final String PAGE = "/agent/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/agent", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }
}
