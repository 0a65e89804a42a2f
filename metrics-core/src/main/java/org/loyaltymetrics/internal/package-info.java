/**
 * Numeric internals: argument checks, special functions, distributions, primitive maps, text
 * formatting. Not exported by the module and not part of the API.
 */
package org.loyaltymetrics.internal;
