/** The published language shared by the command side, the query side and the application: plain records, no Spring. */
package dev.tenantry.api;
