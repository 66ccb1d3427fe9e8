package dev.tenantry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Scans dev.tenantry.command, dev.tenantry.query and dev.tenantry.infra: the three modules meet here. */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class TenantryApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenantryApplication.class, args);
    }
}
