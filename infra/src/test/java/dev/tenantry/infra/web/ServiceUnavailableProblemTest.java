package dev.tenantry.infra.web;

import dev.tenantry.infra.billing.BillingAvailability;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What a client sees when an endpoint needs billing and the app has none: the problem ProblemHandler writes. */
class ServiceUnavailableProblemTest {

    @RestController
    static class NeedsBilling {

        @GetMapping("/api/needs-billing")
        void needsBilling() {
            throw BillingAvailability.notConfigured();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new NeedsBilling())
            .setControllerAdvice(new ProblemHandler())
            .build();

    @Test
    void billingWithoutStripeKeysIsA503BillingNotConfiguredProblem() throws Exception {
        mvc.perform(get("/api/needs-billing"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://tenantry.dev/problems/billing-not-configured"))
                .andExpect(jsonPath("$.code").value("billing-not-configured"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("Service unavailable"))
                .andExpect(jsonPath("$.detail").value("billing not configured"));
    }
}
