package dev.tenantry;

import dev.tenantry.infra.persistence.EarlyEmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Scans dev.tenantry.command, dev.tenantry.query and dev.tenantry.infra: the three modules meet here. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class TenantryApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as its main method starts it; {@link StartupTraining} starts it the same way. */
    static SpringApplication application() {
        // Axon's update checker phones home at startup; a self-hosted product must not without being asked.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication application = new SpringApplication(TenantryApplication.class);
        application.addListeners(new EarlyEmbeddedPostgres());
        return application;
    }
}
