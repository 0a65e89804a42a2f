package org.loyaltymetrics.behavior;

/**
 * The components of customer engagement that {@link EngagementScore} combines: the telecom KPI guide's inputs
 * for tracking brand engagement (time active, time spent on the platform, level of use, core user
 * actions) and the customer-experience metrics guide's channel interactions (e-mail opens, site visits, social
 * interactions). Amounts are non-negative whole numbers in a unit of the caller's choice, the same for all
 * customers: seconds for the times, counts for the others.
 */
public enum EngagementComponent {
    /** Time the customer was active (e.g. seconds of active sessions). */
    ACTIVE_TIME,
    /** Time spent on the platform (e.g. seconds logged in). */
    TIME_ON_PLATFORM,
    /** Level of use (e.g. sessions, features used, data used). */
    USAGE_LEVEL,
    /** Core user actions (the actions the product exists for: orders, posts, plays). */
    CORE_ACTIONS,
    /** E-mails opened. */
    EMAIL_OPENS,
    /** Visits to the site or app. */
    SITE_VISITS,
    /** Interactions on social channels (likes, shares, comments, mentions). */
    SOCIAL_INTERACTIONS
}
