/**
 * The contracts every part of the library shares: the {@link org.loyaltymetrics.Accumulator}
 * contract (add, combine exactly, snapshot; and the collector of any accumulator), and the two
 * exceptions of its error policy: {@link org.loyaltymetrics.InvalidArgumentException} for an
 * argument out of range (naming it), {@link org.loyaltymetrics.UndefinedResultException} for a
 * figure asked of data on which it is undefined (a rate of no customers).
 *
 * <p>This package depends on nothing but {@code java.base}; every other package may use it.
 */
package org.loyaltymetrics;
