package org.loyaltymetrics.programme;

import java.util.Locale;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * The kinds of event in a loyalty programme's points log, in the order a ledger applies the events of one
 * member on one day: enrolment first, then points earned and adjusted, then points burned (redeemed) and
 * expired, so that points earned on a day can be redeemed the same day.
 *
 * <ul>
 *   <li>{@link #ENROL}: the member joins the programme (no points); every other event of the member must
 *       be on or after it. Without one, a member is enrolled on the day of their first event.
 *   <li>{@link #EARN}: points issued to the member (a positive number), a new lot of points.
 *   <li>{@link #ADJUST}: a correction (a non-zero number, either sign): a positive adjustment is a new lot,
 *       a negative one takes points from the oldest lots, as a burn does, without counting as redeemed.
 *   <li>{@link #BURN}: points redeemed for a reward (a positive number), taken from the oldest lots first
 *       (first in, first out).
 *   <li>{@link #EXPIRE}: points that expired (a positive number), taken from the oldest lots first.
 * </ul>
 */
public enum LedgerEvent {
    /** The member joins the programme. */
    ENROL,
    /** Points issued. */
    EARN,
    /** A correction of either sign. */
    ADJUST,
    /** Points redeemed. */
    BURN,
    /** Points expired. */
    EXPIRE;

    /**
     * The event named {@code name}, in any case: {@code earn}, {@code burn}, {@code expire}, {@code adjust},
     * {@code enrol}; {@code redeem} is read as {@code burn} and {@code enroll} as {@code enrol}.
     *
     * @throws InvalidArgumentException naming {@code event} if the name is none of these
     */
    public static LedgerEvent parse(String name) {
        Checks.notNull(name, "name");
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "earn":
                return EARN;
            case "burn":
            case "redeem":
                return BURN;
            case "expire":
                return EXPIRE;
            case "adjust":
                return ADJUST;
            case "enrol":
            case "enroll":
                return ENROL;
            default:
                throw InvalidArgumentException.of("event", "one of earn, burn, expire, adjust, enrol", "\"" + name + "\"");
        }
    }

    /** The event's name in a log, in lower case: {@code earn}, {@code burn}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
