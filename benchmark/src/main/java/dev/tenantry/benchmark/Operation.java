package dev.tenantry.benchmark;

/** The measured HTTP calls, with the JSON key and the only status code that counts as success. */
enum Operation {
    REGISTER("register", 201),
    CREATE_ORG("createOrg", 201),
    RENAME_ORG("renameOrg", 200),
    AUDIT_PAGE("auditPage", 200);

    private final String key;
    private final int expectedStatus;

    Operation(String key, int expectedStatus) {
        this.key = key;
        this.expectedStatus = expectedStatus;
    }

    String key() {
        return key;
    }

    int expectedStatus() {
        return expectedStatus;
    }
}
