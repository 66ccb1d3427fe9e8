package dev.tenantry.api.invitation;

public enum InvitationStatus { PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED }
