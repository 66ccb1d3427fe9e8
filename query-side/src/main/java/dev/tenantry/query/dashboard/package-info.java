/** The tenant dashboard: its team summary over the read models and its history (members per day, invitations per week, from event time). */
package dev.tenantry.query.dashboard;
