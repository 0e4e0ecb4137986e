package io.dataivr.api.http;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dataivr.agent.Agent;
import io.dataivr.agent.AgentService;
import io.dataivr.agent.AgentState;
import io.dataivr.screen.ScreenService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.BDDMockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An agent console polling its own state over the REST API (GET /api/v1/agents/agent1, HTTP Basic),
 * through the agent filter chain as it runs, with the agent's password stored as ./dataivr
 * hash-password makes it (bcrypt, cost 12) in a password file: every request checked against the hash
 * (dataivr.password-check.remember=0, the baseline) against the password remembered after its first
 * check (5m, the default). Prints each one's time and CPU per request. Not part of the suite:
 * bench/password-check.sh [REQUESTS] runs it.
 */
class PasswordCheckBenchmark {

    static final int REQUESTS = Integer.getInteger("dataivr.password-check.requests", 20);
    private static final Map<String, String> results = Collections.synchronizedMap(new TreeMap<>());
    private static final Path PASSWORDS = passwordFile();

    @DynamicPropertySource
    static void agents(DynamicPropertyRegistry registry) {
        registry.add("dataivr.agent-auth.password-file", PASSWORDS::toString);
    }

    @AfterAll
    static void print() {
        results.values().forEach(System.out::println);
    }

    @Nested
    @WebMvcTest(controllers = AgentController.class, properties = "dataivr.password-check.remember=0")
    class EveryRequestChecked extends Polling {
        @Test
        void poll() throws Exception {
            run("a: every request checked against the hash (remember=0)");
        }
    }

    @Nested
    @WebMvcTest(controllers = AgentController.class, properties = "dataivr.password-check.remember=5m")
    class PasswordRemembered extends Polling {
        @Test
        void poll() throws Exception {
            run("b: the password remembered after its first check (remember=5m)");
        }
    }

    abstract static class Polling {
        @Autowired
        MockMvc mvc;
        @MockitoBean
        AgentService agents;
        @MockitoBean
        ScreenService screens;

        void run(String what) throws Exception {
            BDDMockito.given(agents.agent("agent1"))
                    .willReturn(new Agent("agent1", AgentState.IDLE, List.of("support"), null, 0));
            poll(); // the first request pays the check either way, and warms the chain up
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            List<Long> micros = new ArrayList<>();
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < REQUESTS; i++) {
                long start = System.nanoTime();
                poll();
                micros.add((System.nanoTime() - start) / 1_000);
            }
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / REQUESTS;
            Collections.sort(micros);
            results.put(what, String.format("password-check: %s, n=%d: p50 %.2f ms, p99 %.2f ms, CPU %.2f ms per request",
                    what, REQUESTS, micros.get(micros.size() / 2) / 1000.0,
                    micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1)) / 1000.0, cpuMs));
        }

        private void poll() throws Exception {
            mvc.perform(get("/api/v1/agents/agent1").with(httpBasic("agent1", "agent1-console-password")))
                    .andExpect(status().isOk());
        }
    }

    private static Path passwordFile() {
        try {
            Path file = Files.createTempFile("dataivr-agents", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, "agent1:{bcrypt}" + new BCryptPasswordEncoder(12).encode("agent1-console-password")
                    + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
