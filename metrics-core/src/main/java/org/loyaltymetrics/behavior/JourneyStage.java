package org.loyaltymetrics.behavior;

/**
 * The five stages of the customer journey of the loyalty and retention guide, in order: a customer who reached a stage
 * has passed every earlier one.
 */
public enum JourneyStage {
    /** The customer knows the brand. */
    AWARENESS,
    /** The customer considers buying (compares, asks, tries). */
    CONSIDERATION,
    /** The customer bought. */
    PURCHASE,
    /** The customer stayed and bought again or renewed. */
    RETENTION,
    /** The customer recommends the brand to others. */
    ADVOCACY
}
