package dev.tenantry.benchmark;

/**
 * The measured HTTP calls, with the JSON key and the status code the app answers on success. The signup scenarios
 * count only that status as success; the command mix ({@link CommandLoop}) counts any 2xx, as its contract says.
 */
enum Operation {
    REGISTER("register", 201),
    CREATE_ORG("createOrg", 201),
    RENAME_ORG("renameOrg", 200),
    AUDIT_PAGE("auditPage", 200),
    UPDATE_SETTINGS("updateSettings", 200),
    INVITE("invite", 201),
    REVOKE_INVITATION("revokeInvitation", 204),
    CHANGE_ROLE("changeRole", 200);

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
