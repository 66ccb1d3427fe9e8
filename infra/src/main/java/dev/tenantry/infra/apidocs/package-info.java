/** The OpenAPI document: what every operation shares, added in one place, and what tells operations apart. */
package dev.tenantry.infra.apidocs;
