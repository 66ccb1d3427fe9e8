/** The tenant dashboard's history: members per day and invitations per week, from event time. */
package dev.tenantry.query.dashboard;
