/**
 * Exact money: {@link org.loyaltymetrics.money.Money}, a whole number of minor units of a {@link
 * org.loyaltymetrics.money.CurrencyUnit} (a currency code and its number of decimals). Amounts in
 * different units never mix silently: combining them is an error.
 */
package org.loyaltymetrics.money;
