package dev.tenantry.infra.web;

import java.util.List;

/** Every list the API answers is wrapped, so that paging fields can be added without breaking clients. */
public record Items<T>(List<T> items) {
}
