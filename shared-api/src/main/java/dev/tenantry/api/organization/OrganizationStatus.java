package dev.tenantry.api.organization;

public enum OrganizationStatus { ACTIVE, CLOSED }
