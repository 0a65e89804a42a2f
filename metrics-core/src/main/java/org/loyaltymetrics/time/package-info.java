/**
 * Calendar periods for grouping dated records: {@link org.loyaltymetrics.time.Granularity} (day, ISO
 * week, month, quarter, year) maps a date to a consecutive period number without allocating, and
 * {@link org.loyaltymetrics.time.CalendarPeriod} is one period with its bounds and label. Periods are
 * half-open: from their first day to the first day of the next.
 */
package org.loyaltymetrics.time;
