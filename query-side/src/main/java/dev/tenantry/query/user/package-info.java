/** Read model of users' public profiles (display name, email) for member lists. */
package dev.tenantry.query.user;
