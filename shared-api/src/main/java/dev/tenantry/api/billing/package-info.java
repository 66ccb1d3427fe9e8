/** Plans, subscriptions and their billing events. */
package dev.tenantry.api.billing;
