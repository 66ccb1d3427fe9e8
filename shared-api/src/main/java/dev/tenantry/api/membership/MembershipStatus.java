package dev.tenantry.api.membership;

public enum MembershipStatus { ACTIVE, REMOVED, LEFT }
