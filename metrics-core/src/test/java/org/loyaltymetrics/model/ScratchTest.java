package org.loyaltymetrics.model;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void scratch() {
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            BetaGeometricNbdModel bg = BetaGeometricNbdModel.fit(ReferenceData.cdnow());
            long t1 = System.nanoTime();
            System.out.println(bg.fitResult() + " ms " + (t1 - t0) / 1e6);
            System.out.println("E52 " + bg.expectedPurchases(52) + " cond " + bg.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
            t0 = System.nanoTime();
            ParetoNbdModel p = ParetoNbdModel.fit(ReferenceData.cdnow());
            t1 = System.nanoTime();
            System.out.println(p.fitResult() + " ms " + (t1 - t0) / 1e6);
            ModifiedBetaGeometricNbdModel m = ModifiedBetaGeometricNbdModel.fit(ReferenceData.cdnow());
            System.out.println(m.fitResult());
        }
        System.out.println(ReferenceData.cdnow());
    }
}
